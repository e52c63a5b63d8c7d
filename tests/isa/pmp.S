# PMP: S/U accesses checked against the entries (crt.S leaves entry 7 = everything RWX):
# a NAPOT entry without permissions gives load/store access faults (mtval = the address) in S
# and U while M is unaffected; a read-only entry faults only stores; a TOR range covers exactly
# [pmpaddr(i-1), pmpaddr(i)) and an NA4 entry exactly its four bytes; an entry without X gives
# an instruction access fault; the lowest matching entry wins; a locked (L) entry also binds M
# and cannot be changed; pmpaddr keeps at least the address bits the SoC decodes.
#include "hive_test.h"

TEST_BEGIN
  # ---- pmpaddr's implemented bits (WARL): the low-order ones, at least bits 32:2 of the address
  # (every physical address the SoC decodes lies below 2^33); the boards' model keeps only those
  li t1, -1
  csrw pmpaddr1, t1
  csrr a0, pmpaddr1
  addi t1, a0, 1
  and t1, t1, a0
  CHECK_EQ(25, t1, 0)
  li t1, 0x7fffffff
  and t1, t1, a0
  CHECK_EQ(26, t1, 0x7fffffff)
  csrw pmpaddr1, zero

  la t0, page0
  li t1, 0x0f0f0f0f0f0f0f0f
  sd t1, 0(t0)
  # ---- entry 0: page0, NAPOT 4 KiB, no permission
  NAPOT_4K(t1, page0)
  csrw pmpaddr0, t1
  PMPCFG(PMP_NAPOT, 0, 0, 0)
  # M is not affected (L = 0)
  la a1, page0
  ld a0, 0(a1)
  CHECK_EQ(1, a0, 0x0f0f0f0f0f0f0f0f)
  GOTO_S(s1)
s1:
  FAULT_SYM(2, ld a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, page0, 0)
  FAULT_SYM(3, sw a0 COMMA 0(a1), CAUSE_STORE_ACCESS, page0, 8)
#if !defined(TARGET_QEMU)
  /* QEMU 7.2 reports an AMO's access fault as a load access fault (5); the spec says 7 */
  FAULT_SYM(4, amoadd.d a0 COMMA a0 COMMA (a1), CAUSE_STORE_ACCESS, page0, 0)
#endif
  # the page after it is not covered
  la a1, page1
  ld a0, 0(a1)
  BACK_TO_M(m1)
m1:
  CHECK_TI(5, TI_CAUSE, CAUSE_ECALL_S)
  GOTO_U(u1)
u1:
  FAULT_SYM(6, lbu a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, page0, 4095)
  BACK_TO_M(m2)
m2:

  # ---- entry 0 read-only: loads work, stores fault
  PMPCFG(PMP_NAPOT | PMP_R, 0, 0, 0)
  GOTO_S(s2)
s2:
  la a1, page0
  ld a0, 0(a1)
  CHECK_EQ(7, a0, 0x0f0f0f0f0f0f0f0f)
  FAULT_SYM(8, sd a0 COMMA 0(a1), CAUSE_STORE_ACCESS, page0, 16)
  BACK_TO_M(m3)
m3:

  # ---- the lowest-numbered matching entry wins: entry 0 R, entry 1 (same page) nothing
  NAPOT_4K(t1, page0)
  csrw pmpaddr1, t1
  PMPCFG(PMP_NAPOT | PMP_R, PMP_NAPOT, 0, 0)
  GOTO_S(s3)
s3:
  la a1, page0
  ld a0, 0(a1)
  CHECK_EQ(9, a0, 0x0f0f0f0f0f0f0f0f)
  BACK_TO_M(m4)
m4:
  # ... and the other way round
  PMPCFG(PMP_NAPOT, PMP_NAPOT | PMP_R, 0, 0)
  GOTO_S(s4)
s4:
  FAULT_SYM(10, ld a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, page0, 0)
  BACK_TO_M(m5)
m5:

  # ---- TOR: entry 2 covers [page1, page3) with no permission (entry 1 gives the bottom)
  la t1, page1
  srli t1, t1, 2
  csrw pmpaddr1, t1
  la t1, page3
  srli t1, t1, 2
  csrw pmpaddr2, t1
  PMPCFG(0, 0, PMP_TOR, 0)
  GOTO_S(s5)
s5:
  FAULT_SYM(11, ld a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, page1, 0)
  FAULT_SYM(12, ld a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, page2, 4088)
  FAULT_SYM(13, sb a0 COMMA 0(a1), CAUSE_STORE_ACCESS, page2, 100)
  # just outside the range on both sides
  la a1, page1 - 8
  ld a0, 0(a1)
  la a1, page3
  ld a0, 0(a1)
  BACK_TO_M(m6)
m6:
  CHECK_TI(14, TI_CAUSE, CAUSE_ECALL_S)

  # ---- NA4: entry 1 covers the four bytes at page1 + 8 and not the words beside them (a NAPOT
  # reading of the same pmpaddr would cover eight bytes, up to page1 + 15)
  la t1, page1 + 8
  srli t1, t1, 2
  csrw pmpaddr1, t1
  PMPCFG(0, PMP_NA4, 0, 0)
  GOTO_S(s5n)
s5n:
  FAULT_SYM(22, lw a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, page1, 8)
  FAULT_SYM(23, sb a0 COMMA 0(a1), CAUSE_STORE_ACCESS, page1, 11)
  li gp, 24  /* the words beside it load without a trap */
  la a1, page1 + 4
  lw a0, 0(a1)
  la a1, page1 + 12
  lw a0, 0(a1)
  BACK_TO_M(m6n)
m6n:
  CHECK_TI(24, TI_CAUSE, CAUSE_ECALL_S)

  # ---- execute permission: entry 0 over code_page with R only
  NAPOT_4K(t1, code_page)
  csrw pmpaddr0, t1
  PMPCFG(PMP_NAPOT | PMP_R, 0, 0, 0)
  GOTO_S(s6)
s6:
  FETCH_FAULT_SYM(15, CAUSE_FETCH_ACCESS, code_page)
  BACK_TO_M(m7)
m7:
  # with X it runs
  PMPCFG(PMP_NAPOT | PMP_R | PMP_X, 0, 0, 0)
  GOTO_S(s7)
s7:
  li a0, 0
  call code_page
  CHECK_EQ(16, a0, 0x55)
  BACK_TO_M(m8)
m8:

  # ---- locked entry 3 over lock_page, no permission: M faults too, and it cannot be changed
  PMPCFG(0, 0, 0, 0)
  NAPOT_4K(t1, lock_page)
  csrw pmpaddr3, t1
  PMPCFG(0, 0, 0, PMP_NAPOT | PMP_L)
  FAULT_SYM(17, ld a0 COMMA 0(a1), CAUSE_LOAD_ACCESS, lock_page, 8)
  FAULT_SYM(18, sd a0 COMMA 0(a1), CAUSE_STORE_ACCESS, lock_page, 0)
  # writes to a locked entry are ignored
  PMPCFG(0, 0, 0, PMP_NAPOT | PMP_R | PMP_W)
  csrr a0, pmpcfg0
  srli a0, a0, 24
  andi a0, a0, 0xff
  CHECK_EQ(19, a0, PMP_NAPOT | PMP_L)
  csrw pmpaddr3, zero
  csrr a0, pmpaddr3
  NAPOT_4K(t1, lock_page)
  li gp, 20
  FAIL_IF_NE(a0, t1)
  # M still reaches other memory
  la a1, page0
  ld a0, 0(a1)
  CHECK_EQ(21, a0, 0x0f0f0f0f0f0f0f0f)
TEST_END

  .section .text.pmpcode, "ax"
  .balign 4096
code_page:
  li a0, 0x55
  ret

  .bss
  .balign 4096
page0: .space 4096
page1: .space 4096
page2: .space 4096
page3: .space 4096
lock_page: .space 4096
