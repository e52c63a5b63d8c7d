# Sv39 permissions: the U bit (S loads/stores to a U page fault unless sstatus.SUM = 1; S never
# executes a U page; U may use U pages and faults on S pages), MXR (loads from an execute-only
# page fault unless MXR = 1), and page faults delegated to S (scause/stval) through medeleg.
#include "hive_test.h"

TEST_BEGIN
  SV39_TABLES(root, l1, l0)
  # l0[0]: data page, S only, RW; l0[1]: data page, U, RW; l0[2]: data page, execute only
  SET_PTE_SYM(l0, 0, page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
  SET_PTE_SYM(l0, 1, page_a, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)
  SET_PTE_SYM(l0, 2, page_a, PTE_V | PTE_X | PTE_A)
  # l0[3]: user code, U + RX; l0[4]: supervisor code, RX
  SET_PTE_SYM(l0, 3, user_code, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)
  SET_PTE_SYM(l0, 4, user_code, PTE_V | PTE_R | PTE_X | PTE_A)
  la t0, page_a
  li t1, 0x0123012301230123
  sd t1, 0(t0)
  SATP_ON(root)
  GOTO_S(in_s)

in_s:
  # ---- U page from S: faults without SUM
  li t0, MSTATUS_SUM
  csrc sstatus, t0
  FAULT_VA(1, ld a0 COMMA 0(a1), CAUSE_LOAD_PAGE, VA_PAGE(1))
  FAULT_VA(2, sd a0 COMMA 0(a1), CAUSE_STORE_PAGE, VA_PAGE(1) + 8)
  # ... and works with SUM
  li t0, MSTATUS_SUM
  csrs sstatus, t0
  li a1, VA_PAGE(1)
  ld a0, 0(a1)
  CHECK_EQ(3, a0, 0x0123012301230123)
  li t0, 0x4567
  sd t0, 8(a1)
  ld a0, 8(a1)
  CHECK_EQ(4, a0, 0x4567)
  # S never executes a U page, even with SUM
  FETCH_FAULT_VA(5, CAUSE_FETCH_PAGE, VA_PAGE(3))
  li t0, MSTATUS_SUM
  csrc sstatus, t0

  # ---- MXR: load from an execute-only page
  li t0, MSTATUS_MXR
  csrc sstatus, t0
  FAULT_VA(6, ld a0 COMMA 0(a1), CAUSE_LOAD_PAGE, VA_PAGE(2))
  li t0, MSTATUS_MXR
  csrs sstatus, t0
  li a1, VA_PAGE(2)
  ld a0, 0(a1)
  CHECK_EQ(7, a0, 0x0123012301230123)
  # MXR does not make it writable
  FAULT_VA(8, sd a0 COMMA 0(a1), CAUSE_STORE_PAGE, VA_PAGE(2))
  li t0, MSTATUS_MXR
  csrc sstatus, t0
  BACK_TO_M(in_m)

in_m:
  # ---- U-mode: run user_code through VA_PAGE(3); entry points at 0x000, 0x100, 0x200
  # user load from its own page, then ecall
  li a1, VA_PAGE(1)
  li a0, 0
  SET_CHECK(9)
  EXPECT_TRAP_M(2f)
  GOTO_U_VA(VA_PAGE(3) + 0x000)
2:
  CHECK_TI(9, TI_CAUSE, CAUSE_ECALL_U)
  CHECK_EQ(10, a0, 0x0123012301230123)
  # user load from a supervisor page faults (entry 0x100 loads from a1)
  li a1, VA_PAGE(0)
  SET_CHECK(11)
  EXPECT_TRAP_M(3f)
  GOTO_U_VA(VA_PAGE(3) + 0x100)
3:
  CHECK_TI(11, TI_CAUSE, CAUSE_LOAD_PAGE)
  CHECK_TI(11, TI_TVAL, VA_PAGE(0))
  CHECK_TI(11, TI_EPC, VA_PAGE(3) + 0x100)
  # user store to a supervisor page faults
  li a1, VA_PAGE(0)
  SET_CHECK(12)
  EXPECT_TRAP_M(4f)
  GOTO_U_VA(VA_PAGE(3) + 0x200)
4:
  CHECK_TI(12, TI_CAUSE, CAUSE_STORE_PAGE)
  CHECK_TI(12, TI_TVAL, VA_PAGE(0))
  # user fetch from a supervisor page faults (same code through the S mapping)
  SET_CHECK(13)
  EXPECT_TRAP_M(5f)
  GOTO_U_VA(VA_PAGE(4))
5:
  CHECK_TI(13, TI_CAUSE, CAUSE_FETCH_PAGE)
  CHECK_TI(13, TI_TVAL, VA_PAGE(4))
  CHECK_TI(13, TI_EPC, VA_PAGE(4))

  # ---- page faults delegated to S: stval = the VA, taken at level 1
  li t0, (1 << CAUSE_LOAD_PAGE) | (1 << CAUSE_STORE_PAGE) | (1 << CAUSE_FETCH_PAGE)
  csrw medeleg, t0
  GOTO_S(in_s2)
in_s2:
  FAULT_VA(14, ld a0 COMMA 0(a1), CAUSE_LOAD_PAGE, VA_PAGE(1))
  CHECK_LEVEL(15, 1)
  FAULT_VA(16, sd a0 COMMA 0(a1), CAUSE_STORE_PAGE, VA_PAGE(2))
  CHECK_LEVEL(17, 1)
  BACK_TO_M(6f)
6:
  csrw medeleg, zero
  # U-mode page fault delegated: taken in S
  li t0, 1 << CAUSE_LOAD_PAGE
  csrw medeleg, t0
  li a1, VA_PAGE(0)
  SET_CHECK(18)
  EXPECT_TRAP_S(7f)
  GOTO_U_VA(VA_PAGE(3) + 0x100)
7:
  CHECK_TI(18, TI_CAUSE, CAUSE_LOAD_PAGE)
  CHECK_TI(18, TI_TVAL, VA_PAGE(0))
  CHECK_LEVEL(19, 1)
  CHECK_TI_STATUS(20, MSTATUS_SPP, 0)
  BACK_TO_M(8f)
8:
  csrw medeleg, zero
  csrw satp, zero
  sfence.vma
TEST_END

  /* user code, run through VA_PAGE(3) (U) or VA_PAGE(4) (S only): fixed entry offsets */
  .section .text.user, "ax"
  .option push
  .option norvc
  .option norelax
  .balign 4096
user_code:
  ld a0, 0(a1)          /* +0x000 */
  ecall
  .balign 256
  ld a0, 0(a1)          /* +0x100 */
  ecall
  .balign 256
  sd a0, 0(a1)          /* +0x200 */
  ecall
  .option pop

  .bss
  .balign 4096
root:   .space 4096
l1:     .space 4096
l0:     .space 4096
page_a: .space 4096
