# The memory benchmark (bench/memory.py): its latency program, built with the runtime of the
# multi-hart tests (tests/mp/common; MP_* from tests/tests.mk), and the shapes it measures.
# It also runs tests/mp/stress.elf (NACK rate, directory occupancy, model speed).
#   make bench BENCH=memory MEM_BENCH_SHAPES='2x1 4x1'   without the (slow to build) 8x1, 16x1:
#   a shape whose model is missing is skipped and listed as not measured (4x1 is required)
MEM_BENCH_ELF    := $(BENCH_OUT)/memory/memlat.elf
MEM_BENCH_SHAPES ?= 2x1 4x1 8x1 16x1
$(MEM_BENCH_ELF): bench/memory/memlat.c bench/memory/timing.h $(MP_DEPS)
	@mkdir -p $(@D)
	$(RV_CC) $(MP_CFLAGS) -T tests/mp/common/link.ld $(MP_RT) $< -o $@ -lgcc
BENCH_PROGRAMS += $(MEM_BENCH_ELF) $(TESTS_OUT)/mp/stress.elf
BENCH_SHAPES += $(MEM_BENCH_SHAPES)
