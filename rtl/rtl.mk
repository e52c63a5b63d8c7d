# RTL sources in dependency order: the generated package first, then every module. Every file
# under rtl/ except the package holds exactly one module named after the file.
RTL_PKG  := $(GEN)/hive_pkg.sv
RTL_SRCS := $(RTL_PKG) $(sort $(wildcard rtl/*/*.sv))
RTL_TOP  := hive_soc
RTL_PARAMS = -GNODES=$(NODES) -GCORES_PER_NODE=$(CORES_PER_NODE) -GNODE_MEM=$(NODE_MEM)

lint: $(RTL_PKG)
	verilator --lint-only -Wall $(RTL_PARAMS) --top-module $(RTL_TOP) $(RTL_SRCS)

# Generic synthesis with memories kept as memory cells: proves that Yosys 0.23 accepts rtl/.
synth-check: $(RTL_PKG)
	@mkdir -p $(BUILD)/synth
	yosys -q -l $(BUILD)/synth/$(SHAPE).log -p 'read_verilog -sv $(RTL_SRCS); \
	  chparam -set NODES $(NODES) -set CORES_PER_NODE $(CORES_PER_NODE) $(RTL_TOP); \
	  hierarchy -top $(RTL_TOP); prep; memory -nomap; opt; stat' 
	@grep -A40 'Printing statistics' $(BUILD)/synth/$(SHAPE).log | tail -n +1 | head -60
