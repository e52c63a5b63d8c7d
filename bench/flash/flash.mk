# The flash benchmark (bench/flash.py): the SIPS program (tests/mp/sips_bench.c, built by
# tests/tests.mk), the firewall and cutoff program (bench/flash/fwbench.c, built here with the
# runtime of the multi-hart tests), the shapes it runs on (4x2 is used when its model exists)
# and the 4x1 model with the firewall check compiled out (-nofw), for the write-miss figure.
#   make bench BENCH=flash FLASH_BENCH_SHAPES=4x1   without building the 4x2 model
FLASH_BENCH_SHAPES ?= 4x1 4x2
FLASH_FW_ELF       := $(BENCH_OUT)/flash/fwbench.elf
$(FLASH_FW_ELF): bench/flash/fwbench.c bench/memory/timing.h $(MP_DEPS)
	@mkdir -p $(@D)
	$(RV_CC) $(MP_CFLAGS) -T tests/mp/common/link.ld $(MP_RT) $< -o $@ -lgcc
BENCH_SHAPES   += $(FLASH_BENCH_SHAPES)
BENCH_PROGRAMS += $(TESTS_OUT)/mp/sips_bench.elf $(FLASH_FW_ELF)

# After the other shapes' models (a parallel make never builds two models at once).
.PHONY: bench-nofw
bench-nofw: bench-shapes
	$(MAKE) --no-print-directory sim NODES=4 CORES_PER_NODE=1 FIREWALL=0
bench: bench-nofw
