/* Harness test: wild writes are judged by the home's firewall.
   Sets the firewall vector of the page holding `deny_word` to 0 (no hart may write it), waits
   until mcycle >= WAIT_CYCLES, passes `ww_point` (a pc trigger), waits, then loads two words
   that nothing cached before:
     allow_word must be NEW_VALUE (its page is writable)   fail 1: unchanged, 2: other
     deny_word must still be OLD_VALUE                      fail 3
     node 0's FW_DENIED must be 1                           fail 4
   tests/harness/sim_tests.py issues wild-write:0,allow_word,NEW and wild-write:0,deny_word,NEW
   at ww_point; without a fault the program ends with fail 1. */
#include "uart.h"
#define WAIT_CYCLES 20000
#define OLD_VALUE 0x0123456789abcdef
#define NEW_VALUE 0x5a5a5a5a00c0ffee
#define CTRL0 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_CTRL)

  .section .text.init, "ax"
  .globl _start, ww_point
_start:
  PARK_OTHER_HARTS
  li t3, CTRL0
  la t4, deny_word            /* the page's global address: node 0's window */
  li t5, HIVE_REMAP_BASE
  sub t4, t4, t5
  li t5, HIVE_GLOBAL_BASE
  add t4, t4, t5
  sd t4, HIVE_CTRL_FW_ADDR(t3)
  li t5, 1
  sd t5, HIVE_CTRL_FW_PAGES(t3)
  sd zero, HIVE_CTRL_FW_VEC(t3)
1:
  ld t5, HIVE_CTRL_FW_STATUS(t3)
  bnez t5, 1b
  PUTS msg_start
  WAIT_MCYCLE WAIT_CYCLES
ww_point:
  nop
  SPIN 300

  la a2, allow_word
  ld a3, 0(a2)
  li a4, OLD_VALUE
  beq a3, a4, fail1
  li a4, NEW_VALUE
  bne a3, a4, fail2
  la a2, deny_word
  ld a3, 0(a2)
  li a4, OLD_VALUE
  bne a3, a4, fail3
  li t3, CTRL0
  ld a3, HIVE_CTRL_FW_DENIED(t3)
  li a4, 1
  bne a3, a4, fail4
  PUTS msg_seen
  PASS
  j park
  FAIL_EXITS 4

  .data
  .balign 64
msg_start:
  .asciz "wild-write test: waiting\n"
msg_seen:
  .asciz "wild-write test: allowed write seen, denied one refused and counted\n"
  .balign 64
  .globl allow_word
allow_word:
  .dword OLD_VALUE
  .balign 4096
  .globl deny_word
deny_word:
  .dword OLD_VALUE
