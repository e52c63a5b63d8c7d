# RV64I loads of every size and sign: lb lbu lh lhu lw lwu ld, positive and negative offsets.
#include "hive_test.h"

TEST_BEGIN
  TEST_LOAD(1, lb, 0xffffffffffffff80, 0, bytes)
  TEST_LOAD(2, lb, 0x7f, 1, bytes)
  TEST_LOAD(3, lbu, 0x80, 0, bytes)
  TEST_LOAD(4, lbu, 0xff, 2, bytes)
  TEST_LOAD(5, lb, 0xffffffffffffffff, 2, bytes)
  TEST_LOAD(6, lh, 0xffffffffffff8001, 0, halves)
  TEST_LOAD(7, lh, 0x7ffe, 2, halves)
  TEST_LOAD(8, lhu, 0x8001, 0, halves)
  TEST_LOAD(9, lhu, 0x7ffe, 2, halves)
  TEST_LOAD(10, lw, 0xffffffff80000001, 0, words)
  TEST_LOAD(11, lw, 0x7ffffffe, 4, words)
  TEST_LOAD(12, lwu, 0x80000001, 0, words)
  TEST_LOAD(13, lwu, 0x7ffffffe, 4, words)
  TEST_LOAD(14, ld, 0x8000000000000001, 0, dwords)
  TEST_LOAD(15, ld, 0x0123456789abcdef, 8, dwords)
  # negative offsets
  TEST_LOAD(16, ld, 0x8000000000000001, -8, dwords_end_m8)
  TEST_LOAD(17, lw, 0x7ffffffe, -4, words_end)
  TEST_LOAD(18, lbu, 0x7f, -7, bytes_end)
  # little-endian byte order inside a doubleword
  TEST_LOAD(19, lbu, 0xef, 8, dwords)
  TEST_LOAD(20, lbu, 0x01, 15, dwords)
  TEST_LOAD(21, lhu, 0x4567, 12, dwords)
  TEST_LOAD(22, lwu, 0x01234567, 12, dwords)
  TEST_LOAD(23, lw, 0xffffffff89abcdef, 8, dwords)
  # a load into x0 is discarded
  li gp, 24
  la a1, dwords
  ld x0, 0(a1)
  FAIL_IF_NE(x0, zero)
  # load with rd = base register
  li gp, 25
  la a1, dwords
  ld a1, 8(a1)
  li t6, 0x0123456789abcdef
  FAIL_IF_NE(a1, t6)
TEST_END

  .data
  .balign 16
bytes:
  .byte 0x80, 0x7f, 0xff, 0x00, 0x11, 0x22, 0x33, 0x44
bytes_end:
halves:
  .half 0x8001, 0x7ffe
  .balign 8
words:
  .word 0x80000001, 0x7ffffffe
words_end:
dwords:
  .dword 0x8000000000000001, 0x0123456789abcdef
dwords_end:
  .equ dwords_end_m8, dwords_end - 8
