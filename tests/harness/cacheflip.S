/* Harness test: a cache-flip changes the line in the L1 D-cache, not in memory.
   Loads `cword` (its line is now cached), waits until mcycle >= WAIT_CYCLES, passes
   `flip_point` (a pc trigger), waits without touching memory, then loads again:
     cword must be CWORD ^ (1 << 9)     fail 1: unchanged, fail 2: something else
     uword (never loaded before, so not cached when the flip came) must be UWORD: fail 3
   tests/harness/sim_tests.py flips bit 9 of cword and bit 3 of uword in hart 0's D-cache at
   flip_point; without a fault the program ends with fail 1. */
#include "uart.h"
#define WAIT_CYCLES 20000
#define CWORD 0x0123456789abcdef
#define UWORD 0x1122334455667788

  .section .text.init, "ax"
  .globl _start, flip_point
_start:
  PARK_OTHER_HARTS
  la a2, cword
  ld a3, 0(a2)
  PUTS msg_start
  WAIT_MCYCLE WAIT_CYCLES
flip_point:
  nop
  SPIN 100

  ld a3, 0(a2)
  li a4, CWORD
  beq a3, a4, fail1
  xori a4, a4, 1 << 9
  bne a3, a4, fail2
  la a2, uword
  ld a3, 0(a2)
  li a4, UWORD
  bne a3, a4, fail3
  PUTS msg_seen
  PASS
  j park
  FAIL_EXITS 3

  .data
  .balign 64
  .globl cword, uword
cword:
  .dword CWORD
  .balign 64
uword:
  .dword UWORD
  .balign 64
msg_start:
  .asciz "cache-flip test: waiting\n"
msg_seen:
  .asciz "cache-flip test: the cached word changed\n"
