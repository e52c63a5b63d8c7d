/* Start-up of the multi-hart test programs (tests/mp; mp.h). Every hart enters here in M-mode
 * with a0 = hartid. Hart 0 zeroes .bss, reads the machine's shape from its node's controller
 * registers (CTRL_NODES, CTRL_CORES), publishes it and lets the others go; every hart then
 * runs mp_main(hartid) on its own stack, with mtvec on mp_trap_entry. Hart 0's return value
 * goes to the machine finisher (0 pass, else the fail code); the other harts park. */
#include "hive_regs_asm.h"

#define STACK_BYTES 8192
#define TSTACK_BYTES 2048
#define FRAME 272            /* x0..x31 and mepc, 8 bytes each, rounded to 16 */

  .section .text.init, "ax"
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  csrw mie, zero
  la t0, mp_trap_entry
  csrw mtvec, t0
  /* stacks: main stack of hart h ends at _stacks + (h + 1) * STACK_BYTES, the trap stacks
     follow all main stacks */
  la t0, _stacks
  li t1, STACK_BYTES
  addi t2, a0, 1
  mul t1, t1, t2
  add sp, t0, t1
  li t1, 64 * STACK_BYTES
  add t0, t0, t1
  li t1, TSTACK_BYTES
  mul t1, t1, t2
  add t0, t0, t1
  csrw mscratch, t0
  li t0, 64
  bgeu a0, t0, park          /* more harts than stacks: never happens (at most 64) */
  bnez a0, wait_go
  /* hart 0: zero .bss, publish the shape */
  la t0, _bss_start
  la t1, _bss_end
1:
  bgeu t0, t1, 2f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
2:
  li t0, HIVE_NODEDEV_BASE + HIVE_NODEDEV_CTRL
  ld t1, HIVE_CTRL_NODES(t0)
  ld t2, HIVE_CTRL_CORES(t0)
  la t3, mp_nodes
  sd t1, 0(t3)
  la t3, mp_cores
  sd t2, 0(t3)
  mul t1, t1, t2
  la t3, mp_harts
  sd t1, 0(t3)
  fence rw, rw
  li t1, 1
  la t3, mp_go
  sd t1, 0(t3)
  j run
wait_go:
  la t3, mp_go
3:
  ld t1, 0(t3)
  beqz t1, 3b
  fence r, rw
run:
  mv s0, a0
  call mp_main
  bnez s0, park
  /* hart 0: its return value is the result */
  li t1, HIVE_MFINISH_BASE
  beqz a0, 4f
  slli a0, a0, 16
  li t0, HIVE_FINISH_FAIL
  or a0, a0, t0
  sw a0, 0(t1)
  j park
4:
  li t0, HIVE_FINISH_PASS
  sw t0, 0(t1)
park:
  wfi
  j park

  /* Trap entry: the whole integer state goes to a frame on the hart's trap stack (mscratch),
     mp_trap(frame) handles it (it may change the frame: probes resume with a0 = mcause), and
     the frame comes back. */
  .align 2
  .globl mp_trap_entry
mp_trap_entry:
  csrrw sp, mscratch, sp
  addi sp, sp, -FRAME
  sd x1, 8(sp)
  sd x3, 24(sp)
  sd x4, 32(sp)
  sd x5, 40(sp)
  sd x6, 48(sp)
  sd x7, 56(sp)
  sd x8, 64(sp)
  sd x9, 72(sp)
  sd x10, 80(sp)
  sd x11, 88(sp)
  sd x12, 96(sp)
  sd x13, 104(sp)
  sd x14, 112(sp)
  sd x15, 120(sp)
  sd x16, 128(sp)
  sd x17, 136(sp)
  sd x18, 144(sp)
  sd x19, 152(sp)
  sd x20, 160(sp)
  sd x21, 168(sp)
  sd x22, 176(sp)
  sd x23, 184(sp)
  sd x24, 192(sp)
  sd x25, 200(sp)
  sd x26, 208(sp)
  sd x27, 216(sp)
  sd x28, 224(sp)
  sd x29, 232(sp)
  sd x30, 240(sp)
  sd x31, 248(sp)
  csrr t0, mscratch
  sd t0, 16(sp)
  csrr t0, mepc
  sd t0, 256(sp)
  mv a0, sp
  call mp_trap
  ld t0, 256(sp)
  csrw mepc, t0
  ld x1, 8(sp)
  ld x3, 24(sp)
  ld x4, 32(sp)
  ld x5, 40(sp)
  ld x6, 48(sp)
  ld x7, 56(sp)
  ld x8, 64(sp)
  ld x9, 72(sp)
  ld x10, 80(sp)
  ld x11, 88(sp)
  ld x12, 96(sp)
  ld x13, 104(sp)
  ld x14, 112(sp)
  ld x15, 120(sp)
  ld x16, 128(sp)
  ld x17, 136(sp)
  ld x18, 144(sp)
  ld x19, 152(sp)
  ld x20, 160(sp)
  ld x21, 168(sp)
  ld x22, 176(sp)
  ld x23, 184(sp)
  ld x24, 192(sp)
  ld x25, 200(sp)
  ld x26, 208(sp)
  ld x27, 216(sp)
  ld x28, 224(sp)
  ld x29, 232(sp)
  ld x30, 240(sp)
  ld x31, 248(sp)
  addi sp, sp, FRAME
  csrrw sp, mscratch, sp
  mret

  /* Probes: one access that may fault. Each returns 0, or the mcause of the access fault that
     ended it (mp_trap resumes after the probe instruction with a0 = mcause). The probe
     instructions are 4 bytes (no compression), so the handler skips them by mepc + 4. */
  .option push
  .option norvc
  .globl mp_try_ld, mp_try_sd, mp_try_amoadd, mp_probe_ld, mp_probe_sd, mp_probe_amo
  /* uint64_t mp_try_ld(uint64_t addr, uint64_t *val) */
mp_try_ld:
  mv t0, a0
  li a0, 0
  li t1, 0
mp_probe_ld:
  ld t1, 0(t0)
  bnez a0, 1f
  sd t1, 0(a1)
1:
  ret
  /* uint64_t mp_try_sd(uint64_t addr, uint64_t val) */
mp_try_sd:
  mv t0, a0
  li a0, 0
mp_probe_sd:
  sd a1, 0(t0)
  ret
  /* uint64_t mp_try_amoadd(uint64_t addr, uint64_t inc, uint64_t *old) */
mp_try_amoadd:
  mv t0, a0
  li a0, 0
  li t1, 0
mp_probe_amo:
  amoadd.d t1, a1, (t0)
  bnez a0, 1f
  sd t1, 0(a2)
1:
  ret
  .option pop

  .data
  .balign 64
  .globl mp_go
mp_go:
  .dword 0
  .balign 64
