# hive-only: QEMU performs misaligned loads and stores in hardware; the Hive core traps.
# Misaligned loads (mcause 4) and stores (6) of every size, mtval = the address, mepc = the
# instruction, memory unchanged by a trapping store; from M and from S. Aligned accesses at
# the same places do not trap.
#include "hive_test.h"

#define MIS(n, inst, cause, off) \
  li gp, n; la a1, buf; EXPECT_TRAP(8886f); 8887: inst a0, off(a1); j fail; 8886: \
  CHECK_TRAP_TVAL_ADDR(n, cause, 8887b, buf + off)

TEST_BEGIN
  li a0, 0x1111111111111111
  MIS(1, lh, CAUSE_LOAD_MISALIGNED, 1)
  MIS(2, lhu, CAUSE_LOAD_MISALIGNED, 7)
  MIS(3, lw, CAUSE_LOAD_MISALIGNED, 2)
  MIS(4, lwu, CAUSE_LOAD_MISALIGNED, 1)
  MIS(5, ld, CAUSE_LOAD_MISALIGNED, 4)
  MIS(6, ld, CAUSE_LOAD_MISALIGNED, 7)
  MIS(7, sh, CAUSE_STORE_MISALIGNED, 3)
  MIS(8, sw, CAUSE_STORE_MISALIGNED, 6)
  MIS(9, sd, CAUSE_STORE_MISALIGNED, 12)
  # the trapping stores wrote nothing
  la a1, buf
  ld a0, 0(a1)
  CHECK_EQ(10, a0, 0x0706050403020100)
  ld a0, 8(a1)
  CHECK_EQ(11, a0, 0x0f0e0d0c0b0a0908)
  # compressed forms
  li gp, 12
  la a1, buf
  addi a2, a1, 2
  EXPECT_TRAP(1f)
c_l:
  c.lw a0, 0(a2)
  j fail
1:
  CHECK_TRAP_TVAL_ADDR(12, CAUSE_LOAD_MISALIGNED, c_l, buf + 2)
  li gp, 13
  EXPECT_TRAP(2f)
c_s:
  c.sd a0, 0(a2)
  j fail
2:
  CHECK_TRAP_TVAL_ADDR(13, CAUSE_STORE_MISALIGNED, c_s, buf + 2)
  # aligned accesses do not trap
  li gp, 14
  la a1, buf
  lh a0, 2(a1)
  lw a0, 4(a1)
  ld a0, 8(a1)
  sh a0, 2(a1)
  # from S-mode, taken in M
  GOTO_S(in_s)
in_s:
  MIS(15, lw, CAUSE_LOAD_MISALIGNED, 3)
  MIS(16, sd, CAUSE_STORE_MISALIGNED, 1)
  CHECK_TI_STATUS(17, MSTATUS_MPP, MPP_S)
TEST_END

  .data
  .balign 64
buf:
  .byte 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
  .dword 0, 0
