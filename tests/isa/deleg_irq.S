# mideleg: supervisor software and timer interrupts delegated to S are taken in S (scause with
# the interrupt bit), also from U with sstatus.SIE = 0, and never in M; a pending S interrupt
# that is not delegated is taken in M from S. sie/sip show only delegated interrupts.
#include "hive_test.h"

#define SSIP (1 << IRQ_SSI)
#define STIP (1 << IRQ_STI)
/* spin until the armed trap happens (bounded) */

TEST_BEGIN
  # ---- mideleg bits for SSI, STI, SEI are writable
  li t0, SSIP | STIP | (1 << IRQ_SEI)
  csrw mideleg, t0
  CHECK_CSR_FIELD(1, mideleg, SSIP | STIP | (1 << IRQ_SEI), SSIP | STIP | (1 << IRQ_SEI))

  # ---- sie shows only delegated bits
  csrw mideleg, zero
  csrw mie, zero
  csrs sie, SSIP
  CHECK_CSR_FIELD(2, sie, SSIP, 0)
  CHECK_CSR_FIELD(3, mie, SSIP, 0)
  csrw mideleg, SSIP
  csrs sie, SSIP
  CHECK_CSR_FIELD(4, mie, SSIP, SSIP)
  CHECK_CSR_FIELD(5, sie, SSIP, SSIP)
  csrw mie, zero

  # ---- delegated SSI raised by S itself through sip, taken in S
  csrw mideleg, SSIP
  GOTO_S(1f)
1:
  csrs sie, SSIP
  csrs sstatus, MSTATUS_SIE
  SET_CHECK(6)
  EXPECT_TRAP(2f)
  csrs sip, SSIP
  WAIT_TRAP(6)
2:
  CHECK_TI(7, TI_CAUSE, INTERRUPT | IRQ_SSI)
  CHECK_LEVEL(8, 1)
  CHECK_TI_STATUS(9, MSTATUS_SPP | MSTATUS_SPIE, MSTATUS_SPP | MSTATUS_SPIE)
  csrc sip, SSIP
  CHECK_CSR_FIELD(10, sip, SSIP, 0)
  BACK_TO_M(3f)
3:

  # ---- in M, a pending delegated interrupt is not taken even with MIE = 1
  csrs mie, SSIP
  csrs mip, SSIP
  csrs mstatus, MSTATUS_SIE
  SET_CHECK(11)
  EXPECT_TRAP(4f)
  csrs mstatus, MSTATUS_MIE
  li t2, 1000
5:
  addi t2, t2, -1
  bnez t2, 5b
4:
  csrc mstatus, MSTATUS_MIE
  CHECK_NOT_TRAPPED(11)
  # ... but from U it is taken in S, even with sstatus.SIE = 0
  csrc mstatus, MSTATUS_SIE
  SET_CHECK(12)
  EXPECT_TRAP_S(6f)
  GOTO_U(7f)
7:
  WAIT_TRAP(12)
  j fail
6:
  CHECK_TI(13, TI_CAUSE, INTERRUPT | IRQ_SSI)
  CHECK_LEVEL(14, 1)
  CHECK_TI_STATUS(15, MSTATUS_SPP, 0)
  csrc sip, SSIP
  BACK_TO_M(8f)
8:
  CHECK_CSR_FIELD(16, mip, SSIP, 0)

  # ---- delegated STI: M raises mip.STIP, S takes it
  li t0, STIP
  csrw mideleg, t0
  csrw mie, zero
  li t0, STIP
  csrs mip, t0
  CHECK_CSR_FIELD(17, sip, STIP, STIP)
  GOTO_S(9f)
9:
  li t0, STIP
  csrs sie, t0
  SET_CHECK(18)
  EXPECT_TRAP(10f)
  csrs sstatus, MSTATUS_SIE
  WAIT_TRAP(18)
10:
  CHECK_TI(19, TI_CAUSE, INTERRUPT | IRQ_STI)
  CHECK_LEVEL(20, 1)
  # S cannot clear STIP
  li t0, STIP
  csrc sip, t0
  CHECK_CSR_FIELD(21, sip, STIP, STIP)
  BACK_TO_M(11f)
11:
  li t0, STIP
  csrc mip, t0
  CHECK_CSR_FIELD(22, mip, STIP, 0)

  # ---- SSI not delegated: pending in mip, enabled in mie, taken in M from S (MIE = 0)
  csrw mideleg, zero
  csrw mie, SSIP
  csrc mstatus, MSTATUS_MIE
  csrs mip, SSIP
  SET_CHECK(23)
  EXPECT_TRAP_M(12f)
  GOTO_S(13f)
13:
  WAIT_TRAP(23)
  j fail
12:
  CHECK_TI(24, TI_CAUSE, INTERRUPT | IRQ_SSI)
  CHECK_LEVEL(25, 3)
  CHECK_TI_STATUS(26, MSTATUS_MPP, MPP_S)
  csrc mip, SSIP
TEST_END
