# RV64A load-reserved / store-conditional: lr.d/sc.d and lr.w/sc.w success, failure without a
# reservation, failure on an address outside the reservation set (another 64-byte line), an SC
# invalidates the reservation whatever its outcome, lr.w sign-extends, an LR/SC retry loop.
#include "hive_test.h"

TEST_BEGIN
  # lr.d / sc.d succeed
  li gp, 1
  la a1, x
  li t0, 0x1122334455667788
  sd t0, 0(a1)
  lr.d a0, (a1)
  FAIL_IF_NE(a0, t0)
  li gp, 2
  li a3, 0x0badc0de0badc0de
  sc.d a2, a3, (a1)
  FAIL_IF_NE(a2, zero)
  li gp, 3
  ld a0, 0(a1)
  FAIL_IF_NE(a0, a3)

  # a second sc.d without a new LR fails and does not write
  li gp, 4
  li a4, 0x5555
  sc.d a2, a4, (a1)
  FAIL_IF_EQ(a2, zero)
  li gp, 5
  ld a0, 0(a1)
  FAIL_IF_NE(a0, a3)

  # lr.w sign-extends; sc.w writes only 32 bits
  li gp, 6
  la a1, x
  li t0, 0x7777777780000001
  sd t0, 0(a1)
  lr.w.aq a0, (a1)
  li t6, 0xffffffff80000001
  FAIL_IF_NE(a0, t6)
  li gp, 7
  li a3, 0xffffffff12345678
  sc.w.rl a2, a3, (a1)
  FAIL_IF_NE(a2, zero)
  li gp, 8
  ld a0, 0(a1)
  li t6, 0x7777777712345678
  FAIL_IF_NE(a0, t6)

  # sc.w without a reservation fails
  li gp, 9
  li a3, 0x99
  sc.w a2, a3, (a1)
  FAIL_IF_EQ(a2, zero)
  li gp, 10
  ld a0, 0(a1)
  FAIL_IF_NE(a0, t6)

  # LR on x, SC on y (another line): fails, y unchanged; the failed SC also ended the
  # reservation on x, so a following SC on x fails too.
  li gp, 11
  la a1, x
  la a5, y
  sd zero, 0(a5)
  lr.d a0, (a1)
  li a3, 0x42
  sc.d a2, a3, (a5)
  FAIL_IF_EQ(a2, zero)
  li gp, 12
  ld a0, 0(a5)
  FAIL_IF_NE(a0, zero)
  li gp, 13
  sc.d a2, a3, (a1)
  FAIL_IF_EQ(a2, zero)

  # atomic increment by an LR/SC retry loop, 10 times
  li gp, 14
  la a1, x
  sd zero, 0(a1)
  li a4, 10
20:
  lr.d.aqrl a0, (a1)
  addi a0, a0, 1
  sc.d.aqrl a2, a0, (a1)
  bnez a2, 20b
  addi a4, a4, -1
  bnez a4, 20b
  ld a0, 0(a1)
  li t6, 10
  FAIL_IF_NE(a0, t6)
TEST_END

  .data
  .balign 64
x:
  .dword 0
  .balign 64
  .space 64
y:
  .dword 0
