# Bare-metal program for the board-level simulation (fpga/sim/tb_board.cpp): prints a line on
# node 0's console, then writes a 128 KiB pattern (eight times the L1 D) and checks it, which
# makes the cache write back and refill through the board memory, and reports the result on
# the machine finisher (pass, or fail with code 1).
  .section .text
  .globl _start
_start:
  li    t0, 0x20100000          # node 0 UART THR
  la    t1, msg
1:lbu   t2, 0(t1)
  beqz  t2, 2f
  sb    t2, 0(t0)
  addi  t1, t1, 1
  j     1b
2:la    a0, buf
  li    a1, 16384               # doublewords
  mv    a2, a0
  li    a3, 0
3:slli  t3, a3, 3
  xor   t3, t3, a3
  addi  t3, t3, 0x5a5
  sd    t3, 0(a2)
  addi  a2, a2, 8
  addi  a3, a3, 1
  bne   a3, a1, 3b
  mv    a2, a0
  li    a3, 0
4:ld    t4, 0(a2)
  slli  t3, a3, 3
  xor   t3, t3, a3
  addi  t3, t3, 0x5a5
  bne   t3, t4, 6f
  addi  a2, a2, 8
  addi  a3, a3, 1
  bne   a3, a1, 4b
  la    t1, ok
5:lbu   t2, 0(t1)
  beqz  t2, 7f
  sb    t2, 0(t0)
  addi  t1, t1, 1
  j     5b
7:li    t0, 0x100000
  li    t1, 0x5555
  sw    t1, 0(t0)
  j     .
6:li    t0, 0x100000
  li    t1, 0x13333
  sw    t1, 0(t0)
  j     .
msg: .asciz "hello from the board top\n"
ok:  .asciz "128 KiB pattern checked\n"
  .balign 64
buf:
