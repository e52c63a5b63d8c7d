/* Harness test (2 nodes): a SIPS message from node 0 to node 1, dropped or delayed.
   Hart 1 (node 1) polls its request queue and stores mcycle when a message is there. Hart 0
   waits until mcycle >= WAIT_CYCLES, passes `send_point` (a pc trigger), sends one message to
   node 1 and waits for the send to end:
     the send succeeded: waits for hart 1 to see the message, then stores the latency
       (arrival mcycle - mcycle before the send) in the signature and passes;
       fail 5: it never arrived
     the send failed (no answer within CTRL_TIMEOUT): waits as long again; fail 3 when
       nothing arrived (the message was lost), fail 4 when it arrived after all
   tests/harness/sim_tests.py compares the latency with and without sips-delay:0,1,N and
   expects fail 3 with sips-drop:0,1. Both harts read the same mcycle (one clock, one reset). */
#include "uart.h"
#define WAIT_CYCLES 20000
#define CTRL0 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_CTRL)
#define CTRL1 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_SIZE + HIVE_NODEDEV_CTRL)

  .section .text.init, "ax"
  .globl _start, send_point
_start:
  csrr t0, mhartid
  li t1, 1
  beq t0, t1, receiver
  bnez t0, park

  li t3, CTRL0
  WAIT_MCYCLE WAIT_CYCLES
send_point:
  nop
  li t5, 0x5151
  sd t5, HIVE_CTRL_SIPS_DATA0(t3)
  csrr s0, mcycle
  li t5, 1 | (HIVE_SIPS_QUEUE_REQ << HIVE_SIPS_SEND_QUEUE_SHIFT)
  sd t5, HIVE_CTRL_SIPS_SEND(t3)
2:
  ld t5, HIVE_CTRL_SIPS_STATUS(t3)
  andi t6, t5, HIVE_SIPS_STATUS_BUSY
  bnez t6, 2b
  la a2, arrived
  andi t6, t5, HIVE_SIPS_STATUS_ERR
  bnez t6, failed
  li a0, 100000
3:
  addi a0, a0, -1
  beqz a0, fail5
  ld a3, 0(a2)
  beqz a3, 3b
  sub a3, a3, s0
  la a2, begin_signature
  sd a3, 0(a2)
  fence
  fence.i          /* the signature is read from memory */
  PASS
  j park
failed:
  SPIN HIVE_TIMEOUT_DEFAULT
  ld a3, 0(a2)
  bnez a3, fail4
  j fail3
  FAIL_EXITS 5

receiver:
  li t3, CTRL1
  la a2, arrived
5:
  ld t5, HIVE_CTRL_SIPS_REQ_COUNT(t3)
  beqz t5, 5b
  csrr t5, mcycle
  sd t5, 0(a2)
  j park

  .data
  .balign 64
arrived:
  .dword 0
  .balign 64
  .globl begin_signature, end_signature
begin_signature:
  .dword 0
end_signature:
