/* Harness test: --signature dumps begin_signature..end_signature, one 64-bit word per line
   as 16 lowercase hex digits, a last partial word padded with zero bytes (tests/run.py holds
   the expected lines). */
#define VALUE HIVE_FINISH_PASS
#include "finish.h"

  .data
  .balign 64
  .globl begin_signature, end_signature
begin_signature:
  .dword 0x0123456789abcdef
  .dword 0xfedcba9876543210
  .dword 0
  .word 0x11223344
end_signature:
  .word 0xdeadbeef
