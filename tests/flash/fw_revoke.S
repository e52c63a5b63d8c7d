// Firewall revocation (2 nodes x 1 core, --elf): hart 1 takes a line of page P of node 0's
// memory in M and writes it; hart 0 revokes hart 1 on P (FW_VEC); the revocation completes only
// after the dirty line was recalled, so hart 1's next store faults (mcause 7) and the value
// written before survives; hart 0 may still write; FW_DENIED counts the refusal.
#include "hive_regs_asm.h"
#define CTRL0 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_CTRL)
#define P     (HIVE_GLOBAL_BASE + 0x100000)
.globl _start
_start:
  csrr t0, mhartid
  la t1, trap
  csrw mtvec, t1
  li s0, P
  la s1, flag
  bnez t0, hart1
hart0:
1: ld t1, 0(s1)            # wait for hart 1's first store
  beqz t1, 1b
  li t2, CTRL0
  sd s0, HIVE_CTRL_FW_ADDR(t2)
  li t1, 1
  sd t1, HIVE_CTRL_FW_PAGES(t2)
  li t1, 1                 # only hart 0 may write
  sd t1, HIVE_CTRL_FW_VEC(t2)
2: ld t1, HIVE_CTRL_FW_STATUS(t2)
  bnez t1, 2b
  ld t1, HIVE_CTRL_FW_VEC(t2)
  li t3, 1
  bne t1, t3, fail
  li t1, 2
  sd t1, 0(s1)             # tell hart 1
3: ld t1, 0(s1)            # hart 1 reports 3 (faulted)
  li t3, 3
  bne t1, t3, 3b
  ld t1, 0(s0)             # the value hart 1 wrote first survives
  li t3, 0x1111
  bne t1, t3, fail
  li t1, 0x2222            # hart 0 may still write
  sd t1, 0(s0)
  ld t3, 0(s0)
  bne t1, t3, fail
  ld t1, HIVE_CTRL_FW_DENIED(t2)
  beqz t1, fail
  li t0, HIVE_MFINISH_BASE
  li t1, 0x5555
  sw t1, 0(t0)
  j park
hart1:
  li t1, 0x1111
  sd t1, 0(s0)             # owns the line (M)
  li t1, 1
  sd t1, 0(s1)
4: ld t1, 0(s1)
  li t3, 2
  bne t1, t3, 4b
  li t1, 0x9999
  sd t1, 0(s0)             # must fault
  j fail
.align 2
trap:
  csrr t4, mcause
  li t5, 7
  bne t4, t5, fail
  li t1, 3
  sd t1, 0(s1)
park: wfi
  j park
fail:
  li t0, HIVE_MFINISH_BASE
  li t1, 0x13333
  sw t1, 0(t0)
  j park
.data
.align 6
flag: .dword 0
