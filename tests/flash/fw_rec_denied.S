// A denied recall (4 nodes x 1 core, --elf, with a fault): a dirty line that an owner returns
// on a recall is a writeback too (DESIGN.md section 3). As in fw_wb_denied, a fault clears
// hart 1's bit of page P at node 0 with no recall (fw-clear) while hart 1 holds line A of P in
// M with NEW; this time hart 1 keeps the line and hart 0's load takes it from it. The home must
// recall it with RECI (an owner that may not write keeps no copy), refuse the dirty data and
// answer hart 0 from memory: hart 0 reads OLD, FW_DENIED moved by one, CTRL_IRQ has IRQ_FW_WB,
// and hart 1, whose copy is gone, reads OLD as well. Without the fault the recalled line is
// taken and hart 0 reads NEW (fail 1): the second run line. The coherence checker's golden
// memory drops the line at the refusal too.
// Fail codes: 1 a check of hart 0, 2 hart 1 still reads its refused data, 3 an unexpected trap.
// run: 4x1-check 0 --check-coherence --inject fw-clear:0x100100000,1@pc=rec_clear_point
// run: 4x1 1
#include "hive_regs_asm.h"
#include "probe.h"
#define CTRL0 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_CTRL)
#define P     (HIVE_GLOBAL_BASE + 0x100000)
#define A     (P + 0x40)
#define OLD   0x1111
#define NEW   0x2222
probe_start
  li s0, A
  la s1, flag
  li t1, 1
  beq t0, t1, hart1
  bnez t0, park
hart0:
  li t1, OLD               # memory holds OLD: written back with permission
  sd t1, 0(s0)
  fence.i
  li t2, CTRL0
  ld s3, HIVE_CTRL_FW_DENIED(t2)
  probe_post 1              # hart 1 may go
  probe_wait 2              # hart 1 holds A in M with NEW and has lost its bit
  ld t1, 0(s0)             # recalls A from hart 1: refused
  li t3, OLD
  bne t1, t3, fail1
  probe_denied 1
  ld t1, HIVE_CTRL_IRQ(t2)
  andi t1, t1, HIVE_IRQ_FW_WB
  beqz t1, fail1
  li t1, HIVE_IRQ_FW_WB
  sd t1, HIVE_CTRL_IRQ(t2)
  probe_post 3              # hart 1 reads A again
  probe_wait 4
  probe_pass
hart1:
  probe_wait 1
  ld t1, 0(s0)
  li t3, OLD
  bne t1, t3, fail1
  li t1, NEW
  sd t1, 0(s0)             # A in M, written with permission
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
