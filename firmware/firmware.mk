# Boot software (docs/boot.md): the boot ROM, per-shape ROM images and device trees, and the
# S-mode test payload. Variables for other .mk files (use them in recipes, or after this file
# is included when they appear in a prerequisite list):
#   BOOT_DIR          build/boot/<N>x<C>: cells<K>/{bootrom.bin,cell<k>.dtb,cell<k>.info,...}, elf/
#   BOOT_STAMP        file target that stands for everything in BOOT_DIR
#   PAYLOAD_ELF       S-mode payload that powers off with reason "none" when all its checks pass
#   PAYLOAD_FAIL_ELF  the same payload, powering off with reason "system failure" on purpose
FW_BUILD         := $(BUILD)/firmware
BOOT_DIR         := $(BUILD)/boot/$(SHAPE)
BOOT_STAMP       := $(BOOT_DIR)/.stamp
BOOT_PARAMS      := $(BOOT_DIR)/.params
BOOTROM_ELF      := $(FW_BUILD)/bootrom.elf
BOOTROM_TEMPLATE := $(FW_BUILD)/bootrom.bin
PAYLOAD_ELF      := $(FW_BUILD)/payload.elf
PAYLOAD_FAIL_ELF := $(FW_BUILD)/payload-fail.elf
DTC              ?= dtc
QEMU_RV          ?= qemu-system-riscv64

RV_OBJCOPY   := $(RV_PREFIX)objcopy
FW_ASFLAGS   := $(RV_ARCH) -Wall -Wextra -Werror -Wa,--fatal-warnings -I$(GEN) -MMD -MP
FW_LDFLAGS   := -nostdlib -nostartfiles -static -Wl,--no-warn-rwx-segments -Wl,--fatal-warnings
FW_PAYLOAD_COMMON := $(addprefix $(FW_BUILD)/payload/,start.o sbi.o print.o fdt.o string.o)

.PHONY: boot payload firmware fw-check fw-params-force
firmware: boot payload

# ---- boot ROM and boot images of the current shape
boot: $(BOOT_STAMP)

$(BOOTROM_ELF): firmware/bootrom.S firmware/bootrom.ld $(GEN)/hive_regs.h
	@mkdir -p $(@D)
	$(RV_CC) $(FW_ASFLAGS) $(FW_LDFLAGS) -Wl,--no-relax -T firmware/bootrom.ld -o $@ $<

$(BOOTROM_TEMPLATE): $(BOOTROM_ELF)
	$(RV_OBJCOPY) -O binary $< $@

# The shape's parameters, rewritten only when they change (NODE_MEM is not in the path).
$(BOOT_PARAMS): fw-params-force
	@mkdir -p $(@D)
	@echo 'NODES=$(NODES) CORES_PER_NODE=$(CORES_PER_NODE) NODE_MEM=$(NODE_MEM)' | cmp -s - $@ \
	  || echo 'NODES=$(NODES) CORES_PER_NODE=$(CORES_PER_NODE) NODE_MEM=$(NODE_MEM)' > $@

$(BOOT_STAMP): firmware/gen_boot.py regs/hive_regs.py $(BOOTROM_TEMPLATE) $(BOOT_PARAMS)
	$(PY) firmware/gen_boot.py --nodes $(NODES) --cores $(CORES_PER_NODE) \
	  --node-mem $(NODE_MEM) --rom $(BOOTROM_TEMPLATE) --out $(BOOT_DIR) --dtc $(DTC)
	@touch $@

# ---- S-mode test payload
payload: $(PAYLOAD_ELF) $(PAYLOAD_FAIL_ELF)

$(FW_BUILD)/payload/%.o: firmware/payload/%.S $(GEN)/hive_regs.h
	@mkdir -p $(@D)
	$(RV_CC) $(FW_ASFLAGS) -c -o $@ $<

$(FW_BUILD)/payload/%.o: firmware/payload/%.c $(GEN)/hive_regs.h
	@mkdir -p $(@D)
	$(RV_CC) $(RV_CFLAGS) -MMD -MP -c -o $@ $<

$(FW_BUILD)/payload/payload-fail.o: firmware/payload/payload.c $(GEN)/hive_regs.h
	@mkdir -p $(@D)
	$(RV_CC) $(RV_CFLAGS) -MMD -MP -DPAYLOAD_FAIL -c -o $@ $<

$(PAYLOAD_ELF): $(FW_PAYLOAD_COMMON) $(FW_BUILD)/payload/payload.o firmware/payload/payload.ld
	$(RV_CC) $(RV_CFLAGS) $(FW_LDFLAGS) -T firmware/payload/payload.ld -o $@ \
	  $(FW_PAYLOAD_COMMON) $(FW_BUILD)/payload/payload.o -lgcc

$(PAYLOAD_FAIL_ELF): $(FW_PAYLOAD_COMMON) $(FW_BUILD)/payload/payload-fail.o firmware/payload/payload.ld
	$(RV_CC) $(RV_CFLAGS) $(FW_LDFLAGS) -T firmware/payload/payload.ld -o $@ \
	  $(FW_PAYLOAD_COMMON) $(FW_BUILD)/payload/payload-fail.o -lgcc

# ---- self-check on QEMU virt with Debian's OpenSBI (no Hive hardware needed)
fw-check: payload
	$(PY) firmware/check_qemu.py --qemu $(QEMU_RV) --bios $(OPENSBI) \
	  --payload $(PAYLOAD_ELF) --payload-fail $(PAYLOAD_FAIL_ELF)

-include $(wildcard $(FW_BUILD)/*.d $(FW_BUILD)/payload/*.d)
