// A denied recall (4 nodes x 1 core, --elf, with a fault): a dirty line that an owner returns on a
// recall is a writeback too (DESIGN.md section 3). As in fw_wb_denied, a fault clears hart 1's bit
// of page P at node 0 with no recall (fw-clear) while hart 1 holds line A of P in M with NEW; this
// time hart 1 keeps the line and hart 0's load takes it from it. The home must recall it with RECI
// (an owner that may not write keeps no copy), refuse the dirty data and answer hart 0 from
// memory: hart 0 reads OLD, FW_DENIED moved by one, CTRL_IRQ has IRQ_FW_WB, and hart 1, whose copy
// is gone, reads OLD as well. Without the fault the recalled line is taken and hart 0 reads NEW
// (fail 1): the last run line; the second is the first on the boards' model, whose firewall
// answers a cycle after it is asked (rtl/firewall/firewall.sv, SYNC_READ). The coherence checker's
// golden memory drops the line at the refusal too.
// Fail codes: 1 a check of hart 0, 2 hart 1 still reads its refused data, 3 an unexpected trap.
// run: 4x1-check 0 --check-coherence --inject fw-clear:0x100100000,1@pc=rec_clear_point
// run: 4x1-check-short-serial 0 --check-coherence --inject fw-clear:0x100100000,1@pc=rec_clear_point
// run: 4x1 1
#include "hive_regs_asm.h"
#include "probe.h"
#include "refused.h"
refused_start
  probe_wait 2              # hart 1 holds A in M with NEW and has lost its bit
  refused_check 1          # the load recalls A from hart 1: refused
  refused_irq
  probe_post 3              # hart 1 reads A again
  probe_wait 4
  probe_pass
hart1:
  refused_take
.globl rec_clear_point
rec_clear_point:
  nop                      # the fault clears hart 1's bit after this retires
  probe_post 2
  probe_wait 3
  ld t1, 0(s0)
  li t3, OLD
  bne t1, t3, fail2
  probe_post 4
  j park
probe_handler
