# F and D opcodes trap as illegal instructions (misa has no F/D; mstatus.FS is cleared first):
# loads, stores, arithmetic, moves, conversions, fused multiply-add, the compressed FP loads and
# stores, and the FP CSRs fcsr/frm/fflags. mtval is 0 or the instruction bits.
#include "hive_test.h"

#define ILLEGAL(n, dir, bits) \
  li gp, n; la a1, buf; EXPECT_TRAP(8886f); 8887: dir bits; j fail; 8886: \
  CHECK_TRAP_TVAL_0_OR(n, CAUSE_ILLEGAL, 8887b, bits)

TEST_BEGIN
  li t0, MSTATUS_FS
  csrc mstatus, t0
  ILLEGAL(1, .word, 0x0005b007)   /* fld ft0, 0(a1) */
  ILLEGAL(2, .word, 0x0005b427)   /* fsd ft0, 8(a1) */
  ILLEGAL(3, .word, 0x0005a087)   /* flw ft1, 0(a1) */
  ILLEGAL(4, .word, 0x0015a427)   /* fsw ft1, 8(a1) */
  ILLEGAL(5, .word, 0x02107153)   /* fadd.d ft2, ft0, ft1 */
  ILLEGAL(6, .word, 0x00107153)   /* fadd.s ft2, ft0, ft1 */
  ILLEGAL(7, .word, 0xe2000553)   /* fmv.x.d a0, ft0 */
  ILLEGAL(8, .word, 0xf20501d3)   /* fmv.d.x ft3, a0 */
  ILLEGAL(9, .word, 0xd2257253)   /* fcvt.d.l ft4, a0 */
  ILLEGAL(10, .word, 0x121072c3)  /* fmadd.d ft5, ft0, ft1, ft2 */
  ILLEGAL(11, .hword, 0x2180)     /* c.fld fs0, 0(a1) */
  ILLEGAL(12, .hword, 0xa580)     /* c.fsd fs0, 8(a1) */
  ILLEGAL(13, .hword, 0x2402)     /* c.fldsp fs0, 0(sp) */
  ILLEGAL(14, .hword, 0xa422)     /* c.fsdsp fs0, 8(sp) */
  ILLEGAL(15, .word, 0x00302573)  /* frcsr a0 (csrr a0, fcsr) */
  ILLEGAL(16, .word, 0x00202573)  /* frrm a0 */
  ILLEGAL(17, .word, 0x00102573)  /* frflags a0 */
  # the same from S-mode (not delegated: taken in M)
  GOTO_S(in_s)
in_s:
  ILLEGAL(18, .word, 0x0005b007)  /* fld */
  ILLEGAL(19, .word, 0x02107153)  /* fadd.d */
  CHECK_TI_STATUS(20, MSTATUS_MPP, MPP_S)
TEST_END

  .data
  .balign 16
buf:
  .dword 0, 0
