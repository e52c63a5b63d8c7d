/* Host-side stand-ins (see host.h): locks, panic, console, processes, user copies. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <setjmp.h>
#include <pthread.h>
#include <cmocka.h>

#include "cpu.h"
#include "host.h"
#include "mem.h"
#include "printf.h"
#include "proc.h"
#include "spinlock.h"
#include "vm.h"

jmp_buf host_panic_jmp;
bool host_panic_expected;
char host_panic_msg[256];
volatile int panicking;
int host_thread_panics;

/* Threads of a test stand in for harts (host_set_cpu): the locks are real spinlocks, and a
 * lock taken again by its holder still fails the test. */
struct cpu cpus[MAX_HARTS];
int ncpus = 1;
static _Thread_local struct cpu *host_cpu = &cpus[0];
struct cpu *mycpu(void) { return host_cpu; }
void host_set_cpu(int id) { host_cpu = &cpus[id]; }

void spin_init(struct spinlock *lk, const char *name)
{
	lk->locked = 0;
	lk->name = name;
	lk->cpu = NULL;
}
void spin_lock(struct spinlock *lk)
{
	if (spin_holding(lk))
		fail_msg("spin_lock: %s already held", lk->name);
	while (__atomic_exchange_n(&lk->locked, 1, __ATOMIC_ACQUIRE))
		;
	__atomic_store_n(&lk->cpu, mycpu(), __ATOMIC_RELAXED);
}
void spin_unlock(struct spinlock *lk)
{
	if (!spin_holding(lk))
		fail_msg("spin_unlock: %s not held", lk->name);
	__atomic_store_n(&lk->cpu, NULL, __ATOMIC_RELAXED);
	__atomic_store_n(&lk->locked, 0, __ATOMIC_RELEASE);
}
/* other threads' lock words are read atomically (TSan would report plain reads) */
bool spin_holding(struct spinlock *lk)
{
	return __atomic_load_n(&lk->locked, __ATOMIC_RELAXED) &&
	       __atomic_load_n(&lk->cpu, __ATOMIC_RELAXED) == mycpu();
}
void push_off(void) {}
void pop_off(void) {}
void sleep_init(struct sleeplock *lk, const char *name)
{
	lk->locked = false;
	lk->name = name;
}
void sleep_lock(struct sleeplock *lk)
{
	if (lk->locked)
		fail_msg("sleep_lock: %s already held", lk->name);
	lk->locked = true;
}
void sleep_unlock(struct sleeplock *lk) { lk->locked = false; }
bool sleep_holding(struct sleeplock *lk) { return lk->locked; }
struct proc *myproc(void) { return NULL; }
void wakeup(void *chan) { (void)chan; }
void sleep_on(void *chan, struct spinlock *lk)
{
	(void)chan;
	(void)lk;
	fail_msg("sleep_on called in a host test");
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(host_panic_msg, sizeof(host_panic_msg), fmt, ap);
	va_end(ap);
	if (host_cpu != &cpus[0]) { /* a helper thread: the test's main thread reports it */
		__atomic_add_fetch(&host_thread_panics, 1, __ATOMIC_RELEASE);
		pthread_exit(NULL);
	}
	if (host_panic_expected)
		longjmp(host_panic_jmp, 1);
	fail_msg("unexpected panic: %s", host_panic_msg);
	abort();
}

static void *arena;

void *host_mem_init(size_t pages, uint64_t gbase)
{
	mem_reset();
	arena = aligned_alloc(4096, pages * 4096);
	assert_non_null(arena);
	assert_int_equal(mem_add_region((uint64_t)arena, gbase ? gbase : (uint64_t)arena,
					pages * 4096, 0), 0);
	return arena;
}

void host_mem_free(void)
{
	free(arena);
	arena = NULL;
}
