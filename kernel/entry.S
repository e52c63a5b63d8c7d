/*
 * Kernel entry. OpenSBI enters _start in S-mode on one hart of the cell (not necessarily its
 * first: the boot hartid is a0) with a1 = the device tree, paging off. Harts started later
 * with SBI HSM enter _start_secondary with a0 = hartid, a1 = their struct cpu (opaque).
 */
#include "hive_regs.h"

	.equ	CPU_STACK_TOP_OFF, 0	/* offsetof(struct cpu, stack_top), checked in main.c */

/* Link address for kernel.ld (ld cannot parse the header's ULL suffix). */
	.globl	KERNEL_LINK_BASE
	.set	KERNEL_LINK_BASE, HIVE_REMAP_BASE + HIVE_PAYLOAD_OFFSET

	.section .text.entry, "ax", @progbits
	.globl	_start
_start:
	csrw	sie, zero
	csrw	sscratch, zero
	lla	t0, boot_claimed	/* one boot hart: any other that ever enters here parks */
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, park
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	lla	sp, boot_stack_top
	lla	tp, cpus		/* cpus[0] is the boot hart */
	call	kmain
park:
	wfi
	j	park

	.globl	_start_secondary
_start_secondary:
	csrw	sie, zero
	csrw	sscratch, zero
	mv	tp, a1
	ld	sp, CPU_STACK_TOP_OFF(a1)
	call	secondary_main
	j	park

	.section .data
	.balign	4
boot_claimed:
	.word	0

	.section .bss
	.balign	16
	.globl	boot_stack
boot_stack:
	.space	16384
	.globl	boot_stack_top
boot_stack_top:
