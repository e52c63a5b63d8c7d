# ebreak and c.ebreak from M, S and U: mcause 3, mepc = the instruction, mtval = 0 or its
# address (the spec lets the implementation choose).
#include "hive_test.h"

TEST_BEGIN
  SET_CHECK(1)
  EXPECT_TRAP(1f)
b_m:
  .option push
  .option norvc
  ebreak
  .option pop
  j fail
1:
  CHECK_TRAP_TVAL_0_OR_ADDR(1, CAUSE_BREAKPOINT, b_m, b_m)
  CHECK_TI_STATUS(2, MSTATUS_MPP, MPP_M)

  SET_CHECK(3)
  EXPECT_TRAP(2f)
cb_m:
  c.ebreak
  j fail
2:
  CHECK_TRAP_TVAL_0_OR_ADDR(3, CAUSE_BREAKPOINT, cb_m, cb_m)

  GOTO_S(in_s)
in_s:
  SET_CHECK(4)
  EXPECT_TRAP_M(3f)
b_s:
  .option push
  .option norvc
  ebreak
  .option pop
  j fail
3:
  CHECK_TRAP_TVAL_0_OR_ADDR(4, CAUSE_BREAKPOINT, b_s, b_s)
  CHECK_TI_STATUS(5, MSTATUS_MPP, MPP_S)

  GOTO_U(in_u)
in_u:
  SET_CHECK(6)
  EXPECT_TRAP_M(4f)
cb_u:
  c.ebreak
  j fail
4:
  CHECK_TRAP_TVAL_0_OR_ADDR(6, CAUSE_BREAKPOINT, cb_u, cb_u)
  CHECK_TI_STATUS(7, MSTATUS_MPP, MPP_U)
TEST_END
