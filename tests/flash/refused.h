// What the two refusal programs share (fw_wb_denied, fw_rec_denied): hart 1 holds line A of
// page P at node 0 in M with NEW when a fault clears its firewall bit with no recall; node 0
// must then refuse the dirty line however it comes back, so memory keeps OLD.
//   refused_start: harts 0 and 1 go to hart0 / hart1, the others park; hart 0 writes OLD to A
//     and back to memory (with permission), snapshots FW_DENIED of node 0 in s3 (t2 = node 0's
//     controller) and lets hart 1 go (mailbox 1). s0 = A, s1 = the mailbox.
//   refused_take: hart 1 waits for mailbox 1, checks A reads OLD and stores NEW (A in M, written
//     with permission).
//   refused_check N: fail 1 unless A reads OLD and FW_DENIED has moved by N.
//   refused_irq: fail 1 unless CTRL_IRQ has IRQ_FW_WB, then clears it.
#define CTRL0 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_CTRL)
#define P     (HIVE_GLOBAL_BASE + 0x100000)
#define A     (P + 0x40)
#define OLD   0x1111
#define NEW   0x2222
.macro refused_start
probe_start
  li s0, A
  la s1, flag
  li t1, 1
  beq t0, t1, hart1
  bnez t0, park
hart0:
  li t1, OLD
  sd t1, 0(s0)
  fence.i
  li t2, CTRL0
  ld s3, HIVE_CTRL_FW_DENIED(t2)
  probe_post 1
.endm
.macro refused_check n
  ld t1, 0(s0)
  li t3, OLD
  bne t1, t3, fail1
  probe_denied \n
.endm
.macro refused_irq
  ld t1, HIVE_CTRL_IRQ(t2)
  andi t1, t1, HIVE_IRQ_FW_WB
  beqz t1, fail1
  li t1, HIVE_IRQ_FW_WB
  sd t1, HIVE_CTRL_IRQ(t2)
.endm
.macro refused_take
  probe_wait 1
  ld t1, 0(s0)
  li t3, OLD
  bne t1, t3, fail1
  li t1, NEW
  sd t1, 0(s0)
.endm
