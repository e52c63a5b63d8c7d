/* RISC-V privileged architecture: CSR access, bits of sstatus/sie/sip/scause, Sv39 PTEs. */
#ifndef KERNEL_RISCV_H
#define KERNEL_RISCV_H

#include "types.h"

#ifndef KERNEL_HOST
#define csr_read(csr) ({ uint64_t v_; __asm__ volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, val) __asm__ volatile("csrw " #csr ", %0" ::"rK"((uint64_t)(val)))
#define csr_set(csr, val) __asm__ volatile("csrs " #csr ", %0" ::"rK"((uint64_t)(val)))
#define csr_clear(csr, val) __asm__ volatile("csrc " #csr ", %0" ::"rK"((uint64_t)(val)))
#else /* host unit tests: no CSRs */
#define csr_read(csr) ((uint64_t)0)
#define csr_write(csr, val) ((void)(val))
#define csr_set(csr, val) ((void)(val))
#define csr_clear(csr, val) ((void)(val))
#endif

#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_SPP (1UL << 8)
#define SSTATUS_SUM (1UL << 18)
#define SSTATUS_FS (3UL << 13)

#define SIE_SSIE (1UL << 1)
#define SIE_STIE (1UL << 5)
#define SIE_SEIE (1UL << 9)
#define SIP_SSIP (1UL << 1)

#define SCAUSE_INTR (1UL << 63)
#define IRQ_S_SOFT 1
#define IRQ_S_TIMER 5
#define IRQ_S_EXT 9
#define EXC_INST_MISALIGNED 0
#define EXC_INST_ACCESS 1
#define EXC_ILLEGAL 2
#define EXC_BREAKPOINT 3
#define EXC_LOAD_MISALIGNED 4
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS 7
#define EXC_ECALL_U 8
#define EXC_INST_PAGE 12
#define EXC_LOAD_PAGE 13
#define EXC_STORE_PAGE 15

#define SATP_SV39 (8UL << 60)
#define SATP_ASID_SHIFT 44
#define SATP_MAKE(ppn, asid) (SATP_SV39 | ((uint64_t)(asid) << SATP_ASID_SHIFT) | (ppn))

/* counter-enable bits: cycle, time, instret */
#define COUNTEREN_CY 1
#define COUNTEREN_TM 2
#define COUNTEREN_IR 4

/* Sv39 page-table entries */
#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define PTE_COW (1UL << 8) /* software (RSW): private page shared copy-on-write */
#define PTE_PPN_SHIFT 10
#define PTE_PA(pte) ((((pte) >> PTE_PPN_SHIFT) & ((1UL << 44) - 1)) << 12)
#define PA_PTE(pa) ((((uint64_t)(pa)) >> 12) << PTE_PPN_SHIFT)
#define PTE_FLAGS(pte) ((pte) & 0x3ff)
#define PTE_LEAF(pte) (((pte) & (PTE_R | PTE_W | PTE_X)) != 0)
#define SV39_LEVELS 3
#define VA_INDEX(va, level) (((uint64_t)(va) >> (12 + 9 * (level))) & 0x1ff)
#define SV39_VA_MAX (1UL << 38) /* lower half only: the kernel never uses the upper half */

#ifndef KERNEL_HOST
static inline void sfence_vma_all(void) { __asm__ volatile("sfence.vma zero, zero" ::: "memory"); }
static inline void sfence_vma_page(uint64_t va)
{
	__asm__ volatile("sfence.vma %0, zero" ::"r"(va) : "memory");
}
static inline void fence_i(void) { __asm__ volatile("fence.i" ::: "memory"); }
static inline void wfi(void) { __asm__ volatile("wfi"); }
static inline uint64_t rdtime(void) { uint64_t t; __asm__ volatile("rdtime %0" : "=r"(t)); return t; }
static inline uint64_t rdcycle(void) { uint64_t t; __asm__ volatile("rdcycle %0" : "=r"(t)); return t; }

static inline void intr_on(void) { csr_set(sstatus, SSTATUS_SIE); }
static inline void intr_off(void) { csr_clear(sstatus, SSTATUS_SIE); }
static inline int intr_get(void) { return (csr_read(sstatus) & SSTATUS_SIE) != 0; }

#else
static inline void sfence_vma_all(void) {}
static inline void sfence_vma_page(uint64_t va) { (void)va; }
static inline void fence_i(void) {}
static inline void wfi(void) {}
static inline uint64_t rdtime(void) { return 0; }
static inline uint64_t rdcycle(void) { return 0; }
static inline void intr_on(void) {}
static inline void intr_off(void) {}
static inline int intr_get(void) { return 0; }
#endif

#endif
