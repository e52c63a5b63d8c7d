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
static volatile int closer = -1;       /* cpus[] index of the hart that cuts the home node */
static volatile uint64_t stopped;      /* cpus[] indices on their scheduler stacks */
static volatile uint64_t others_done;  /* harts of other nodes that cut theirs */
static volatile uint64_t cut_nodes;    /* nodes whose cutoff is set */

/* ms of mtime that a step waits for harts that may never answer */
#define STOP_WAIT_MS 10

static int cutoff_local_node(void)
{
#ifdef HIVE_CTRL_CUTOFF
	uint32_t node = mycpu()->node;
	if (!cell.hive || !cell_owns_node(node))
		return -ENOSYS;
	volatile uint64_t *reg = (volatile uint64_t *)(cell.nodedev_base +
		node * cell.nodedev_stride + cell.ctrl_off + HIVE_CTRL_CUTOFF);
	*reg = 1;
	__asm__ volatile("fence iorw, iorw" ::: "memory");
	__atomic_or_fetch(&cut_nodes, 1UL << node, __ATOMIC_RELEASE);
	return 0;
#else
	return -ENOSYS;
#endif
}

static uint64_t load(volatile uint64_t *v) { return __atomic_load_n(v, __ATOMIC_ACQUIRE); }

/* spins until pred() holds or ms of mtime have passed; whether it held */
static bool wait_for(bool (*pred)(void), uint64_t ms)
{
	uint64_t end = rdtime() + cell.timebase / 1000 * ms;
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

static uint64_t others_mask(void)
{
	uint64_t m = 0;
	for (int i = 0; i < ncpus; i++)
		if (cpus[i].node != cell.first_node)
			m |= 1UL << i;
	return m;
}

static bool all_stopped(void) { return (load(&stopped) & online_mask()) == online_mask(); }
static bool closer_chosen(void) { return __atomic_load_n(&closer, __ATOMIC_ACQUIRE) >= 0; }
static bool others_cut(void)
{
	uint64_t want = load(&stopped) & others_mask() & ~(1UL << closer);
	return (load(&others_done) & want) == want;
}

static void park(void) __attribute__((noreturn));
static void park(void)
{
	for (;;) /* no memory access: the loop stays in the I-cache and the TLB */
		wfi();
}

static int popcount(uint64_t v) { return __builtin_popcountll(v); }

static void stop_hart(void) __attribute__((noreturn));
static void stop_hart(void)
{
	struct cpu *c = mycpu();
	csr_write(sie, 0);
	kvm_enable(); /* the process's page tables may be on a node that is cut before ours */
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

	sbi_set_timer(UINT64_MAX);
	if (c->node != cell.first_node) {
		cutoff_local_node();
		__atomic_or_fetch(&others_done, 1UL << c->id, __ATOMIC_RELEASE);
	}
	if (c->id != closer)
		park();

	wait_for(others_cut, STOP_WAIT_MS);
	if (c->node == cell.first_node)
		cutoff_local_node();
	uint64_t all = online_mask() | load(&stopped);
	if (cell.hive && cut_nodes)
		kprintf("memory cutoff: set on %d of %u nodes (%u-%u), %d of %d harts stopped\n",
			popcount(cut_nodes), cell.nnodes, cell.first_node,
			cell.first_node + cell.nnodes - 1, popcount(load(&stopped)), popcount(all));
	else
		kprintf("memory cutoff: not set (%s), %d of %d harts stopped\n",
			cell.hive ? "no cutoff register in this hardware revision"
				  : "not a Hive machine",
			popcount(load(&stopped)), popcount(all));
	kprintf("hive: cell %u stopped by panic\n", cell.id);
	sbi_shutdown(SBI_SRST_REASON_FAILURE);
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
