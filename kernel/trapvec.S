/*
 * Trap entry and exit, and the kernel context switch.
 *
 * sscratch is 0 while the hart runs in the kernel and points to the running process's trap
 * frame while it runs in user mode. Traps from the kernel push a frame on the current stack;
 * traps from user mode save into the process's trap frame and continue on its kernel stack
 * with tp = the hart's struct cpu. The user's page table stays in satp: the kernel is mapped
 * in every address space (vm.h), so no trampoline is needed.
 */
	.equ	TF_SEPC, 256
	.equ	TF_SSTATUS, 264
	.equ	TF_SCAUSE, 272
	.equ	TF_STVAL, 280
	.equ	TF_KSP, 288
	.equ	TF_KTP, 296
	.equ	TF_SIZE, 304
	.equ	CPU_KSTACK_LO, 8	/* struct cpu, checked in main.c */
	.equ	CPU_TRAP_T0, 16

	.macro SAVE_GPRS base
	sd	x1, 8(\base)
	sd	x3, 24(\base)
	sd	x4, 32(\base)
	sd	x5, 40(\base)
	sd	x6, 48(\base)
	sd	x7, 56(\base)
	sd	x8, 64(\base)
	sd	x9, 72(\base)
	sd	x10, 80(\base)
	sd	x11, 88(\base)
	sd	x12, 96(\base)
	sd	x13, 104(\base)
	sd	x14, 112(\base)
	sd	x15, 120(\base)
	sd	x16, 128(\base)
	sd	x17, 136(\base)
	sd	x18, 144(\base)
	sd	x19, 152(\base)
	sd	x20, 160(\base)
	sd	x21, 168(\base)
	sd	x22, 176(\base)
	sd	x23, 184(\base)
	sd	x24, 192(\base)
	sd	x25, 200(\base)
	sd	x26, 208(\base)
	sd	x27, 216(\base)
	sd	x28, 224(\base)
	sd	x29, 232(\base)
	sd	x30, 240(\base)
	sd	x31, 248(\base)
	.endm

	/* every register but \base (x2 = sp, or a0) */
	.macro LOAD_GPRS base
	ld	x1, 8(\base)
	ld	x3, 24(\base)
	ld	x4, 32(\base)
	ld	x5, 40(\base)
	ld	x6, 48(\base)
	ld	x7, 56(\base)
	ld	x8, 64(\base)
	ld	x9, 72(\base)
	ld	x11, 88(\base)
	ld	x12, 96(\base)
	ld	x13, 104(\base)
	ld	x14, 112(\base)
	ld	x15, 120(\base)
	ld	x16, 128(\base)
	ld	x17, 136(\base)
	ld	x18, 144(\base)
	ld	x19, 152(\base)
	ld	x20, 160(\base)
	ld	x21, 168(\base)
	ld	x22, 176(\base)
	ld	x23, 184(\base)
	ld	x24, 192(\base)
	ld	x25, 200(\base)
	ld	x26, 208(\base)
	ld	x27, 216(\base)
	ld	x28, 224(\base)
	ld	x29, 232(\base)
	ld	x30, 240(\base)
	ld	x31, 248(\base)
	.endm

	.section .text
	.balign	4
	.globl	trap_entry
trap_entry:
	csrrw	sp, sscratch, sp
	bnez	sp, from_user
	/* from the kernel: sscratch now holds the kernel sp; tp is the hart's struct cpu */
	csrrw	sp, sscratch, sp
	sd	t0, CPU_TRAP_T0(tp)
	ld	t0, CPU_KSTACK_LO(tp)
	addi	t0, t0, TF_SIZE
	bltu	sp, t0, stack_overflow	/* no room for a frame: the stack ran into its guard */
	ld	t0, CPU_TRAP_T0(tp)
	addi	sp, sp, -TF_SIZE
	SAVE_GPRS sp
	addi	t0, sp, TF_SIZE
	sd	t0, 16(sp)
	csrr	t0, sepc
	sd	t0, TF_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, TF_SSTATUS(sp)
	csrr	t0, scause
	sd	t0, TF_SCAUSE(sp)
	csrr	t0, stval
	sd	t0, TF_STVAL(sp)
	mv	a0, sp
	call	kernel_trap
	ld	t0, TF_SEPC(sp)
	csrw	sepc, t0
	ld	t0, TF_SSTATUS(sp)
	csrw	sstatus, t0
	ld	x10, 80(sp)
	LOAD_GPRS sp
	addi	sp, sp, TF_SIZE
	sret

stack_overflow:
	/* continue on the bottom page of the hart's scheduler stack, which runs shallow */
	csrr	a1, sepc
	csrr	a2, stval
	mv	a0, sp
	ld	sp, 0(tp)
	li	t0, 16384 - 4096
	sub	sp, sp, t0
	call	kernel_stack_overflow	/* panics */
1:	j	1b

from_user:
	/* sp = trap frame, sscratch = user sp */
	SAVE_GPRS sp
	csrr	t0, sscratch
	sd	t0, 16(sp)
	csrw	sscratch, zero
	csrr	t0, sepc
	sd	t0, TF_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, TF_SSTATUS(sp)
	csrr	t0, scause
	sd	t0, TF_SCAUSE(sp)
	csrr	t0, stval
	sd	t0, TF_STVAL(sp)
	ld	tp, TF_KTP(sp)
	mv	a0, sp
	ld	sp, TF_KSP(sp)
	call	user_trap	/* does not return: it ends in user_return */
1:	j	1b

/* user_return(struct trapframe *tf): back to user mode with tf's registers. Interrupts are
 * off; the caller has set tf->sepc, tf->sstatus (SPP = 0, SPIE = 1), ksp and ktp. */
	.globl	user_return
user_return:
	ld	t0, TF_SEPC(a0)
	csrw	sepc, t0
	ld	t0, TF_SSTATUS(a0)
	csrw	sstatus, t0
	csrw	sscratch, a0
	ld	x2, 16(a0)
	LOAD_GPRS a0
	ld	x10, 80(a0)
	sret

/* swtch(struct context *old, struct context *new): saves callee-saved registers in old,
 * loads them from new, returns on new's stack. */
	.globl	swtch
swtch:
	sd	ra, 0(a0)
	sd	sp, 8(a0)
	sd	s0, 16(a0)
	sd	s1, 24(a0)
	sd	s2, 32(a0)
	sd	s3, 40(a0)
	sd	s4, 48(a0)
	sd	s5, 56(a0)
	sd	s6, 64(a0)
	sd	s7, 72(a0)
	sd	s8, 80(a0)
	sd	s9, 88(a0)
	sd	s10, 96(a0)
	sd	s11, 104(a0)
	ld	ra, 0(a1)
	ld	sp, 8(a1)
	ld	s0, 16(a1)
	ld	s1, 24(a1)
	ld	s2, 32(a1)
	ld	s3, 40(a1)
	ld	s4, 48(a1)
	ld	s5, 56(a1)
	ld	s6, 64(a1)
	ld	s7, 72(a1)
	ld	s8, 80(a1)
	ld	s9, 88(a1)
	ld	s10, 96(a1)
	ld	s11, 104(a1)
	ret
