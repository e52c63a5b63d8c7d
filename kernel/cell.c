/* The cell's description (see cell.h). */
#include "cell.h"

struct cellinfo cell;
uint64_t boot_kernel_cycle, boot_init_cycle;

void cell_init(const struct fdt_info *fi)
{
	const struct hive_soc_info *s = &fi->soc;
	cell.timebase = fi->timebase ? fi->timebase : 10000000;
	for (size_t i = 0; i + 1 < sizeof(cell.bootargs) && fi->bootargs[i]; i++)
		cell.bootargs[i] = fi->bootargs[i];
	if (s->present) {
		cell.hive = true;
		cell.id = s->cell_id;
		cell.ncells = s->cells;
		cell.nodes = s->nodes;
		cell.first_node = s->cell_first_node;
		cell.nnodes = s->cell_nodes;
		cell.cores_per_node = s->cores_per_node;
		cell.node_mem = s->node_mem;
		cell.remap_base = s->remap_base;
		cell.home_global = s->home_global_base;
		cell.global_base = s->global_base;
		cell.global_stride = s->global_stride;
		cell.nodedev_base = s->nodedev_base;
		cell.nodedev_stride = s->nodedev_stride;
		cell.ctrl_off = s->ctrl_off;
		return;
	}
	/* not a Hive machine: one cell of one node, global address = physical address */
	cell.hive = false;
	cell.id = 0;
	cell.ncells = 1;
	cell.nodes = 1;
	cell.first_node = 0;
	cell.nnodes = 1;
	cell.cores_per_node = (uint32_t)fi->nharts;
	cell.node_mem = fi->nmem ? fi->mem[0].size : 0;
	cell.remap_base = fi->nmem ? fi->mem[0].base : 0;
	cell.home_global = cell.remap_base;
	cell.global_base = cell.remap_base;
	cell.global_stride = cell.node_mem;
}
