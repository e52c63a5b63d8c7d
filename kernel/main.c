/* Boot: the boot hart's kmain and the other harts' secondary_main. */
#include "cell.h"
#include "console.h"
#include "cpu.h"
#include "fdt.h"
#include "fs.h"
#include "initfs.h"
#include "kalloc.h"
#include "kstring.h"
#include "mem.h"
#include "printf.h"
#include "proc.h"
#include "riscv.h"
#include "sbi.h"
#include "trap.h"
#include "vm.h"

_Static_assert(offsetof(struct cpu, stack_top) == 0, "entry.S reads stack_top at offset 0");
_Static_assert(offsetof(struct cpu, kstack_lo) == 8 && offsetof(struct cpu, trap_t0) == 16,
	       "trapvec.S reads kstack_lo and trap_t0 at these offsets");
_Static_assert(BOOT_STACK_SIZE == 16384, "trapvec.S's overflow path assumes it");

struct cpu cpus[MAX_HARTS];
int ncpus;
static struct fdt_info fdtinfo;
extern char _kernel_start[], _kernel_end[], _start_secondary[], boot_stack_top[];

struct cpu *cpu_by_hartid(uint64_t hartid)
{
	for (int i = 0; i < ncpus; i++)
		if (cpus[i].hartid == hartid)
			return &cpus[i];
	return NULL;
}

/* the kernel command line (/chosen/bootargs) holds word */
static bool bootarg(const char *word)
{
	size_t n = strlen(word);
	for (const char *p = cell.bootargs; *p; p++)
		if ((p == cell.bootargs || p[-1] == ' ') && !strncmp(p, word, n) &&
		    (p[n] == 0 || p[n] == ' '))
			return true;
	return false;
}

/* the memory regions of the tree, the home node's (holding the kernel) first */
static void add_memory(const struct fdt_info *fi)
{
	uint64_t k = (uint64_t)_kernel_start;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < fi->nmem; i++) {
			uint64_t base = fi->mem[i].base, size = fi->mem[i].size;
			bool home = k >= base && k - base < size;
			if (home != (pass == 0))
				continue;
			uint64_t gbase = base;
			uint32_t node = cell.first_node;
			if (cell.hive) {
				if (home)
					gbase = cell.home_global + (base - cell.remap_base);
				else if (base >= cell.global_base && cell.global_stride)
					node = (uint32_t)((base - cell.global_base) / cell.global_stride);
				if (!home && !cell_owns_node(node)) {
					kprintf("memory %lx: not a node of this cell, ignored\n", base);
					continue;
				}
			}
			if (mem_add_region(base, gbase, size, node))
				kprintf("memory %lx+%lx: ignored\n", base, size);
		}
	}
	if (nmemregions == 0)
		panic("no memory region holds the kernel");
}

void kmain(uint64_t hartid, const void *fdt)
{
	boot_kernel_cycle = rdcycle();
	struct fdt_info *fi = &fdtinfo;
	cpus[0].hartid = hartid;
	cpus[0].id = 0;
	cpus[0].stack_top = (uint64_t)boot_stack_top;
	cpus[0].kstack_lo = (uint64_t)boot_stack_top - BOOT_STACK_SIZE;
	sbi_init();
	const char *why = "";
	if (fdt_parse(fdt, 1 << 20, fi, &why))
		panic("device tree at %p: %s", fdt, why);
	cell_init(fi);
	if (fi->has_uart)
		console_use_uart(fi->uart_base, fi->uart_shift);
	kprintf("\nhive kernel: cell %u of %u (nodes %u-%u of %u), boot hart %lu, %d harts, "
		"SBI %ld.%ld\n",
		cell.id, cell.ncells, cell.first_node, cell.first_node + cell.nnodes - 1, cell.nodes,
		hartid, fi->nharts, sbi_spec_version >> 24, sbi_spec_version & 0xffffff);

	/* harts: the boot hart is cpus[0], the others follow in tree order */
	bool found = false;
	ncpus = 1;
	/* the boot hart allocates from the home node until the kernel's page tables exist: a
	 * panic cuts the home node last, and every hart walks those tables until then
	 * (cutoff.h) */
	cpus[0].node = cell.first_node;
	for (int i = 0; i < fi->nharts; i++) {
		if (fi->harts[i] == hartid) {
			found = true;
			continue;
		}
		if (ncpus < MAX_HARTS) {
			cpus[ncpus].hartid = fi->harts[i];
			cpus[ncpus].id = ncpus;
			cpus[ncpus].node = cell_hart_node(fi->harts[i]);
			ncpus++;
		}
	}
	if (!found)
		panic("boot hart %lu is not in the device tree", hartid);

	add_memory(fi);
	for (int i = 0; i < fi->nresv; i++)
		mem_reserve(fi->resv[i].base, fi->resv[i].size);
	mem_reserve((uint64_t)_kernel_start, (uint64_t)(_kernel_end - _kernel_start));
	mem_reserve((uint64_t)fdt, fi->totalsize);
	for (int i = 1; i < ncpus; i++) {
		uint8_t *st = mem_early_alloc(BOOT_STACK_SIZE);
		if (!st)
			panic("no memory for hart stacks");
		cpus[i].stack_top = (uint64_t)st + BOOT_STACK_SIZE;
		cpus[i].kstack_lo = (uint64_t)st;
	}
	mem_init_frames();
	kalloc_init();
	for (int i = 0; i < nmemregions; i++)
		kprintf("memory: node %u at %lx (global %lx), %lu pages\n", memregions[i].node,
			memregions[i].kbase, memregions[i].gbase, memregions[i].npages);
	kprintf("memory: %lu frames free\n", mem_free_frames());

	kvm_init(fi);
	cpus[0].node = cell_hart_node(hartid);
	kvm_enable();
	tlb_init();
	kprintf("vm: paging on (kernel root %lx), %s\n", kva_to_pa(kernel_root),
		tlb_have_asids ? "ASIDs" : "no ASIDs");
	for (int i = 0; i < ncpus; i++)
		runq_init(&cpus[i].rq);
	trap_init_hart();

	fs_init();
	int n = initfs_load(initfs_start, (uint64_t)(initfs_end - initfs_start));
	if (n < 0)
		panic("initial file system image: error %d", n);
	int err;
	struct inode *ba = fs_create(NULL, "/etc/bootargs", T_FILE, false, &err);
	if (ba) {
		fs_write(ba, (uint64_t)cell.bootargs, false, 0, strlen(cell.bootargs));
		inode_put(ba);
	}
	kprintf("fs: %d initial files, %lu pages\n", n, mem_total_frames() - mem_free_frames());
	if (bootarg("panic-test")) /* checks the panic path: message, cutoff, SRST failure */
		panic("panic-test on the kernel command line");
	if (bootarg("panic-nested-test")) /* a fault inside panic itself (formatting a wild
					   * string): the cell must still cut off and stop */
		panic("panic-nested-test %s", (const char *)8);
	proc_init();
	proc_start_init();

	cpus[0].online = 1;
	for (int i = 1; i < ncpus; i++) {
		long st = sbi_hart_status(cpus[i].hartid);
		if (st != SBI_HSM_STOPPED) {
			kprintf("hart %lu: HSM state %ld, not started\n", cpus[i].hartid, st);
			continue;
		}
		long r = sbi_hart_start(cpus[i].hartid, (uint64_t)_start_secondary,
					(uint64_t)&cpus[i]);
		if (r)
			kprintf("hart %lu: HSM start failed (%ld)\n", cpus[i].hartid, r);
	}
	scheduler();
}

void secondary_main(void)
{
	struct cpu *c = mycpu();
	kvm_enable();
	trap_init_hart();
	__atomic_store_n(&c->online, 1, __ATOMIC_RELEASE);
	scheduler();
}
