# Verilator simulation harness: `make sim` builds build/sim/$(SHAPE)/hive-sim (docs/harness.md).
#
# One model per shape. The parameters (and every flag that changes the model) are kept in a
# stamp file that is rewritten only when they change, so changing one rebuilds; RTL sources,
# harness sources and the generated register header are prerequisites too. The git revision
# reaches the binary through a generated header that only the option parser includes, so a new
# commit relinks the harness without re-verilating or recompiling the model.
#
# Variants (build/sim/<shape>[-<variant>]): THREADS=n builds with Verilator --threads n
# (-t<n>; default 1, no variant); SAVABLE=0 leaves out --savable (-nosave; no checkpoints, only
# for measuring what --savable costs). --savable is never combined with --timing (Verilator
# refuses it; --timing is not used here).

VERILATOR ?= verilator
THREADS   ?= 1
SAVABLE   ?= 1

SIM_VARIANT := $(if $(filter-out 1,$(THREADS)),-t$(THREADS))$(if $(filter 0,$(SAVABLE)),-nosave)
SIM_DIR   := $(BUILD)/sim/$(SHAPE)$(SIM_VARIANT)
HIVE_SIM  := $(SIM_DIR)/hive-sim
SIM_OBJ   := $(SIM_DIR)/obj
SIM_SRCS  := $(sort $(wildcard sim/*.cpp))
SIM_HDRS  := $(sort $(wildcard sim/*.h))
SIM_REV   := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

# -D defines of the harness: the shape it was built for.
SIM_DEFS  := -DSIM_NODES=$(NODES) -DSIM_CORES_PER_NODE=$(CORES_PER_NODE) \
             -DSIM_NODE_MEM=$(NODE_MEM)ULL -DSIM_THREADS=$(THREADS) \
             -DSIM_SAVABLE=$(if $(filter 0,$(SAVABLE)),0,1)
# -O2 must reach the model's hot code: Verilator's make appends OPT_FAST (-Os by default) after
# -CFLAGS, so it is set there as well.
SIM_CFLAGS := -O2 -Wall -Wextra -I$(CURDIR)/$(GEN) -I$(CURDIR)/$(SIM_DIR) -I$(CURDIR)/sim \
              $(SIM_DEFS)
SIM_MAKEFLAGS := OBJCACHE=ccache OPT_FAST=-O2 OPT_GLOBAL=-O2
SIM_VFLAGS := --cc --exe --build -Wno-fatal -O3 --x-assign fast --x-initial fast --noassert --trace-fst \
              $(if $(filter 0,$(SAVABLE)),,--savable) $(if $(filter-out 1,$(THREADS)),--threads $(THREADS)) \
              --top-module $(RTL_TOP) --prefix Vhive_soc $(RTL_PARAMS)

# What the model depends on besides files: rebuilt when this text changes. sim_sq quotes a
# text for the shell's single quotes (RTL_PARAMS holds a quote).
SIM_STAMP_TEXT := $(SIM_VFLAGS) $(SIM_CFLAGS) $(SIM_MAKEFLAGS)
sim_sq = '$(subst ','\'',$(1))'

.PHONY: sim sim-always
sim: $(HIVE_SIM)

sim-always:

$(SIM_DIR)/params.stamp: sim-always
	@mkdir -p $(@D)
	@printf '%s\n' $(call sim_sq,$(SIM_STAMP_TEXT)) | cmp -s - $@ || \
	  printf '%s\n' $(call sim_sq,$(SIM_STAMP_TEXT)) > $@

$(SIM_DIR)/revision.h: sim-always
	@mkdir -p $(@D)
	@printf '#define SIM_REVISION "%s"\n' $(call sim_sq,$(SIM_REV)) | cmp -s - $@ || \
	  printf '#define SIM_REVISION "%s"\n' $(call sim_sq,$(SIM_REV)) > $@

# Harness objects are removed when the stamp changes: Verilator's make does not know that the
# -D defines changed, and a stale NODE_MEM would be wrong silently (ccache makes this cheap).
$(HIVE_SIM): $(RTL_SRCS) $(SIM_SRCS) $(SIM_HDRS) $(GEN)/hive_regs.h sim/sim.mk \
             $(SIM_DIR)/params.stamp $(SIM_DIR)/revision.h
	$(if $(filter $(SIM_DIR)/params.stamp,$?),rm -f $(patsubst sim/%.cpp,$(SIM_OBJ)/%.o,$(SIM_SRCS)))
	$(VERILATOR) $(SIM_VFLAGS) -j $(JOBS) -Mdir $(SIM_OBJ) -o ../hive-sim \
	  -CFLAGS $(call sim_sq,$(SIM_CFLAGS)) -MAKEFLAGS $(call sim_sq,$(SIM_MAKEFLAGS)) \
	  $(RTL_SRCS) $(abspath $(SIM_SRCS))
	@touch $@
