# RV64A atomic memory operations: every amo*.w and amo*.d (swap add xor and or min max
# minu maxu) returns the old value (sign-extended for .w) and stores the new one; aq/rl forms.
#include "hive_test.h"

TEST_BEGIN
  # amoswap.d
  li gp, 1; la a1, dw; li t0, 0x8000000000000005; sd t0, 0(a1); li a2, 0x7ffffffffffffff3; amoswap.d a0, a2, (a1)
  li t6, 0x8000000000000005; FAIL_IF_NE(a0, t6)
  li gp, 2; ld a0, 0(a1); li t6, 0x7ffffffffffffff3; FAIL_IF_NE(a0, t6)
  # amoadd.d.aq
  li gp, 3; la a1, dw; li t0, 0x8000000000000005; sd t0, 0(a1); li a2, 0x7ffffffffffffff3; amoadd.d.aq a0, a2, (a1)
  li t6, 0x8000000000000005; FAIL_IF_NE(a0, t6)
  li gp, 4; ld a0, 0(a1); li t6, 0xfffffffffffffff8; FAIL_IF_NE(a0, t6)
  # amoxor.d.rl
  li gp, 5; la a1, dw; li t0, 0x8000000000000005; sd t0, 0(a1); li a2, 0x7ffffffffffffff3; amoxor.d.rl a0, a2, (a1)
  li t6, 0x8000000000000005; FAIL_IF_NE(a0, t6)
  li gp, 6; ld a0, 0(a1); li t6, 0xfffffffffffffff6; FAIL_IF_NE(a0, t6)
  # amoand.d.aqrl
  li gp, 7; la a1, dw; li t0, 0x8000000000000005; sd t0, 0(a1); li a2, 0x7ffffffffffffff3; amoand.d.aqrl a0, a2, (a1)
  li t6, 0x8000000000000005; FAIL_IF_NE(a0, t6)
  li gp, 8; ld a0, 0(a1); li t6, 0x0000000000000001; FAIL_IF_NE(a0, t6)
  # amoor.d
  li gp, 9; la a1, dw; li t0, 0x8000000000000005; sd t0, 0(a1); li a2, 0x7ffffffffffffff3; amoor.d a0, a2, (a1)
  li t6, 0x8000000000000005; FAIL_IF_NE(a0, t6)
  li gp, 10; ld a0, 0(a1); li t6, 0xfffffffffffffff7; FAIL_IF_NE(a0, t6)
  # amomin.d.aq
  li gp, 11; la a1, dw; li t0, 0x8000000000000005; sd t0, 0(a1); li a2, 0x7ffffffffffffff3; amomin.d.aq a0, a2, (a1)
  li t6, 0x8000000000000005; FAIL_IF_NE(a0, t6)
  li gp, 12; ld a0, 0(a1); li t6, 0x8000000000000005; FAIL_IF_NE(a0, t6)
  # amomax.d.rl
  li gp, 13; la a1, dw; li t0, 0x8000000000000005; sd t0, 0(a1); li a2, 0x7ffffffffffffff3; amomax.d.rl a0, a2, (a1)
  li t6, 0x8000000000000005; FAIL_IF_NE(a0, t6)
  li gp, 14; ld a0, 0(a1); li t6, 0x7ffffffffffffff3; FAIL_IF_NE(a0, t6)
  # amominu.d.aqrl
  li gp, 15; la a1, dw; li t0, 0x8000000000000005; sd t0, 0(a1); li a2, 0x7ffffffffffffff3; amominu.d.aqrl a0, a2, (a1)
  li t6, 0x8000000000000005; FAIL_IF_NE(a0, t6)
  li gp, 16; ld a0, 0(a1); li t6, 0x7ffffffffffffff3; FAIL_IF_NE(a0, t6)
  # amomaxu.d
  li gp, 17; la a1, dw; li t0, 0x8000000000000005; sd t0, 0(a1); li a2, 0x7ffffffffffffff3; amomaxu.d a0, a2, (a1)
  li t6, 0x8000000000000005; FAIL_IF_NE(a0, t6)
  li gp, 18; ld a0, 0(a1); li t6, 0x8000000000000005; FAIL_IF_NE(a0, t6)
  # amoswap.w.aq: old value sign-extended, neighbour word unchanged
  li gp, 19; la a1, dw; li t0, 0x1111111180000005; sd t0, 0(a1); li a2, 0xabcdef007ffffff3; amoswap.w.aq a0, a2, (a1)
  li t6, 0xffffffff80000005; FAIL_IF_NE(a0, t6)
  li gp, 20; ld a0, 0(a1); li t6, 0x111111117ffffff3; FAIL_IF_NE(a0, t6)
  # amoadd.w.rl: old value sign-extended, neighbour word unchanged
  li gp, 21; la a1, dw; li t0, 0x1111111180000005; sd t0, 0(a1); li a2, 0xabcdef007ffffff3; amoadd.w.rl a0, a2, (a1)
  li t6, 0xffffffff80000005; FAIL_IF_NE(a0, t6)
  li gp, 22; ld a0, 0(a1); li t6, 0x11111111fffffff8; FAIL_IF_NE(a0, t6)
  # amoxor.w.aqrl: old value sign-extended, neighbour word unchanged
  li gp, 23; la a1, dw; li t0, 0x1111111180000005; sd t0, 0(a1); li a2, 0xabcdef007ffffff3; amoxor.w.aqrl a0, a2, (a1)
  li t6, 0xffffffff80000005; FAIL_IF_NE(a0, t6)
  li gp, 24; ld a0, 0(a1); li t6, 0x11111111fffffff6; FAIL_IF_NE(a0, t6)
  # amoand.w: old value sign-extended, neighbour word unchanged
  li gp, 25; la a1, dw; li t0, 0x1111111180000005; sd t0, 0(a1); li a2, 0xabcdef007ffffff3; amoand.w a0, a2, (a1)
  li t6, 0xffffffff80000005; FAIL_IF_NE(a0, t6)
  li gp, 26; ld a0, 0(a1); li t6, 0x1111111100000001; FAIL_IF_NE(a0, t6)
  # amoor.w.aq: old value sign-extended, neighbour word unchanged
  li gp, 27; la a1, dw; li t0, 0x1111111180000005; sd t0, 0(a1); li a2, 0xabcdef007ffffff3; amoor.w.aq a0, a2, (a1)
  li t6, 0xffffffff80000005; FAIL_IF_NE(a0, t6)
  li gp, 28; ld a0, 0(a1); li t6, 0x11111111fffffff7; FAIL_IF_NE(a0, t6)
  # amomin.w.rl: old value sign-extended, neighbour word unchanged
  li gp, 29; la a1, dw; li t0, 0x1111111180000005; sd t0, 0(a1); li a2, 0xabcdef007ffffff3; amomin.w.rl a0, a2, (a1)
  li t6, 0xffffffff80000005; FAIL_IF_NE(a0, t6)
  li gp, 30; ld a0, 0(a1); li t6, 0x1111111180000005; FAIL_IF_NE(a0, t6)
  # amomax.w.aqrl: old value sign-extended, neighbour word unchanged
  li gp, 31; la a1, dw; li t0, 0x1111111180000005; sd t0, 0(a1); li a2, 0xabcdef007ffffff3; amomax.w.aqrl a0, a2, (a1)
  li t6, 0xffffffff80000005; FAIL_IF_NE(a0, t6)
  li gp, 32; ld a0, 0(a1); li t6, 0x111111117ffffff3; FAIL_IF_NE(a0, t6)
  # amominu.w: old value sign-extended, neighbour word unchanged
  li gp, 33; la a1, dw; li t0, 0x1111111180000005; sd t0, 0(a1); li a2, 0xabcdef007ffffff3; amominu.w a0, a2, (a1)
  li t6, 0xffffffff80000005; FAIL_IF_NE(a0, t6)
  li gp, 34; ld a0, 0(a1); li t6, 0x111111117ffffff3; FAIL_IF_NE(a0, t6)
  # amomaxu.w.aq: old value sign-extended, neighbour word unchanged
  li gp, 35; la a1, dw; li t0, 0x1111111180000005; sd t0, 0(a1); li a2, 0xabcdef007ffffff3; amomaxu.w.aq a0, a2, (a1)
  li t6, 0xffffffff80000005; FAIL_IF_NE(a0, t6)
  li gp, 36; ld a0, 0(a1); li t6, 0x1111111180000005; FAIL_IF_NE(a0, t6)
  # amoadd.w on the upper word of a doubleword
  li gp, 37; la a1, dw; li t0, 0x00000001ffffffff; sd t0, 0(a1); addi a3, a1, 4; li a2, 1; amoadd.w a0, a2, (a3)
  li t6, 1; FAIL_IF_NE(a0, t6)
  li gp, 38; ld a0, 0(a1); li t6, 0x00000002ffffffff; FAIL_IF_NE(a0, t6)
  # amomin.w / amominu.w compare 32-bit values only
  li gp, 39; la a1, dw; li t0, 0x0000000000000001; sd t0, 0(a1); li a2, 0x00000000ffffffff; amomin.w a0, a2, (a1); lwu a0, 0(a1); li t6, 0xffffffff; FAIL_IF_NE(a0, t6)
  li gp, 40; la a1, dw; li t0, 0x0000000000000001; sd t0, 0(a1); li a2, 0x00000000ffffffff; amominu.w a0, a2, (a1); lwu a0, 0(a1); li t6, 1; FAIL_IF_NE(a0, t6)
  # rd = x0 still updates memory
  li gp, 41; la a1, dw; sd zero, 0(a1); li a2, 7; amoadd.d x0, a2, (a1); FAIL_IF_NE(x0, zero); ld a0, 0(a1); li t6, 7; FAIL_IF_NE(a0, t6)
  # rd = rs2: returns the old value, stores the new one computed from the old rs2
  li gp, 42; la a1, dw; li t0, 10; sd t0, 0(a1); li a2, 5; amoadd.d a2, a2, (a1); li t6, 10; FAIL_IF_NE(a2, t6); ld a0, 0(a1); li t6, 15; FAIL_IF_NE(a0, t6)
TEST_END

  .data
  .balign 64
dw:
  .dword 0, 0
