/* Host-side stand-ins for the kernel services that the unit-tested modules use. */
#ifndef TESTS_KERNEL_HOST_H
#define TESTS_KERNEL_HOST_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* panic() longjmps here when a test expects it (host_expect_panic), else fails the test */
extern jmp_buf host_panic_jmp;
extern bool host_panic_expected;
extern char host_panic_msg[256];
#define EXPECT_PANIC(stmt)                                                                  \
	do {                                                                                \
		host_panic_expected = true;                                                 \
		if (setjmp(host_panic_jmp) == 0) {                                          \
			stmt;                                                               \
			host_panic_expected = false;                                        \
			fail_msg("expected a panic: %s", #stmt);                             \
		}                                                                           \
		host_panic_expected = false;                                                \
	} while (0)

/* Helper threads of a test run as cpus[id] (the main thread is cpus[0]); a panic in one ends
 * that thread and counts here, for the main thread to check. */
void host_set_cpu(int id);
extern int host_thread_panics;

/* A page-aligned arena registered as one memory region (node 0, global address gbase). */
void *host_mem_init(size_t pages, uint64_t gbase);
void host_mem_free(void);

#endif
