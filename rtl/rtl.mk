# RTL sources in dependency order: the generated package first, then every module. Every file
# under rtl/ except the package holds exactly one module named after the file.
RTL_PKG  := $(GEN)/hive_pkg.sv $(GEN)/coh_pkg.sv
RTL_GEN  := $(GEN)/coh_home_step.sv $(GEN)/coh_l1_step.sv
RTL_SRCS := $(RTL_PKG) $(RTL_GEN) $(sort $(wildcard rtl/*/*.sv))

$(GEN)/coh_pkg.sv: rtl/coherence_ctrl/protocol.py regs/hive_regs.py tools/gen_protocol.py | $(GEN)
	$(PY) tools/gen_protocol.py sv $@
$(GEN)/coh_%_step.sv: rtl/coherence_ctrl/protocol.py tools/gen_protocol.py | $(GEN)
	$(PY) tools/gen_protocol.py $* $@
docs/protocol.md: rtl/coherence_ctrl/protocol.py tools/gen_protocol.py
	$(PY) tools/gen_protocol.py md $@
RTL_TOP  := hive_soc
RTL_PARAMS = -GNODES=$(NODES) -GCORES_PER_NODE=$(CORES_PER_NODE) -GNODE_MEM=64\'d$(NODE_MEM) \
             $(if $(filter 0,$(FIREWALL)),-GFIREWALL=0)$(if $(filter 1,$(SHORT_PATHS)), -GSHORT_PATHS=1\'b1)$(if $(filter 1,$(SERIAL_LINKS)), -GSERIAL_LINKS=1\'b1)

lint: $(RTL_PKG) $(RTL_GEN)
	verilator --lint-only -Wall $(RTL_PARAMS) --top-module $(RTL_TOP) $(RTL_SRCS)

# Generic synthesis with memories kept as memory cells: proves that Yosys 0.23 accepts rtl/.
SYNTH_SCRIPT = read_verilog -sv $(RTL_SRCS); chparam -set NODES $(NODES) -set CORES_PER_NODE $(CORES_PER_NODE)$(if $(filter 0,$(FIREWALL)), -set FIREWALL 0)$(if $(filter 1,$(SERIAL_LINKS)), -set SERIAL_LINKS 1)$(if $(filter 1,$(SHORT_PATHS)), -set SHORT_PATHS 1) $(RTL_TOP); hierarchy -check -top $(RTL_TOP); prep; memory -nomap; opt; stat
synth-check: $(RTL_PKG) $(RTL_GEN)
	@mkdir -p $(BUILD)/synth
	yosys -q -l $(BUILD)/synth/$(SHAPE).log -p '$(SYNTH_SCRIPT)'
	@sed -n '/Printing statistics/,$$p' $(BUILD)/synth/$(SHAPE).log | grep -E '^ *(Number of cells|=== )' | tail -4
