# Tests (docs/testing.md): ISA tests (tests/isa), harness tests (tests/harness), random
# differential tests against QEMU (tests/diff), the OpenSBI boot test, multi-hart programs
# (tests/mp) on the shapes in MP_SHAPES; tests/run.py runs them.
#   make test        the representative tier (every ISA and harness test, 5 diff seeds, one boot,
#                    the payload in 4x1 as 2 cells, a few multi-hart tests on 4x1 and 2x1, the
#                    RTL and kernel unit tests)
#   make regress     full breadth (200 diff seeds, long programs, the failing-payload boot, the
#                    payload and the cell kernel's tests in every cell of 4x1 as 4, 2, 1 cells and
#                    4x2 as 2 cells, every multi-hart test on 4x1, 4x2 and 2x1; the ULX3S top of
#                    two nodes booting two cells loaded over its UART: make fpga-boot-check)
#   make tests-elfs  only build the test programs (build/tests/)
#   make test-qemu   only the QEMU side: ISA tests and diff generator on QEMU (no hive-sim)
HIVE_SIM  ?= $(BUILD)/sim/$(SHAPE)/hive-sim
TESTS_OUT := $(BUILD)/tests
TEST_JOBS ?= $(JOBS)
RUN_TESTS  = $(PY) tests/run.py --sim $(HIVE_SIM) --build $(BUILD) --cc $(RV_CC) \
             --cflags "$(RV_ARCH)" --payload $(PAYLOAD_ELF) --payload-fail $(PAYLOAD_FAIL_ELF) \
             -j $(TEST_JOBS)

# The register header with the C integer suffixes removed, so that assembly can use it.
TESTS_REGS := $(TESTS_OUT)/gen/hive_regs_asm.h
$(TESTS_REGS): $(GEN)/hive_regs.h
	@mkdir -p $(@D)
	sed -E 's/\b(0x[0-9a-fA-F]+|[0-9]+)ULL\b/\1/g' $< > $@

TESTS_ASFLAGS := $(RV_ARCH) -nostdlib -nostartfiles -static -I tests/isa/common -I $(TESTS_OUT)/gen
ISA_COMMON := tests/isa/common/crt.S tests/isa/common/hive_test.h tests/isa/common/link.ld \
              $(TESTS_REGS)

# One ELF per tests/isa/*.S for hive-sim; the same for QEMU except files marked "# hive-only".
ISA_SRCS      := $(sort $(wildcard tests/isa/*.S))
ISA_HIVE_ONLY := $(shell grep -l '^# hive-only' $(ISA_SRCS) /dev/null 2>/dev/null)
ISA_HIVE_ELFS := $(patsubst tests/isa/%.S,$(TESTS_OUT)/isa/hive/%.elf,$(ISA_SRCS))
ISA_QEMU_ELFS := $(patsubst tests/isa/%.S,$(TESTS_OUT)/isa/qemu/%.elf,\
                   $(filter-out $(ISA_HIVE_ONLY),$(ISA_SRCS)))

$(TESTS_OUT)/isa/hive/%.elf: tests/isa/%.S $(ISA_COMMON)
	@mkdir -p $(@D)
	$(RV_CC) $(TESTS_ASFLAGS) -DTARGET_HIVE -T tests/isa/common/link.ld \
	  tests/isa/common/crt.S $< -o $@
$(TESTS_OUT)/isa/qemu/%.elf: tests/isa/%.S $(ISA_COMMON)
	@mkdir -p $(@D)
	$(RV_CC) $(TESTS_ASFLAGS) -DTARGET_QEMU -T tests/isa/common/link.ld \
	  tests/isa/common/crt.S $< -o $@

# Harness tests: small stand-alone programs (no crt).
HARNESS_SRCS := $(sort $(wildcard tests/harness/*.S))
HARNESS_ELFS := $(patsubst tests/harness/%.S,$(TESTS_OUT)/harness/%.elf,$(HARNESS_SRCS))
$(TESTS_OUT)/harness/%.elf: tests/harness/%.S tests/harness/finish.h tests/isa/common/link.ld \
                            $(TESTS_REGS)
	@mkdir -p $(@D)
	$(RV_CC) $(TESTS_ASFLAGS) -DTARGET_HIVE -T tests/isa/common/link.ld $< -o $@

# FLASH-feature programs (tests/flash): no crt, their own _start; the 2x1 model, or the models
# their `// run:` lines name (tests/run.py), which mp-shapes-test builds.
FLASH_SRCS := $(sort $(wildcard tests/flash/*.S))
FLASH_ELFS := $(patsubst tests/flash/%.S,$(TESTS_OUT)/flash/%.elf,$(FLASH_SRCS))
$(TESTS_OUT)/flash/%.elf: tests/flash/%.S $(wildcard tests/flash/*.h) $(TESTS_REGS)
	@mkdir -p $(@D)
	$(RV_CC) $(TESTS_ASFLAGS) -Ttext=0x80000000 $< -o $@
.PHONY: tests-2x1 tests-trace tests-short
tests-2x1:
	$(MAKE) --no-print-directory sim boot NODES=2 CORES_PER_NODE=1
# The current shape's model with tracing, for the harness test trace-control.
tests-trace:
	$(MAKE) --no-print-directory sim TRACE=1


# Multi-hart C programs (tests/mp/*.c, one ELF each, run on every shape), with their runtime.
MP_SRCS   := $(sort $(wildcard tests/mp/*.c))
MP_ELFS   := $(patsubst tests/mp/%.c,$(TESTS_OUT)/mp/%.elf,$(MP_SRCS))
MP_RT     := tests/mp/common/crt.S tests/mp/common/mp.c
MP_DEPS   := $(MP_RT) tests/mp/common/mp.h tests/mp/common/fault.h tests/mp/common/fault.c \
             tests/mp/common/link.ld $(TESTS_REGS) $(GEN)/hive_regs.h
MP_CFLAGS := $(RV_CFLAGS) -I tests/mp/common -I $(TESTS_OUT)/gen -nostartfiles -static \
             -Wl,--no-warn-rwx-segments
$(TESTS_OUT)/mp/%.elf: tests/mp/%.c $(MP_DEPS)
	@mkdir -p $(@D)
	$(RV_CC) $(MP_CFLAGS) -T tests/mp/common/link.ld $(MP_RT) \
	  $(if $(filter fault_%,$*),tests/mp/common/fault.c) $< -o $@ -lgcc

# The shapes the multi-hart tests run on besides 2x1 (tests-2x1): their models (plain, and with
# the coherence checker's signals for the stress runs: CHECK=1) and boot images,
# each in a sub-make after the current shape's and 2x1's (so that a parallel make never builds
# one model twice at once); and 4x1 with the checker's signals and the boards' serial links and
# short paths (mp-board/*, tests/mp/mp.py).
MP_SHAPES_test    := 4x1
MP_SHAPES_regress := 4x1 4x2
.PHONY: mp-shapes-test mp-shapes-regress
mp-shapes-test mp-shapes-regress: mp-shapes-%: sim boot tests-2x1
	@set -e; for s in $(MP_SHAPES_$*); do \
	  $(MAKE) --no-print-directory sim boot NODES=$${s%x*} CORES_PER_NODE=$${s#*x}; \
	  $(MAKE) --no-print-directory sim NODES=$${s%x*} CORES_PER_NODE=$${s#*x} CHECK=1; done
	$(MAKE) --no-print-directory sim NODES=4 CORES_PER_NODE=1 CHECK=1 SERIAL_LINKS=1 SHORT_PATHS=1

.PHONY: tests-elfs test-qemu
tests-elfs: $(TESTS_REGS) $(ISA_HIVE_ELFS) $(ISA_QEMU_ELFS) $(HARNESS_ELFS) $(FLASH_ELFS) \
            $(MP_ELFS)

# Only the QEMU side (needs no hive-sim): the ISA tests and the diff generator on QEMU.
test-qemu: tests-elfs
	$(RUN_TESTS) --tier test --only 'isa-qemu/*' --only 'diff-qemu/*'

test: sim boot payload tests-elfs tests-2x1 tests-trace mp-shapes-test
	$(RUN_TESTS) --tier test

# The boards' short paths (SHORT_PATHS=1, rtl/soc/hive_soc.sv) on the ISA tests, the
# differential programs and the boot: the model variant -short (sim/sim.mk)
tests-short:
	$(MAKE) --no-print-directory sim SHORT_PATHS=1 PGO=0

regress: sim boot payload tests-elfs tests-2x1 tests-trace mp-shapes-regress tests-short
	$(RUN_TESTS) --tier regress
	$(RUN_TESTS) --tier test --sim $(BUILD)/sim/$(SHAPE)-short-nopgo/hive-sim \
	  --only 'isa-hive/*' --only 'diff/*' --only boot/opensbi
	$(MAKE) --no-print-directory fpga-boot-check
