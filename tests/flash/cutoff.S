// Memory cutoff (2 nodes x 1 core, --elf): hart 1 sets CUTOFF on its node (node 1) and checks
// that its own accesses to node 1's memory still work, then tells hart 0; hart 0's load of a
// line of node 1's memory then faults (mcause 5, mtval = the address). Code and the mailbox
// live in node 0's memory (the remap window of an --elf run), which is not cut off.
#include "hive_regs_asm.h"
#define CTRL1 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_SIZE + HIVE_NODEDEV_CTRL)
#define X     (HIVE_GLOBAL_BASE + HIVE_GLOBAL_SIZE + 0x200000)
.globl _start
_start:
  csrr t0, mhartid
  la t1, trap
  csrw mtvec, t1
  li s0, X
  la s1, mbox
  bnez t0, hart1
hart0:
1: ld t1, 0(s1)
  beqz t1, 1b
  ld t4, 64(s0)             # node 1 is cut off: must fault
  j fail
hart1:
  li t2, CTRL1
  li t1, 1
  sd t1, HIVE_CTRL_CUTOFF(t2)
  ld t3, HIVE_CTRL_CUTOFF(t2)
  bne t1, t3, fail
  li t1, 0x77               # local accesses still work
  sd t1, 0(s0)
  ld t3, 0(s0)
  bne t1, t3, fail
  li t1, 1
  sd t1, 0(s1)              # tell hart 0
2: wfi
  j 2b
.align 2
trap:
  csrr t4, mcause
  li t5, 5
  bne t4, t5, fail
  csrr t4, mtval
  addi t5, s0, 64
  bne t4, t5, fail
  li t0, HIVE_MFINISH_BASE
  li t1, HIVE_FINISH_PASS
  sw t1, 0(t0)
park: wfi
  j park
fail:
  li t0, HIVE_MFINISH_BASE
  li t1, (1 << 16) | HIVE_FINISH_FAIL
  sw t1, 0(t0)
  j park
.data
.align 6
mbox: .dword 0
