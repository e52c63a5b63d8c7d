# RV64I stores of every size: sb sh sw sd; read back, neighbours unchanged, negative offsets.
#include "hive_test.h"

TEST_BEGIN
  TEST_STORE(1, sb, lbu, 0xaa, 0x12345678aa, 0, buf)
  TEST_STORE(2, sb, lb, 0xffffffffffffff80, 0x80, 1, buf)
  TEST_STORE(3, sh, lhu, 0xbeef, 0xdeadbeef, 2, buf)
  TEST_STORE(4, sh, lh, 0xffffffffffff8000, 0x8000, 4, buf)
  TEST_STORE(5, sw, lwu, 0xcafef00d, 0x11223344cafef00d, 8, buf)
  TEST_STORE(6, sw, lw, 0xffffffff80000000, 0x80000000, 12, buf)
  TEST_STORE(7, sd, ld, 0x0123456789abcdef, 0x0123456789abcdef, 16, buf)
  TEST_STORE(8, sd, ld, 0xfedcba9876543210, 0xfedcba9876543210, -8, buf_end)
  TEST_STORE(9, sw, lwu, 0x55aa55aa, 0x55aa55aa, -12, buf_end)

  # Each store wrote only its own bytes: the first doubleword is now
  # bytes aa 80 ef be 00 80 ff ff (the preset 0xff bytes at 6..7 unchanged).
  li gp, 10
  la a1, buf
  ld a0, 0(a1)
  li t6, 0xffff8000beef80aa
  FAIL_IF_NE(a0, t6)
  li gp, 11
  ld a0, 8(a1)
  li t6, 0x80000000cafef00d
  FAIL_IF_NE(a0, t6)
  # the guard after buf_end is untouched
  li gp, 12
  ld a0, 32(a1)
  li t6, 0x5a5a5a5a5a5a5a5a
  FAIL_IF_NE(a0, t6)
  # the word store at buf+20 replaced only the upper half of the doubleword at buf+16
  li gp, 13
  ld a0, 16(a1)
  li t6, 0x55aa55aa89abcdef
  FAIL_IF_NE(a0, t6)
  # storing x0 writes zero
  li gp, 14
  sd x0, 0(a1)
  ld a0, 0(a1)
  FAIL_IF_NE(a0, zero)
TEST_END

  .data
  .balign 16
buf:
  .dword 0xffff000000000000, 0, 0, 0x5a5a5a5a5a5a5a5a
buf_end:
  .dword 0x5a5a5a5a5a5a5a5a
