# Illegal instructions in M-mode: the all-zero and all-ones encodings, a custom opcode, an
# unimplemented CSR (custom 0x7c0, hypervisor hstatus), writes to read-only CSRs (cycle,
# mhartid, mvendorid). mcause 2, mepc = the instruction, mtval = 0 or the instruction bits.
# Accesses to read-only CSRs that do not write (csrrs/csrrc with x0, csrrsi with 0) do not trap.
#include "hive_test.h"

#define ILLEGAL(n, dir, bits) \
  li gp, n; EXPECT_TRAP(8886f); 8887: dir bits; j fail; 8886: \
  CHECK_TRAP_TVAL_0_OR(n, CAUSE_ILLEGAL, 8887b, bits)
#define LEGAL(n, dir, bits) \
  li gp, n; EXPECT_TRAP(8886f); dir bits; 8886: CHECK_NOT_TRAPPED(n)

TEST_BEGIN
  ILLEGAL(1, .hword, 0x0000)      /* all zero: defined illegal (16-bit parcel) */
  ILLEGAL(2, .word, 0xffffffff)   /* all ones */
  ILLEGAL(3, .word, 0x0000000b)   /* custom-0 opcode */
  ILLEGAL(4, .word, 0x7c002573)   /* csrr a0, 0x7c0 (not implemented) */
  ILLEGAL(5, .word, 0x60002573)   /* csrr a0, hstatus (no H extension) */
  ILLEGAL(6, .word, 0xc0001073)   /* csrrw x0, cycle, x0: write to a read-only CSR */
  ILLEGAL(7, .word, 0xc000e073)   /* csrrsi x0, cycle, 1 */
  ILLEGAL(8, .word, 0xf1451073)   /* csrw mhartid, a0 */
  ILLEGAL(9, .word, 0xf1159073)   /* csrrw x0, mvendorid, a1 */
  LEGAL(10, .word, 0xc0002573)    /* rdcycle a0 */
  LEGAL(11, .word, 0xf1406573)    /* csrrsi a0, mhartid, 0 */
  LEGAL(12, .word, 0xf1103573)    /* csrrc a0, mvendorid, x0 */
  # the trap left the registers of the trapping code alone
  li a0, 0x77
  ILLEGAL(13, .word, 0x0000000b)
  CHECK_EQ(14, a0, 0x77)
TEST_END
