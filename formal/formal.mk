# Model checking of the coherence protocol (docs/formal.md, issue 6): tools/gen_murphi.py
# generates a Murphi model from rtl/coherence_ctrl/protocol.py and the hand-written parts in
# rtl/coherence_ctrl/model/, and runs Debian's rumur on it.
#   make formal        every configuration -> build/formal/formal.json (bench/formal.py renders it);
#                      FORMAL_ONLY=NAME,... reruns those and keeps the file's other results
#   make formal-test   the smallest configuration and the planted bugs (rumur must reject each)
#   make formal-sweep  the largest configuration that finishes within FORMAL_SWEEP_S seconds
#                      -> build/formal/sweep.json (a model make formal has checked is not
#                      checked again: its result there is taken)
.PHONY: formal formal-test formal-sweep
FORMAL_DEPS := rtl/coherence_ctrl/protocol.py tools/gen_murphi.py tools/gen_protocol.py \
               $(wildcard rtl/coherence_ctrl/model/*.m)
FORMAL_SWEEP_S ?= 1800

formal: $(FORMAL_DEPS)
	$(PY) tools/gen_murphi.py run --set formal --work $(BUILD)/formal --json $(BUILD)/formal/formal.json \
	  $(if $(FORMAL_ONLY),--only $(FORMAL_ONLY))

formal-test: $(FORMAL_DEPS)
	$(PY) tools/gen_murphi.py run --set test --work $(BUILD)/formal
	$(PY) tools/gen_murphi.py run --set bugs --work $(BUILD)/formal

formal-sweep: $(FORMAL_DEPS)
	$(PY) tools/gen_murphi.py run --set sweep --timeout $(FORMAL_SWEEP_S) --work $(BUILD)/formal \
	  --json $(BUILD)/formal/sweep.json --reuse $(BUILD)/formal/formal.json

# bench/formal.py reads what `make formal` leaves in build/formal/; make bench runs the model
# checking only when BENCH is empty or names formal (make bench BENCH=boot must not spend an
# hour in rumur)
bench: $(if $(BENCH),$(filter formal,$(BENCH)),formal)
