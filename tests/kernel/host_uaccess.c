/* Host stand-ins of copyin/copyout for tests that do not link vm.c: "user" memory is host
 * memory. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vm.h"

volatile uint64_t vm_icache_gen;

int copyin(void *dst, uint64_t usrc, size_t n)
{
	memcpy(dst, (const void *)usrc, n);
	return 0;
}
int copyout(uint64_t udst, const void *src, size_t n)
{
	memcpy((void *)udst, src, n);
	return 0;
}

