/* Harness test (2 harts or more): a halted hart stops counting.
   Hart 1 increments `counter` for ever; the other harts but 0 park. Hart 0 waits until the
   counter passed 100 (hart 1 runs), passes `halt_point` (where tests/run.py halts hart 1 with
   core-halt:1@pc=halt_point), waits, reads the counter twice with a long wait between them
   and passes when both reads agree (fail 1: hart 1 still counts; fail 2: it never started). */
#include "uart.h"

  .section .text.init, "ax"
  .globl _start, halt_point
_start:
  csrr t0, mhartid
  li t1, 1
  beq t0, t1, counter_loop
  bnez t0, park

  la a2, counter
  li a0, 200000
1:
  addi a0, a0, -1
  beqz a0, fail2
  ld a3, 0(a2)
  li a4, 100
  bltu a3, a4, 1b
halt_point:
  nop
  li a0, 2000
2:
  addi a0, a0, -1
  bnez a0, 2b
  ld a3, 0(a2)
  li a0, 5000
3:
  addi a0, a0, -1
  bnez a0, 3b
  ld a4, 0(a2)
  bne a3, a4, fail1
  PASS
  j park
fail1: FAIL 1
  j park
fail2: FAIL 2
  j park

counter_loop:
  la a2, counter
4:
  ld a3, 0(a2)
  addi a3, a3, 1
  sd a3, 0(a2)
  j 4b

park:
  wfi
  j park

  .data
  .balign 64
counter:
  .dword 0
