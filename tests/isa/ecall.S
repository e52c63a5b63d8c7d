# ecall from M, S and U: mcause 11 / 9 / 8, mepc = the ecall, mtval = 0, mstatus.MPP = the
# mode that trapped, MPIE = the MIE before the trap, MIE = 0 in the handler.
#include "hive_test.h"

TEST_BEGIN
  # from M, with MIE = 1 before the trap (no interrupt is enabled in mie)
  csrs mstatus, MSTATUS_MIE
  SET_CHECK(1)
  EXPECT_TRAP(1f)
e_m:
  ecall
  j fail
1:
  CHECK_TRAP(1, CAUSE_ECALL_M, e_m, 0)
  CHECK_TI_STATUS(2, MSTATUS_MPP, MPP_M)
  CHECK_TI_STATUS(3, MSTATUS_MPIE | MSTATUS_MIE, MSTATUS_MPIE)
  CHECK_LEVEL(4, 3)
  # mret restored MIE from MPIE
  CHECK_CSR_FIELD(5, mstatus, MSTATUS_MIE, MSTATUS_MIE)
  csrc mstatus, MSTATUS_MIE

  # from S
  GOTO_S(in_s)
in_s:
  SET_CHECK(6)
  EXPECT_TRAP_M(2f)
e_s:
  ecall
  j fail
2:
  CHECK_TRAP(6, CAUSE_ECALL_S, e_s, 0)
  CHECK_TI_STATUS(7, MSTATUS_MPP, MPP_S)
  CHECK_LEVEL(8, 3)

  # from U
  GOTO_U(in_u)
in_u:
  SET_CHECK(9)
  EXPECT_TRAP_M(3f)
e_u:
  ecall
  j fail
3:
  CHECK_TRAP(9, CAUSE_ECALL_U, e_u, 0)
  CHECK_TI_STATUS(10, MSTATUS_MPP, MPP_U)

  # registers other than the handler's survive the trap
  li a0, 0x1234
  li a7, 0x5678
  SET_CHECK(11)
  EXPECT_TRAP(4f)
  ecall
4:
  CHECK_EQ(11, a0, 0x1234)
  CHECK_EQ(12, a7, 0x5678)
TEST_END
