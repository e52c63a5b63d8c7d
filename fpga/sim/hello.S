# Bare-metal program for the board-level simulation (fpga/sim/tb_board.cpp): prints a line on
# node 0's console, then LINES lines of the alphabet, line i rotated by i mod 26 (twice the
# board's console FIFO: it must wait for LSR.THRE, or bytes are lost), then writes a 128 KiB
# pattern (eight times the L1 D) and checks it, which makes the cache write back and refill
# through the board memory, and reports the result on the machine finisher (pass, or fail with
# code 1). Every byte goes out as a 16550 driver sends it: THR written once LSR.THRE is set.
  .equ  LINES, 160
  .section .text
  .globl _start
_start:
  li    t0, 0x20100000          # node 0 UART THR (LSR at +5)
  la    t1, msg
  jal   s0, puts
  li    s1, 0                   # line
8:li    s2, 0                   # column
9:add   t2, s1, s2
  li    t3, 26
  remu  t2, t2, t3
  addi  t2, t2, 'a'
  jal   s0, putc
  addi  s2, s2, 1
  li    t3, 26
  bne   s2, t3, 9b
  li    t2, '\n'
  jal   s0, putc
  addi  s1, s1, 1
  li    t3, LINES
  bne   s1, t3, 8b
  la    a0, buf
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
  jal   s0, puts
  li    t0, 0x100000
  li    t1, 0x5555
  sw    t1, 0(t0)
  j     .
6:li    t0, 0x100000
  li    t1, 0x13333
  sw    t1, 0(t0)
  j     .
# puts: the string at t1; putc: the byte in t2; both return through s0
puts:
  lbu   t2, 0(t1)
  beqz  t2, 2f
1:lbu   t3, 5(t0)
  andi  t3, t3, 0x20
  beqz  t3, 1b
  sb    t2, 0(t0)
  addi  t1, t1, 1
  j     puts
2:jr    s0
putc:
  lbu   t3, 5(t0)
  andi  t3, t3, 0x20
  beqz  t3, putc
  sb    t2, 0(t0)
  jr    s0
msg: .asciz "hello from the board top\n"
ok:  .asciz "128 KiB pattern checked\n"
  .balign 64
buf:
