/* The kernel address space (see vm.h). */
#include "cell.h"
#include "errno.h"
#include "fdt.h"
#include "hive_regs.h"
#include "mem.h"
#include "printf.h"
#include "riscv.h"
#include "vm.h"

extern char _kernel_start[], _etext[], _erodata[], _kernel_end[];

pagetable_t kernel_root;

#define KRW (PTE_R | PTE_W | PTE_A | PTE_D | PTE_G)
#define KRO (PTE_R | PTE_A | PTE_G)
#define KRX (PTE_R | PTE_X | PTE_A | PTE_G)

static void kmap(uint64_t va, uint64_t pa, uint64_t size, uint64_t flags)
{
	if (!size)
		return;
	int r = pt_map_range(kernel_root, va, pa, size, flags, true);
	if (r)
		panic("kvm: mapping %lx+%lx failed (%d)", va, size, r);
}

/* identity-maps [start, end) of a region, leaving out the kernel image */
static void map_around_image(uint64_t start, uint64_t end)
{
	uint64_t ks = (uint64_t)_kernel_start, ke = (uint64_t)_kernel_end;
	if (end <= ks || start >= ke) {
		kmap(start, start, end - start, KRW);
		return;
	}
	if (start < ks)
		kmap(start, start, ks - start, KRW);
	if (end > ke)
		kmap(ke, ke, end - ke, KRW);
}

void kvm_init(const struct fdt_info *fi)
{
	kernel_root = pt_create();
	if (!kernel_root)
		panic("kvm: no memory for the kernel page table");
	uint64_t ks = (uint64_t)_kernel_start;
	kmap(ks, ks, (uint64_t)_etext - ks, KRX);
	kmap((uint64_t)_etext, (uint64_t)_etext, (uint64_t)_erodata - (uint64_t)_etext, KRO);
	kmap((uint64_t)_erodata, (uint64_t)_erodata, (uint64_t)_kernel_end - (uint64_t)_erodata,
	     KRW);
	for (int r = 0; r < nmemregions; r++) {
		struct memregion *m = &memregions[r];
		map_around_image(m->kbase, m->kbase + m->npages * PAGE_SIZE);
	}
	if (cell.hive) {
		/* every node's memory through the global window, read-only; the cell's nodes other
		 * than the home are already mapped read-write as regions */
		for (uint32_t n = 0; n < cell.nodes; n++) {
			uint64_t g = cell_node_global(n);
			if (n != cell.first_node && cell_owns_node(n))
				continue;
			kmap(g, g, PG_ROUNDUP(cell.node_mem), KRO);
		}
		/* the controller registers of the cell's nodes (memory cutoff, later firewall) */
		for (uint32_t n = cell.first_node; n < cell.first_node + cell.nnodes; n++) {
			uint64_t c = cell.nodedev_base + n * cell.nodedev_stride + cell.ctrl_off;
			kmap(c, c, PAGE_SIZE, KRW);
		}
	}
	if (fi->has_uart)
		kmap(PG_ROUNDDOWN(fi->uart_base), PG_ROUNDDOWN(fi->uart_base), PAGE_SIZE, KRW);
	/* the kernel-stack region: create its tables now so every address space shares them */
	if (!pt_walk(kernel_root, KSTACK_REGION, true))
		panic("kvm: no memory for the kernel-stack tables");
}

void kvm_enable(void)
{
	csr_write(satp, SATP_MAKE(kva_to_pa(kernel_root) >> 12, 0));
	sfence_vma_all();
}

uint64_t kstack_map(int slot)
{
	uint64_t base = KSTACK_REGION + (uint64_t)slot * KSTACK_SLOT;
	uint64_t top = base + KSTACK_SLOT;
	for (uint64_t va = base + PAGE_SIZE; va < top; va += PAGE_SIZE) {
		pte_t *pte = pt_walk(kernel_root, va, true);
		if (!pte)
			return 0;
		if (*pte & PTE_V)
			continue; /* kept from an earlier process */
		struct pfdat *pd = frame_alloc(FT_KSTACK);
		if (!pd)
			return 0;
		*pte = PA_PTE(pfdat_pa(pd)) | KRW | PTE_V;
	}
	return top;
}

bool kvm_is_guard(uint64_t va)
{
	if (va < KSTACK_REGION || va >= KSTACK_REGION + NPROC * KSTACK_SLOT)
		return false;
	return (va - KSTACK_REGION) % KSTACK_SLOT < PAGE_SIZE;
}
