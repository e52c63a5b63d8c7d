# Sv39 translation from S-mode (all traps to M): a 1 GiB identity superpage for the image, 4 KiB
# pages and a 2 MiB superpage at 0x4000_0000; loads/stores through a mapping reach the right
# physical page; page faults with mtval = the virtual address for an invalid PTE (load 13,
# store 15, fetch 12), a store to a read-only page, a fetch from a non-executable page, the
# reserved W-without-R encoding and a misaligned superpage; access faults (mtval = the virtual
# address) through pages whose physical address lies above every one the SoC decodes; execution
# from a mapped page; sfence.vma after a PTE change (global and by address); M-mode loads
# through MPRV.
#include "hive_test.h"

#define VA_MEGA  0x40200000       /* L1[1]: 2 MiB superpage */
#define VA_BADMEGA 0x40400000     /* L1[2]: superpage with a misaligned PPN */
#define PA_MEGA  0x80200000

TEST_BEGIN
  # ---- page tables: the 1 GiB identity page, root[1] -> l1, l1[0] -> l0
  SV39_TABLES(root, l1, l0)
  # l1[1]: 2 MiB superpage -> PA 0x8020_0000, RW
  li a6, PA_MEGA
  SET_PTE(l1, 1, a6, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  # l1[2]: superpage whose PPN[0] is not zero -> page fault
  li a6, PA_MEGA + 0x1000
  SET_PTE(l1, 2, a6, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  # l0[0]: page_a RW; l0[1]: invalid; l0[2]: page_a read-only; l0[3]: page_b RW
  SET_PTE_SYM(l0, 0, page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  SET_PTE_SYM(l0, 1, page_a, PTE_R | PTE_W | PTE_A | PTE_D)
  SET_PTE_SYM(l0, 2, page_a, PTE_V | PTE_R | PTE_A)
  SET_PTE_SYM(l0, 3, page_b, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  # l0[4]: code page, R+X; l0[5]: page_a W only (reserved encoding)
  SET_PTE_SYM(l0, 4, code_page, PTE_V | PTE_R | PTE_X | PTE_A)
  SET_PTE_SYM(l0, 5, page_a, PTE_V | PTE_W | PTE_A | PTE_D)
  # l0[6], l0[7]: page_a's address with bit 33, bit 55 set: above every physical address the SoC
  # decodes (the boards' TLBs keep bits 32:12 and whether one above is set)
  la a6, page_a
  li t2, 1 << 33
  or a6, a6, t2
  SET_PTE(l0, 6, a6, LEAF_RWX)
  la a6, page_a
  li t2, 1 << 55
  or a6, a6, t2
  SET_PTE(l0, 7, a6, LEAF_RWX)
  # values in the physical pages
  la t0, page_a
  li t1, 0xaaaa0000aaaa0000
  sd t1, 0(t0)
  la t0, page_b
  li t1, 0xbbbb0000bbbb0000
  sd t1, 0(t0)
  li t0, PA_MEGA + 0x1238
  li t1, 0x3e6a3e6a3e6a3e6a
  sd t1, 0(t0)
  SATP_ON(root)
  GOTO_S(in_s)

in_s:
  # ---- translation: the image runs through the identity superpage; page_a through VA_PAGE(0)
  li a1, VA_PAGE(0)
  ld a0, 0(a1)
  CHECK_EQ(1, a0, 0xaaaa0000aaaa0000)
  li t0, 0x1111222233334444
  sd t0, 8(a1)
  la t1, page_a
  ld a0, 8(t1)
  CHECK_EQ(2, a0, 0x1111222233334444)
  li a1, VA_PAGE(3)
  ld a0, 0(a1)
  CHECK_EQ(3, a0, 0xbbbb0000bbbb0000)
  # 2 MiB superpage
  li a1, VA_MEGA + 0x1238
  ld a0, 0(a1)
  CHECK_EQ(4, a0, 0x3e6a3e6a3e6a3e6a)
  # read-only page: loads work
  li a1, VA_PAGE(2)
  ld a0, 0(a1)
  CHECK_EQ(5, a0, 0xaaaa0000aaaa0000)
  # execute from the code page: vm_fn returns 0x77
  li gp, 6
  li t2, VA_PAGE(4)
  li a0, 0
  jalr ra, 0(t2)
  CHECK_EQ(6, a0, 0x77)

  # ---- page faults
  FAULT_VA(7, ld a0 COMMA 0(a1), CAUSE_LOAD_PAGE, VA_PAGE(1))
  FAULT_VA(8, sd a0 COMMA 0(a1), CAUSE_STORE_PAGE, VA_PAGE(1))
  FAULT_VA(9, sw a0 COMMA 0(a1), CAUSE_STORE_PAGE, VA_PAGE(2))
  FAULT_VA(10, amoadd.d a0 COMMA a0 COMMA (a1), CAUSE_STORE_PAGE, VA_PAGE(2))
  FAULT_VA(11, lw a0 COMMA 0(a1), CAUSE_LOAD_PAGE, VA_PAGE(5))
  FAULT_VA(12, ld a0 COMMA 0(a1), CAUSE_LOAD_PAGE, VA_BADMEGA)
  # an address with no mapping at all (root[0] invalid)
  FAULT_VA(13, lb a0 COMMA 0(a1), CAUSE_LOAD_PAGE, 0x1000)
  # a non-canonical address (bits 63..39 not equal to bit 38)
  FAULT_VA(14, ld a0 COMMA 0(a1), CAUSE_LOAD_PAGE, 0x0000008000000000)
  # fetch faults: mepc = mtval = the target
  FETCH_FAULT_VA(15, CAUSE_FETCH_PAGE, VA_PAGE(0))
  FETCH_FAULT_VA(16, CAUSE_FETCH_PAGE, VA_PAGE(1))
  # ---- access faults, mtval = the VA, through the pages above the decoded addresses (page_a's
  # data would come back from a TLB that dropped the bits above those it keeps)
  FAULT_VA(24, ld a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, VA_PAGE(6))
  FAULT_VA(25, sd a0 COMMA 0(a1), CAUSE_STORE_ACCESS, VA_PAGE(6) + 8)
  FAULT_VA(26, ld a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, VA_PAGE(7) + 16)
  FETCH_FAULT_VA(27, CAUSE_FETCH_ACCESS, VA_PAGE(6))
  FETCH_FAULT_VA(28, CAUSE_FETCH_ACCESS, VA_PAGE(7))
  # the faulting store did not write
  la t1, page_a
  ld a0, 0(t1)
  CHECK_EQ(17, a0, 0xaaaa0000aaaa0000)

  # ---- sfence.vma: remap VA_PAGE(3) from page_b to page_a (S writes the PTE itself)
  li a1, VA_PAGE(3)
  ld a0, 0(a1)
  SET_PTE_SYM(l0, 3, page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  sfence.vma
  ld a0, 0(a1)
  CHECK_EQ(18, a0, 0xaaaa0000aaaa0000)
  # and back, flushing only that address
  SET_PTE_SYM(l0, 3, page_b, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  sfence.vma a1, zero
  ld a0, 0(a1)
  CHECK_EQ(19, a0, 0xbbbb0000bbbb0000)
  # a PTE made valid after a fault is used after sfence.vma
  SET_PTE_SYM(l0, 1, page_b, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  sfence.vma
  li a1, VA_PAGE(1)
  ld a0, 0(a1)
  CHECK_EQ(20, a0, 0xbbbb0000bbbb0000)
  BACK_TO_M(in_m)

in_m:
  # ---- MPRV: M-mode loads and stores translated as S
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, MPP_S | MSTATUS_MPRV
  csrs mstatus, t0
  li a1, VA_PAGE(3)
  ld a0, 0(a1)
  li a2, 0x5151515151515151
  li a3, VA_PAGE(0)
  sd a2, 16(a3)
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  CHECK_EQ(21, a0, 0xbbbb0000bbbb0000)
  la t1, page_a
  ld a0, 16(t1)
  CHECK_EQ(22, a0, 0x5151515151515151)
  # MPRV with a faulting address: load page fault taken in M, mtval = the VA
  li t0, MPP_S | MSTATUS_MPRV
  csrs mstatus, t0
  li gp, 23
  li a1, VA_PAGE(2)
  EXPECT_TRAP(3f)
mprv_st:
  sd a0, 0(a1)
  j fail
3:
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  CHECK_TI(23, TI_CAUSE, CAUSE_STORE_PAGE)
  CHECK_TI(23, TI_TVAL, VA_PAGE(2))
  CHECK_TI_ADDR(23, TI_EPC, mprv_st)
  # M fetches are never translated (we are running at physical addresses now)
  csrw satp, zero
  sfence.vma
TEST_END

  /* executed through VA_PAGE(4) */
  .section .text.vmcode, "ax"
  .balign 4096
code_page:
  li a0, 0x77
  ret

  .bss
  .balign 4096
root:   .space 4096
l1:     .space 4096
l0:     .space 4096
page_a: .space 4096
page_b: .space 4096
