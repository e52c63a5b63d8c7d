/* Harness tests: write the machine finisher with VALUE, then stop. */
#include "hive_regs_asm.h"
  .section .text.init, "ax"
  .globl _start
_start:
  csrr t0, mhartid
  bnez t0, 2f
  fence
  fence.i      /* writes the L1 D-cache back: the harness reads the signature from memory */
  li t0, VALUE
  li t1, HIVE_MFINISH_BASE
  sw t0, 0(t1)
2:
  wfi
  j 2b
