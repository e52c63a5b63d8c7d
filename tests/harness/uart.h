/* Harness tests: node 0's UART and the machine finisher, for hart 0 of an --elf run. */
#include "hive_regs_asm.h"
#define UART0 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_UART)

/* Prints the NUL-terminated string at label STR (clobbers t0-t2). */
.macro PUTS str
  la t0, \str
  li t1, UART0
1:
  lbu t2, 0(t0)
  beqz t2, 2f
  sb t2, HIVE_UART_RBR_THR(t1)
  addi t0, t0, 1
  j 1b
2:
.endm

/* Writes the machine finisher: pass, or fail with CODE (clobbers t0, t1). */
.macro PASS
  li t0, HIVE_FINISH_PASS
  li t1, HIVE_MFINISH_BASE
  sw t0, 0(t1)
.endm
.macro FAIL code
  li t0, (\code << 16) | HIVE_FINISH_FAIL
  li t1, HIVE_MFINISH_BASE
  sw t0, 0(t1)
.endm

/* Other harts wait for ever. */
.macro PARK_OTHER_HARTS
  csrr t0, mhartid
  beqz t0, 3f
4:
  wfi
  j 4b
3:
.endm
