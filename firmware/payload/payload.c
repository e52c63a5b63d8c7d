/*
 * Hive S-mode test payload (docs/boot.md). Entered by OpenSBI on the boot hart with
 * a0 = hartid, a1 = FDT. Reports what the boot chain handed over, checks it for consistency,
 * then powers off through SBI SRST: reason "none" if every check passed, "system failure"
 * otherwise. Built as payload.elf and, with PAYLOAD_FAIL defined, as payload-fail.elf, which
 * always powers off with reason "system failure" so that tests can exercise the failing path.
 *
 * Output lines (all prefixed "hive payload: "):
 *   hart H up
 *   SBI spec M.m, implementation NAME (id I) version V
 *   fdt at ADDR, N bytes
 *   fdt cpus: H H ...
 *   memory BASE size SIZE                      (one line per region)
 *   cell C of K, first node F, N nodes ...     (only when the tree has a hive,soc node)
 *   sbi hart H STATE                           (one line per hart HSM knows, 0..63)
 *   N harts, fdt and HSM agree
 *   FAIL: REASON                               (one line per failed check)
 *   powering off (reason none | system failure)
 */
#include <stddef.h>
#include <stdint.h>

#include "fdt.h"
#include "print.h"
#include "sbi.h"

#define MAX_HARTS 64
#define MAX_MEMORY 16

struct memory_region {
	uint64_t base, size;
};

struct hive_soc {
	int present;
	uint64_t nodes, cores, node_mem, cells, cell_id, first_node, cell_nodes, home_global;
};

struct boot_facts {
	uint64_t cpu_mask; /* harts listed (and not disabled) in /cpus */
	int cpu_overflow;  /* a cpu reg >= MAX_HARTS */
	struct memory_region mem[MAX_MEMORY];
	int nmem;
	struct hive_soc soc;
	const char *error; /* walker error, if any */
};

static int failures;

static void fail(const char *what)
{
	print("hive payload: FAIL: ");
	print(what);
	print("\n");
	failures++;
}

static uint64_t prop_u(const struct fdt_token *t)
{
	return t->len >= 8 ? fdt_cells(t->data, 2) : t->len >= 4 ? fdt_be32(t->data) : 0;
}

static void hive_soc_prop(struct hive_soc *s, const struct fdt_token *t)
{
	static const struct {
		const char *name;
		uint64_t offset; /* of the field in struct hive_soc */
	} fields[] = {
		{ "nodes", offsetof(struct hive_soc, nodes) },
		{ "cores-per-node", offsetof(struct hive_soc, cores) },
		{ "node-mem", offsetof(struct hive_soc, node_mem) },
		{ "cells", offsetof(struct hive_soc, cells) },
		{ "cell-id", offsetof(struct hive_soc, cell_id) },
		{ "cell-first-node", offsetof(struct hive_soc, first_node) },
		{ "cell-nodes", offsetof(struct hive_soc, cell_nodes) },
		{ "home-global-base", offsetof(struct hive_soc, home_global) },
	};
	for (unsigned i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fdt_str_eq(t->name, fields[i].name))
			*(uint64_t *)((char *)s + fields[i].offset) = prop_u(t);
}

/* One pass over the tree: /cpus/cpu@*, /memory@*, the hive,soc node. */
static void read_fdt(const struct fdt *f, struct boot_facts *facts)
{
	struct fdt_cursor c;
	struct fdt_token t;
	uint32_t root_acells = 2, root_scells = 1, cpus_acells = 1;
	int in_cpus = 0;
	/* The depth-1 or depth-2 node being read and what it said so far. */
	int is_memory = 0, is_cpu = 0, is_soc = 0, disabled = 0;
	const uint8_t *reg = 0;
	uint32_t reg_len = 0;
	struct hive_soc soc = { 0 };

	fdt_cursor_init(&c, f);
	while (fdt_next(&c, &t) != FDT_DONE) {
		if (t.kind == FDT_ERROR) {
			facts->error = t.name;
			return;
		}
		if (t.kind == FDT_BEGIN) {
			if (t.depth == 1)
				in_cpus = fdt_str_eq(t.name, "cpus");
			if (t.depth == 1 || (t.depth == 2 && in_cpus)) {
				is_memory = t.depth == 1 && fdt_node_is(t.name, "memory");
				is_cpu = 0;
				is_soc = 0;
				disabled = 0;
				reg = 0;
				reg_len = 0;
			}
			continue;
		}
		if (t.kind == FDT_PROP) {
			if (t.depth == 0) {
				if (fdt_str_eq(t.name, "#address-cells") && t.len == 4)
					root_acells = fdt_be32(t.data);
				if (fdt_str_eq(t.name, "#size-cells") && t.len == 4)
					root_scells = fdt_be32(t.data);
			} else if (t.depth == 1 && in_cpus) {
				if (fdt_str_eq(t.name, "#address-cells") && t.len == 4)
					cpus_acells = fdt_be32(t.data);
			} else if (t.depth == 1 || (t.depth == 2 && in_cpus)) {
				if (fdt_str_eq(t.name, "reg")) {
					reg = t.data;
					reg_len = t.len;
				} else if (fdt_str_eq(t.name, "device_type")) {
					is_cpu = t.depth == 2 && fdt_list_has(t.data, t.len, "cpu");
					if (t.depth == 1 && fdt_list_has(t.data, t.len, "memory"))
						is_memory = 1;
				} else if (fdt_str_eq(t.name, "status")) {
					disabled = !fdt_list_has(t.data, t.len, "okay") &&
						   !fdt_list_has(t.data, t.len, "ok");
				} else if (fdt_str_eq(t.name, "compatible")) {
					is_soc = t.depth == 1 && fdt_list_has(t.data, t.len, "hive,soc");
				}
				if (t.depth == 1)
					hive_soc_prop(&soc, &t); /* kept only if the node is hive,soc */
			}
			continue;
		}
		/* FDT_END: act on what the node said. */
		if (t.depth == 2 && in_cpus && is_cpu && !disabled) {
			if (!reg || reg_len < 4 * cpus_acells || cpus_acells < 1 || cpus_acells > 2) {
				facts->error = "cpu node without a usable reg";
				return;
			}
			uint64_t hart = fdt_cells(reg, cpus_acells);
			if (hart >= MAX_HARTS)
				facts->cpu_overflow = 1;
			else
				facts->cpu_mask |= 1ull << hart;
			is_cpu = 0;
		} else if (t.depth == 1 && is_memory) {
			uint32_t entry = 4 * (root_acells + root_scells);
			if (!reg || root_acells < 1 || root_acells > 2 || root_scells < 1 ||
			    root_scells > 2 || reg_len % entry) {
				facts->error = "memory node without a usable reg";
				return;
			}
			for (uint32_t o = 0; o < reg_len && facts->nmem < MAX_MEMORY; o += entry) {
				facts->mem[facts->nmem].base = fdt_cells(reg + o, root_acells);
				facts->mem[facts->nmem].size =
					fdt_cells(reg + o + 4 * root_acells, root_scells);
				facts->nmem++;
			}
			is_memory = 0;
		} else if (t.depth == 1 && is_soc) {
			facts->soc = soc;
			facts->soc.present = 1;
		}
		if (t.depth == 1) {
			in_cpus = 0;
			is_soc = 0;
			is_memory = 0;
			struct hive_soc empty = { 0 };
			soc = empty;
		}
	}
}

static void report_sbi(void)
{
	struct sbiret spec = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION, 0, 0);
	struct sbiret id = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID, 0, 0);
	struct sbiret ver = sbi_call(SBI_EXT_BASE, SBI_BASE_GET_IMPL_VERSION, 0, 0);
	print("hive payload: SBI spec ");
	print_dec(((uint64_t)spec.value >> 24) & 0x7f);
	print(".");
	print_dec((uint64_t)spec.value & 0xffffff);
	print(", implementation ");
	print(id.value == SBI_IMPL_OPENSBI ? "OpenSBI" : "other");
	print(" (id ");
	print_dec((uint64_t)id.value);
	print(") version ");
	if (id.value == SBI_IMPL_OPENSBI) { /* OpenSBI: major << 16 | minor */
		print_dec((uint64_t)ver.value >> 16);
		print(".");
		print_dec((uint64_t)ver.value & 0xffff);
	} else {
		print_hex((uint64_t)ver.value);
	}
	print("\n");
	if (spec.error || id.error || ver.error)
		fail("SBI base extension calls returned an error");
}

static void report_fdt(const void *fdt_addr, struct boot_facts *facts)
{
	struct fdt f;
	const char *why;
	if (fdt_open(&f, fdt_addr, &why)) {
		print("hive payload: fdt at ");
		print_hex((uintptr_t)fdt_addr);
		print(" unusable: ");
		print(why);
		print("\n");
		fail("no valid device tree in a1");
		return;
	}
	print("hive payload: fdt at ");
	print_hex((uintptr_t)fdt_addr);
	print(", ");
	print_dec(fdt_be32(f.blob + 4));
	print(" bytes\n");

	read_fdt(&f, facts);
	if (facts->error) {
		print("hive payload: fdt malformed: ");
		print(facts->error);
		print("\n");
		fail("malformed device tree");
	}
	print("hive payload: fdt cpus:");
	for (unsigned h = 0; h < MAX_HARTS; h++)
		if (facts->cpu_mask >> h & 1) {
			print(" ");
			print_dec(h);
		}
	print("\n");
	if (facts->cpu_overflow)
		fail("a cpu hartid is 64 or more");
	if (!facts->cpu_mask)
		fail("no cpus in the device tree");
	for (int i = 0; i < facts->nmem; i++) {
		print("hive payload: memory ");
		print_hex(facts->mem[i].base);
		print(" size ");
		print_hex(facts->mem[i].size);
		print("\n");
	}
	if (!facts->nmem)
		fail("no memory in the device tree");
	if (facts->soc.present) {
		const struct hive_soc *s = &facts->soc;
		print("hive payload: cell ");
		print_dec(s->cell_id);
		print(" of ");
		print_dec(s->cells);
		print(", first node ");
		print_dec(s->first_node);
		print(", ");
		print_dec(s->cell_nodes);
		print(" nodes; machine ");
		print_dec(s->nodes);
		print("x");
		print_dec(s->cores);
		print(", node memory ");
		print_hex(s->node_mem);
		print(", home global ");
		print_hex(s->home_global);
		print("\n");
		if (!s->cells || s->cell_id >= s->cells || s->first_node >= s->nodes ||
		    s->cell_nodes * s->cells != s->nodes)
			fail("inconsistent hive,soc node");
	}
}

static void report_harts(unsigned long self, const struct boot_facts *facts)
{
	if (!sbi_has(SBI_EXT_HSM)) {
		fail("SBI has no HSM extension");
		return;
	}
	uint64_t known = 0;
	unsigned n = 0;
	for (unsigned h = 0; h < MAX_HARTS; h++) {
		long st = sbi_hart_status(h);
		if (st == SBI_ERR_INVALID_PARAM)
			continue;
		print("hive payload: sbi hart ");
		print_dec(h);
		print(" ");
		if (st < 0) {
			print("error ");
			print_dec((uint64_t)-st);
			print("\n");
			fail("HSM hart_get_status failed");
			continue;
		}
		print(sbi_hart_state_name(st));
		print("\n");
		known |= 1ull << h;
		n++;
		if (h == self && st != 0)
			fail("this hart is not reported as started");
	}
	if (!(known >> self & 1))
		fail("HSM does not know this hart");
	if (known == facts->cpu_mask) {
		print("hive payload: ");
		print_dec(n);
		print(" harts, fdt and HSM agree\n");
	} else if (facts->cpu_mask) {
		fail("the harts HSM knows differ from the device tree's cpus");
	}
}

void payload_main(unsigned long hartid, const void *fdt)
{
	struct boot_facts facts = { 0 };

	print("hive payload: hart ");
	print_dec(hartid);
	print(" up\n");
	report_sbi();
	report_fdt(fdt, &facts);
	report_harts(hartid, &facts);

	unsigned long reason = failures ? SBI_SRST_REASON_SYSTEM_FAILURE : SBI_SRST_REASON_NONE;
#ifdef PAYLOAD_FAIL
	print("hive payload: payload-fail: reporting a system failure on purpose\n");
	reason = SBI_SRST_REASON_SYSTEM_FAILURE;
#endif
	print("hive payload: powering off (reason ");
	print(reason == SBI_SRST_REASON_NONE ? "none" : "system failure");
	print(")\n");
	if (!sbi_has(SBI_EXT_SRST)) {
		print("hive payload: SBI has no SRST extension, trying legacy shutdown\n");
	} else {
		long err = sbi_shutdown(reason);
		print("hive payload: SRST returned error ");
		print_dec((uint64_t)-err);
		print(", trying legacy shutdown\n");
	}
	sbi_legacy_shutdown();
	print("hive payload: could not power off; parking\n");
}

/* Called by start.S for any trap: report it and fail the run. */
void payload_trap(uint64_t scause, uint64_t sepc, uint64_t stval)
{
	print("hive payload: FAIL: trap scause ");
	print_hex(scause);
	print(" sepc ");
	print_hex(sepc);
	print(" stval ");
	print_hex(stval);
	print("\n");
	sbi_shutdown(SBI_SRST_REASON_SYSTEM_FAILURE);
	sbi_legacy_shutdown();
}
