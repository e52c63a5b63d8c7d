# RV64I register-immediate ALU: addi slti sltiu xori ori andi slli srli srai,
# addiw slliw srliw sraiw, lui, auipc; x0 stays zero.
#include "hive_test.h"

TEST_BEGIN
  # addi
  TEST_IMM(1, addi, 0x0000000000000000, 0x0000000000000000, 0)
  TEST_IMM(2, addi, 0x0000000000000000, 0x0000000000000001, -1)
  TEST_IMM(3, addi, 0x8000000000000000, 0x7fffffffffffffff, 1)
  TEST_IMM(4, addi, 0x00000000000007fe, 0xffffffffffffffff, 2047)
  TEST_IMM(5, addi, 0x7ffffffffffff800, 0x8000000000000000, -2048)
  TEST_IMM(6, addi, 0x123456789abce6e0, 0x123456789abcdef0, 2032)
  # slti
  TEST_IMM(7, slti, 0x0000000000000000, 0x0000000000000000, 0)
  TEST_IMM(8, slti, 0x0000000000000000, 0x0000000000000001, -1)
  TEST_IMM(9, slti, 0x0000000000000000, 0x7fffffffffffffff, 1)
  TEST_IMM(10, slti, 0x0000000000000001, 0xffffffffffffffff, 2047)
  TEST_IMM(11, slti, 0x0000000000000001, 0x8000000000000000, -2048)
  TEST_IMM(12, slti, 0x0000000000000000, 0x123456789abcdef0, 2032)
  # sltiu
  TEST_IMM(13, sltiu, 0x0000000000000000, 0x0000000000000000, 0)
  TEST_IMM(14, sltiu, 0x0000000000000001, 0x0000000000000001, -1)
  TEST_IMM(15, sltiu, 0x0000000000000000, 0x7fffffffffffffff, 1)
  TEST_IMM(16, sltiu, 0x0000000000000000, 0xffffffffffffffff, 2047)
  TEST_IMM(17, sltiu, 0x0000000000000001, 0x8000000000000000, -2048)
  TEST_IMM(18, sltiu, 0x0000000000000000, 0x123456789abcdef0, 2032)
  # xori
  TEST_IMM(19, xori, 0x0000000000000000, 0x0000000000000000, 0)
  TEST_IMM(20, xori, 0xfffffffffffffffe, 0x0000000000000001, -1)
  TEST_IMM(21, xori, 0x7ffffffffffffffe, 0x7fffffffffffffff, 1)
  TEST_IMM(22, xori, 0xfffffffffffff800, 0xffffffffffffffff, 2047)
  TEST_IMM(23, xori, 0x7ffffffffffff800, 0x8000000000000000, -2048)
  TEST_IMM(24, xori, 0x123456789abcd900, 0x123456789abcdef0, 2032)
  # ori
  TEST_IMM(25, ori, 0x0000000000000000, 0x0000000000000000, 0)
  TEST_IMM(26, ori, 0xffffffffffffffff, 0x0000000000000001, -1)
  TEST_IMM(27, ori, 0x7fffffffffffffff, 0x7fffffffffffffff, 1)
  TEST_IMM(28, ori, 0xffffffffffffffff, 0xffffffffffffffff, 2047)
  TEST_IMM(29, ori, 0xfffffffffffff800, 0x8000000000000000, -2048)
  TEST_IMM(30, ori, 0x123456789abcdff0, 0x123456789abcdef0, 2032)
  # andi
  TEST_IMM(31, andi, 0x0000000000000000, 0x0000000000000000, 0)
  TEST_IMM(32, andi, 0x0000000000000001, 0x0000000000000001, -1)
  TEST_IMM(33, andi, 0x0000000000000001, 0x7fffffffffffffff, 1)
  TEST_IMM(34, andi, 0x00000000000007ff, 0xffffffffffffffff, 2047)
  TEST_IMM(35, andi, 0x8000000000000000, 0x8000000000000000, -2048)
  TEST_IMM(36, andi, 0x00000000000006f0, 0x123456789abcdef0, 2032)
  # slli
  TEST_IMM(37, slli, 0x8000000000000001, 0x8000000000000001, 0)
  TEST_IMM(38, slli, 0x0000000000000002, 0x8000000000000001, 1)
  TEST_IMM(39, slli, 0x0000000100000000, 0x8000000000000001, 32)
  TEST_IMM(40, slli, 0x8000000000000000, 0x8000000000000001, 63)
  TEST_IMM(41, slli, 0x6789abcdef000000, 0x123456789abcdef0, 20)
  # srli
  TEST_IMM(42, srli, 0x8000000000000001, 0x8000000000000001, 0)
  TEST_IMM(43, srli, 0x4000000000000000, 0x8000000000000001, 1)
  TEST_IMM(44, srli, 0x0000000080000000, 0x8000000000000001, 32)
  TEST_IMM(45, srli, 0x0000000000000001, 0x8000000000000001, 63)
  TEST_IMM(46, srli, 0x00000123456789ab, 0x123456789abcdef0, 20)
  # srai
  TEST_IMM(47, srai, 0x8000000000000001, 0x8000000000000001, 0)
  TEST_IMM(48, srai, 0xc000000000000000, 0x8000000000000001, 1)
  TEST_IMM(49, srai, 0xffffffff80000000, 0x8000000000000001, 32)
  TEST_IMM(50, srai, 0xffffffffffffffff, 0x8000000000000001, 63)
  TEST_IMM(51, srai, 0x00000123456789ab, 0x123456789abcdef0, 20)
  # addiw
  TEST_IMM(52, addiw, 0xffffffff80000000, 0x000000007fffffff, 1)
  TEST_IMM(53, addiw, 0xffffffffffffffff, 0x00000000ffffffff, 0)
  TEST_IMM(54, addiw, 0xffffffffffffffff, 0x123456780000000f, -16)
  TEST_IMM(55, addiw, 0x000000007fffffff, 0x0000000080000000, -1)
  # slliw
  TEST_IMM(56, slliw, 0xffffffff80000001, 0xffffffff80000001, 0)
  TEST_IMM(57, slliw, 0x0000000000000002, 0x0000000080000001, 1)
  TEST_IMM(58, slliw, 0xffffffff80000000, 0x123456780000ff01, 31)
  TEST_IMM(59, slliw, 0x0000000000000000, 0xffffffff80000000, 4)
  # srliw
  TEST_IMM(60, srliw, 0xffffffff80000001, 0xffffffff80000001, 0)
  TEST_IMM(61, srliw, 0x0000000040000000, 0x0000000080000001, 1)
  TEST_IMM(62, srliw, 0x0000000000000000, 0x123456780000ff01, 31)
  TEST_IMM(63, srliw, 0x0000000008000000, 0xffffffff80000000, 4)
  # sraiw
  TEST_IMM(64, sraiw, 0xffffffff80000001, 0xffffffff80000001, 0)
  TEST_IMM(65, sraiw, 0xffffffffc0000000, 0x0000000080000001, 1)
  TEST_IMM(66, sraiw, 0x0000000000000000, 0x123456780000ff01, 31)
  TEST_IMM(67, sraiw, 0xfffffffff8000000, 0xffffffff80000000, 4)
  # lui
  li gp, 68; lui a0, 0x0; li t6, 0x0000000000000000; FAIL_IF_NE(a0, t6)
  li gp, 69; lui a0, 0x80000; li t6, 0xffffffff80000000; FAIL_IF_NE(a0, t6)
  li gp, 70; lui a0, 0x7ffff; li t6, 0x000000007ffff000; FAIL_IF_NE(a0, t6)
  li gp, 71; lui a0, 0xfffff; li t6, 0xfffffffffffff000; FAIL_IF_NE(a0, t6)
  # auipc
  li gp, 72; 1: auipc a0, 0; la t6, 1b; FAIL_IF_NE(a0, t6)
  li gp, 73; 1: auipc a0, 0x1; la t6, 1b; li t1, 0x1000; add t6, t6, t1; FAIL_IF_NE(a0, t6)
  li gp, 74; 1: auipc a0, 0xfffff; la t6, 1b; li t1, -0x1000; add t6, t6, t1; FAIL_IF_NE(a0, t6)
  # x0 as destination
  li gp, 75; addi x0, x0, 5; FAIL_IF_NE(x0, zero)
  li gp, 76; lui x0, 0x12345; FAIL_IF_NE(x0, zero)
TEST_END
