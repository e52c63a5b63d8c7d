/* Memory cutoff and the panic's stop protocol (see cutoff.h). */
#include "cell.h"
#include "cpu.h"
#include "cutoff.h"
#include "errno.h"
#include "hive_regs.h"
#include "printf.h"
#include "riscv.h"
#include "sbi.h"
#include "vm.h"

/* The protocol's shared state lives in the kernel image, i.e. in home memory, which stays
 * reachable until the very last step. */
static volatile int panicker = -1;     /* cpus[] index of the panicking hart */
static volatile int closer = -1;       /* cpus[] index of the hart that cuts the nodes */
static volatile uint64_t stopped;      /* cpus[] indices on their scheduler stacks */
static volatile uint64_t away;         /* harts of other nodes about to stop in OpenSBI */

/* ms of mtime that a step waits for harts that may never answer */
#define STOP_WAIT_MS 10
/* HSM reports a hart stopped a few hundred instructions before it reaches OpenSBI's wait loop
 * (its warm-boot path, through home memory); ms of margin for that */
#define STOP_SETTLE_MS 1

/* whether node n's cutoff is now set */
static bool cutoff_node(uint32_t n)
{
#ifdef HIVE_CTRL_CUTOFF
	if (!cell.hive || !cell_owns_node(n))
		return false;
	volatile uint64_t *reg = (volatile uint64_t *)(cell.nodedev_base +
		n * cell.nodedev_stride + cell.ctrl_off + HIVE_CTRL_CUTOFF);
	*reg = 1;
	__asm__ volatile("fence iorw, iorw" ::: "memory");
	return *reg & 1;
#else
	(void)n;
	return false;
#endif
}

static uint64_t load(volatile uint64_t *v) { return __atomic_load_n(v, __ATOMIC_ACQUIRE); }

static uint64_t deadline(uint64_t ms) { return rdtime() + cell.timebase / 1000 * ms; }

/* spins until pred() holds or ms of mtime have passed; whether it held */
static bool wait_for(bool (*pred)(void), uint64_t ms)
{
	uint64_t end = deadline(ms);
	while (!pred())
		if (rdtime() > end)
			return pred();
	return true;
}

static uint64_t online_mask(void)
{
	uint64_t m = 0;
	for (int i = 0; i < ncpus; i++)
		if (cpus[i].online)
			m |= 1UL << i;
	return m;
}

static bool all_stopped(void) { return (load(&stopped) & online_mask()) == online_mask(); }
static bool closer_chosen(void) { return __atomic_load_n(&closer, __ATOMIC_ACQUIRE) >= 0; }
static bool others_away(void)
{
	uint64_t want = 0;
	for (int i = 0; i < ncpus; i++)
		if (cpus[i].node != cell.first_node && i != closer)
			want |= 1UL << i;
	want &= load(&stopped);
	return (load(&away) & want) == want;
}

/* until every hart of ids is stopped in OpenSBI's wait loop (bounded) */
static void wait_hsm_stopped(uint64_t ids)
{
	for (int i = 0; i < ncpus; i++) {
		uint64_t end = deadline(STOP_WAIT_MS);
		while ((ids & (1UL << i)) && sbi_hart_status(cpus[i].hartid) != SBI_HSM_STOPPED &&
		       rdtime() < end)
			;
	}
	uint64_t end = deadline(STOP_SETTLE_MS);
	while (ids && rdtime() < end)
		;
}

static void park(void) __attribute__((noreturn));
static void park(void)
{
	for (;;) /* no memory access: the loop stays in the I-cache and the TLB */
		wfi();
}

static int popcount(uint64_t v) { return __builtin_popcountll(v); }

/* the closer: every node of the cell cut off, the home node last; reports and powers off */
static void close_cell(void) __attribute__((noreturn));
static void close_cell(void)
{
	uint32_t home = cell.first_node, last = cell.first_node + cell.nnodes - 1;
	int ncut = 0;
	/* no hart needs another node's memory any more (step 1) */
	for (uint32_t n = home + 1; n <= last; n++)
		ncut += cutoff_node(n);
	if (mycpu()->node == home) {
		wait_for(others_away, STOP_WAIT_MS);
		wait_hsm_stopped(load(&away));
		ncut += cutoff_node(home);
	}
	uint64_t all = online_mask() | load(&stopped);
	if (ncut)
		kprintf("memory cutoff: set on %d of %u nodes (%u-%u), %d of %d harts stopped\n",
			ncut, cell.nnodes, home, last, popcount(load(&stopped)), popcount(all));
	else
		kprintf("memory cutoff: not set (%s), %d of %d harts stopped\n",
			cell.hive ? "no cutoff register in this hardware revision"
				  : "not a Hive machine",
			popcount(load(&stopped)), popcount(all));
	kprintf("hive: cell %u stopped by panic\n", cell.id);
	sbi_shutdown(SBI_SRST_REASON_FAILURE);
}

static void stop_hart(void) __attribute__((noreturn));
static void stop_hart(void)
{
	struct cpu *c = mycpu();
	csr_write(sie, 0);
	kvm_enable(); /* the process's page tables may be on a node that is cut before home */
	__atomic_or_fetch(&stopped, 1UL << c->id, __ATOMIC_ACQ_REL);

	if (c->id == panicker) {
		wait_for(all_stopped, STOP_WAIT_MS);
		int k = c->id;
		for (int i = 0; cpus[k].node != cell.first_node && i < ncpus; i++)
			if (cpus[i].node == cell.first_node && (load(&stopped) & (1UL << i)))
				k = i;
		__atomic_store_n(&closer, k, __ATOMIC_RELEASE);
	} else if (!wait_for(closer_chosen, 3 * STOP_WAIT_MS)) {
		park(); /* the panicking hart is stuck; its nested panic powers off */
	}
	if (c->id == closer)
		close_cell();
	sbi_set_timer(UINT64_MAX);
	if (c->node != cell.first_node) {
		/* stopped in OpenSBI rather than in park(): SRST sends a halt IPI to every started
		 * hart of the domain, and one of another node taking it once the home node is cut
		 * would trap into OpenSBI's code and stack there, fault and trap again for as long
		 * as the machine runs. A stopped hart waits in OpenSBI's own wfi loop, its code and
		 * state in its L1s by then, and nothing interrupts it. */
		__atomic_or_fetch(&away, 1UL << c->id, __ATOMIC_RELEASE);
		sbi_hart_stop(); /* returns only if OpenSBI refused */
	}
	park();
}

/* continues on the hart's scheduler stack: it is in home memory, while a process's kernel
 * stack may be on any node of the cell */
static void on_scheduler_stack(void (*fn)(void)) __attribute__((noreturn));
static void on_scheduler_stack(void (*fn)(void))
{
	__asm__ volatile("mv sp, %0\n\tjr %1" : : "r"(mycpu()->stack_top), "r"(fn) : "memory");
	__builtin_unreachable();
}

void cutoff_stop_cell(void)
{
	struct cpu *me = mycpu();
	__atomic_store_n(&panicker, me->id, __ATOMIC_RELEASE);
	uint64_t harts = 0;
	for (int i = 0; i < ncpus; i++)
		if (cpus[i].online && &cpus[i] != me)
			harts |= 1UL << cpus[i].hartid;
	if (harts)
		sbi_send_ipi(harts, 0); /* each joins the protocol (trap.c) */
	on_scheduler_stack(stop_hart);
}

void cutoff_join(void)
{
	on_scheduler_stack(stop_hart);
}
