/*
 * What this cell is: its id and nodes, the machine's layout (from the device tree's hive,soc
 * node; on a machine without one, such as QEMU virt, one cell of one node whose global
 * addresses are its physical addresses), and its harts.
 */
#ifndef KERNEL_CELL_H
#define KERNEL_CELL_H

#include "types.h"
#include "fdt.h"

struct cellinfo {
	bool hive;                /* the tree had a hive,soc node */
	uint32_t id, ncells;      /* this cell, cells in the machine */
	uint32_t nodes;           /* nodes in the machine */
	uint32_t first_node, nnodes; /* this cell's nodes: first_node .. first_node+nnodes-1 */
	uint32_t cores_per_node;
	uint64_t node_mem;
	uint64_t remap_base;      /* the home node (first_node) is seen here ... */
	uint64_t home_global;     /* ... and here (global alias) */
	uint64_t global_base, global_stride;
	uint64_t nodedev_base, nodedev_stride, ctrl_off;
	uint64_t timebase;        /* Hz of the time CSR */
	char bootargs[128];
};

extern struct cellinfo cell;
/* rdcycle on the boot hart at kernel entry and when init starts (boot figures) */
extern uint64_t boot_kernel_cycle, boot_init_cycle;

void cell_init(const struct fdt_info *fi);
/* node n's memory in the global window */
static inline uint64_t cell_node_global(uint32_t n)
{
	return cell.global_base + (uint64_t)n * cell.global_stride;
}
static inline bool cell_owns_node(uint32_t n)
{
	return n >= cell.first_node && n < cell.first_node + cell.nnodes;
}
/* the node of a hart (hartid = node * cores-per-node + core); on a machine without a hive,soc
 * node every hart is on the cell's one node */
static inline uint32_t cell_hart_node(uint64_t hartid)
{
	return cell.hive && cell.cores_per_node ? (uint32_t)(hartid / cell.cores_per_node)
					       : cell.first_node;
}

#endif
