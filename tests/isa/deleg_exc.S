# medeleg: delegated exceptions from U and S go to the S handler (stvec) with scause, sepc,
# stval and the sstatus stack (SPP, SPIE, SIE); exceptions that are not delegated go to M;
# exceptions in M are never delegated.
#include "hive_test.h"

TEST_BEGIN
  # the delegation bits used here are writable
  li t0, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_LOAD_ACCESS)
  csrw medeleg, t0
  CHECK_CSR_FIELD(1, medeleg, 0xffff, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_LOAD_ACCESS))

  # ---- ecall from U with sstatus.SIE = 1: taken in S, SPP = U, SPIE = 1, SIE = 0
  csrs sstatus, MSTATUS_SIE
  GOTO_U(1f)
1:
  SET_CHECK(2)
  EXPECT_TRAP_S(2f)
e_u:
  ecall
  j fail
2:
  # now in S
  CHECK_TRAP(2, CAUSE_ECALL_U, e_u, 0)
  CHECK_LEVEL(3, 1)
  CHECK_TI_STATUS(4, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPIE)
  # the S handler's sret (SPP = S) kept us in S: an ecall here is an S ecall, not delegated
  BACK_TO_M(3f)
3:
  CHECK_TI(5, TI_CAUSE, CAUSE_ECALL_S)
  CHECK_LEVEL(6, 3)

  # ---- illegal instruction in S with SIE = 0: taken in S, SPP = S, SPIE = 0
  csrc sstatus, MSTATUS_SIE
  GOTO_S(4f)
4:
  SET_CHECK(7)
  EXPECT_TRAP(5f)
i_s:
  .word 0x0000000b
  j fail
5:
  CHECK_TRAP_TVAL_0_OR(7, CAUSE_ILLEGAL, i_s, 0x0000000b)
  CHECK_LEVEL(8, 1)
  CHECK_TI_STATUS(9, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE, MSTATUS_SPP)
  # ebreak from S, delegated
  SET_CHECK(10)
  EXPECT_TRAP(6f)
b_s:
  .option push
  .option norvc
  ebreak
  .option pop
  j fail
6:
  CHECK_TRAP_TVAL_0_OR_ADDR(10, CAUSE_BREAKPOINT, b_s, b_s)
  CHECK_LEVEL(11, 1)
  # a load access fault from S (delegated): stval = the address
  li a1, UNMAPPED_ADDR
  SET_CHECK(12)
  EXPECT_TRAP(7f)
l_s:
  ld a0, 0(a1)
  j fail
7:
  CHECK_TRAP(12, CAUSE_LOAD_ACCESS, l_s, UNMAPPED_ADDR)
  CHECK_LEVEL(13, 1)
  # a store access fault is not delegated: taken in M
  SET_CHECK(14)
  EXPECT_TRAP(8f)
s_s:
  sd a0, 0(a1)
  j fail
8:
  CHECK_TRAP(14, CAUSE_STORE_ACCESS, s_s, UNMAPPED_ADDR)
  CHECK_LEVEL(15, 3)
  BACK_TO_M(9f)
9:

  # ---- exceptions in M are not delegated
  SET_CHECK(16)
  EXPECT_TRAP(10f)
i_m:
  .word 0x0000000b
  j fail
10:
  CHECK_TRAP_TVAL_0_OR(16, CAUSE_ILLEGAL, i_m, 0x0000000b)
  CHECK_LEVEL(17, 3)

  # ---- with medeleg = 0 the same U ecall goes to M
  csrw medeleg, zero
  GOTO_U(11f)
11:
  BACK_TO_M(12f)
12:
  CHECK_TI(18, TI_CAUSE, CAUSE_ECALL_U)
  CHECK_LEVEL(19, 3)
TEST_END
