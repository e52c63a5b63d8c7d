/* Harness test: --console-in. Reads bytes from node 0's UART up to '\n' (at most 64) and
   prints them back as "echo: TEXT"; passes when the text is "hive". Fail 1: another text. */
#include "uart.h"

  .section .text.init, "ax"
  .globl _start
_start:
  PARK_OTHER_HARTS
  la a2, buf
  li a5, 64
  li a1, UART0
1:
  lbu t0, HIVE_UART_LSR(a1)
  andi t0, t0, 1
  beqz t0, 1b
  lbu t0, HIVE_UART_RBR_THR(a1)
  li t1, '\n'
  beq t0, t1, 2f
  sb t0, 0(a2)
  addi a2, a2, 1
  addi a5, a5, -1
  bnez a5, 1b
2:
  sb zero, 0(a2)
  PUTS msg_echo
  PUTS buf
  PUTS msg_nl
  la a2, buf
  lw t0, 0(a2)
  li t1, 0x65766968 /* "hive" */
  bne t0, t1, fail
  lbu t0, 4(a2)
  bnez t0, fail
  PASS
  j park
fail:
  FAIL 1
park:
  wfi
  j park

  .data
msg_echo:
  .asciz "echo: "
msg_nl:
  .asciz "\n"
  .balign 8
buf:
  .space 72
