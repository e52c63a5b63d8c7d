/* Start-up of the benchmark kernels: hart 0 runs main() on the stack link.ld places, every
 * other hart waits. main's return value goes to bench_exit() (bench.c), which writes the
 * machine finisher. */
  .section .text.init, "ax"
  .globl _start
_start:
  csrr t0, mhartid
  bnez t0, park
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la sp, stack_top
  la t0, bench_trap
  csrw mtvec, t0
  la t0, _bss_start
  la t1, _bss_end
1:
  bgeu t0, t1, 2f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
2:
  call main
  call bench_exit
park:
  wfi
  j park
