// Cell mask (2 nodes x 1 core, --elf, where both nodes start in one cell): hart 1 takes node 0
// out of node 1's CELL_MASK. Then an uncached access across the cell boundary is a bus error
// both ways: hart 0's load of node 1's controller register is refused by node 1 (the source is
// not in its cell), and hart 1's load of node 0's is refused by node 1 itself (the target is
// not in its cell); each faults with mcause 5 and mtval = the address. Memory is not governed
// by the mask (the mailbox in node 0's memory keeps working). Hart 1 then restores the mask
// and hart 0's load works again. Fail codes: 1 a check, 2 a probe did not fault, 3 an
// unexpected trap.
#include "hive_regs_asm.h"
#include "probe.h"
#define CTRL0 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_CTRL)
#define CTRL1 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_SIZE + HIVE_NODEDEV_CTRL)
probe_start
  la s1, flag
  li s4, 0                  # faults taken
  li s5, 5                  # every probe is a load
  bnez t0, hart1
hart0:
  li s6, CTRL1 + HIVE_CTRL_CELL_MASK
  ld t4, 0(s6)              # same cell: works
  li t3, 3
  bne t4, t3, fail1
  probe_wait 1
  ld t4, 0(s6)              # node 1 no longer counts node 0 in its cell: must fault
  li t3, 1
  bne s4, t3, fail2
  probe_post 2              # tell hart 1
  probe_wait 3              # hart 1 reports 3 (mask restored)
  ld t4, 0(s6)              # across the boundary again: works
  li t3, 3
  bne t4, t3, fail1
  probe_pass
hart1:
  li t2, CTRL1
  li t1, 2                  # node 1 alone
  sd t1, HIVE_CTRL_CELL_MASK(t2)
  ld t3, HIVE_CTRL_CELL_MASK(t2)
  bne t1, t3, fail1
  li s6, CTRL0 + HIVE_CTRL_CELL_MASK
  ld t4, 0(s6)              # node 0 is outside node 1's cell: must fault
  li t3, 1
  bne s4, t3, fail2
  probe_post 1              # tell hart 0
  probe_wait 2
  li t2, CTRL1
  li t1, 3
  sd t1, HIVE_CTRL_CELL_MASK(t2)
  probe_post 3
  j park
probe_handler
