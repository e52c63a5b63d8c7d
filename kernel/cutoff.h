/*
 * Memory cutoff (DESIGN.md section 3, paper Table 8.1): the controller register CTRL_CUTOFF
 * makes a node refuse every access to its memory from other nodes (bus error). A panicking
 * cell sets it on every node of the cell before it stops, so that other cells cannot read its
 * possibly corrupt memory.
 *
 * The register is rw-local: only a hart of the node may write it. The kernel (text, data, the
 * harts' scheduler stacks, its own page tables) and OpenSBI live in the home node's memory, so
 * the home node must be cut last, and every hart must stop needing another node's memory
 * before that node is cut. The stop protocol (docs/kernel.md, "Panic"):
 *  1. every hart of the cell (the panicking one, and the others on the panic IPI) moves to its
 *     scheduler stack and the kernel page table, interrupts off, and says it has stopped;
 *  2. the panicking hart picks the closer: itself when it is on the home node, otherwise a
 *     stopped hart of the home node (a hart of another node cannot cut the home node);
 *  3. harts of the other nodes turn their timer off (an M-mode trap after the home node is cut
 *     would fetch OpenSBI from it), cut their own node, say so and park in a wfi loop that
 *     touches no memory; harts of the home node other than the closer park as well;
 *  4. the closer waits for them, cuts the home node, reports and calls SRST (OpenSBI's code is
 *     in home memory, so SRST is a home hart's job).
 * Every wait is bounded: a hart spinning with interrupts off never answers, and the cell stops
 * anyway. On a machine without a Hive controller (QEMU) nothing is cut, and the harts still
 * stop the same way.
 */
#ifndef KERNEL_CUTOFF_H
#define KERNEL_CUTOFF_H

/* On the panicking hart, after its report: asks the cell's other harts to stop (IPI), runs the
 * protocol above and, on the closer, powers off with SRST "system failure". */
void cutoff_stop_cell(void) __attribute__((noreturn));
/* On any other hart once the cell is panicking (the panic IPI, or a second panic): takes part
 * in the protocol. */
void cutoff_join(void) __attribute__((noreturn));

#endif
