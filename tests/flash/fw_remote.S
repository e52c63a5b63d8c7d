// Another node's firewall and counters (2 nodes x 1 core, --elf, one cell): hart 1 (node 1)
// cannot change node 0's firewall: its stores to node 0's FW_ADDR and FW_VEC fault (mcause 7,
// registers only node 0's harts may write); it may read FW_VEC (all ones). Hart 0 then finds
// its vectors unchanged, and reads the home's counters (DIR_REQUESTS grew by hart 1's read miss
// of a line of node 0, DIR_NACKS and FW_DENIED read, a write of DIR_REQUESTS is refused). Fail
// codes: 1 a check of hart 0, 2 a check of hart 1, 3 an unexpected trap.
#include "hive_regs_asm.h"
#include "probe.h"
#define CTRL0 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_CTRL)
#define X     (HIVE_GLOBAL_BASE + 0x100000)
probe_start
  la s1, flag
  li s0, CTRL0
  li s4, 0                 # faults taken
  bnez t0, hart1
hart0:
  ld s3, HIVE_CTRL_DIR_REQUESTS(s0)
  probe_post 1             # hart 1 may start
  probe_wait 2             # hart 1 reports 2
  ld t1, HIVE_CTRL_FW_VEC(s0)  # page FW_ADDR (reset: the node's first page)
  li t3, 3
  bne t1, t3, fail1
  li t1, X
  sd t1, HIVE_CTRL_FW_ADDR(s0)
  ld t1, HIVE_CTRL_FW_VEC(s0)
  li t3, 3
  bne t1, t3, fail1
  ld t1, HIVE_CTRL_DIR_REQUESTS(s0)
  bleu t1, s3, fail1       # at least hart 1's miss of X and the flag's traffic
  ld t1, HIVE_CTRL_DIR_NACKS(s0)
  ld t1, HIVE_CTRL_FW_DENIED(s0)
  bnez t1, fail1
  li s5, 7
  li s6, CTRL0 + HIVE_CTRL_DIR_REQUESTS
  sd zero, HIVE_CTRL_DIR_REQUESTS(s0)  # read-only: must fault
  li t3, 1
  bne s4, t3, fail1
  probe_pass
hart1:
1: ld t1, 0(s1)
  beqz t1, 1b
  li s5, 7
  li s6, CTRL0 + HIVE_CTRL_FW_ADDR
  li t1, X
  sd t1, HIVE_CTRL_FW_ADDR(s0)
  li s6, CTRL0 + HIVE_CTRL_FW_VEC
  sd zero, HIVE_CTRL_FW_VEC(s0)
  li t3, 2
  bne s4, t3, fail2
  ld t1, HIVE_CTRL_FW_VEC(s0)  # reading is allowed (the same cell): all ones
  li t3, 3
  bne t1, t3, fail2
  li t1, X
  ld t1, 0(t1)             # a read miss at node 0's home
  probe_post 2
  j park
probe_handler
