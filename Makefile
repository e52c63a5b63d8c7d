# Hive SoC: top-level build. Parameters flow from here into the RTL (Verilator -G), the register
# and device-tree generators, and the harness. Each part adds its targets in its own .mk file.
NODES          ?= 1
CORES_PER_NODE ?= 1
NODE_MEM       ?= 16777216
# FIREWALL=0: the firewall check compiled out (model variant -nofw, sim/sim.mk)
FIREWALL       ?= 1
# SHORT_PATHS=1: the longest paths cut at the cost of cycles, as on the boards (model variant
# -short, sim/sim.mk; what is cut: rtl/soc/hive_soc.sv's SHORT_PATHS)
SHORT_PATHS    ?= 0
# SERIAL_LINKS=1: the meshes carry a message as flits of a header and its data words, as on the
# boards (model variant -serial, sim/sim.mk; rtl/noc/mesh.sv)
SERIAL_LINKS   ?= 0
SHAPE          := $(NODES)x$(CORES_PER_NODE)

BUILD  := build
GEN    := $(BUILD)/gen
VENV   := $(BUILD)/venv
PY     := python3
JOBS   ?= 2

RV_PREFIX := riscv64-unknown-elf-
RV_CC     := $(RV_PREFIX)gcc
RV_ARCH   := -misa-spec=2.2 -march=rv64imac -mabi=lp64 -mcmodel=medany
RV_CFLAGS := $(RV_ARCH) -std=c11 -O2 -Wall -Wextra -Werror -ffreestanding -nostdlib \
             -fno-builtin -fno-common -I$(GEN)
OPENSBI   := /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin

.PHONY: all deps gen sim lint synth-check test regress bench run clean help
all: sim

help:
	@echo "make run          boot the default machine in Verilator"
	@echo "make test         the representative test tier (under 30 minutes on 2 cores)"
	@echo "make regress      every test at full breadth"
	@echo "make bench        benchmarks -> build/bench/*.json"
	@echo "make sim          build build/sim/\$$(NODES)x\$$(CORES_PER_NODE)/hive-sim"
	@echo "make lint         verilator --lint-only -Wall on rtl/"
	@echo "make synth-check  Yosys reads and synthesizes rtl/ generically"
	@echo "make deps         install what the project needs (idempotent)"

deps:
	@scripts/deps.sh

# `make run`, `make test`, `make regress` and `make bench` install what they need first, before
# make reads the rest of the graph (deps.sh is quick when everything is there).
ifneq ($(filter run test regress bench,$(MAKECMDGOALS)),)
  $(shell scripts/deps.sh >&2)
  ifneq ($(.SHELLSTATUS),0)
    $(error make deps failed; run scripts/deps.sh to see why)
  endif
endif

# The single register source, generated for SystemVerilog, C and the docs.
gen: $(GEN)/hive_pkg.sv $(GEN)/hive_regs.h docs/registers.md
$(GEN)/hive_pkg.sv: regs/hive_regs.py tools/gen_regs.py | $(GEN)
	$(PY) tools/gen_regs.py sv $@
$(GEN)/hive_regs.h: regs/hive_regs.py tools/gen_regs.py | $(GEN)
	$(PY) tools/gen_regs.py c $@
docs/registers.md: regs/hive_regs.py tools/gen_regs.py
	$(PY) tools/gen_regs.py md $@
$(GEN):
	mkdir -p $@

include rtl/rtl.mk
include sim/sim.mk
include firmware/firmware.mk
include tests/tests.mk
include sim/pgo.mk
-include kernel/kernel.mk
-include fpga/fpga.mk
-include bench/bench.mk
-include formal/formal.mk

# Boot the default machine (4 nodes x 1 core as 4 cells, DESIGN.md section 1) through OpenSBI
# into the cell kernel. RUN_IMAGE=payload boots the small firmware test payload instead;
# RUN_NODES/RUN_CORES/RUN_CELLS pick another machine; RUN_ARGS adds harness options
# (e.g. RUN_ARGS="--console-in 0" or "--trace run.fst --trace-window 0:100000"; with --trace
# the run uses the model built with tracing, TRACE=1).
RUN_NODES ?= 4
RUN_CORES ?= 1
RUN_CELLS ?= $(RUN_NODES)
RUN_IMAGE ?= kernel
RUN_ARGS  ?=
RUN_TRACE := $(if $(findstring --trace,$(RUN_ARGS)),1,0)
RUN_SIM   := $(BUILD)/sim/$(RUN_NODES)x$(RUN_CORES)$(if $(filter 1,$(RUN_TRACE)),-trace)/hive-sim
run:
	$(MAKE) --no-print-directory sim boot NODES=$(RUN_NODES) CORES_PER_NODE=$(RUN_CORES) \
	  TRACE=$(RUN_TRACE)
	$(MAKE) --no-print-directory $(RUN_IMAGE)
	@mkdir -p $(BUILD)/run
	$(RUN_SIM) --cells $(RUN_CELLS) --payload $(if $(filter kernel,$(RUN_IMAGE)),$(BUILD)/kernel/kernel.elf,$(PAYLOAD_ELF)) \
	  --stats $(BUILD)/run/stats.json $(RUN_ARGS)

clean:
	rm -rf $(filter-out $(VENV),$(wildcard $(BUILD)/*))
