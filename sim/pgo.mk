# Profile-guided build of the model (docs/harness.md "Fourth round"), for the models sim/sim.mk
# builds with PGO (SIM_PGO). Included after firmware.mk and tests.mk: the training runs the
# shape's boot images, the payload and the stress program.
#
# The training model is compiled with -fprofile-generate in $(SIM_OBJ) itself, so that each
# object's profile (<object>.gcda) lies where the -fprofile-use compile of $(HIVE_SIM) looks for
# it; the training objects and binary are removed afterwards, which makes $(HIVE_SIM) compile
# everything again. A new git revision recompiles options.o against the profile it has.
# ccache caches both compiles (the training ones by directory, the final ones by profile).
SIM_TRAIN_INPUTS := $(BOOT_STAMP) $(PAYLOAD_ELF) $(TESTS_OUT)/mp/stress.elf

$(SIM_PROFILE): $(SIM_MODEL_DEPS) $(SIM_TRAIN_INPUTS) sim/pgo.mk sim/pgo_train.py tests/mp/mp.py \
                | $(SIM_DIR)/revision.h
	rm -f $(SIM_OBJ)/*.o $(SIM_OBJ)/*.a $(SIM_OBJ)/*.gcda $(HIVE_SIM)
	$(sim_verilate)
	$(call sim_make,$(SIM_PGO_GEN))
	$(PY) sim/pgo_train.py $(HIVE_SIM) $(NODES) $(BOOT_DIR) $(PAYLOAD_ELF) \
	  $(TESTS_OUT)/mp/stress.elf $(SIM_DIR)/train || { rm -f $(HIVE_SIM); exit 1; }
	rm -f $(SIM_OBJ)/*.o $(SIM_OBJ)/*.a $(HIVE_SIM)
	@touch $@
