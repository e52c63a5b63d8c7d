# CLINT machine software interrupt: writing msip sets mip.MSIP, clearing it clears MSIP; with
# mie.MSIE and mstatus.MIE the interrupt is taken in M (mcause 0x8000_0000_0000_0003); from S
# it is taken with mstatus.MIE = 0; bits of msip other than bit 0 read as zero.
#include "hive_test.h"

#define MSIP (1 << IRQ_MSI)
#define WAIT_MSIP(n, val) WAIT_MIP(n, MSIP, val)

TEST_BEGIN
  csrw mie, zero
  li a1, CLINT_MSIP
  sw zero, 0(a1)
  WAIT_MSIP(1, 0)
  # ---- msip -> mip.MSIP
  li t0, 1
  sw t0, 0(a1)
  WAIT_MSIP(2, MSIP)
  lw a0, 0(a1)
  CHECK_EQ(3, a0, 1)
  sw zero, 0(a1)
  WAIT_MSIP(4, 0)
  # only bit 0 is implemented
  li t0, 0xfffffffe
  sw t0, 0(a1)
  lw a0, 0(a1)
  CHECK_EQ(5, a0, 0)
  CHECK_CSR_FIELD(6, mip, MSIP, 0)

  # ---- the interrupt in M
  li t0, MSIP
  csrw mie, t0
  SET_CHECK(7)
  EXPECT_TRAP(1f)
  csrs mstatus, MSTATUS_MIE
  li t0, 1
  sw t0, 0(a1)
  WAIT_TRAP(7)
1:
  CHECK_TI(8, TI_CAUSE, INTERRUPT | IRQ_MSI)
  CHECK_LEVEL(9, 3)
  sw zero, 0(a1)
  WAIT_MSIP(10, 0)

  # ---- from S with mstatus.MIE = 0
  li t0, MSIP
  csrw mie, t0
  csrc mstatus, MSTATUS_MIE
  SET_CHECK(11)
  EXPECT_TRAP_M(2f)
  GOTO_S(3f)
3:
  li t0, 1
  li a1, CLINT_MSIP
  sw t0, 0(a1)
  WAIT_TRAP(11)
  j fail
2:
  CHECK_TI(12, TI_CAUSE, INTERRUPT | IRQ_MSI)
  CHECK_TI_STATUS(13, MSTATUS_MPP, MPP_S)
  li a1, CLINT_MSIP
  sw zero, 0(a1)
  WAIT_MSIP(14, 0)
TEST_END
