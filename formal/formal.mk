# Model checking of the coherence protocol (docs/formal.md, issue 6): tools/gen_murphi.py
# generates a Murphi model from rtl/coherence_ctrl/protocol.py and the hand-written parts in
# rtl/coherence_ctrl/model/, and runs Debian's rumur on it.
#   make formal        every configuration -> build/bench/formal.json
#   make formal-test   the smallest configuration and the planted bugs (rumur must reject each)
.PHONY: formal formal-test formal-bugs
FORMAL_DEPS := rtl/coherence_ctrl/protocol.py tools/gen_murphi.py tools/gen_protocol.py \
               $(wildcard rtl/coherence_ctrl/model/*.m)

formal: $(FORMAL_DEPS)
	@mkdir -p $(BUILD)/bench
	$(PY) tools/gen_murphi.py run --set formal --work $(BUILD)/formal --json $(BUILD)/bench/formal.json

formal-test: $(FORMAL_DEPS)
	$(PY) tools/gen_murphi.py run --set test --work $(BUILD)/formal
	$(PY) tools/gen_murphi.py run --set bugs --work $(BUILD)/formal

# make bench runs the model checking too, but not when BENCH names only some benchmarks
# (make bench BENCH=boot must not spend an hour in rumur)
bench: $(if $(BENCH),,formal)
