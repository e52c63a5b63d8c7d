# Benchmarks (docs/figures.md): `make bench` builds what they run on, runs every benchmark of
# bench/ through bench/run.py (each writes build/bench/<name>.json and prints a table) and then
# tools/figures.py, which writes the README's figures table and docs/figures.md from the JSON.
#   make bench                  every benchmark
#   make bench BENCH=core       only the named ones (space-separated)
#   make bench BENCH_BUILD_TIME=0   without the (slow) timed build of the 1x1 model
#   make bench BENCH_NOTE='...'     a remark kept with the results and shown in docs/figures.md
#   make bench MEM_BENCH_SHAPES='2x1 4x1'   the memory benchmark without the 8x1 and 16x1 models
#   make bench-elfs             only build the benchmark programs
# A new benchmark is a file bench/<name>.py (see bench/run.py); programs it runs are built here
# (add them to BENCH_PROGRAMS) and shapes it needs to BENCH_SHAPES (NODESxCORES_PER_NODE).
BENCH_OUT      := $(BUILD)/bench
BENCH_KOUT     := $(BENCH_OUT)/kernels
BENCH_SHAPES   ?= 1x1
BENCH          ?=
BENCH_BUILD_TIME ?= 1
BENCH_NOTE     ?=
BENCH_PY       := $(VENV)/bin/python

# ---- the core benchmark's bare-metal kernels: one ELF per bench/kernels/*.c
BENCH_KSRCS    := $(sort $(wildcard bench/kernels/*.c))
BENCH_KELFS    := $(patsubst bench/kernels/%.c,$(BENCH_KOUT)/%.elf,$(BENCH_KSRCS))
BENCH_RT       := bench/kernels/rt/crt.S bench/kernels/rt/bench.c
BENCH_RT_DEPS  := $(BENCH_RT) bench/kernels/rt/bench.h bench/kernels/rt/link.ld \
                  $(BENCH_KOUT)/expect.h $(GEN)/hive_regs.h bench/bench.mk
# -fno-tree-loop-distribute-patterns: a copy or clear loop stays the kernel's own code instead
# of becoming a call to memcpy/memset.
BENCH_KCFLAGS  := $(RV_CFLAGS) -fno-tree-loop-distribute-patterns -I bench/kernels/rt \
                  -I $(BENCH_KOUT) -nostartfiles -static -Wl,--no-warn-rwx-segments
BENCH_PROGRAMS += $(BENCH_KELFS)

# ---- the memory benchmark's program and shapes
include bench/memory/memory.mk

# ---- the flash benchmark's program and shapes
include bench/flash/flash.mk

$(BENCH_KOUT)/expect.h: bench/kernels/expect.py
	@mkdir -p $(@D)
	$(PY) $< $@

$(BENCH_KOUT)/%.elf: bench/kernels/%.c $(BENCH_RT_DEPS)
	@mkdir -p $(@D)
	$(RV_CC) $(BENCH_KCFLAGS) -T bench/kernels/rt/link.ld $< $(BENCH_RT) -o $@ -lgcc

.PHONY: bench-elfs bench-shapes
bench-elfs: $(BENCH_PROGRAMS)

# Models and boot images of every shape the benchmarks use, after the current shape's (so that
# a parallel make never builds one model twice at the same time), and the boards' 1x1 core
# (SHORT_PATHS=1, for the board_core benchmark).
bench-shapes: sim boot
	@set -e; for s in $(BENCH_SHAPES); do \
	  $(MAKE) --no-print-directory sim boot NODES=$${s%x*} CORES_PER_NODE=$${s#*x}; done
	$(MAKE) --no-print-directory sim NODES=1 CORES_PER_NODE=1 SHORT_PATHS=1 PGO=0

bench: sim boot payload bench-elfs bench-shapes
	$(PY) bench/run.py --build $(BUILD) --payload $(PAYLOAD_ELF) --jobs $(JOBS) \
	  --var kernel_cc=$(RV_CC) --var 'kernel_cflags=$(BENCH_KCFLAGS)' \
	  --var core_build_time=$(BENCH_BUILD_TIME) --var 'mem_shapes=$(MEM_BENCH_SHAPES)' \
	  $(if $(BENCH_NOTE),--note $(call sim_sq,$(BENCH_NOTE))) $(BENCH)
	$(BENCH_PY) tools/figures.py --bench $(BENCH_OUT)
