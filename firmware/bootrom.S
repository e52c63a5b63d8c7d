/*
 * Hive SoC boot ROM (docs/boot.md). Every hart of every node starts here in M-mode at
 * BOOTROM_BASE after reset. The ROM image is this code followed by the per-node parameter table
 * at BOOTROM_BASE + PARAM_OFFSET, which firmware/gen_boot.py fills in; the assembler only
 * reserves that space (zeros).
 *
 *   node = mhartid / CORES, core = mhartid % CORES, e = table entry[node]
 *   core 0 of the node programs the node's controller (CELL_MASK; later REMAP_TARGET, firewall)
 *   ENTRY == 0: park in wfi; else a0 = mhartid, a1 = FDT, a2 = INFO, jump to ENTRY in M-mode
 *
 * A missing or malformed table (bad magic, CORES == 0, node beyond the table) parks the hart,
 * and so does any trap taken inside the ROM (mtvec points at the park loop). Only rv64imac,
 * no stack, no memory writes other than the controller registers. Code is position
 * independent (PC-relative table access), which lets it be tested outside 0x1000.
 */
#include "hive_regs.h"

/* Link address and size, for firmware/bootrom.ld (ld cannot parse the header's ULL suffix). */
	.globl	BOOTROM_LINK_BASE
	.globl	BOOTROM_LINK_SIZE
	.set	BOOTROM_LINK_BASE, HIVE_BOOTROM_BASE
	.set	BOOTROM_LINK_SIZE, HIVE_BOOTROM_SIZE

	.option	norelax			/* fixed layout: .org below must not move */
	.section .text.rom, "ax", @progbits
	.globl	_start
_start:
	/* Any trap from here on parks the hart instead of running off to an unknown vector. */
	lla	t0, rom_park
	csrw	mtvec, t0
	csrw	mie, zero

	csrr	s0, mhartid		/* s0 = hartid */
	lla	s1, param_table		/* s1 = table header */

	ld	t0, HIVE_PARAM_H_MAGIC(s1)
	li	t1, HIVE_PARAM_MAGIC
	bne	t0, t1, rom_park

	ld	t0, HIVE_PARAM_H_CORES(s1)
	beqz	t0, rom_park
	divu	s2, s0, t0		/* s2 = node */
	remu	s3, s0, t0		/* s3 = core within the node */

	ld	t1, HIVE_PARAM_H_NODES(s1)
	bgeu	s2, t1, rom_park	/* no entry for this node */

	li	t0, HIVE_PARAM_ENTRY_BYTES
	mul	t0, t0, s2
	add	s4, s1, t0
	addi	s4, s4, HIVE_PARAM_HEADER_BYTES	/* s4 = entry[node] */

	/* t2 = this node's coherence-controller register block */
	li	t0, HIVE_NODEDEV_SIZE
	mul	t0, t0, s2
	li	t2, HIVE_NODEDEV_BASE + HIVE_NODEDEV_CTRL
	add	t2, t2, t0

	/*
	 * Remap target: every core of the node writes the same value, so that none runs through
	 * the window before it points at the cell's home node.
	 */
	ld	t0, HIVE_PARAM_E_REMAP(s4)
	sd	t0, HIVE_CTRL_REMAP_TARGET(t2)
	fence	iorw, iorw

	bnez	s3, 1f			/* only core 0 programs the rest of the node's controller */

	ld	t0, HIVE_PARAM_E_CELL_MASK(s4)
	sd	t0, HIVE_CTRL_CELL_MASK(t2)

	/*
	 * Firewall default: every page of this node gets the entry's hart mask (fill command),
	 * and the ROM waits until the controller reports the change complete.
	 */
	li	t0, HIVE_GLOBAL_SIZE
	mul	t0, t0, s2
	li	t1, HIVE_GLOBAL_BASE
	add	t0, t0, t1
	sd	t0, HIVE_CTRL_FW_ADDR(t2)
	ld	t0, HIVE_PARAM_H_NODE_MEM(s1)
	srli	t0, t0, 12
	sd	t0, HIVE_CTRL_FW_PAGES(t2)
	ld	t0, HIVE_PARAM_E_FIREWALL(s4)
	sd	t0, HIVE_CTRL_FW_VEC(t2)
2:	ld	t0, HIVE_CTRL_FW_STATUS(t2)
	bnez	t0, 2b

	fence	iorw, iorw		/* controller writes done before anyone runs on */

1:	ld	t3, HIVE_PARAM_E_ENTRY(s4)
	beqz	t3, rom_park

	/* Hand-off: a0 = hartid, a1 = FDT, a2 = INFO; t3 = entry; everything else zero. */
	mv	a0, s0
	ld	a1, HIVE_PARAM_E_FDT(s4)
	ld	a2, HIVE_PARAM_E_INFO(s4)
	li	ra, 0
	li	sp, 0
	li	gp, 0
	li	tp, 0
	li	t0, 0
	li	t1, 0
	li	t2, 0
	li	s0, 0
	li	s1, 0
	li	a3, 0
	li	a4, 0
	li	a5, 0
	li	a6, 0
	li	a7, 0
	li	s2, 0
	li	s3, 0
	li	s4, 0
	li	s5, 0
	li	s6, 0
	li	s7, 0
	li	s8, 0
	li	s9, 0
	li	s10, 0
	li	s11, 0
	li	t4, 0
	li	t5, 0
	li	t6, 0
	csrw	mscratch, zero
	fence.i				/* the harness wrote the images; fetch them fresh */
	jr	t3

	/* Parked harts sleep forever; also the trap vector of the ROM (4-byte aligned). */
	.balign	4
rom_park:
	wfi
	j	rom_park

	/* Parameter table: reserved here, written by firmware/gen_boot.py. */
	.org	HIVE_PARAM_OFFSET
	.globl	param_table
param_table:
	.fill	HIVE_BOOTROM_SIZE - HIVE_PARAM_OFFSET, 1, 0
