# The flash benchmark (bench/flash.py): the SIPS program (tests/mp/sips_bench.c, built by
# tests/tests.mk) and the shapes it runs on (4x2 is used when its model exists).
#   make bench BENCH=flash FLASH_BENCH_SHAPES=4x1   without building the 4x2 model
FLASH_BENCH_SHAPES ?= 4x1 4x2
BENCH_SHAPES   += $(FLASH_BENCH_SHAPES)
BENCH_PROGRAMS += $(TESTS_OUT)/mp/sips_bench.elf
