/* ASIDs and TLB shootdown (see vm.h). */
#include "cpu.h"
#include "printf.h"
#include "riscv.h"
#include "sbi.h"
#include "spinlock.h"
#include "vm.h"

bool tlb_have_asids;
static uint16_t asid_max;
static uint64_t asid_used[4]; /* up to 256 ASIDs */
static struct spinlock asid_lock = { 0, "asid", NULL };
uint64_t tlb_shootdowns, tlb_remote_shootdowns;

void tlb_init(void)
{
	uint64_t old = csr_read(satp);
	csr_write(satp, old | (0xffffUL << SATP_ASID_SHIFT));
	uint64_t bits = (csr_read(satp) >> SATP_ASID_SHIFT) & 0xffff;
	csr_write(satp, old);
	sfence_vma_all();
	tlb_have_asids = bits != 0;
	asid_max = (uint16_t)(bits > 255 ? 255 : bits);
	asid_used[0] = 1; /* ASID 0: the kernel, and address spaces without one */
}

int asid_alloc(void)
{
	if (!tlb_have_asids)
		return 0;
	spin_lock(&asid_lock);
	for (int a = 1; a <= asid_max; a++) {
		if (!(asid_used[a / 64] & (1UL << (a % 64)))) {
			asid_used[a / 64] |= 1UL << (a % 64);
			spin_unlock(&asid_lock);
			return a;
		}
	}
	spin_unlock(&asid_lock);
	return 0;
}

void asid_free(int asid)
{
	if (asid <= 0)
		return;
	spin_lock(&asid_lock);
	asid_used[asid / 64] &= ~(1UL << (asid % 64));
	spin_unlock(&asid_lock);
}

void tlb_shootdown(struct vmspace *vs, uint64_t va, uint64_t len)
{
	struct cpu *me = mycpu();
	uint64_t harts = vs->tlb_harts;
	__atomic_add_fetch(&tlb_shootdowns, 1, __ATOMIC_RELAXED);
	if (harts & (1UL << me->id)) {
		if (len == 0 || len > 64 * PAGE_SIZE)
			sfence_vma_all();
		else
			for (uint64_t a = va; a < va + len; a += PAGE_SIZE)
				sfence_vma_page(a);
	}
	uint64_t mask = 0;
	for (int i = 0; i < ncpus; i++)
		if (i != me->id && (harts & (1UL << i)))
			mask |= 1UL << cpus[i].hartid;
	if (!mask)
		return;
	__atomic_add_fetch(&tlb_remote_shootdowns, 1, __ATOMIC_RELAXED);
	long r = vs->asid ? sbi_remote_sfence_vma(mask, 0, len ? va : 0, len ? len : ~0UL, vs->asid)
			  : sbi_remote_sfence_vma(mask, 0, 0, ~0UL, ~0UL);
	if (r)
		panic("tlb_shootdown: SBI RFENCE failed (%ld)", r);
}
