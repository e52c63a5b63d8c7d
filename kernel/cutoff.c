/* Memory cutoff (see cutoff.h). */
#include "cell.h"
#include "cutoff.h"
#include "errno.h"
#include "hive_regs.h"
#include "printf.h"

int cutoff_cell_nodes(void)
{
#ifdef HIVE_CTRL_CUTOFF
	for (uint32_t n = cell.first_node; n < cell.first_node + cell.nnodes; n++) {
		volatile uint64_t *reg = (volatile uint64_t *)(cell.nodedev_base +
			n * cell.nodedev_stride + cell.ctrl_off + HIVE_CTRL_CUTOFF);
		*reg = 1;
	}
	__asm__ volatile("fence iorw, iorw" ::: "memory");
	return 0;
#else
	kprintf("memory cutoff: not set (no cutoff register in this hardware revision)\n");
	return -ENOSYS;
#endif
}
