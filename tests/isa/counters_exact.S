# hive-only: QEMU counts minstret in host ticks unless run with -icount.
# minstret counts retired instructions exactly: two reads around k instructions differ by
# k + 1 (the first csrr retires too), compressed or not, taken branches included; mcycle
# advances at least as fast (one instruction per cycle at most).
#include "hive_test.h"

TEST_BEGIN
  # 10 nops (4-byte)
  .option push
  .option norvc
  csrr a0, minstret
  nop
  nop
  nop
  nop
  nop
  nop
  nop
  nop
  nop
  nop
  csrr a1, minstret
  .option pop
  sub a2, a1, a0
  CHECK_EQ(1, a2, 11)
  # 10 compressed instructions
  csrr a0, minstret
  c.nop
  c.addi a3, 1
  c.nop
  c.addi a3, 1
  c.nop
  c.addi a3, 1
  c.nop
  c.addi a3, 1
  c.nop
  c.addi a3, 1
  csrr a1, minstret
  sub a2, a1, a0
  CHECK_EQ(2, a2, 11)
  # a loop: li + 5 x (addi + bnez) = 11 instructions
  csrr a0, minstret
  li t0, 5
1:
  addi t0, t0, -1
  bnez t0, 1b
  csrr a1, minstret
  sub a2, a1, a0
  CHECK_EQ(3, a2, 12)
  # loads and stores retire once each
  la a4, buf
  csrr a0, minstret
  sd a0, 0(a4)
  ld a5, 0(a4)
  sw a0, 8(a4)
  lw a5, 8(a4)
  amoadd.d a5, a0, (a4)
  csrr a1, minstret
  sub a2, a1, a0
  CHECK_EQ(4, a2, 6)
  # mcycle advances at least one per retired instruction
  csrr a0, mcycle
  csrr a6, minstret
  li t0, 20
2:
  addi t0, t0, -1
  bnez t0, 2b
  csrr a1, mcycle
  csrr a7, minstret
  sub a2, a1, a0
  sub a3, a7, a6
  li gp, 5
  bltu a2, a3, fail_far
TEST_END

fail_far:
  j fail

  .data
  .balign 64
buf:
  .dword 0, 0
