/* Harness test: faults that change DRAM (mem-flip, kernel-word) are seen by loads after them.
   Prints a line, waits until mcycle >= WAIT_CYCLES, passes `flip_point` (a pc trigger), waits a
   little, then loads two words that nothing cached before (a line of their own):
     word0 must be WORD0 ^ (1 << 5)   fail 1: unchanged, fail 2: something else
     word1 must be WORD1 ^ (1 << 0)   fail 3: unchanged, fail 4: something else
   tests/run.py injects the change by mem-flip (remap and global addresses) or kernel-word
   (symbol and symbol+8); without a fault the program ends with fail 1. */
#include "uart.h"
#define WAIT_CYCLES 20000
#define WORD0 0x0123456789abcdef
#define WORD1 0x1122334455667788

  .section .text.init, "ax"
  .globl _start, flip_point
_start:
  PARK_OTHER_HARTS
  PUTS msg_start
  WAIT_MCYCLE WAIT_CYCLES
flip_point:
  nop
  SPIN 100

  la a2, word0
  ld a3, 0(a2)
  li a4, WORD0
  beq a3, a4, fail1
  xori a4, a4, 1 << 5
  bne a3, a4, fail2
  ld a3, 8(a2)
  li a4, WORD1
  beq a3, a4, fail3
  xori a4, a4, 1
  bne a3, a4, fail4
  PUTS msg_seen
  fence
  PASS
  j park
  FAIL_EXITS 4

  .data
  .balign 64
  .globl word0
word0:
  .dword WORD0
  .dword WORD1
  .balign 64
msg_start:
  .asciz "mem-flip test: waiting\n"
msg_seen:
  .asciz "mem-flip test: both words changed\n"
