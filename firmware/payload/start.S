/*
 * Entry of the S-mode test payload (linked at REMAP_BASE + PAYLOAD_OFFSET = 0x8020_0000).
 * OpenSBI enters it on the cell's boot hart with a0 = hartid, a1 = FDT. One hart runs the
 * payload; any other hart that ever enters parks. Traps print their cause and fail the run.
 */
#include "hive_regs.h"

/* Link address, for firmware/payload/payload.ld (ld cannot parse the header's ULL suffix). */
	.globl	PAYLOAD_LINK_BASE
	.set	PAYLOAD_LINK_BASE, HIVE_REMAP_BASE + HIVE_PAYLOAD_OFFSET

	.section .text.start, "ax", @progbits
	.globl	_start
_start:
	.option	push
	.option	norelax
	lla	gp, __global_pointer$
	.option	pop
	csrw	sie, zero
	lla	t0, trap_entry
	csrw	stvec, t0

	lla	t0, payload_owner	/* first hart in wins; the rest park */
	li	t1, 1
	amoswap.w t1, t1, (t0)
	bnez	t1, park

	lla	t0, __bss_start		/* a0/a1 stay untouched for payload_main */
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:	lla	sp, stack_top
	call	payload_main
park:
	wfi
	j	park

	.balign	4
trap_entry:
	lla	sp, stack_top
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	call	payload_trap
	j	park

	.section .data
	.balign	4
payload_owner:
	.word	0

	.section .bss
	.balign	16
stack:
	.space	16384
stack_top:
