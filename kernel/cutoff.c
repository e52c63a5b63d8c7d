/* Memory cutoff (see cutoff.h). */
#include "cell.h"
#include "cpu.h"
#include "cutoff.h"
#include "errno.h"
#include "hive_regs.h"
#include "printf.h"
#include "sbi.h"

static volatile int acks;

int cutoff_local_node(void)
{
#ifdef HIVE_CTRL_CUTOFF
	uint32_t node = mycpu()->node;
	if (!cell.hive || !cell_owns_node(node))
		return -ENOSYS;
	volatile uint64_t *reg = (volatile uint64_t *)(cell.nodedev_base +
		node * cell.nodedev_stride + cell.ctrl_off + HIVE_CTRL_CUTOFF);
	*reg = 1;
	__asm__ volatile("fence iorw, iorw" ::: "memory");
	__atomic_add_fetch(&acks, 1, __ATOMIC_RELEASE);
	return 0;
#else
	return -ENOSYS;
#endif
}

void cutoff_cell_nodes(void)
{
	if (cutoff_local_node() < 0) {
		kprintf("memory cutoff: not set (%s)\n",
			cell.hive ? "no cutoff register in this hardware revision"
				  : "not a Hive machine");
	}
	uint64_t others = 0;
	int n = 0;
	for (int i = 0; i < ncpus; i++)
		if (cpus[i].online && &cpus[i] != mycpu()) {
			others |= 1UL << cpus[i].hartid;
			n++;
		}
	if (others)
		sbi_send_ipi(others, 0); /* each sets its node's cutoff, then stops (trap.c) */
	if (!cell.hive)
		return;
	for (long spin = 0; spin < 2000000 && __atomic_load_n(&acks, __ATOMIC_ACQUIRE) < n + 1;
	     spin++)
		;
	kprintf("memory cutoff: set by %d of %d harts on nodes %u-%u\n", acks, n + 1,
		cell.first_node, cell.first_node + cell.nnodes - 1);
}
