# PMP on translated accesses (privileged spec 3.7.2): the PMP checks the physical address that
# the page tables give, whatever the page's size. A PMP region inside the image's 1 GiB
# identity page faults only inside the region; a 4 KiB page mapped onto a protected page gives
# an access fault (not a page fault) with mtval = the virtual address; a TOR boundary in the
# middle of a page splits that page; loads, stores and fetches alike; and a PMP change followed
# by SFENCE.VMA holds for mappings the TLB already has.
#include "hive_test.h"

TEST_BEGIN
  # ---- page tables: root[2] the 1 GiB identity page; VA_PAGE(0..3) -> page0, page1, page2,
  # code_page
  SV39_TABLES(root, l1, l0)
  SET_PTE_SYM(l0, 0, page0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  SET_PTE_SYM(l0, 1, page1, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  SET_PTE_SYM(l0, 2, page2, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  SET_PTE_SYM(l0, 3, code_page, PTE_V | PTE_R | PTE_X | PTE_A)
  la t0, page0
  li t1, 0x0a0a0a0a0a0a0a0a
  sd t1, 0(t0)
  la t0, page1
  li t1, 0x1b1b1b1b1b1b1b1b
  sd t1, 0(t0)
  la t0, page2 + 2040
  li t1, 0x2c2c2c2c2c2c2c2c
  sd t1, 0(t0)
  li t1, 0x2d2d2d2d2d2d2d2d
  sd t1, 8(t0)
  SATP_ON(root)

  # ---- entry 0: page0, NAPOT 4 KiB, no permission
  NAPOT_4K(t1, page0)
  csrw pmpaddr0, t1
  PMPCFG(PMP_NAPOT, 0, 0, 0)
  GOTO_S(s1)
s1:
  # through the 4 KiB mapping: access faults, mtval the virtual address
  FAULT_VA(1, ld a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, VA_PAGE(0))
  FAULT_VA(2, sd a0 COMMA 0(a1), CAUSE_STORE_ACCESS, VA_PAGE(0) + 8)
  # the next page of the same table is not covered
  li a1, VA_PAGE(1)
  ld a0, 0(a1)
  CHECK_EQ(3, a0, 0x1b1b1b1b1b1b1b1b)
  # through the 1 GiB page, which the region lies inside: only the region faults
  FAULT_SYM(4, ld a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, page0, 0)
  FAULT_SYM(5, sb a0 COMMA 0(a1), CAUSE_STORE_ACCESS, page0, 4095)
  la a1, page1
  ld a0, 0(a1)
  CHECK_EQ(6, a0, 0x1b1b1b1b1b1b1b1b)
  la a1, page0 - 8
  ld a0, 0(a1)
  BACK_TO_M(m1)
m1:
  CHECK_TI(7, TI_CAUSE, CAUSE_ECALL_S)

  # ---- entry 0 read-only: the TLB holds both mappings from above; the PMP write and SFENCE.VMA
  # make the new setting hold through them
  PMPCFG(PMP_NAPOT | PMP_R, 0, 0, 0)
  GOTO_S(s2)
s2:
  li a1, VA_PAGE(0)
  ld a0, 0(a1)
  CHECK_EQ(8, a0, 0x0a0a0a0a0a0a0a0a)
  la a1, page0
  ld a0, 0(a1)
  CHECK_EQ(9, a0, 0x0a0a0a0a0a0a0a0a)
  FAULT_VA(10, sd a0 COMMA 0(a1), CAUSE_STORE_ACCESS, VA_PAGE(0) + 16)
  FAULT_SYM(11, sd a0 COMMA 0(a1), CAUSE_STORE_ACCESS, page0, 24)
  BACK_TO_M(m2)
m2:

  # ---- a TOR boundary in the middle of page2: entry 2 covers [page2 + 2048, page3), no
  # permission (entry 1, off, gives its bottom)
  la t1, page2 + 2048
  srli t1, t1, 2
  csrw pmpaddr1, t1
  la t1, page3
  srli t1, t1, 2
  csrw pmpaddr2, t1
  PMPCFG(0, 0, PMP_TOR, 0)
  GOTO_S(s3)
s3:
  li a1, VA_PAGE(2) + 2040
  ld a0, 0(a1)
  CHECK_EQ(12, a0, 0x2c2c2c2c2c2c2c2c)
  FAULT_VA(13, ld a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, VA_PAGE(2) + 2048)
  FAULT_VA(14, sw a0 COMMA 0(a1), CAUSE_STORE_ACCESS, VA_PAGE(2) + 4092)
  # a store below the boundary goes through, and a load reads it back
  li a1, VA_PAGE(2) + 2040
  li t2, 0x3e3e3e3e3e3e3e3e
  sd t2, 0(a1)
  la a1, page2 + 2040
  ld a0, 0(a1)
  CHECK_EQ(15, a0, 0x3e3e3e3e3e3e3e3e)
  FAULT_SYM(16, ld a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, page2, 2048)
  BACK_TO_M(m3)
m3:
  # the store at the boundary did not happen
  la a1, page2 + 2048
  ld a0, 0(a1)
  CHECK_EQ(17, a0, 0x2d2d2d2d2d2d2d2d)

  # ---- fetch: entry 0 over code_page, R only, then R and X
  NAPOT_4K(t1, code_page)
  csrw pmpaddr0, t1
  PMPCFG(PMP_NAPOT | PMP_R, 0, 0, 0)
  GOTO_S(s4)
s4:
  FETCH_FAULT_VA(18, CAUSE_FETCH_ACCESS, VA_PAGE(3))
  BACK_TO_M(m4)
m4:
  PMPCFG(PMP_NAPOT | PMP_R | PMP_X, 0, 0, 0)
  GOTO_S(s5)
s5:
  li a0, 0
  li a1, VA_PAGE(3)
  jalr ra, 0(a1)
  CHECK_EQ(19, a0, 0x55)
  BACK_TO_M(m5)
m5:
  PMPCFG(0, 0, 0, 0)
  csrw satp, zero
  sfence.vma
TEST_END

  .section .text.vmpmpcode, "ax"
  .balign 4096
code_page:
  li a0, 0x55
  ret

  .bss
  .balign 4096
root: .space 4096
l1:   .space 4096
l0:   .space 4096
page0: .space 4096
page1: .space 4096
page2: .space 4096
page3: .space 4096
