# RV64I jumps: jal and jalr (link value, target, offset, low bit of the target cleared,
# rd = rs1), and x0 as link register.
#include "hive_test.h"

TEST_BEGIN
  # jal: target and link register
  li gp, 1
  li ra, 0
  jal ra, 10f
11:
  j fail
10:
  la t6, 11b
  FAIL_IF_NE(ra, t6)

  # jal with rd = x0 (plain jump) leaves x0 zero
  li gp, 2
  jal x0, 12f
  j fail
12:
  FAIL_IF_NE(x0, zero)

  # jal backward
  li gp, 3
  j 14f
13:
  j 15f
14:
  jal a0, 13b
15:

  # jalr: target = rs1 + offset, link = pc + 4
  li gp, 4
  la a1, 16f
  addi a1, a1, -8
  jalr a2, 8(a1)
17:
  j fail
16:
  la t6, 17b
  FAIL_IF_NE(a2, t6)

  # jalr clears bit 0 of the target
  li gp, 5
  la a1, 18f
  addi a1, a1, 1
  jalr a2, 0(a1)
  j fail
18:

  # jalr with rd = rs1: the target uses the old value
  li gp, 6
  la a1, 19f
  jalr a1, 0(a1)
20:
  j fail
19:
  la t6, 20b
  FAIL_IF_NE(a1, t6)

  # jalr negative offset
  li gp, 7
  la a1, 21f
  addi a1, a1, 100
  jalr x0, -100(a1)
  j fail
21:

  # call / ret through a function
  li gp, 8
  li a0, 40
  call add_two
  li t6, 42
  FAIL_IF_NE(a0, t6)
TEST_END

add_two:
  addi a0, a0, 2
  ret
