# CLINT machine timer: mtime advances; mip.MTIP follows mtime >= mtimecmp (set and cleared by
# writing mtimecmp); with mie.MTIE and mstatus.MIE the interrupt is taken in M (mcause
# 0x8000_0000_0000_0007); from U it is taken even with mstatus.MIE = 0; not taken while
# mie.MTIE = 0.
#include "hive_test.h"

#define MTIP (1 << IRQ_MTI)

TEST_BEGIN
  TIMER_OFF
  csrw mie, zero
  # ---- mtime advances
  li gp, 1
  li t0, CLINT_MTIME
  ld a0, 0(t0)
  li t2, 100000
1:
  ld a1, 0(t0)
  bne a1, a0, 2f
  addi t2, t2, -1
  bnez t2, 1b
  j fail
2:
  CHECK_CSR_FIELD(2, mip, MTIP, 0)

  # ---- MTIP rises once mtime reaches mtimecmp (polled, interrupts off)
  TIMER_IN(20)
  WAIT_MIP(3, MTIP, MTIP)
  # and mtime really reached mtimecmp
  li gp, 4
  li t0, CLINT_MTIME
  ld a0, 0(t0)
  li t0, CLINT_MTIMECMP
  ld a1, 0(t0)
  bltu a0, a1, fail_far
  # writing a later mtimecmp clears MTIP
  TIMER_OFF
  WAIT_MIP(5, MTIP, 0)

  # ---- the interrupt, in M
  SET_CHECK(6)
  EXPECT_TRAP(7f)
  li t0, MTIP
  csrw mie, t0
  csrs mstatus, MSTATUS_MIE
  TIMER_IN(30)
  WAIT_TRAP(6)
7:
  CHECK_TI(7, TI_CAUSE, INTERRUPT | IRQ_MTI)
  CHECK_LEVEL(8, 3)
  CHECK_TI_STATUS(9, MSTATUS_MPP | MSTATUS_MPIE, MPP_M | MSTATUS_MPIE)
  # the handler masked it: MIE = 0 and MTIE = 0 now
  CHECK_CSR_FIELD(10, mstatus, MSTATUS_MIE, 0)
  CHECK_CSR_FIELD(11, mie, MTIP, 0)
  TIMER_OFF

  # ---- not taken while mie.MTIE = 0, even with MIE = 1 and MTIP pending
  TIMER_IN(1)
  WAIT_MIP(12, MTIP, MTIP)
  SET_CHECK(13)
  EXPECT_TRAP(10f)
  csrs mstatus, MSTATUS_MIE
  nop
  nop
  csrc mstatus, MSTATUS_MIE
10:
  CHECK_NOT_TRAPPED(13)
  TIMER_OFF

  # ---- from U with mstatus.MIE = 0: taken in M
  li t0, MTIP
  csrw mie, t0
  SET_CHECK(14)
  EXPECT_TRAP_M(11f)
  TIMER_IN(30)
  GOTO_U(12f)
12:
  WAIT_TRAP(14)
  j fail
11:
  CHECK_TI(15, TI_CAUSE, INTERRUPT | IRQ_MTI)
  CHECK_TI_STATUS(16, MSTATUS_MPP, MPP_U)
  TIMER_OFF
TEST_END

fail_far:
  j fail
