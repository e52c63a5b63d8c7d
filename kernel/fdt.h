/*
 * Device-tree parser: reads a flattened device tree (the blob OpenSBI passes in a1) into a
 * struct fdt_info, bounds-checking every offset against the blob: a corrupt tree gives an
 * error, never a read outside [blob, blob + limit). Pure C, no kernel state: unit-tested on
 * the host (tests/kernel/test_fdt.c).
 *
 * What it extracts: the enabled harts under /cpus (reg), the timebase, every range of the
 * memory nodes, the /memreserve/ block and the children of /reserved-memory, the console
 * UART (ns16550a; the one /chosen/stdout-path names, else the first), /chosen/bootargs, and
 * the `hive,soc` node (binding: docs/boot.md) when present.
 */
#ifndef KERNEL_FDT_H
#define KERNEL_FDT_H

#include "types.h"
#include "param.h"

struct fdt_range {
	uint64_t base, size;
};

/* The hive,soc node: the machine's layout as seen by this cell. */
struct hive_soc_info {
	bool present;
	uint32_t nodes, cores_per_node, cells, cell_id, cell_first_node, cell_nodes;
	uint64_t node_mem, home_global_base, remap_base, global_base, global_stride;
	uint64_t nodedev_base, nodedev_stride, clint_off, uart_off, ctrl_off, cfinish_off;
};

struct fdt_info {
	uint32_t totalsize;
	int nharts;
	uint32_t harts[MAX_HARTS]; /* hartids of the enabled cpus, in tree order */
	uint64_t timebase;         /* Hz; 0 if absent */
	int nmem;
	struct fdt_range mem[MAX_MEMREGIONS];
	int nresv;
	struct fdt_range resv[MAX_RESERVED]; /* /memreserve/ entries and /reserved-memory */
	bool has_uart;
	uint64_t uart_base;
	uint32_t uart_shift, uart_width;
	char bootargs[128];
	struct hive_soc_info soc;
};

/* Parses the tree at blob, reading no byte at or past blob + limit. 0 on success; -1 with
 * *why set to a short reason otherwise (the info is then incomplete). */
int fdt_parse(const void *blob, uint64_t limit, struct fdt_info *out, const char **why);

#endif
