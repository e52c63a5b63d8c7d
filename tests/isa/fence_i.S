# Zifencei and fences: code written by stores runs after fence.i (the old code was executed
# first, so it may sit in the instruction cache), also after byte stores; fences execute.
#include "hive_test.h"

TEST_BEGIN
  # the function returns 1 before patching
  li gp, 1
  call patchfn
  li t6, 1
  FAIL_IF_NE(a0, t6)
  # patch its first instruction to "addi a0, zero, 42", fence.i, call again
  li gp, 2
  la a1, patchfn
  li t0, 0x02a00513
  sw t0, 0(a1)
  fence.i
  call patchfn
  li t6, 42
  FAIL_IF_NE(a0, t6)
  # patch again with byte stores, to "addi a0, zero, 7" (0x00700513: bytes 13 05 70 00)
  li gp, 3
  li t0, 0x70
  sb t0, 2(a1)
  sb zero, 3(a1)
  fence.i
  call patchfn
  li t6, 7
  FAIL_IF_NE(a0, t6)
  # fences execute
  li gp, 4
  fence
  fence rw, rw
  fence r, w
  fence iorw, iorw
  fence.i
TEST_END

  .balign 64
patchfn:
  .option push
  .option norvc
  addi a0, zero, 1
  .option pop
  ret
