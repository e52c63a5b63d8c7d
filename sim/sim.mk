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
# refuses it; --timing is not used here). CHECK=1 builds the variant -check, whose L1 signals
# sim/check.vlt keeps readable for --check-coherence (sim/coherence_check.cpp). Every model
# gets sim/poke.vlt: the L1 arrays that the cache-flip fault writes and the firewall vectors
# that the fw-clear fault writes. FIREWALL=0 builds the variant -nofw, the firewall check
# compiled out (rtl/firewall/firewall.sv), for the benchmark that compares a write miss with
# and without it (bench/flash.py). SHORT_PATHS=1 builds the variant -short, the longest
# paths cut at the cost of cycles as the board tops have them (rtl/soc/hive_soc.sv), to run the
# ISA tests, the boot and the multi-node programs on what the boards run. SERIAL_LINKS=1 builds
# the variant -serial, the meshes' messages as flits of their words, as the board tops have them (rtl/noc/mesh.sv), for
# the multi-node programs. PGO=0 builds the variant -nopgo: the model's C++ compiled
# without GCC's profile-guided optimisation (sim/pgo.mk, which every other single-threaded model
# without the checker or the trace gets). TRACE=1 builds the variant -trace, the only one that
# can write a waveform (--trace): the trace's bookkeeping costs the model time even when it
# records nothing (docs/harness.md "Fourth round").

VERILATOR ?= verilator
THREADS   ?= 1
SAVABLE   ?= 1
CHECK     ?= 0
TRACE     ?= 0
PGO       ?= 1
# The checker's and the trace's models serve tests and debugging, and threads make the training
# runs crawl (each would double the build for little), so they are built without PGO.
SIM_PGO_APPLIES := $(if $(filter 1,$(THREADS)),$(if $(filter 1,$(CHECK) $(TRACE)),,1))
SIM_PGO   := $(if $(SIM_PGO_APPLIES),$(filter 1,$(PGO)))

SIM_VARIANT := $(if $(filter-out 1,$(THREADS)),-t$(THREADS))$(if $(filter 0,$(SAVABLE)),-nosave)$(if $(filter 1,$(CHECK)),-check)$(if $(filter 1,$(TRACE)),-trace)$(if $(filter 0,$(FIREWALL)),-nofw)$(if $(filter 1,$(SHORT_PATHS)),-short)$(if $(filter 1,$(SERIAL_LINKS)),-serial)$(if $(filter 0,$(PGO)),$(if $(SIM_PGO_APPLIES),-nopgo))
SIM_VLT   := sim/poke.vlt $(if $(filter 1,$(CHECK)),sim/check.vlt)
SIM_DIR   := $(BUILD)/sim/$(SHAPE)$(SIM_VARIANT)
HIVE_SIM  := $(SIM_DIR)/hive-sim
SIM_OBJ   := $(SIM_DIR)/obj
SIM_SRCS  := $(sort $(wildcard sim/*.cpp))
SIM_HDRS  := $(sort $(wildcard sim/*.h))
SIM_REV   := $(shell git describe --always --dirty 2>/dev/null || echo unknown)

# -D defines of the harness: the shape it was built for.
SIM_DEFS  := -DSIM_NODES=$(NODES) -DSIM_CORES_PER_NODE=$(CORES_PER_NODE) \
             -DSIM_NODE_MEM=$(NODE_MEM)ULL -DSIM_THREADS=$(THREADS) \
             -DSIM_SAVABLE=$(if $(filter 0,$(SAVABLE)),0,1) -DSIM_CHECK=$(if $(filter 1,$(CHECK)),1,0) \
             -DSIM_FIREWALL=$(if $(filter 0,$(FIREWALL)),0,1)
SIM_CFLAGS := -O2 -Wall -Wextra -I$(CURDIR)/$(GEN) -I$(CURDIR)/$(SIM_DIR) -I$(CURDIR)/sim \
              $(SIM_DEFS)
# sim_make(FLAGS): compiles and links the verilated model and the harness in $(SIM_OBJ) with
# FLAGS added to every compile and the link (sim_make_vars: what of it shapes the model). -O2
# must reach the model's hot code: Verilator's make appends OPT_FAST (-Os by default) after
# -CFLAGS, so it is set there as well.
sim_make_vars = OBJCACHE=ccache OPT_FAST='-O2 $(1)' OPT_GLOBAL='-O2 $(1)' OPT_SLOW='$(1)' \
                USER_LDFLAGS='$(1)'
sim_make = $(MAKE) --no-print-directory -C $(SIM_OBJ) -f Vhive_soc.mk -j $(JOBS) \
           $(call sim_make_vars,$(1))
# -fprofile-use without -fprofile-partial-training, which ccache does not accept. A file that
# training never reached has no profile (the constant pool): -Wno-missing-profile.
SIM_PGO_GEN := -fprofile-generate
SIM_PGO_USE := $(if $(SIM_PGO),-fprofile-use -Wno-missing-profile)
# MEM_NEVER_STALLS=1: the DRAM model accepts every request, and a constant mem_req_ready keeps
# the homes' logic out of the region that Verilator evaluates at every eval() (docs/harness.md).
# -LDFLAGS -lz: the checkpoints' compression (a model with --trace-fst gets zlib anyway).
SIM_VFLAGS := --cc --exe -Wno-fatal -O3 --x-assign fast --x-initial fast --noassert -LDFLAGS -lz \
              $(if $(filter 1,$(TRACE)),--trace-fst) \
              $(if $(filter 0,$(SAVABLE)),,--savable) $(if $(filter-out 1,$(THREADS)),--threads $(THREADS)) \
              --top-module $(RTL_TOP) --prefix Vhive_soc $(RTL_PARAMS) -GMEM_NEVER_STALLS=1

# What the model depends on besides files: rebuilt when this text changes. sim_sq quotes a
# text for the shell's single quotes (RTL_PARAMS holds a quote).
SIM_STAMP_TEXT := $(SIM_VFLAGS) $(SIM_CFLAGS) $(call sim_make_vars,$(SIM_PGO_USE))
sim_sq = '$(subst ','\'',$(1))'

.PHONY: sim sim-always
sim: $(HIVE_SIM)

sim-always:

$(SIM_DIR)/params.stamp: sim-always
	@mkdir -p $(@D)
	@printf '%s\n' $(call sim_sq,$(SIM_STAMP_TEXT)) | cmp -s - $@ || \
	  printf '%s\n' $(call sim_sq,$(SIM_STAMP_TEXT)) > $@

# The checker's list of caches and homes: CHECK_CACHE(node, core, icache, name prefix in the
# model's root), one per L1 of the shape, and CHECK_HOME(node, prefix), one per home (the names
# Verilator gives public signals of g_node/g_core); CHECK_FW(node, prefix), one per firewall
# vector array that the fw-clear fault pokes (none in a -nofw model, which has no array).
$(SIM_DIR)/check_caches.h: $(SIM_DIR)/params.stamp sim/sim.mk
	@for n in $$(seq 0 $$(($(NODES) - 1))); do for c in $$(seq 0 $$(($(CORES_PER_NODE) - 1))); do \
	  for k in 0 1; do \
	    printf 'CHECK_CACHE(%d, %d, %d, hive_soc__DOT__g_node__BRA__%d__KET____DOT__nd__DOT__g_core__BRA__%d__KET____DOT__%s__DOT__)\n' \
	      $$n $$c $$k $$n $$c $$([ $$k = 1 ] && echo icache || echo dcache); \
	  done; done; \
	  printf 'CHECK_HOME(%d, hive_soc__DOT__g_node__BRA__%d__KET____DOT__nd__DOT__hm__DOT__)\n' $$n $$n; \
	  $(if $(filter 0,$(FIREWALL)),:,printf 'CHECK_FW(%d, hive_soc__DOT__g_node__BRA__%d__KET____DOT__nd__DOT__fw__DOT__g_vec__DOT__)\n' $$n $$n); \
	done > $@

$(SIM_DIR)/revision.h: sim-always
	@mkdir -p $(@D)
	@printf '#define SIM_REVISION "%s"\n' $(call sim_sq,$(SIM_REV)) | cmp -s - $@ || \
	  printf '#define SIM_REVISION "%s"\n' $(call sim_sq,$(SIM_REV)) > $@

# Verilates the model; Verilator skips this when nothing it reads (the command line included)
# changed, as it does when sim/pgo.mk has just verilated for the training build.
sim_verilate = $(VERILATOR) $(SIM_VFLAGS) -Mdir $(SIM_OBJ) -o ../hive-sim \
	  -CFLAGS $(call sim_sq,$(SIM_CFLAGS)) $(SIM_VLT) $(RTL_SRCS) $(abspath $(SIM_SRCS))

# What the model is built from; the git revision comes on top (it reaches options.o only).
SIM_MODEL_DEPS := $(RTL_SRCS) $(SIM_SRCS) $(SIM_HDRS) $(GEN)/hive_regs.h sim/sim.mk $(SIM_VLT) \
                  $(SIM_DIR)/params.stamp $(SIM_DIR)/check_caches.h
# The training's profile (sim/pgo.mk), left in $(SIM_OBJ) as one .gcda file per object.
SIM_PROFILE    := $(SIM_DIR)/profile.stamp

# Harness objects are removed when the stamp changes: Verilator's make does not know that the
# -D defines changed, and a stale NODE_MEM would be wrong silently (ccache makes this cheap).
$(HIVE_SIM): $(SIM_MODEL_DEPS) $(SIM_DIR)/revision.h $(if $(SIM_PGO),$(SIM_PROFILE))
	$(if $(filter $(SIM_DIR)/params.stamp,$?),rm -f $(patsubst sim/%.cpp,$(SIM_OBJ)/%.o,$(SIM_SRCS)))
	$(sim_verilate)
	$(call sim_make,$(SIM_PGO_USE))
	@touch $@
