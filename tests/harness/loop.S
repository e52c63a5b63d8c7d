/* Harness test: never finishes (for --max-cycles -> 124). */
  .section .text.init, "ax"
  .globl _start
_start:
1:
  j 1b
