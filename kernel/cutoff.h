/*
 * Memory cutoff (DESIGN.md section 3, paper Table 8.1): the controller register CTRL_CUTOFF
 * makes a node refuse every access to its memory from other nodes (bus error). A panicking
 * cell sets it on every node of the cell before it stops, so that other cells cannot read its
 * possibly corrupt memory.
 *
 * The register is rw-cell: any hart of the cell may set it on any node of the cell. But the
 * kernel (text, data, the harts' scheduler stacks, its own page tables) and OpenSBI live in the
 * home node's memory, which a hart of another node reaches remotely: the home node must be cut
 * last, after every hart of another node has stopped needing it, and by a hart of the home
 * node, which alone can still run OpenSBI's SRST afterwards. The stop protocol
 * (docs/kernel.md, "Panic in a cell of several nodes"):
 *  1. every hart of the cell (the panicking one, and the others on the panic IPI) moves to its
 *     scheduler stack and the kernel page table (home memory), interrupts off, and says so;
 *  2. the panicking hart picks the closer: itself when it is on the home node, otherwise a
 *     stopped hart of the home node;
 *  3. the other harts turn their timer off (an M-mode trap after the home node is cut would
 *     run OpenSBI from it); those of other nodes stop in OpenSBI (SBI HSM hart_stop, so that
 *     SRST's halt IPI spares them), those of the home node park in a wfi loop that touches no
 *     memory;
 *  4. the closer cuts the other nodes, waits until the harts of other nodes are stopped in
 *     OpenSBI, cuts the home node, reports and calls SRST. When no hart of the home node
 *     answered, the panicking hart closes, and the home node stays reachable.
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
