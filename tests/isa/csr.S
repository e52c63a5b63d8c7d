# Identification and plain CSRs: misa = RV64 + I M A C S U exactly (no F/D); mhartid = 0 = a0
# at entry; mvendorid/marchid/mimpid read; mscratch/sscratch hold 64 bits; mepc/sepc bit 0
# reads 0 (hive only); mtvec and stvec take any 4-byte aligned address (direct mode); satp
# holds an Sv39 value and Bare, not a reserved mode.
#include "hive_test.h"

#define EXT(c) (1 << ((c) - 'A'))

TEST_BEGIN
  # a0 is still what the harness passed at entry (crt.S does not touch it)
  CHECK_EQ(1, a0, 0)
  csrr a1, mhartid
  CHECK_EQ(2, a1, 0)
  csrr a1, misa
  CHECK_EQ(3, a1, (2 << 62) | EXT('I') | EXT('M') | EXT('A') | EXT('C') | EXT('S') | EXT('U'))
  li gp, 4
  csrr a1, mvendorid
  csrr a1, marchid
  csrr a1, mimpid
  # scratch registers
  li t0, 0xa5a5a5a55a5a5a5a
  csrr a2, mscratch
  csrw mscratch, t0
  csrr a1, mscratch
  csrw mscratch, a2
  CHECK_EQ(5, a1, 0xa5a5a5a55a5a5a5a)
  csrr a2, sscratch
  csrw sscratch, t0
  csrr a1, sscratch
  csrw sscratch, a2
  CHECK_EQ(6, a1, 0xa5a5a5a55a5a5a5a)
  # exception PCs: bit 0 is always zero, bit 1 holds (IALIGN = 16). QEMU 7.2 stores bit 0 as
  # written (it clears it only on mret/sret), so this is checked on hive only.
#if !defined(TARGET_QEMU)
  li t0, 0x80001003
  csrw mepc, t0
  csrr a1, mepc
  CHECK_EQ(7, a1, 0x80001002)
  csrw sepc, t0
  csrr a1, sepc
  CHECK_EQ(8, a1, 0x80001002)
#endif
  # trap vectors: any 4-byte aligned address, direct mode
  csrr a2, mtvec
  li t0, 0x80000104
  csrw mtvec, t0
  csrr a1, mtvec
  csrw mtvec, a2
  CHECK_EQ(9, a1, 0x80000104)
  csrr a2, stvec
  li t0, 0x80000abc
  csrw stvec, t0
  csrr a1, stvec
  csrw stvec, a2
  CHECK_EQ(10, a1, 0x80000abc)
  # satp: Sv39 with a PPN and ASID 0, then Bare
  li t0, SATP_SV39 | 0x80123
  csrw satp, t0
  csrr a1, satp
  csrw satp, zero
  CHECK_EQ(11, a1, SATP_SV39 | 0x80123)
  csrr a1, satp
  CHECK_EQ(12, a1, 0)
  # a reserved satp mode (15) is not written: satp keeps its value
  li t0, (15 << 60) | 0x80123
  csrw satp, t0
  csrr a1, satp
  CHECK_EQ(13, a1, 0)
TEST_END
