/*
 * Memory cutoff (DESIGN.md section 3, paper Table 8.1): a controller register that makes a
 * node refuse every remote access to its memory. A panicking cell sets it on every node of
 * the cell before it stops, so that other cells cannot read its possibly corrupt memory.
 *
 * The register does not exist in this hardware revision (regs/hive_regs.py has no cutoff
 * register yet). cutoff_cell_nodes is the one place that sets it: today it reports that it
 * cannot and returns -ENOSYS; the issue that adds the register fills it in.
 */
#ifndef KERNEL_CUTOFF_H
#define KERNEL_CUTOFF_H

/* Sets the memory cutoff of every node of this cell. 0, or -ENOSYS without the register. */
int cutoff_cell_nodes(void);

#endif
