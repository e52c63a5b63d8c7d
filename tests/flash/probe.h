// What the tests/flash programs share (assembler macros; no compressed instructions, so every
// probe is 4 bytes).
//   probe_start: _start, with t0 = mhartid and mtvec on the handler below.
//   probe_pass: end the run on the machine finisher with a pass.
//   probe_post N / probe_wait N: write N to the mailbox `flag` (its address in s1) / wait until
//     it holds N (t1 and t3 are scratch).
//   probe_denied N: fail 1 unless FW_DENIED of the controller at t2 has moved by N since it read
//     s3.
//   probe_handler: an access fault with mcause s5 and mtval s6 (the probe the program armed)
//     counts in s4 and resumes after the faulting instruction; any other trap fails with 3;
//     fail1, fail2, fail3 end the run on the machine finisher with that fail code; park waits
//     forever; `flag` is a mailbox line in the program's data.
.option norvc
.macro probe_start
.globl _start
_start:
  csrr t0, mhartid
  la t1, trap
  csrw mtvec, t1
.endm
.macro probe_pass
  li t0, HIVE_MFINISH_BASE
  li t1, HIVE_FINISH_PASS
  sw t1, 0(t0)
  j park
.endm
.macro probe_post n
  li t1, \n
  sd t1, 0(s1)
.endm
.macro probe_wait n
.Lwait\@:
  ld t1, 0(s1)
  li t3, \n
  bne t1, t3, .Lwait\@
.endm
.macro probe_denied n
  ld t1, HIVE_CTRL_FW_DENIED(t2)
  sub t1, t1, s3
  li t3, \n
  bne t1, t3, fail1
.endm
.macro probe_handler
park: wfi
  j park
.align 2
trap:
  csrr t4, mcause
  bne t4, s5, fail3
  csrr t4, mtval
  bne t4, s6, fail3
  csrr t4, mepc
  addi t4, t4, 4
  csrw mepc, t4
  addi s4, s4, 1
  mret
fail1:
  li t1, (1 << 16) | HIVE_FINISH_FAIL
  j fail
fail2:
  li t1, (2 << 16) | HIVE_FINISH_FAIL
  j fail
fail3:
  li t1, (3 << 16) | HIVE_FINISH_FAIL
fail:
  li t0, HIVE_MFINISH_BASE
  sw t1, 0(t0)
  j park
.data
.align 6
flag: .dword 0
.endm
