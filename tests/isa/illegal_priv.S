# Privilege violations trap as illegal instructions: M-mode CSRs and mret from S; S-mode CSRs,
# sret, sfence.vma and wfi from U; with mstatus.TVM satp and sfence.vma from S, with TSR sret
# from S, with TW wfi from S. Without TVM/TSR, S may use satp, sfence.vma and sret.
#include "hive_test.h"

#define ILLEGAL(n, bits) \
  li gp, n; EXPECT_TRAP_M(8886f); 8887: .word bits; j fail; 8886: \
  CHECK_TRAP_TVAL_0_OR(n, CAUSE_ILLEGAL, 8887b, bits)

TEST_BEGIN
  # ---- from S
  GOTO_S(s1)
s1:
  ILLEGAL(1, 0x30002573)          /* csrr a0, mstatus */
  GOTO_S(s2)
s2:
  ILLEGAL(2, 0x34002573)          /* csrr a0, mscratch */
  GOTO_S(s3)
s3:
  ILLEGAL(3, 0x30200073)          /* mret */
  # S may read satp and run sfence.vma (TVM = 0)
  GOTO_S(s4)
s4:
  csrr a0, satp
  sfence.vma
  BACK_TO_M(s5)
s5:
  CHECK_TI(4, TI_CAUSE, CAUSE_ECALL_S)

  # ---- from U
  GOTO_U(u1)
u1:
  ILLEGAL(5, 0x10002573)          /* csrr a0, sstatus */
  GOTO_U(u2)
u2:
  ILLEGAL(6, 0x10200073)          /* sret */
  GOTO_U(u3)
u3:
  ILLEGAL(7, 0x12000073)          /* sfence.vma */
  GOTO_U(u4)
u4:
  ILLEGAL(8, 0x30200073)          /* mret */
  GOTO_U(u5)
u5:
  ILLEGAL(9, 0x10500073)          /* wfi in U (S-mode exists) */
  GOTO_U(u6)
u6:
  ILLEGAL(10, 0x18002573)         /* csrr a0, satp */

  # ---- TVM: satp and sfence.vma from S trap
  li t0, MSTATUS_TVM
  csrs mstatus, t0
  GOTO_S(tv1)
tv1:
  ILLEGAL(11, 0x18002573)         /* csrr a0, satp */
  GOTO_S(tv2)
tv2:
  ILLEGAL(12, 0x18051073)         /* csrw satp, a0 */
  GOTO_S(tv3)
tv3:
  ILLEGAL(13, 0x12b50073)         /* sfence.vma a0, a1 */
  li t0, MSTATUS_TVM
  csrc mstatus, t0

  # ---- TSR: sret from S traps
  li t0, MSTATUS_TSR
  csrs mstatus, t0
  GOTO_S(r1)
r1:
  ILLEGAL(14, 0x10200073)         /* sret */
  li t0, MSTATUS_TSR
  csrc mstatus, t0
  # without TSR, sret from S works (SPP = S: stays in S)
  GOTO_S(r2)
r2:
  li t0, MSTATUS_SPP
  csrs sstatus, t0
  la t0, r3
  csrw sepc, t0
  sret
  j fail
r3:
  BACK_TO_M(r4)
r4:
  CHECK_TI(15, TI_CAUSE, CAUSE_ECALL_S)

  # ---- TW: wfi from S traps (no interrupt is enabled, so it could never complete)
  li t0, MSTATUS_TW
  csrs mstatus, t0
  GOTO_S(w1)
w1:
  ILLEGAL(16, 0x10500073)         /* wfi */
  li t0, MSTATUS_TW
  csrc mstatus, t0
TEST_END
