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

/* Waits until mcycle >= `cycles` (clobbers a0, a1). */
.macro WAIT_MCYCLE cycles
  li a0, \cycles
5:
  csrr a1, mcycle
  bltu a1, a0, 5b
.endm

/* Counts `n` down in a loop that touches no memory (clobbers a0). */
.macro SPIN n
  li a0, \n
6:
  addi a0, a0, -1
  bnez a0, 6b
.endm

/* The labels fail1 .. fail<n> (n <= 5): write the machine finisher with fail and that code;
   then `park`, where the hart waits for ever. */
.macro FAIL_EXITS n
.irp k, 1, 2, 3, 4, 5
.if \k <= \n
fail\k: FAIL \k
  j park
.endif
.endr
park:
  wfi
  j park
.endm
