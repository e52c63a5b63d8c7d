/* User program entry: a0 = argc, a1 = argv (set by exec). */
	.section .text.start, "ax", @progbits
	.globl	_start
_start:
	call	main
	call	exit
1:	j	1b
