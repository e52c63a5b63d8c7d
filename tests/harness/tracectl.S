/* Harness test: software starts and stops the FST trace through CTRL_TRACE.
   Stops it at once, starts it about 2000 cycles later and stops it again about 700 cycles
   after that; the signature holds the mcycle read just before each of the three writes.
   tests/harness/sim_tests.py checks that the trace's first and last times lie there. */
#include "uart.h"
#define CTRL0 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_CTRL)

  .section .text.init, "ax"
  .globl _start
_start:
  PARK_OTHER_HARTS
  li t3, CTRL0
  la a2, begin_signature
  csrr a1, mcycle
  sd zero, HIVE_CTRL_TRACE(t3)
  sd a1, 0(a2)
  li a0, 2000
  add a0, a0, a1
1:
  csrr a1, mcycle
  bltu a1, a0, 1b
  li t5, 1
  csrr a1, mcycle
  sd t5, HIVE_CTRL_TRACE(t3)
  sd a1, 8(a2)
  SPIN 300
  csrr a1, mcycle
  sd zero, HIVE_CTRL_TRACE(t3)
  sd a1, 16(a2)
  ld t5, HIVE_CTRL_TRACE(t3)
  bnez t5, fail1
  SPIN 2000
  fence
  fence.i          /* the signature is read from memory */
  PASS
  j park
  FAIL_EXITS 1

  .data
  .balign 64
  .globl begin_signature, end_signature
begin_signature:
  .dword 0, 0, 0
end_signature:
