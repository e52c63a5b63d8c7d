// Firewall revocation (2 nodes x 1 core, --elf): hart 1 holds two lines of page P of node 0's
// memory with ownership: line A exclusive and clean (E, from a load: the firewall lets it
// write) and line B modified (M, from a store). Hart 0 revokes hart 1 on P (FW_VEC); the
// revocation completes only after both were recalled, so hart 1's stores to A and B then fault
// (mcause 7, mtval the address) and leave both lines as they were; hart 0 may still write;
// FW_DENIED counts the two refusals. Fail codes: 1 a check of hart 0, 2 hart 1's store did not
// fault, 3 an unexpected trap. Also on the boards' model (the sweep that recalls the lines
// then acts on a firewall check a cycle old, rtl/coherence_ctrl/home.sv), where harts 2 and 3
// park.
// run: 2x1 0
// run: 4x1-check-short-serial 0 --check-coherence
#include "hive_regs_asm.h"
#include "probe.h"
#define CTRL0 (HIVE_NODEDEV_BASE + HIVE_NODEDEV_CTRL)
#define P     (HIVE_GLOBAL_BASE + 0x100000)
#define A     (P + 0x40)
#define B     (P + 0x80)
probe_start
  li t1, 2
  bgeu t0, t1, park
  li s0, A
  li s2, B
  la s1, flag
  bnez t0, hart1
hart0:
1: ld t1, 0(s1)            # wait for hart 1 to own both lines
  beqz t1, 1b
  li t2, CTRL0
  ld s3, HIVE_CTRL_FW_DENIED(t2)
  li t1, P
  sd t1, HIVE_CTRL_FW_ADDR(t2)
  li t1, 1
  sd t1, HIVE_CTRL_FW_PAGES(t2)
  li t1, 1                 # only hart 0 may write
  sd t1, HIVE_CTRL_FW_VEC(t2)
2: ld t1, HIVE_CTRL_FW_STATUS(t2)
  bnez t1, 2b
  ld t1, HIVE_CTRL_FW_VEC(t2)
  li t3, 1
  bne t1, t3, fail1
  probe_post 2              # tell hart 1
  probe_wait 3              # hart 1 reports 3 (both stores faulted)
  ld t1, 0(s0)             # A is unchanged (it was never written)
  bnez t1, fail1
  ld t1, 0(s2)             # the value hart 1 wrote to B first survives
  li t3, 0x1111
  bne t1, t3, fail1
  li t1, 0x2222            # hart 0 may still write
  sd t1, 0(s2)
  ld t3, 0(s2)
  bne t1, t3, fail1
  probe_denied 2
  probe_pass
hart1:
  ld t1, 0(s0)             # A: exclusive, clean
  li t1, 0x1111
  sd t1, 0(s2)             # B: modified
  probe_post 1
  probe_wait 2
  li s4, 0                 # faults taken
  li s5, 7                 # the fault the probes expect: a store access fault
  mv s6, s0                # at this address
  li t1, 0x9999
  sd t1, 0(s0)             # must fault
  mv s6, s2
  sd t1, 0(s2)             # must fault
  li t3, 2
  bne s4, t3, fail2
  probe_post 3
  j park
probe_handler
