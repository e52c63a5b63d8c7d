# Counters: mcycle and minstret advance; cycle, instret and time read in M and agree with their
# machine versions / the CLINT mtime; mcounteren gates S (and, with scounteren, U) access to
# cycle (CY), time (TM), instret (IR): a gated read is an illegal instruction; mhpmcounter3..31
# and mhpmevent3..31 all exist in M; mcycle and minstret are writable.
#include "hive_test.h"

#define CY 1
#define TM 2
#define IR 4
#define ILLEGAL_READ(n, csr) \
  li gp, n; EXPECT_TRAP_M(8886f); 8887: csrr a0, csr; j fail; 8886: \
  CHECK_TI(n, TI_CAUSE, CAUSE_ILLEGAL)

TEST_BEGIN
  # ---- mcycle and minstret advance over a loop of 100 iterations
  csrr a0, mcycle
  csrr a1, minstret
  li t0, 100
1:
  addi t0, t0, -1
  bnez t0, 1b
  csrr a2, mcycle
  csrr a3, minstret
  li gp, 1
  bgeu a0, a2, fail_far
  li gp, 2
  bgeu a1, a3, fail_far
  # ---- the user-level names read the same counters (monotonic across the two reads)
  csrr a0, mcycle
  rdcycle a1
  li gp, 3
  bltu a1, a0, fail_far
  csrr a0, minstret
  rdinstret a1
  li gp, 4
  bltu a1, a0, fail_far
  # ---- time follows mtime
  li t0, CLINT_MTIME
  ld a0, 0(t0)
  rdtime a1
  ld a2, 0(t0)
  li gp, 5
  bltu a1, a0, fail_far
  bltu a2, a1, fail_far
  # ---- mcycle / minstret are writable
  li t0, 0x100000000
  csrw minstret, t0
  csrr a0, minstret
  li gp, 6
  bltu a0, t0, fail_far
  li t1, 0x100010000
  bgeu a0, t1, fail_far
  csrw mcycle, t0
  csrr a0, mcycle
  li gp, 7
  bltu a0, t0, fail_far
  bgeu a0, t1, fail_far

  # ---- mcounteren = 0: S may not read cycle, time, instret
  csrw mcounteren, zero
  csrw scounteren, zero
  GOTO_S(2f)
2:
  ILLEGAL_READ(8, cycle)
  GOTO_S(3f)
3:
  ILLEGAL_READ(9, time)
  GOTO_S(4f)
4:
  ILLEGAL_READ(10, instret)
  # ---- mcounteren = CY|TM|IR: S may; U still may not while scounteren = 0
  li t0, CY | TM | IR
  csrw mcounteren, t0
  GOTO_S(5f)
5:
  rdcycle a0
  rdtime a0
  rdinstret a0
  BACK_TO_M(6f)
6:
  CHECK_TI(11, TI_CAUSE, CAUSE_ECALL_S)
  GOTO_U(7f)
7:
  ILLEGAL_READ(12, cycle)
  GOTO_U(8f)
8:
  ILLEGAL_READ(13, instret)
  # ---- scounteren = CY only: U reads cycle, not time
  GOTO_S(9f)
9:
  csrwi scounteren, CY
  BACK_TO_M(10f)
10:
  GOTO_U(11f)
11:
  rdcycle a0
  ILLEGAL_READ(14, time)
  # ---- both enables: U reads all three
  csrwi scounteren, CY | TM | IR
  GOTO_U(12f)
12:
  rdcycle a0
  rdtime a0
  rdinstret a0
  BACK_TO_M(13f)
13:
  CHECK_TI(15, TI_CAUSE, CAUSE_ECALL_U)
  # ---- mcounteren gates even when scounteren allows
  csrw mcounteren, zero
  GOTO_U(14f)
14:
  ILLEGAL_READ(16, cycle)

  # ---- every mhpmcounter3..31 and mhpmevent3..31 exists in M (reads do not trap)
  li gp, 17
  csrr a0, mhpmcounter3
  csrr a0, mhpmevent3
  csrr a0, mhpmcounter4
  csrr a0, mhpmevent4
  csrr a0, mhpmcounter5
  csrr a0, mhpmevent5
  csrr a0, mhpmcounter6
  csrr a0, mhpmevent6
  csrr a0, mhpmcounter7
  csrr a0, mhpmevent7
  csrr a0, mhpmcounter8
  csrr a0, mhpmevent8
  csrr a0, mhpmcounter9
  csrr a0, mhpmevent9
  csrr a0, mhpmcounter10
  csrr a0, mhpmevent10
  csrr a0, mhpmcounter11
  csrr a0, mhpmevent11
  csrr a0, mhpmcounter12
  csrr a0, mhpmevent12
  csrr a0, mhpmcounter13
  csrr a0, mhpmevent13
  csrr a0, mhpmcounter14
  csrr a0, mhpmevent14
  csrr a0, mhpmcounter15
  csrr a0, mhpmevent15
  csrr a0, mhpmcounter16
  csrr a0, mhpmevent16
  csrr a0, mhpmcounter17
  csrr a0, mhpmevent17
  csrr a0, mhpmcounter18
  csrr a0, mhpmevent18
  csrr a0, mhpmcounter19
  csrr a0, mhpmevent19
  csrr a0, mhpmcounter20
  csrr a0, mhpmevent20
  csrr a0, mhpmcounter21
  csrr a0, mhpmevent21
  csrr a0, mhpmcounter22
  csrr a0, mhpmevent22
  csrr a0, mhpmcounter23
  csrr a0, mhpmevent23
  csrr a0, mhpmcounter24
  csrr a0, mhpmevent24
  csrr a0, mhpmcounter25
  csrr a0, mhpmevent25
  csrr a0, mhpmcounter26
  csrr a0, mhpmevent26
  csrr a0, mhpmcounter27
  csrr a0, mhpmevent27
  csrr a0, mhpmcounter28
  csrr a0, mhpmevent28
  csrr a0, mhpmcounter29
  csrr a0, mhpmevent29
  csrr a0, mhpmcounter30
  csrr a0, mhpmevent30
  csrr a0, mhpmcounter31
  csrr a0, mhpmevent31
TEST_END

fail_far:
  j fail
