# mret and sret: the mode they return to, and the mstatus stack. mret: MIE = MPIE, MPIE = 1,
# MPP = U; sret: SIE = SPIE, SPIE = 1, SPP = U. A trap into M: MPIE = MIE, MIE = 0, MPP = the
# mode that trapped. sstatus is a view of mstatus: it shows SIE/SPIE/SPP, not MIE/MPIE/MPP.
#include "hive_test.h"

TEST_BEGIN
  # ---- mret to M: MIE <- MPIE (1), MPIE <- 1, MPP <- U
  li t0, MSTATUS_MIE
  csrc mstatus, t0
  li t0, MSTATUS_MPIE | MSTATUS_MPP
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
  j fail
1:
  CHECK_CSR_FIELD(1, mstatus, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MIE | MSTATUS_MPIE | MPP_U)
  # mret with MPIE = 0: MIE <- 0, MPIE <- 1
  li t0, MSTATUS_MPIE
  csrc mstatus, t0
  li t0, MSTATUS_MPP
  csrs mstatus, t0
  la t0, 2f
  csrw mepc, t0
  mret
  j fail
2:
  CHECK_CSR_FIELD(2, mstatus, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, MSTATUS_MPIE | MPP_U)

  # ---- mret to S with MPIE = 1: in S, MIE = 1; the ecall back shows MPP = S and MPIE = 1
  li t0, MSTATUS_MPIE
  csrs mstatus, t0
  GOTO_S(3f)
3:
  BACK_TO_M(4f)
4:
  CHECK_TI(3, TI_CAUSE, CAUSE_ECALL_S)
  CHECK_TI_STATUS(4, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE, MPP_S | MSTATUS_MPIE)
  # the handler's mret (MPP = M) left MIE = MPIE = 1
  csrc mstatus, MSTATUS_MIE

  # ---- mret to U
  GOTO_U(5f)
5:
  BACK_TO_M(6f)
6:
  CHECK_TI(5, TI_CAUSE, CAUSE_ECALL_U)
  CHECK_TI_STATUS(6, MSTATUS_MPP, MPP_U)

  # ---- sret to S: SIE <- SPIE (1), SPIE <- 1, SPP <- U
  GOTO_S(7f)
7:
  csrc sstatus, MSTATUS_SIE
  li t0, MSTATUS_SPIE | MSTATUS_SPP
  csrs sstatus, t0
  la t0, 8f
  csrw sepc, t0
  sret
  j fail
8:
  CHECK_CSR_FIELD(7, sstatus, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SIE | MSTATUS_SPIE)
  # still in S: an ecall is an S ecall
  BACK_TO_M(9f)
9:
  CHECK_TI(8, TI_CAUSE, CAUSE_ECALL_S)

  # ---- sret to U with SPIE = 0: SIE <- 0
  GOTO_S(10f)
10:
  li t0, MSTATUS_SPIE | MSTATUS_SPP
  csrc sstatus, t0
  csrs sstatus, MSTATUS_SIE
  la t0, 11f
  csrw sepc, t0
  sret
  j fail
11:
  BACK_TO_M(12f)
12:
  CHECK_TI(9, TI_CAUSE, CAUSE_ECALL_U)
  CHECK_CSR_FIELD(10, mstatus, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP, MSTATUS_SPIE)

  # ---- sstatus is a view of mstatus
  li t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
  csrc mstatus, t0
  li t0, MSTATUS_SPIE
  csrs sstatus, t0
  CHECK_CSR_FIELD(11, mstatus, MSTATUS_SPIE, MSTATUS_SPIE)
  li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
  csrs mstatus, t0
  CHECK_CSR_FIELD(12, sstatus, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP, 0)
  li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_SPIE
  csrc mstatus, t0
  CHECK_CSR_FIELD(13, sstatus, MSTATUS_SPIE, 0)
  # mstatus.UXL and SXL read 2 (64-bit)
  CHECK_CSR_FIELD(14, mstatus, 0xf00000000, 0xa00000000)
TEST_END
