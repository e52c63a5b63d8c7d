// A denied writeback (4 nodes x 1 core, --elf, with a fault): DESIGN.md section 3 says a writeback
// from an owner that may no longer write its page leaves memory unchanged, is counted and
// interrupts the home. Revocation recalls first, so only a fault gets there: the run line below
// clears hart 1's bit of page P at node 0 with no recall (fw-clear) right after hart 1 stored NEW
// to line A of P, which it holds in M. Hart 1's fence.i then writes A back; node 0 must refuse it:
// hart 0 reads OLD (the value memory held before), FW_DENIED moved by one and CTRL_IRQ has
// IRQ_FW_WB. The directory forgot hart 1 as owner, so its next store to A asks for ownership again
// and faults (mcause 7), and A still reads OLD. Without the fault the writeback lands and hart 0
// reads NEW (fail 1): the last run line; the second is the first on the boards' model, whose
// firewall answers a cycle after it is asked (rtl/firewall/firewall.sv, SYNC_READ). The coherence
// checker's golden memory must drop the line at the refusal as well, or hart 0's load would
// disagree with it.
// Fail codes: 1 a check of hart 0, 2 hart 1's store did not fault, 3 an unexpected trap.
// run: 4x1-check 0 --check-coherence --inject fw-clear:0x100100000,1@pc=wb_clear_point
// run: 4x1-check-short-serial 0 --check-coherence --inject fw-clear:0x100100000,1@pc=wb_clear_point
// run: 4x1 1
#include "hive_regs_asm.h"
#include "probe.h"
#include "refused.h"
refused_start
  probe_wait 2              # hart 1 reports 2: its writeback is done
  refused_check 1
  refused_irq
  probe_post 3              # hart 1 tries again
  probe_wait 4
  refused_check 2
  probe_pass
hart1:
  refused_take
.globl wb_clear_point
wb_clear_point:
  nop                      # the fault clears hart 1's bit after this retires
  fence.i                  # writes A back: refused
  probe_post 2
  probe_wait 3
  li s4, 0                 # faults taken
  li s5, 7                 # the fault the probe expects: a store access fault
  mv s6, s0                # at A
  li t1, 0x9999
  sd t1, 0(s0)             # must fault
  li t3, 1
  bne s4, t3, fail2
  probe_post 4
  j park
probe_handler
