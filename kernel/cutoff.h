/*
 * Memory cutoff (DESIGN.md section 3, paper Table 8.1): the controller register CTRL_CUTOFF
 * makes a node refuse every access to its memory from other nodes (bus error). A panicking
 * cell sets it on every node of the cell before it stops, so that other cells cannot read its
 * possibly corrupt memory.
 *
 * The register is rw-local: only a hart of the node may write it. So the panicking hart sets
 * its own node's, and every other hart of the cell sets its node's when the panic IPI reaches
 * it (trap.c); the panicking hart waits a bounded time for them (a hart spinning with
 * interrupts off never answers, and the cell powers off anyway).
 */
#ifndef KERNEL_CUTOFF_H
#define KERNEL_CUTOFF_H

/* Sets the cutoff of the calling hart's node; 0, or -ENOSYS when the machine has no Hive
 * controller (QEMU) or the register is not in this hardware revision. */
int cutoff_local_node(void);
/* On the panicking hart: sets its node's cutoff, asks the cell's other harts to set theirs
 * (IPI), waits for them (bounded) and reports what was done. */
void cutoff_cell_nodes(void);

#endif
