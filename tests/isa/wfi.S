# wfi: with mstatus.MIE = 0 and mie.MTIE = 1, wfi waits until the timer interrupt is pending
# and execution goes on after it without a trap; with MIE = 1 the interrupt is taken with
# mepc = the instruction after wfi; an interrupt that is already pending does not block wfi.
# (wfi may legally be a no-op; this SoC's core waits, and so does QEMU: checks 2 and 5 need it.)
#include "hive_test.h"

#define MTIP (1 << IRQ_MTI)

TEST_BEGIN
  TIMER_OFF
  csrc mstatus, MSTATUS_MIE
  li t0, MTIP
  csrw mie, t0
  # ---- wake-up without a trap
  SET_CHECK(1)
  EXPECT_TRAP(1f)
  TIMER_IN(TIMER_DELAY)
  wfi
1:
  CHECK_NOT_TRAPPED(1)
  # the timer is pending: wfi waited for it
  CHECK_CSR_FIELD(2, mip, MTIP, MTIP)
  # ---- a pending interrupt: wfi returns at once
  wfi
  CHECK_CSR_FIELD(3, mip, MTIP, MTIP)
  TIMER_OFF

  # ---- with MIE = 1: the trap is taken, mepc = the instruction after wfi
  SET_CHECK(4)
  EXPECT_TRAP(2f)
  TIMER_IN(TIMER_DELAY)
  csrs mstatus, MSTATUS_MIE
  wfi
after_wfi:
  j 3f
2:
  CHECK_TI(5, TI_CAUSE, INTERRUPT | IRQ_MTI)
  CHECK_TI_ADDR(5, TI_EPC, after_wfi)
  TIMER_OFF
  j 4f
3:
  j fail
4:
  # ---- wfi in S (TW = 0) wakes up for an M interrupt and traps to M
  li t0, MTIP
  csrw mie, t0
  SET_CHECK(6)
  EXPECT_TRAP_M(5f)
  TIMER_IN(TIMER_DELAY)
  GOTO_S(6f)
6:
  wfi
s_after_wfi:
  j fail
5:
  CHECK_TI(7, TI_CAUSE, INTERRUPT | IRQ_MTI)
  CHECK_TI_STATUS(8, MSTATUS_MPP, MPP_S)
  TIMER_OFF
TEST_END
