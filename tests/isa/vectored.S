# Vectored trap modes (mtvec/stvec MODE = 1): an interrupt goes to BASE + 4 x cause, an exception
# to BASE. The tables' bases sit 8 and 4 bytes below a 64-byte boundary, so that the interrupts
# used here (M software 3 and timer 7, S software 1) land across it: the core makes the high bits
# of BASE + 4 x cause apart from its low ones (rtl/core/core.sv, trap_vec).
#include "hive_test.h"

#define MSIP (1 << IRQ_MSI)
#define MTIP (1 << IRQ_MTI)
#define SSIP (1 << IRQ_SSI)

TEST_BEGIN
  TIMER_OFF
  csrw mie, zero
  # ---- MODE = 1 is kept in both registers
  SET_CHECK(1)
  la t0, vec_m
  ori t0, t0, 1
  csrw mtvec, t0
  csrr a0, mtvec
  FAIL_IF_NE(a0, t0)
  la t0, vec_s
  ori t0, t0, 1
  csrw stvec, t0
  csrr a0, stvec
  FAIL_IF_NE(a0, t0)

  # ---- an exception goes to BASE (slot 0)
  li s2, 99
  SET_CHECK(2)
  EXPECT_TRAP(1f)
  ecall
  j fail
1:
  CHECK_TI(3, TI_CAUSE, CAUSE_ECALL_M)
  CHECK_EQ(4, s2, 0)

  # ---- M software interrupt: BASE + 12
  li s2, 99
  li t0, MSIP
  csrw mie, t0
  SET_CHECK(5)
  EXPECT_TRAP(2f)
  csrs mstatus, MSTATUS_MIE
  li a1, CLINT_MSIP
  li t0, 1
  sw t0, 0(a1)
  WAIT_TRAP(5)
2:
  CHECK_TI(6, TI_CAUSE, INTERRUPT | IRQ_MSI)
  CHECK_EQ(7, s2, 3)
  li a1, CLINT_MSIP
  sw zero, 0(a1)
  WAIT_MIP(8, MSIP, 0)

  # ---- M timer interrupt: BASE + 28
  li s2, 99
  li t0, MTIP
  csrw mie, t0
  SET_CHECK(9)
  EXPECT_TRAP(3f)
  TIMER_IN(TIMER_DELAY)
  csrs mstatus, MSTATUS_MIE
  WAIT_TRAP(9)
3:
  CHECK_TI(10, TI_CAUSE, INTERRUPT | IRQ_MTI)
  CHECK_EQ(11, s2, 7)
  TIMER_OFF
  WAIT_MIP(12, MTIP, 0)

  # ---- S software interrupt, delegated, taken in S: stvec's BASE + 4
  csrw mie, zero
  csrw mideleg, SSIP
  GOTO_S(4f)
4:
  li s2, 99
  csrs sie, SSIP
  csrs sstatus, MSTATUS_SIE
  SET_CHECK(13)
  EXPECT_TRAP(5f)
  csrs sip, SSIP
  WAIT_TRAP(13)
5:
  CHECK_TI(14, TI_CAUSE, INTERRUPT | IRQ_SSI)
  CHECK_LEVEL(15, 1)
  CHECK_EQ(16, s2, 1)
  csrc sip, SSIP
  BACK_TO_M(6f)    # an ecall from S, not delegated: M's slot 0
6:
  CHECK_EQ(17, s2, 0)
  csrw mideleg, zero
TEST_END

  # Each slot is one 4-byte jump; a slot records its number in s2 and goes on to the ordinary
  # handler of crt.S. Slots that no check uses fail.
  .option push
  .option norvc
  .balign 64
  .skip 64 - 8
vec_m:
  j m_slot0
  j fail
  j fail
  j m_slot3
  j fail
  j fail
  j fail
  j m_slot7
  j fail
  j fail
  j fail
  j fail
  .balign 64
  .skip 64 - 4
vec_s:
  j s_slot0
  j s_slot1
  j fail
  j fail
  j fail
  j fail
  j fail
  j fail
  j fail
  j fail
  .option pop
m_slot0: li s2, 0; j trap_entry_m
m_slot3: li s2, 3; j trap_entry_m
m_slot7: li s2, 7; j trap_entry_m
s_slot0: li s2, 0; j trap_entry_s
s_slot1: li s2, 1; j trap_entry_s
