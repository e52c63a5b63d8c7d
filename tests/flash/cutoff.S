// Memory cutoff (2 nodes x 1 core, --elf): hart 1 sets CUTOFF on its node (node 1) and checks
// that its own accesses to node 1's memory still work, then tells hart 0; hart 0's load of a
// line of node 1's memory then faults (mcause 5, mtval = the address), and so does its store
// to the line hart 1 wrote (mcause 7); hart 1 then finds that line unchanged and clears
// CUTOFF, after which hart 0's load works again. Code and the mailbox live in node 0's memory
// (the remap window of an --elf run), which is not cut off. Fail codes: 1 a check, 2 a probe
// did not fault, 3 an unexpected trap.
#include "hive_regs_asm.h"
#include "probe.h"
#define CTRL1 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_SIZE + HIVE_NODEDEV_CTRL)
#define X     (HIVE_GLOBAL_BASE + HIVE_GLOBAL_SIZE + 0x200000)
probe_start
  li s0, X
  la s1, flag
  li s4, 0                  # faults taken
  bnez t0, hart1
hart0:
  probe_wait 1
  li s5, 5
  addi s6, s0, 64
  ld t4, 64(s0)             # node 1 is cut off: must fault
  li s5, 7
  mv s6, s0
  li t1, 0x99
  sd t1, 0(s0)              # must fault too
  li t3, 2
  bne s4, t3, fail2
  probe_post 2              # tell hart 1
  probe_wait 3              # hart 1 reports 3 (line unchanged, cutoff cleared)
  ld t4, 128(s0)            # remote access works again
  probe_pass
hart1:
  li t2, CTRL1
  li t1, 1
  sd t1, HIVE_CTRL_CUTOFF(t2)
  ld t3, HIVE_CTRL_CUTOFF(t2)
  bne t1, t3, fail1
  li t1, 0x77               # local accesses still work
  sd t1, 0(s0)
  ld t3, 0(s0)
  bne t1, t3, fail1
  probe_post 1              # tell hart 0
  probe_wait 2
  ld t3, 0(s0)              # hart 0's refused store changed nothing
  li t1, 0x77
  bne t1, t3, fail1
  li t2, CTRL1
  sd zero, HIVE_CTRL_CUTOFF(t2)
  probe_post 3
  j park
probe_handler
