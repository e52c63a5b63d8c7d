/* The initial file-system image (initfs.h), included at build time (INITFS_IMAGE). Its own
 * section, which kernel.ld places before the kernel's read-only data (see there). */
	.section .rodata.initfs, "a"
	.balign	4096
	.globl	initfs_start
initfs_start:
	.incbin	INITFS_IMAGE
	.globl	initfs_end
initfs_end:
