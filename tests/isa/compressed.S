# RV64C: every compressed integer instruction (c.ebreak is in ebreak.S; c.fld/c.fsd trap, see
# fp_illegal.S): results, and 32-bit instructions at 2-byte alignment, across a 64-byte line and
# across a page boundary.
#include "hive_test.h"

TEST_BEGIN
  # sp-relative forms use a buffer; the stack pointer is restored at the end
  mv s1, sp
  la sp, cbuf

  # c.li, c.lui
  li gp, 1
  c.li a0, -32
  CHECK_EQ(1, a0, -32)
  c.li a0, 31
  CHECK_EQ(2, a0, 31)
  c.lui a0, 0xfffe0
  CHECK_EQ(3, a0, 0xfffffffffffe0000)
  c.lui a0, 0x1f
  CHECK_EQ(4, a0, 0x1f000)
  # c.addi, c.addiw, c.nop
  li a0, 0x7fffffff
  c.addi a0, 1
  CHECK_EQ(5, a0, 0x80000000)
  li a0, 0x7fffffff
  c.addiw a0, 1
  CHECK_EQ(6, a0, 0xffffffff80000000)
  li a0, 0x1234
  c.addiw a0, 0
  CHECK_EQ(7, a0, 0x1234)
  li a0, 5
  c.nop
  c.addi a0, -6
  CHECK_EQ(8, a0, -1)
  # c.addi16sp, c.addi4spn
  mv a1, sp
  c.addi16sp sp, -496
  sub a0, a1, sp
  CHECK_EQ(9, a0, 496)
  c.addi16sp sp, 496
  FAIL_IF_NE(a1, sp)
  c.addi4spn a0, sp, 1020
  sub a0, a0, sp
  CHECK_EQ(10, a0, 1020)
  # c.slli, c.srli, c.srai, c.andi
  li a0, 0x8000000000000001
  c.slli a0, 63
  CHECK_EQ(11, a0, 0x8000000000000000)
  li a0, 0x8000000000000001
  c.srli a0, 32
  CHECK_EQ(12, a0, 0x80000000)
  li a0, 0x8000000000000001
  c.srai a0, 63
  CHECK_EQ(13, a0, -1)
  li a0, 0xff
  c.andi a0, -16
  CHECK_EQ(14, a0, 0xf0)
  li a0, 0xff
  c.andi a0, 5
  CHECK_EQ(15, a0, 5)
  # c.mv, c.add, c.sub, c.xor, c.or, c.and, c.addw, c.subw
  li a1, 0x123456789
  c.mv a0, a1
  CHECK_EQ(16, a0, 0x123456789)
  li a0, 0x7fffffffffffffff
  li a1, 1
  c.add a0, a1
  CHECK_EQ(17, a0, 0x8000000000000000)
  li a0, 0
  li a1, 1
  c.sub a0, a1
  CHECK_EQ(18, a0, -1)
  li a0, 0xff00ff00
  li a1, 0x0ff00ff0
  c.xor a0, a1
  CHECK_EQ(19, a0, 0xf0f0f0f0)
  li a0, 0xff00ff00
  c.or a0, a1
  CHECK_EQ(20, a0, 0xfff0fff0)
  li a0, 0xff00ff00
  c.and a0, a1
  CHECK_EQ(21, a0, 0x0f000f00)
  li a0, 0x7fffffff
  li a1, 1
  c.addw a0, a1
  CHECK_EQ(22, a0, 0xffffffff80000000)
  li a0, 0x100000000
  li a1, 1
  c.subw a0, a1
  CHECK_EQ(23, a0, -1)
  # c.sw, c.lw, c.sd, c.ld (register-based)
  la a2, cbuf
  li a1, 0x80000001
  c.sw a1, 124(a2)
  c.lw a0, 124(a2)
  CHECK_EQ(24, a0, 0xffffffff80000001)
  li a1, 0x0123456789abcdef
  c.sd a1, 248(a2)
  c.ld a0, 248(a2)
  CHECK_EQ(25, a0, 0x0123456789abcdef)
  # c.swsp, c.lwsp, c.sdsp, c.ldsp
  li a1, 0xfffffffe
  c.swsp a1, 252(sp)
  c.lwsp a0, 252(sp)
  CHECK_EQ(26, a0, 0xfffffffffffffffe)
  li a1, 0xfedcba9876543210
  c.sdsp a1, 504(sp)
  c.ldsp a0, 504(sp)
  CHECK_EQ(27, a0, 0xfedcba9876543210)
  # c.j
  li gp, 28
  c.j 30f
  j fail
30:
  # c.beqz / c.bnez
  li gp, 29
  li a0, 0
  c.beqz a0, 31f
  j fail
31:
  li gp, 30
  li a0, 1
  c.beqz a0, 32f
  j 33f
32:
  j fail
33:
  li gp, 31
  c.bnez a0, 34f
  j fail
34:
  li gp, 32
  li a0, 0
  c.bnez a0, 35f
  j 36f
35:
  j fail
36:
  # c.jr, c.jalr (link = pc + 2)
  li gp, 33
  la a1, 37f
  c.jr a1
  j fail
37:
  li gp, 34
  la a1, 38f
  c.jalr a1
39:
  j fail
38:
  la t6, 39b
  FAIL_IF_NE(ra, t6)

  # 32-bit instructions at 2-byte alignment, across a 64-byte line and across a page
  # (straight-line code: the padding is nops)
  li gp, 35
  li a0, 0
  .balign 64
  .fill 15, 4, 0x00000013   # 15 nops: 60 bytes
  c.nop
  .option push
  .option norvc
  addi a0, a0, 1            # bytes 62..65 of the line: crosses into the next line
  .option pop
  .balign 4096
  .fill 1023, 4, 0x00000013
  c.nop
  .option push
  .option norvc
  addi a0, a0, 2            # page offset 4094: crosses into the next page
  .option pop
  li t6, 3
  FAIL_IF_NE(a0, t6)
  c.mv sp, s1
TEST_END

  .data
  .balign 64
cbuf:
  .space 1024
