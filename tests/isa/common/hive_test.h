/* Macros shared by the self-checking ISA tests (tests/isa/*.S).
 *
 * Conventions
 *  - A test file is `#include "hive_test.h"`, then TEST_BEGIN, checks, TEST_END.
 *  - gp (x3) holds the number of the check being run (1..98). A failed check, or a trap that
 *    nobody expected, ends the run on the machine finisher with (gp << 16) | FAIL, so the exit
 *    status of hive-sim or QEMU names the check. Code 99 means "failed outside any check".
 *  - t6 holds expected values, a0..a7 operands and results, t0..t2 are scratch of the macros.
 *  - Local labels 8880..8889 belong to the macros; tests use other numbers.
 *  - Traps: crt.S installs an M-mode handler (mtvec) and an S-mode handler (stvec). Before an
 *    instruction that should trap, EXPECT_TRAP(label) (or EXPECT_TRAP_M / EXPECT_TRAP_S) arms
 *    the handler, which records cause/epc/tval/status and the level that took the trap
 *    (3 = M, 1 = S) in `trapinfo` and resumes at `label`, in the trapping mode, or in M (S)
 *    for EXPECT_TRAP_M (EXPECT_TRAP_S). An expected interrupt is masked (its mie/sie bit and
 *    MPIE/SPIE are cleared) so that it is taken once.
 *  - Targets: built once per target with -DTARGET_HIVE or -DTARGET_QEMU. Addresses come from
 *    the generated register header; only QEMU's own addresses are written here.
 */
#ifndef HIVE_TEST_H
#define HIVE_TEST_H

#include "hive_regs_asm.h"

#define FINISHER      HIVE_MFINISH_BASE
#if defined(TARGET_QEMU)
/* QEMU virt: SiFive CLINT at 0x0200_0000; 0x0800_0000 has nothing behind it (access fault). */
#define CLINT_BASE    0x02000000
#define UNMAPPED_ADDR 0x08000000
/* mtime ticks (10 MHz, wall-clock time on QEMU) long enough for the code that arms a timer to
   reach the instruction that waits for it, even when QEMU translates that code first. */
#define TIMER_DELAY   100000
/* how long a test waits for an interrupt before it fails: 2 s (QEMU's timer callbacks run in
   another host thread, which a loaded machine may delay by milliseconds) */
#define WAIT_TICKS    20000000
#elif defined(TARGET_HIVE)
#define CLINT_BASE    (HIVE_NODEDEV_BASE + HIVE_NODEDEV_CLINT)
#define UNMAPPED_ADDR 0x40000000
/* mtime ticks (one per HIVE_MTIME_DIV cycles) long enough for the code that arms a timer to
   reach the instruction that waits for it, cache misses included. */
#define TIMER_DELAY   200
/* how long a test waits for an interrupt before it fails: 10000 ticks = 200k cycles */
#define WAIT_TICKS    10000
#else
#error "build with -DTARGET_HIVE or -DTARGET_QEMU"
#endif
#define CLINT_MSIP     (CLINT_BASE + HIVE_CLINT_MSIP)
#define CLINT_MTIMECMP (CLINT_BASE + HIVE_CLINT_MTIMECMP)
#define CLINT_MTIME    (CLINT_BASE + HIVE_CLINT_MTIME)

/* mstatus fields */
#define MSTATUS_SIE  0x2
#define MSTATUS_MIE  0x8
#define MSTATUS_SPIE 0x20
#define MSTATUS_MPIE 0x80
#define MSTATUS_SPP  0x100
#define MSTATUS_MPP  0x1800
#define MPP_U        0x0000
#define MPP_S        0x0800
#define MPP_M        0x1800
#define MSTATUS_FS   0x6000
#define MSTATUS_MPRV (1 << 17)
#define MSTATUS_SUM  (1 << 18)
#define MSTATUS_MXR  (1 << 19)
#define MSTATUS_TVM  (1 << 20)
#define MSTATUS_TW   (1 << 21)
#define MSTATUS_TSR  (1 << 22)

/* exception causes */
#define CAUSE_FETCH_MISALIGNED 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_LOAD_MISALIGNED  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_STORE_MISALIGNED 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11
#define CAUSE_FETCH_PAGE       12
#define CAUSE_LOAD_PAGE        13
#define CAUSE_STORE_PAGE       15
/* interrupts: mcause = INTERRUPT | IRQ_x; mie/mip bit = 1 << IRQ_x */
#define INTERRUPT    0x8000000000000000
#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_MEI 11

/* satp */
#define SATP_SV39 (8 << 60)
/* page-table entry bits */
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80
/* pmpcfg byte */
#define PMP_R     0x01
#define PMP_W     0x02
#define PMP_X     0x04
#define PMP_TOR   0x08
#define PMP_NA4   0x10
#define PMP_NAPOT 0x18
#define PMP_L     0x80

/* trapinfo layout (crt.S) */
#define TI_EXPECTED 0
#define TI_RESUME   8
#define TI_TO       16  /* 0: resume in the trapping mode; 1: resume in the handler's mode */
#define TI_CAUSE    24
#define TI_EPC      32
#define TI_TVAL     40
#define TI_STATUS   48
#define TI_LEVEL    56  /* 3: taken in M, 1: taken in S */
#define TI_COUNT    64  /* traps taken so far (expected or not) */

#define TEST_BEGIN .text; .globl test_main; test_main:
#define TEST_END   j pass

/* ---- checks --------------------------------------------------------------------------- */
/* Fail unless registers a and b are equal (jump reach: whole image). */
#define FAIL_IF_NE(a, b) beq a, b, 8880f; j fail; 8880:
#define FAIL_IF_EQ(a, b) bne a, b, 8880f; j fail; 8880:
#define SET_CHECK(n) li gp, n

/* Check n: register r holds val. */
#define CHECK_EQ(n, r, val) li gp, n; li t6, val; FAIL_IF_NE(r, t6)
/* Check n: register r holds the address of symbol sym. */
#define CHECK_EQ_ADDR(n, r, sym) li gp, n; la t6, sym; FAIL_IF_NE(r, t6)
/* Check n: register r is not val. */
#define CHECK_NE(n, r, val) li gp, n; li t6, val; FAIL_IF_EQ(r, t6)

/* Register-register op: a0 = inst(v1, v2) must be res. */
#define TEST_RR(n, inst, res, v1, v2) \
  li gp, n; li a1, v1; li a2, v2; inst a0, a1, a2; li t6, res; FAIL_IF_NE(a0, t6)
/* Same, destination = first source. */
#define TEST_RR_SRC1(n, inst, res, v1, v2) \
  li gp, n; li a1, v1; li a2, v2; inst a1, a1, a2; li t6, res; FAIL_IF_NE(a1, t6)
/* Same, destination = second source. */
#define TEST_RR_SRC2(n, inst, res, v1, v2) \
  li gp, n; li a1, v1; li a2, v2; inst a2, a1, a2; li t6, res; FAIL_IF_NE(a2, t6)
/* Register-immediate op. */
#define TEST_IMM(n, inst, res, v1, imm) \
  li gp, n; li a1, v1; inst a0, a1, imm; li t6, res; FAIL_IF_NE(a0, t6)
/* Writing x0 leaves it zero. */
#define TEST_RR_ZERODEST(n, inst, v1, v2) \
  li gp, n; li a1, v1; li a2, v2; inst x0, a1, a2; FAIL_IF_NE(x0, zero)

/* Load of `inst` at off(sym) must give res. */
#define TEST_LOAD(n, inst, res, off, sym) \
  li gp, n; la a1, sym; inst a0, off(a1); li t6, res; FAIL_IF_NE(a0, t6)
/* Store val with `st` at off(sym), read back with `ld`: must give res. */
#define TEST_STORE(n, st, ld, res, val, off, sym) \
  li gp, n; la a1, sym; li a2, val; st a2, off(a1); ld a0, off(a1); li t6, res; FAIL_IF_NE(a0, t6)

/* Branch taken / not taken. */
#define TEST_BR_TAKEN(n, inst, v1, v2) \
  li gp, n; li a1, v1; li a2, v2; inst a1, a2, 8881f; j fail; 8881:
#define TEST_BR_NOT_TAKEN(n, inst, v1, v2) \
  li gp, n; li a1, v1; li a2, v2; inst a1, a2, 8882f; j 8883f; 8882: j fail; 8883:

/* ---- traps ------------------------------------------------------------------------------ */
#define ARM_TRAP(resume, to) \
  la t0, trapinfo; la t1, resume; sd t1, TI_RESUME(t0); li t1, to; sd t1, TI_TO(t0); \
  li t1, 1; sd t1, TI_EXPECTED(t0)
/* The next trap resumes at `resume` in the mode that trapped. */
#define EXPECT_TRAP(resume) ARM_TRAP(resume, 0)
/* The next trap (taken in M) resumes at `resume` in M-mode. */
#define EXPECT_TRAP_M(resume) ARM_TRAP(resume, 1)
/* The next trap (taken in S) resumes at `resume` in S-mode. */
#define EXPECT_TRAP_S(resume) ARM_TRAP(resume, 1)

/* Check n: the armed trap happened (the handler disarmed it). */
#define CHECK_TRAPPED(n) \
  li gp, n; la t0, trapinfo; ld t1, TI_EXPECTED(t0); FAIL_IF_NE(t1, zero)
/* Check n: the armed trap did not happen (and disarm it). */
#define CHECK_NOT_TRAPPED(n) \
  li gp, n; la t0, trapinfo; ld t1, TI_EXPECTED(t0); sd zero, TI_EXPECTED(t0); li t6, 1; \
  FAIL_IF_NE(t1, t6)
#define CHECK_TI(n, field, val) \
  li gp, n; la t0, trapinfo; ld t1, field(t0); li t6, val; FAIL_IF_NE(t1, t6)
#define CHECK_TI_ADDR(n, field, sym) \
  li gp, n; la t0, trapinfo; ld t1, field(t0); la t6, sym; FAIL_IF_NE(t1, t6)
/* Check n: the trap happened with this cause, at the instruction labelled epc, with this tval
   (all four in one check number). */
#define CHECK_TRAP(n, cause, epc, tval) \
  CHECK_TRAPPED(n); CHECK_TI(n, TI_CAUSE, cause); CHECK_TI_ADDR(n, TI_EPC, epc); \
  CHECK_TI(n, TI_TVAL, tval)
/* Same, tval is the address of a symbol. */
#define CHECK_TRAP_TVAL_ADDR(n, cause, epc, tsym) \
  CHECK_TRAPPED(n); CHECK_TI(n, TI_CAUSE, cause); CHECK_TI_ADDR(n, TI_EPC, epc); \
  CHECK_TI_ADDR(n, TI_TVAL, tsym)
/* Same, tval may be 0 or `alt` (the spec lets the implementation choose). */
#define CHECK_TRAP_TVAL_0_OR(n, cause, epc, alt) \
  CHECK_TRAPPED(n); CHECK_TI(n, TI_CAUSE, cause); CHECK_TI_ADDR(n, TI_EPC, epc); \
  la t0, trapinfo; ld t1, TI_TVAL(t0); beqz t1, 8884f; li t6, alt; FAIL_IF_NE(t1, t6); 8884:
/* Same, tval may be 0 or the address of symbol alt. */
#define CHECK_TRAP_TVAL_0_OR_ADDR(n, cause, epc, alt) \
  CHECK_TRAPPED(n); CHECK_TI(n, TI_CAUSE, cause); CHECK_TI_ADDR(n, TI_EPC, epc); \
  la t0, trapinfo; ld t1, TI_TVAL(t0); beqz t1, 8885f; la t6, alt; FAIL_IF_NE(t1, t6); 8885:
/* Check n: at the trap, (mstatus or sstatus) & mask was val. */
#define CHECK_TI_STATUS(n, mask, val) \
  li gp, n; la t0, trapinfo; ld t1, TI_STATUS(t0); li t6, mask; and t1, t1, t6; li t6, val; \
  FAIL_IF_NE(t1, t6)
/* Check n: (CSR csr) & mask is val. */
#define CHECK_CSR_FIELD(n, csr, mask, val) \
  li gp, n; csrr t1, csr; li t6, mask; and t1, t1, t6; li t6, val; FAIL_IF_NE(t1, t6)
/* Check n: the trap was taken at this level (3 = M, 1 = S). */
#define CHECK_LEVEL(n, lvl) CHECK_TI(n, TI_LEVEL, lvl)

/* ---- page tables and PMP (clobber t0, t1, a6) -------------------------------------------- */
/* The tests' own mappings live at VA_BASE, away from the image's 1 GiB identity page. */
#define VA_BASE  0x40000000
#define VA_PAGE(i) (VA_BASE + (i) * 0x1000)
#define LEAF_RWX (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
/* table[idx] = PTE(pa, flags) */
#define SET_PTE(table, idx, pa_reg, flags) \
  la t0, table; srli t1, pa_reg, 12; slli t1, t1, 10; ori t1, t1, flags; sd t1, (idx) * 8(t0)
#define SET_PTE_SYM(table, idx, sym, flags) la a6, sym; SET_PTE(table, idx, a6, flags)
/* pmpaddr value of a NAPOT region of 4 KiB at sym */
#define NAPOT_4K(reg, sym) la reg, sym; srli reg, reg, 2; ori reg, reg, 0x1ff
/* pmpcfg0 = entries 0..3 as given and entry 7 = NAPOT RWX (crt.S: pmpaddr7 spans everything),
   then SFENCE.VMA, which the spec (3.7.2) asks for after PMP writes when paging is in use */
#define PMPCFG(e0, e1, e2, e3) \
  li t0, ((e0) | ((e1) << 8) | ((e2) << 16) | ((e3) << 24) | \
          ((PMP_NAPOT | PMP_R | PMP_W | PMP_X) << 56)); csrw pmpcfg0, t0; sfence.vma

/* Check n: `inst` at the label traps with cause; a1 = va (a number) on entry, tval = va. */
#define FAULT_VA(n, inst, cause, va) \
  li gp, n; li a1, va; EXPECT_TRAP(8886f); 8887: inst; j fail; 8886: \
  CHECK_TRAPPED(n); CHECK_TI(n, TI_CAUSE, cause); CHECK_TI_ADDR(n, TI_EPC, 8887b); \
  CHECK_TI(n, TI_TVAL, va)
/* Same, with a1 = the address sym + off. */
#define FAULT_SYM(n, inst, cause, sym, off) \
  li gp, n; la a1, sym + off; EXPECT_TRAP(8886f); 8887: inst; j fail; 8886: \
  CHECK_TRAPPED(n); CHECK_TI(n, TI_CAUSE, cause); CHECK_TI_ADDR(n, TI_EPC, 8887b); \
  CHECK_TI_ADDR(n, TI_TVAL, sym + off)
/* Check n: a jump to va (a number) or to sym traps with cause, mtval and mepc the target. */
#define FETCH_FAULT_VA(n, cause, va) \
  li gp, n; li a1, va; EXPECT_TRAP(8886f); jalr ra, 0(a1); j fail; 8886: \
  CHECK_TRAPPED(n); CHECK_TI(n, TI_CAUSE, cause); CHECK_TI(n, TI_TVAL, va); CHECK_TI(n, TI_EPC, va)
#define FETCH_FAULT_SYM(n, cause, sym) \
  li gp, n; la a1, sym; EXPECT_TRAP(8886f); jalr ra, 0(a1); j fail; 8886: \
  CHECK_TRAPPED(n); CHECK_TI(n, TI_CAUSE, cause); CHECK_TI_ADDR(n, TI_TVAL, sym); \
  CHECK_TI_ADDR(n, TI_EPC, sym)
/* The tests' Sv39 tables: root[2] the image's 1 GiB identity page (RWX), root[1] -> l1,
   l1[0] -> l0, whose entries map VA_PAGE(0..511) */
#define SV39_TABLES(root, l1, l0) \
  li a6, 0x80000000; SET_PTE(root, 2, a6, LEAF_RWX); SET_PTE_SYM(root, 1, l1, PTE_V); \
  SET_PTE_SYM(l1, 0, l0, PTE_V)
/* satp = Sv39 over root (ASID 0), then SFENCE.VMA */
#define SATP_ON(root) \
  la t0, root; srli t0, t0, 12; li t1, SATP_SV39; or t0, t0, t1; csrw satp, t0; sfence.vma
/* a comma inside a macro argument (an instruction's operands) */
#define COMMA ,

/* ---- modes ------------------------------------------------------------------------------ */
/* From M: continue at `label` in S-mode / U-mode (mret). */
#define GOTO_MODE(mpp, label) \
  li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, mpp; csrs mstatus, t0; \
  la t0, label; csrw mepc, t0; mret
#define GOTO_S(label) GOTO_MODE(MPP_S, label)
/* From M: continue in U-mode at a (virtual) address given as a number. */
#define GOTO_U_VA(va) \
  li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, va; csrw mepc, t0; mret
#define GOTO_U(label) GOTO_MODE(MPP_U, label)
/* From S or U (not delegated ecall): return to M-mode at `label` through an ecall. */
#define BACK_TO_M(label) EXPECT_TRAP_M(label); ecall; j fail
/* From S: continue at `label` in U-mode (sret). */
#define S_GOTO_U(label) \
  li t0, MSTATUS_SPP; csrc sstatus, t0; la t0, label; csrw sepc, t0; sret

/* ---- waiting ---------------------------------------------------------------------------- */
/* Check n: spin until the armed trap has happened; fail after WAIT_TICKS of mtime. */
#define WAIT_TRAP(n) \
  li gp, n; li t0, CLINT_MTIME; ld t2, 0(t0); li t1, WAIT_TICKS; add t2, t2, t1; \
  8886: la t0, trapinfo; ld t1, TI_EXPECTED(t0); beqz t1, 8887f; \
  li t0, CLINT_MTIME; ld t1, 0(t0); bltu t1, t2, 8886b; j fail; 8887:
/* Check n: spin until (mip & mask) == val; fail after WAIT_TICKS of mtime. */
#define WAIT_MIP(n, mask, val) \
  li gp, n; li t0, CLINT_MTIME; ld t2, 0(t0); li t1, WAIT_TICKS; add t2, t2, t1; \
  8888: csrr t1, mip; li t0, mask; and t1, t1, t0; li t0, val; beq t1, t0, 8889f; \
  li t0, CLINT_MTIME; ld t1, 0(t0); bltu t1, t2, 8888b; j fail; 8889:

/* ---- the machine timer (clobber t0..t2) -------------------------------------------------- */
/* mtimecmp <- mtime + ticks */
#define TIMER_IN(ticks) \
  li t0, CLINT_MTIME; ld t1, 0(t0); li t2, ticks; add t1, t1, t2; li t0, CLINT_MTIMECMP; sd t1, 0(t0)
/* mtimecmp <- all ones: no timer interrupt */
#define TIMER_OFF li t0, CLINT_MTIMECMP; li t1, -1; sd t1, 0(t0)

/* Read a CLINT register into r (64-bit). */
#define READ_MTIME(r) li t0, CLINT_MTIME; ld r, 0(t0)

#endif
