/* Start-up and trap handlers of the ISA tests. See hive_test.h for the conventions. */
#include "hive_test.h"

  .section .text.init, "ax"
  .globl _start
_start:
  /* Every hart enters in M-mode; only hart 0 runs the test. */
  csrr t0, mhartid
  bnez t0, park
  li gp, 99
  la t0, trap_entry_m
  csrw mtvec, t0
  la sp, stack_top
  la t0, mstack_top
  csrw mscratch, t0
  la t0, sstack_top
  csrw sscratch, t0
  la t0, trap_entry_s
  csrw stvec, t0
  csrw mie, zero
  csrw mideleg, zero
  csrw medeleg, zero
  csrw satp, zero
  csrw mip, zero
  /* S and U may access everything: PMP entry 7 covers the whole address space (NAPOT, RWX).
     Entries 0..6 are left to the tests (a lower entry has priority). */
  li t0, -1
  csrw pmpaddr7, t0
  li t0, (PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 56
  csrw pmpcfg0, t0
  /* Zero .bss. */
  la t0, _bss_start
  la t1, _bss_end
1:
  bgeu t0, t1, 2f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
2:
  li gp, 0
  j test_main

park:
  wfi
  j park

  .globl pass
pass:
  li t0, HIVE_FINISH_PASS
  li t1, FINISHER
  sw t0, 0(t1)
1:
  j 1b

  /* Fail with code gp (99 when gp is 0, so that a failure never reads as code 0). */
  .globl fail
fail:
  bnez gp, 1f
  li gp, 99
1:
  slli t0, gp, 16
  li t1, HIVE_FINISH_FAIL
  or t0, t0, t1
  li t1, FINISHER
  sw t0, 0(t1)
2:
  j 2b

  /* M-mode trap handler. An expected trap (trapinfo.expected != 0) is recorded and resumes at
     trapinfo.resume; any other trap fails the check in gp. */
  .balign 4
  .globl trap_entry_m
trap_entry_m:
  csrrw sp, mscratch, sp
  addi sp, sp, -32
  sd t0, 0(sp)
  sd t1, 8(sp)
  sd t2, 16(sp)
  la t0, trapinfo
  csrr t1, mcause
  sd t1, TI_CAUSE(t0)
  csrr t1, mepc
  sd t1, TI_EPC(t0)
  csrr t1, mtval
  sd t1, TI_TVAL(t0)
  csrr t1, mstatus
  sd t1, TI_STATUS(t0)
  li t1, 3
  sd t1, TI_LEVEL(t0)
  ld t1, TI_COUNT(t0)
  addi t1, t1, 1
  sd t1, TI_COUNT(t0)
  ld t1, TI_EXPECTED(t0)
  beqz t1, unexpected_m
  sd zero, TI_EXPECTED(t0)
  csrr t1, mcause
  bgez t1, 1f
  /* An interrupt: mask it so that it is taken once. */
  slli t1, t1, 1
  srli t1, t1, 1
  li t2, 1
  sll t2, t2, t1
  csrc mie, t2
  li t2, MSTATUS_MPIE
  csrc mstatus, t2
1:
  ld t1, TI_RESUME(t0)
  csrw mepc, t1
  ld t1, TI_TO(t0)
  beqz t1, 2f
  sd zero, TI_TO(t0)
  li t2, MSTATUS_MPP
  csrs mstatus, t2
2:
  ld t0, 0(sp)
  ld t1, 8(sp)
  ld t2, 16(sp)
  addi sp, sp, 32
  csrrw sp, mscratch, sp
  mret
unexpected_m:
  /* Leave M's own stack in sp and fail; trapinfo holds what happened. */
  j fail

  /* S-mode trap handler (for delegated traps), same protocol. */
  .balign 4
  .globl trap_entry_s
trap_entry_s:
  csrrw sp, sscratch, sp
  addi sp, sp, -32
  sd t0, 0(sp)
  sd t1, 8(sp)
  sd t2, 16(sp)
  la t0, trapinfo
  csrr t1, scause
  sd t1, TI_CAUSE(t0)
  csrr t1, sepc
  sd t1, TI_EPC(t0)
  csrr t1, stval
  sd t1, TI_TVAL(t0)
  csrr t1, sstatus
  sd t1, TI_STATUS(t0)
  li t1, 1
  sd t1, TI_LEVEL(t0)
  ld t1, TI_COUNT(t0)
  addi t1, t1, 1
  sd t1, TI_COUNT(t0)
  ld t1, TI_EXPECTED(t0)
  beqz t1, unexpected_s
  sd zero, TI_EXPECTED(t0)
  csrr t1, scause
  bgez t1, 1f
  slli t1, t1, 1
  srli t1, t1, 1
  li t2, 1
  sll t2, t2, t1
  csrc sie, t2
  li t2, MSTATUS_SPIE
  csrc sstatus, t2
1:
  ld t1, TI_RESUME(t0)
  csrw sepc, t1
  ld t1, TI_TO(t0)
  beqz t1, 2f
  sd zero, TI_TO(t0)
  li t2, MSTATUS_SPP
  csrs sstatus, t2
2:
  ld t0, 0(sp)
  ld t1, 8(sp)
  ld t2, 16(sp)
  addi sp, sp, 32
  csrrw sp, sscratch, sp
  sret
unexpected_s:
  /* Turn translation off so that the finisher is reachable, then fail. */
  csrw satp, zero
  sfence.vma
  j fail

  .data
  .balign 64
  .globl trapinfo
trapinfo:
  .dword 0, 0, 0, 0, 0, 0, 0, 0, 0, 0

  .bss
  .balign 16
  .space 4096
stack_top:
  .space 1024
mstack_top:
  .space 1024
sstack_top:
