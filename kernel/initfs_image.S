/* The initial file-system image (initfs.h), included at build time (INITFS_IMAGE). */
	.section .rodata
	.balign	4096
	.globl	initfs_start
initfs_start:
	.incbin	INITFS_IMAGE
	.globl	initfs_end
initfs_end:
