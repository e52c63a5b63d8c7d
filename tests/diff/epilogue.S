/* Target-specific end of a random differential test program (tests/diff/gen.py).
   `epilogue`: the signature is complete. hive-sim: write the L1 D-cache back (fence.i), then
   pass on the machine finisher (the harness dumps the signature with --signature). QEMU: print the signature on the virt machine's UART
   (one 16-hex-digit word per line between @@SIG-BEGIN and @@SIG-END), then pass.
   `trap_exit`: an unexpected trap: fail with code 1 (QEMU prints mcause/mepc/mtval first). */
#include "hive_regs_asm.h"

#define FINISHER HIVE_MFINISH_BASE
#define QEMU_UART 0x10000000   /* QEMU virt ns16550 */

  .section .epilogue, "ax"
  .globl epilogue, trap_exit
  /* fixed entry points, so that the random body is the same bytes in both builds */
  .option push
  .option norvc
epilogue:
  j epilogue_body
trap_exit:
  j trap_body
  .option pop

epilogue_body:
#if defined(TARGET_QEMU)
  la s1, begin_signature
  la s2, end_signature
  la a0, msg_begin
  call puts
1:
  bgeu s1, s2, 2f
  ld a0, 0(s1)
  call puthex
  li a0, '\n'
  call putc
  addi s1, s1, 8
  j 1b
2:
  la a0, msg_end
  call puts
#endif
  /* hive-sim reads the signature from memory, not through the caches: on this core fence.i
     writes the L1 D-cache back (docs/harness.md) */
  fence
  fence.i
  li t0, HIVE_FINISH_PASS
  li t1, FINISHER
  sw t0, 0(t1)
3:
  j 3b

trap_body:
#if defined(TARGET_QEMU)
  la a0, msg_trap
  call puts
  csrr a0, mcause
  call puthex
  li a0, ' '
  call putc
  csrr a0, mepc
  call puthex
  li a0, ' '
  call putc
  csrr a0, mtval
  call puthex
  li a0, '\n'
  call putc
#endif
  li t0, (1 << 16) | HIVE_FINISH_FAIL
  li t1, FINISHER
  sw t0, 0(t1)
4:
  j 4b

#if defined(TARGET_QEMU)
/* putc(a0) */
putc:
  li t0, QEMU_UART
  sb a0, 0(t0)
  ret
/* puts(a0 = NUL-terminated string) */
puts:
  mv t1, a0
  li t0, QEMU_UART
5:
  lbu t2, 0(t1)
  beqz t2, 6f
  sb t2, 0(t0)
  addi t1, t1, 1
  j 5b
6:
  ret
/* puthex(a0): 16 lowercase hex digits */
puthex:
  li t0, QEMU_UART
  li t1, 60
7:
  srl t2, a0, t1
  andi t2, t2, 15
  li t3, 10
  blt t2, t3, 8f
  addi t2, t2, 'a' - 10
  j 9f
8:
  addi t2, t2, '0'
9:
  sb t2, 0(t0)
  addi t1, t1, -4
  bgez t1, 7b
  ret

msg_begin: .asciz "@@SIG-BEGIN\n"
msg_end:   .asciz "@@SIG-END\n"
msg_trap:  .asciz "@@TRAP mcause mepc mtval: "
#endif
