# RV64I conditional branches: beq bne blt bge bltu bgeu, taken and not taken, with signed and
# unsigned edge cases; a taken backward branch.
#include "hive_test.h"

TEST_BEGIN
  # beq
  TEST_BR_TAKEN(1, beq, 0, 0)
  TEST_BR_TAKEN(2, beq, -1, -1)
  TEST_BR_NOT_TAKEN(3, beq, 0, 1)
  TEST_BR_NOT_TAKEN(4, beq, 0x8000000000000000, 0)
  # bne
  TEST_BR_TAKEN(5, bne, 0, 1)
  TEST_BR_TAKEN(6, bne, 0x100000000, 0)
  TEST_BR_NOT_TAKEN(7, bne, -1, -1)
  # blt (signed)
  TEST_BR_TAKEN(8, blt, -1, 0)
  TEST_BR_TAKEN(9, blt, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR_NOT_TAKEN(10, blt, 0, -1)
  TEST_BR_NOT_TAKEN(11, blt, 5, 5)
  TEST_BR_TAKEN(12, blt, 0xffffffff, 0x100000000)
  # bge (signed)
  TEST_BR_TAKEN(13, bge, 0, -1)
  TEST_BR_TAKEN(14, bge, 5, 5)
  TEST_BR_NOT_TAKEN(15, bge, 0x8000000000000000, 0x7fffffffffffffff)
  TEST_BR_NOT_TAKEN(16, bge, -2, -1)
  # bltu (unsigned)
  TEST_BR_TAKEN(17, bltu, 0, -1)
  TEST_BR_TAKEN(18, bltu, 0x7fffffffffffffff, 0x8000000000000000)
  TEST_BR_NOT_TAKEN(19, bltu, -1, 0)
  TEST_BR_NOT_TAKEN(20, bltu, 7, 7)
  # bgeu (unsigned)
  TEST_BR_TAKEN(21, bgeu, -1, 0)
  TEST_BR_TAKEN(22, bgeu, 7, 7)
  TEST_BR_NOT_TAKEN(23, bgeu, 0, -1)
  TEST_BR_NOT_TAKEN(24, bgeu, 0xffffffff, 0x100000000)

  # A backward branch loop runs exactly 5 times.
  li gp, 25
  li a0, 5
  li a1, 0
10:
  addi a1, a1, 1
  addi a0, a0, -1
  bnez a0, 10b
  li t6, 5
  FAIL_IF_NE(a1, t6)

  # Branch instructions do not write a register (the instruction after a not-taken branch
  # is executed exactly once).
  li gp, 26
  li a0, 0
  li a1, 1
  li a2, 2
  beq a1, a2, 11f
  addi a0, a0, 1
11:
  li t6, 1
  FAIL_IF_NE(a0, t6)
TEST_END
