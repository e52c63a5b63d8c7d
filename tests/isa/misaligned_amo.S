# hive-only: QEMU 7.2 reports a misaligned AMO as a load-misaligned fault (4) and lets an SC
# without a reservation fail without checking alignment.
# Misaligned LR/SC/AMO trap: an LR raises a load address-misaligned or access fault (4 or 5),
# an SC or AMO a store/AMO address-misaligned or access fault (6 or 7): the spec allows either.
# mtval = the address, memory unchanged.
#include "hive_test.h"

#define MIS(n, insn, c1, c2, off) \
  li gp, n; la a1, buf; addi a1, a1, off; EXPECT_TRAP(8886f); 8887: insn; j fail; 8886: \
  CHECK_TRAPPED(n); CHECK_TI_ADDR(n, TI_EPC, 8887b); CHECK_TI_ADDR(n, TI_TVAL, buf + off); \
  la t0, trapinfo; ld t1, TI_CAUSE(t0); li t6, c1; beq t1, t6, 8888f; li t6, c2; \
  FAIL_IF_NE(t1, t6); 8888:
#define MIS_L(n, op, off) MIS(n, op a0 COMMA (a1), CAUSE_LOAD_MISALIGNED, CAUSE_LOAD_ACCESS, off)
#define MIS_S(n, op, off) \
  MIS(n, op a0 COMMA a2 COMMA (a1), CAUSE_STORE_MISALIGNED, CAUSE_STORE_ACCESS, off)
#define COMMA ,

TEST_BEGIN
  li a2, 0x5a
  MIS_L(1, lr.w, 2)
  MIS_L(2, lr.d, 4)
  MIS_S(3, sc.w, 1)
  MIS_S(4, sc.d, 4)
  MIS_S(5, amoadd.w, 2)
  MIS_S(6, amoswap.d, 12)
  MIS_S(7, amomaxu.d, 1)
  MIS_S(8, amoor.w, 6)
  la a1, buf
  ld a0, 0(a1)
  CHECK_EQ(9, a0, 0x0706050403020100)
  ld a0, 8(a1)
  CHECK_EQ(10, a0, 0x0f0e0d0c0b0a0908)
TEST_END

  .data
  .balign 64
buf:
  .byte 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
