# The Hive cell kernel (docs/kernel.md), its user programs (user/) and its tests.
#   make kernel            build/kernel/kernel.elf (user programs and the initial files inside)
#   make qemu              boot it on QEMU virt (QEMU_SMP harts; tests, then a shell)
#   make kernel-unit       host-side cmocka unit tests of kernel modules (tests/kernel)
#   make kernel-test-qemu  the user-level test suite on QEMU, 1 hart (kernel-test-qemu-smp: 4)
#   make kernel-test-sim   the same on hive-sim 1x1 (exit status 0 only if every test passed)
#   make kernel-test-sim-panic  the panic path on hive-sim (memory cutoff, the cell fails)
#   make kernel-test-sim-shell  the shell on hive-sim with --console-in (typed commands)
#   make kernel-bench      the kernel figures -> build/bench/kernel.json (bench/kernel.py: 4x1 as
#                          4 cells and as 1 cell; also part of make bench)
# make test and make regress run the kernel's tests too (bottom of this file); the kernel's test
# suite in every cell of the multi-cell configurations is tests/run.py's kernel-cells/* suite.
KERNEL_BUILD  := $(BUILD)/kernel
KERNEL_ELF    := $(KERNEL_BUILD)/kernel.elf
KERNEL_IMG    := $(KERNEL_BUILD)/initfs.img
USER_BUILD    := $(BUILD)/user
QEMU_SMP      ?= 2
QEMU_RV       ?= qemu-system-riscv64
QEMU_BASE      = $(QEMU_RV) -machine virt -cpu rv64,h=false,sstc=false -m 128M -nographic \
                 -bios $(OPENSBI)
QEMU_KERNEL    = $(QEMU_BASE) -kernel $(KERNEL_ELF)

KERNEL_CSRCS  := $(sort $(wildcard kernel/*.c))
KERNEL_SSRCS  := kernel/entry.S kernel/trapvec.S
KERNEL_OBJS   := $(patsubst kernel/%.c,$(KERNEL_BUILD)/obj/%.o,$(KERNEL_CSRCS)) \
                 $(patsubst kernel/%.S,$(KERNEL_BUILD)/obj/%.o,$(KERNEL_SSRCS)) \
                 $(KERNEL_BUILD)/obj/initfs_image.o
KERNEL_CFLAGS := $(RV_CFLAGS) -MMD -MP -Ikernel -fno-omit-frame-pointer \
                 -fno-tree-loop-distribute-patterns -fno-strict-aliasing
KERNEL_ASFLAGS := $(RV_ARCH) -Wall -Wextra -Werror -Wa,--fatal-warnings -I$(GEN) -Ikernel -MMD -MP
KERNEL_LDFLAGS := -nostdlib -nostartfiles -static -Wl,--no-warn-rwx-segments -Wl,--fatal-warnings

# ---- user programs and their library
USER_PROGS    := init sh echo cat ls mkdir rm ktest fuzz demo bench
USER_LIBSRCS  := user/lib/crt0.S user/lib/usys.S user/lib/ulib.c user/lib/printf.c
USER_LIBOBJS  := $(patsubst user/lib/%,$(USER_BUILD)/lib/%.o,$(USER_LIBSRCS))
USER_ELFS     := $(patsubst %,$(USER_BUILD)/%.elf,$(USER_PROGS))
USER_CFLAGS   := $(RV_ARCH) -std=c11 -O2 -Wall -Wextra -Werror -ffreestanding -nostdlib \
                 -fno-builtin -fno-common -fno-tree-loop-distribute-patterns -MMD -MP
USER_LDFLAGS  := -nostdlib -nostartfiles -static -Wl,--no-warn-rwx-segments -Wl,--fatal-warnings \
                 -Wl,-z,max-page-size=4096 -T user/user.ld

.PHONY: kernel qemu kernel-unit kernel-test-qemu kernel-test-qemu-smp kernel-test-sim kernel-test-sim-panic kernel-test-sim-shell kernel-bench \
        kernel-bench-qemu         user-progs
kernel: $(KERNEL_ELF)
user-progs: $(USER_ELFS)

$(USER_BUILD)/lib/%.S.o: user/lib/%.S kernel/uapi.h
	@mkdir -p $(@D)
	$(RV_CC) $(RV_ARCH) -Wa,--fatal-warnings -MMD -MP -c -o $@ $<
$(USER_BUILD)/lib/%.c.o: user/lib/%.c user/lib/ulib.h kernel/uapi.h
	@mkdir -p $(@D)
	$(RV_CC) $(USER_CFLAGS) -c -o $@ $<
$(USER_BUILD)/%.o: user/%.c user/lib/ulib.h kernel/uapi.h
	@mkdir -p $(@D)
	$(RV_CC) $(USER_CFLAGS) -c -o $@ $<
$(USER_BUILD)/%.elf: $(USER_BUILD)/%.o $(USER_LIBOBJS) user/user.ld
	$(RV_CC) $(USER_CFLAGS) $(USER_LDFLAGS) -o $@ $(USER_LIBOBJS) $< -lgcc

# ---- the initial files and the kernel
$(KERNEL_IMG): $(USER_ELFS) user/rc kernel/mkinitfs.py
	@mkdir -p $(@D)
	$(PY) kernel/mkinitfs.py -o $@ /etc/ /tmp/ /etc/rc=user/rc \
	  $(foreach p,$(USER_PROGS),/bin/$(p)=$(USER_BUILD)/$(p).elf)

$(KERNEL_BUILD)/obj/%.o: kernel/%.c $(GEN)/hive_regs.h
	@mkdir -p $(@D)
	$(RV_CC) $(KERNEL_CFLAGS) -c -o $@ $<
$(KERNEL_BUILD)/obj/%.o: kernel/%.S $(GEN)/hive_regs.h
	@mkdir -p $(@D)
	$(RV_CC) $(KERNEL_ASFLAGS) -c -o $@ $<
$(KERNEL_BUILD)/obj/initfs_image.o: kernel/initfs_image.S $(KERNEL_IMG)
	@mkdir -p $(@D)
	$(RV_CC) $(KERNEL_ASFLAGS) -DINITFS_IMAGE='"$(abspath $(KERNEL_IMG))"' -c -o $@ $<

$(KERNEL_ELF): $(KERNEL_OBJS) kernel/kernel.ld
	$(RV_CC) $(RV_ARCH) $(KERNEL_LDFLAGS) -T kernel/kernel.ld -o $@ $(KERNEL_OBJS) -lgcc

# Variants: build/kernel/kernel-NAME.elf is the same kernel whose /etc/rc is user/rc.NAME
# (bench: the figures only; panic: init asks the kernel to panic; shell: init soon offers the
# shell that the console-input tests type into).
KERNEL_BENCH_ELF := $(KERNEL_BUILD)/kernel-bench.elf
KERNEL_PANIC_ELF := $(KERNEL_BUILD)/kernel-panic.elf
KERNEL_SHELL_ELF := $(KERNEL_BUILD)/kernel-shell.elf
.SECONDARY: $(foreach v,bench panic shell,$(KERNEL_BUILD)/initfs-$(v).img \
            $(KERNEL_BUILD)/obj-$(v)/initfs_image.o)
$(KERNEL_BUILD)/initfs-%.img: $(USER_ELFS) user/rc.% kernel/mkinitfs.py
	@mkdir -p $(@D)
	$(PY) kernel/mkinitfs.py -o $@ /etc/ /tmp/ /etc/rc=user/rc.$* \
	  $(foreach p,$(USER_PROGS),/bin/$(p)=$(USER_BUILD)/$(p).elf)
$(KERNEL_BUILD)/obj-%/initfs_image.o: kernel/initfs_image.S $(KERNEL_BUILD)/initfs-%.img
	@mkdir -p $(@D)
	$(RV_CC) $(KERNEL_ASFLAGS) -DINITFS_IMAGE='"$(abspath $(KERNEL_BUILD)/initfs-$*.img)"' -c -o $@ $<
$(KERNEL_BUILD)/kernel-%.elf: $(filter-out %/initfs_image.o,$(KERNEL_OBJS)) \
                              $(KERNEL_BUILD)/obj-%/initfs_image.o kernel/kernel.ld
	$(RV_CC) $(RV_ARCH) $(KERNEL_LDFLAGS) -T kernel/kernel.ld -o $@ $(filter %.o,$^) -lgcc

# ---- running it
qemu: $(KERNEL_ELF)
	$(QEMU_KERNEL) -smp $(QEMU_SMP) -append shell

kernel-test-qemu: $(KERNEL_ELF) $(KERNEL_PANIC_ELF) $(KERNEL_SHELL_ELF)
	kernel/run_test.sh qemu 1 "$(QEMU_KERNEL) -append noshell"
	kernel/run_test.sh qemu-shell 1 "$(QEMU_BASE) -kernel $(KERNEL_SHELL_ELF)"
	kernel/run_test.sh qemu-panic 1 "$(QEMU_KERNEL) -append panic-test"
	kernel/run_test.sh qemu-panic-nested 2 "$(QEMU_KERNEL) -append panic-nested-test"
	kernel/run_test.sh qemu-panic 2 "$(QEMU_BASE) -kernel $(KERNEL_PANIC_ELF)"

# KERNEL_SIM_DEPS= and KERNEL_SIM_ARGS="--boot-dir DIR" run a hive-sim built elsewhere as is.
KERNEL_SIM_DEPS ?= sim boot
KERNEL_SIM_ARGS ?=
kernel-test-qemu-smp: $(KERNEL_ELF)
	kernel/run_test.sh qemu 4 "$(QEMU_KERNEL) -append noshell"

kernel-test-sim: $(KERNEL_ELF) $(KERNEL_SIM_DEPS)
	kernel/run_test.sh sim 1 "$(HIVE_SIM) $(KERNEL_SIM_ARGS) --payload $(KERNEL_ELF) --max-cycles 150M"

# the panic path on hive-sim: init asks for a panic; the cell must cut its memory off and
# fail (hive-sim exit 101)
kernel-test-sim-panic: $(KERNEL_PANIC_ELF) $(KERNEL_SIM_DEPS)
	kernel/run_test.sh sim-panic 1 "$(HIVE_SIM) $(KERNEL_SIM_ARGS) --payload $(KERNEL_PANIC_ELF) --max-cycles 30M"

# the shell on hive-sim: the commands of tests/kernel/shell-input.txt arrive through
# --console-in on cell 0's UART
kernel-test-sim-shell: $(KERNEL_SHELL_ELF) $(KERNEL_SIM_DEPS)
	kernel/run_test.sh sim-shell 1 "$(HIVE_SIM) $(KERNEL_SIM_ARGS) --payload $(KERNEL_SHELL_ELF) --console-in 0 --max-cycles 60M"

# The benchmarks of the cells (bench/run.py's registry): bench/boot.py (OpenSBI and the payload
# in 4x1 as 4, 2, 1 cells and 4x2 as 2 cells) and bench/kernel.py (kernel-bench.elf in 4x1 as 4
# cells and as 1 cell). `make bench` builds their models after the other benchmarks' shapes
# (never one model twice at once) and the benchmark kernel.
.PHONY: bench-cells-shapes
bench-cells-shapes: bench-shapes
	$(MAKE) --no-print-directory sim boot NODES=4 CORES_PER_NODE=1
	$(MAKE) --no-print-directory sim boot NODES=4 CORES_PER_NODE=2
bench: $(KERNEL_BENCH_ELF) bench-cells-shapes

kernel-bench: $(KERNEL_BENCH_ELF)
	$(MAKE) --no-print-directory sim boot NODES=4 CORES_PER_NODE=1
	$(PY) bench/run.py --build $(BUILD) kernel
	$(BENCH_PY) tools/figures.py --bench $(BENCH_OUT)

kernel-bench-qemu: $(KERNEL_BENCH_ELF)
	$(QEMU_BASE) -kernel $(KERNEL_BENCH_ELF) -smp 1 < /dev/null | grep 'bench'

# ---- host unit tests
kernel-unit:
	tests/kernel/run.sh

# ---- the project's test tiers (DESIGN.md section 6): make test runs a representative of each
# kind of kernel test (host units, QEMU 1 and 4 harts and the panic path, hive-sim of the
# current shape); make regress adds the panic path and the console shell on hive-sim and
# (tests/run.py, kernel-cells/*) the suite in every cell of 4x1 as 4, 2 and 1 cells and of 4x2
# as 2 cells, and the panic path in 4x1 as 1 cell (the cutoff of every node of the cell).
test: kernel-unit kernel-test-qemu kernel-test-qemu-smp kernel-test-sim
regress: kernel-unit kernel-test-qemu kernel-test-qemu-smp kernel-test-sim kernel-test-sim-panic \
         kernel-test-sim-shell $(KERNEL_ELF) $(KERNEL_PANIC_ELF)

-include $(wildcard $(KERNEL_BUILD)/obj/*.d $(USER_BUILD)/*.d $(USER_BUILD)/lib/*.d)
