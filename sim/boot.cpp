/* Boot images: cells, address translation, ROM image, device trees, fw_dynamic_info, firmware,
 * payloads and the --elf program, all written into node memory before reset
 * (docs/interfaces.md "Boot images", DESIGN.md section 4).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hive_sim.h"

struct machine g_m;

/* Every range written into node memory, to refuse images that overlap each other. */
struct loaded {
    int node;
    uint64_t from, to;
    char what[160];
};
static struct loaded *loaded;
static int nloaded, loaded_cap;

int boot_translate(int cell, uint64_t addr, int *node, uint64_t *off)
{
    if (addr >= HIVE_REMAP_BASE && addr - HIVE_REMAP_BASE < SIM_NODE_MEM) {
        *node = g_m.cells[cell].first_node;
        *off = addr - HIVE_REMAP_BASE;
        return 1;
    }
    if (addr >= HIVE_GLOBAL_BASE) {
        uint64_t n = (addr - HIVE_GLOBAL_BASE) / HIVE_GLOBAL_SIZE;
        uint64_t o = (addr - HIVE_GLOBAL_BASE) % HIVE_GLOBAL_SIZE;
        if (n < SIM_NODES && o < SIM_NODE_MEM) {
            *node = (int)n;
            *off = o;
            return 1;
        }
    }
    return 0;
}

static void place(int node, uint64_t off, const void *src, uint64_t len, uint64_t zeros,
                  const char *what)
{
    uint64_t total = len + zeros;
    if (off > SIM_NODE_MEM || total > SIM_NODE_MEM - off)
        bad_input("%s: 0x%llx bytes at node %d offset 0x%llx do not fit in NODE_MEM (0x%llx)",
                  what, (unsigned long long)total, node, (unsigned long long)off,
                  (unsigned long long)SIM_NODE_MEM);
    for (int i = 0; i < nloaded; i++) {
        struct loaded *l = &loaded[i];
        if (l->node == node && off < l->to && l->from < off + total)
            bad_input("%s (node %d, offset 0x%llx..0x%llx) overlaps %s (0x%llx..0x%llx)", what,
                      node, (unsigned long long)off, (unsigned long long)(off + total), l->what,
                      (unsigned long long)l->from, (unsigned long long)l->to);
    }
    if (nloaded == loaded_cap) {
        loaded_cap = loaded_cap ? 2 * loaded_cap : 32;
        loaded = (struct loaded *)realloc(loaded, loaded_cap * sizeof *loaded);
    }
    struct loaded *l = &loaded[nloaded++];
    l->node = node;
    l->from = off;
    l->to = off + total;
    snprintf(l->what, sizeof l->what, "%s", what);
    mem_poke(node, off, src, len);
    /* Memory starts zeroed and nothing is loaded twice at one place: zeros need no writing. */
}

/* Loads an ELF's segments through the cell's translation. A segment that starts below the
 * remap window only because it carries the ELF and program headers (what `ld -Ttext=0x80000000`
 * makes) has that prefix dropped, when no allocated section lies in it. */
static void load_elf_segments(int cell, const struct elf_file *e, const char *what)
{
    for (int i = 0; i < e->nsegs; i++) {
        struct elf_segment s = e->segs[i];
        int node, node_end;
        uint64_t off, off_end;
        char desc[160];
        snprintf(desc, sizeof desc, "%s segment at 0x%llx", what, (unsigned long long)s.paddr);
        if (s.paddr < HIVE_REMAP_BASE && s.memsz > HIVE_REMAP_BASE - s.paddr) {
            uint64_t skip = HIVE_REMAP_BASE - s.paddr;
            if (!elf_range_has_section(e, s.vaddr, skip)) {
                s.paddr += skip;
                s.vaddr += skip;
                s.memsz -= skip;
                s.bytes += skip < s.filesz ? skip : s.filesz;
                s.filesz = skip < s.filesz ? s.filesz - skip : 0;
            }
        }
        if (!boot_translate(cell, s.paddr, &node, &off) ||
            !boot_translate(cell, s.paddr + s.memsz - 1, &node_end, &off_end) ||
            node_end != node || off_end != off + s.memsz - 1)
            bad_input("%s (0x%llx bytes) is outside the memory of the machine: expected the "
                      "remap window 0x%llx..0x%llx or a node's global window",
                      desc, (unsigned long long)s.memsz, (unsigned long long)HIVE_REMAP_BASE,
                      (unsigned long long)(HIVE_REMAP_BASE + SIM_NODE_MEM));
        place(node, off, s.bytes, s.filesz, s.memsz - s.filesz, desc);
    }
}

static void missing_boot_file(const char *path)
{
    bad_input("missing boot file '%s': build it with `make boot NODES=%d CORES_PER_NODE=%d` "
              "(or point --boot-dir at a directory that has it)",
              path, SIM_NODES, SIM_CORES_PER_NODE);
}

static uint8_t *read_boot_file(const char *sub, size_t *len)
{
    char path[4352];
    snprintf(path, sizeof path, "%s/%s", g_m.boot_dir, sub);
    if (!file_exists(path))
        missing_boot_file(path);
    return read_file(path, len, "boot file");
}

static uint64_t rd64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static void load_rom(const char *sub)
{
    size_t len;
    uint8_t *buf = read_boot_file(sub, &len);
    if (len > HIVE_BOOTROM_SIZE)
        bad_input("%s/%s: %zu bytes, the boot ROM holds %llu", g_m.boot_dir, sub, len,
                  (unsigned long long)HIVE_BOOTROM_SIZE);
    uint64_t end = HIVE_PARAM_OFFSET + HIVE_PARAM_HEADER_BYTES +
                   (uint64_t)SIM_NODES * HIVE_PARAM_ENTRY_BYTES;
    if (len < end)
        bad_input("%s/%s: too short for a parameter table of %d nodes", g_m.boot_dir, sub,
                  SIM_NODES);
    const uint8_t *t = buf + HIVE_PARAM_OFFSET;
    if (rd64(t + HIVE_PARAM_H_MAGIC) != HIVE_PARAM_MAGIC)
        bad_input("%s/%s: no boot parameter table (bad magic) at offset 0x%llx", g_m.boot_dir,
                  sub, (unsigned long long)HIVE_PARAM_OFFSET);
    if (rd64(t + HIVE_PARAM_H_NODES) != SIM_NODES ||
        rd64(t + HIVE_PARAM_H_CORES) != SIM_CORES_PER_NODE ||
        rd64(t + HIVE_PARAM_H_NODE_MEM) != SIM_NODE_MEM)
        bad_input("%s/%s was built for NODES=%llu CORES_PER_NODE=%llu NODE_MEM=%llu, this "
                  "model is NODES=%d CORES_PER_NODE=%d NODE_MEM=%llu (rerun `make boot`)",
                  g_m.boot_dir, sub, (unsigned long long)rd64(t + HIVE_PARAM_H_NODES),
                  (unsigned long long)rd64(t + HIVE_PARAM_H_CORES),
                  (unsigned long long)rd64(t + HIVE_PARAM_H_NODE_MEM), SIM_NODES,
                  SIM_CORES_PER_NODE, (unsigned long long)SIM_NODE_MEM);
    memset(g_m.rom, 0, sizeof g_m.rom);
    memcpy(g_m.rom, buf, len);
    g_m.img.rom_hash = hash64(buf, len);
    free(buf);
}

static void load_dtb(int cell, const char *sub)
{
    size_t len;
    uint8_t *buf = read_boot_file(sub, &len);
    /* FDT header: big-endian magic 0xd00dfeed and totalsize. */
    uint32_t magic = len >= 8 ? (uint32_t)buf[0] << 24 | buf[1] << 16 | buf[2] << 8 | buf[3] : 0;
    uint32_t total = len >= 8 ? (uint32_t)buf[4] << 24 | buf[5] << 16 | buf[6] << 8 | buf[7] : 0;
    if (magic != 0xd00dfeed || total > len)
        bad_input("%s/%s is not a device tree blob", g_m.boot_dir, sub);
    if (total > HIVE_FDT_MAX)
        bad_input("%s/%s: %u bytes, at most %llu fit (FDT_MAX)", g_m.boot_dir, sub, total,
                  (unsigned long long)HIVE_FDT_MAX);
    g_m.img.dtb_hash = g_m.img.dtb_hash * 31 + hash64(buf, len);
    char what[160];
    snprintf(what, sizeof what, "device tree of cell %d", cell);
    /* The whole FDT_MAX area is claimed: OpenSBI edits the tree in place and lets it grow. */
    place(g_m.cells[cell].first_node, SIM_NODE_MEM - HIVE_FDT_FROM_TOP, buf, total,
          HIVE_FDT_MAX - total, what);
    free(buf);
}

static void load_fw_dynamic_info(int cell)
{
    const struct cell *c = &g_m.cells[cell];
    uint64_t info[6] = {
        HIVE_FW_DYNAMIC_MAGIC, HIVE_FW_DYNAMIC_VERSION,
        HIVE_REMAP_BASE + HIVE_PAYLOAD_OFFSET,
        1, /* next_mode: S */
        0, /* options */
        (uint64_t)c->first_node * SIM_CORES_PER_NODE, /* boot_hart */
    };
    char what[160];
    snprintf(what, sizeof what, "fw_dynamic_info of cell %d", cell);
    place(c->first_node, SIM_NODE_MEM - HIVE_INFO_FROM_TOP, info, sizeof info, 0, what);
}

/* An image for a cell: an ELF goes segment by segment through the cell's translation, a raw
 * binary to `offset` of the home node. */
static uint64_t load_image(int cell, const char *path, uint64_t offset, const char *role,
                           uint64_t want_entry)
{
    size_t len;
    uint8_t *buf = read_file(path, &len, role);
    uint64_t hash = hash64(buf, len);
    char what[160];
    snprintf(what, sizeof what, "%s '%s' of cell %d", role, path, cell);
    if (elf_is_elf(buf, len)) {
        struct elf_file e;
        elf_parse(path, buf, len, &e);
        uint64_t entry;
        if (!elf_vaddr_to_paddr(&e, e.entry, &entry))
            entry = e.entry;
        if (entry != want_entry)
            bad_input("%s '%s': entry 0x%llx, but it is entered at 0x%llx", role, path,
                      (unsigned long long)entry, (unsigned long long)want_entry);
        load_elf_segments(cell, &e, what);
        free(e.segs);
    } else {
        if (len == 0)
            bad_input("%s '%s' is empty", role, path);
        place(g_m.cells[cell].first_node, offset, buf, len, 0, what);
    }
    free(buf);
    return hash;
}

static void derive_boot_dir(const char *argv0)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        if (!realpath(argv0, exe))
            bad_input("cannot find where hive-sim lives: give --boot-dir");
    } else {
        exe[n] = 0;
    }
    /* .../build/sim/<shape>/hive-sim -> .../build/boot/<NODES>x<CORES_PER_NODE> */
    for (int up = 0; up < 3; up++) {
        char *slash = strrchr(exe, '/');
        if (!slash || slash == exe)
            bad_input("cannot derive the boot directory from '%s': give --boot-dir", exe);
        *slash = 0;
    }
    snprintf(g_m.boot_dir, sizeof g_m.boot_dir, "%s/boot/%dx%d", exe, SIM_NODES,
             SIM_CORES_PER_NODE);
}

void boot_cells(int elf_mode, int ncells)
{
    g_m.elf_mode = elf_mode;
    g_m.ncells = ncells;
    int per = SIM_NODES / g_m.ncells;
    for (int k = 0; k < g_m.ncells; k++) {
        struct cell *c = &g_m.cells[k];
        c->first_node = k * per;
        c->nnodes = per;
        c->state = CELL_RUNNING;
        c->finisher_node = -1;
        for (int n = 0; n < per; n++)
            g_m.node_cell[k * per + n] = k;
    }
}

void boot_prepare(const struct options *o, const char *argv0)
{
    if (o->boot_dir)
        snprintf(g_m.boot_dir, sizeof g_m.boot_dir, "%s", o->boot_dir);
    else
        derive_boot_dir(argv0);
    boot_cells(o->elf != NULL, o->cells);
    memset(&g_m.img, 0, sizeof g_m.img);

    if (g_m.elf_mode) {
        size_t len;
        uint8_t *buf = read_file(o->elf, &len, "--elf");
        elf_parse(o->elf, buf, len, &g_m.elf);
        snprintf(g_m.img.elf, sizeof g_m.img.elf, "%s", base_name(o->elf));
        g_m.img.elf_hash = hash64(buf, len);
        /* Boot files first: a missing `make boot` is the likelier mistake. */
        load_rom("elf/bootrom.bin");
        for (int n = 0; n < SIM_NODES; n++) {
            uint64_t at = (HIVE_PARAM_OFFSET + HIVE_PARAM_HEADER_BYTES +
                           (uint64_t)n * HIVE_PARAM_ENTRY_BYTES + HIVE_PARAM_E_ENTRY) / 8;
            g_m.rom[at] = g_m.elf.entry;
        }
        load_dtb(0, "elf/cell0.dtb");
        char what[160];
        snprintf(what, sizeof what, "--elf '%s'", o->elf);
        load_elf_segments(0, &g_m.elf, what);
        if (o->signature)
            signature_check(&g_m.elf);
        return; /* the ELF buffer stays: symbols are needed at the end */
    }

    snprintf(g_m.img.firmware, sizeof g_m.img.firmware, "%s", base_name(o->firmware));
    for (int i = 0; i < o->npayloads; i++) {
        g_m.img.payloads[i].cell = o->payloads[i].cell;
        snprintf(g_m.img.payloads[i].name, sizeof g_m.img.payloads[i].name, "%s",
                 base_name(o->payloads[i].file));
    }
    g_m.img.npayloads = o->npayloads;

    char sub[64];
    snprintf(sub, sizeof sub, "cells%d/bootrom.bin", g_m.ncells);
    load_rom(sub);
    for (int k = 0; k < g_m.ncells; k++) {
        snprintf(sub, sizeof sub, "cells%d/cell%d.dtb", g_m.ncells, k);
        load_dtb(k, sub);
        load_fw_dynamic_info(k);
    }
    for (int k = 0; k < g_m.ncells; k++) {
        g_m.img.firmware_hash = load_image(k, o->firmware, HIVE_FW_OFFSET, "firmware",
                                           HIVE_REMAP_BASE + HIVE_FW_OFFSET);
        const char *payload = NULL;
        for (int i = 0; i < o->npayloads; i++) /* the cell's own, else the common one */
            if (o->payloads[i].cell == k)
                payload = o->payloads[i].file;
        for (int i = 0; i < o->npayloads && !payload; i++)
            if (o->payloads[i].cell < 0)
                payload = o->payloads[i].file;
        if (payload)
            g_m.img.payload_hash[k] = load_image(k, payload, HIVE_PAYLOAD_OFFSET, "payload",
                                                 HIVE_REMAP_BASE + HIVE_PAYLOAD_OFFSET);
        else
            note("cell %d has no --payload: its firmware will enter empty memory at 0x%llx", k,
                 (unsigned long long)(HIVE_REMAP_BASE + HIVE_PAYLOAD_OFFSET));
    }
}

/* The payload file of cell k under the options (its own, else the common one), or NULL. */
static const char *payload_of(const struct options *o, int k)
{
    for (int i = 0; i < o->npayloads; i++)
        if (o->payloads[i].cell == k)
            return o->payloads[i].file;
    for (int i = 0; i < o->npayloads; i++)
        if (o->payloads[i].cell < 0)
            return o->payloads[i].file;
    return NULL;
}

static uint64_t hash_file(const char *path, const char *what)
{
    size_t len;
    uint8_t *buf = read_file(path, &len, what);
    uint64_t h = hash64(buf, len);
    free(buf);
    return h;
}

void boot_hash_given(const struct options *o, int elf_mode, int ncells, struct images *out)
{
    memset(out, 0, sizeof *out);
    if (o->given & GIVEN_ELF) {
        size_t len;
        uint8_t *buf = read_file(o->elf, &len, "--elf");
        elf_parse(o->elf, buf, len, &g_m.elf); /* kept: symbols and --signature */
        out->elf_hash = hash64(buf, len);
        if (o->signature)
            signature_check(&g_m.elf);
    }
    if (o->given & GIVEN_FIRMWARE)
        out->firmware_hash = hash_file(o->firmware, "firmware");
    if (o->given & GIVEN_PAYLOAD)
        for (int k = 0; k < ncells; k++) {
            const char *p = payload_of(o, k);
            out->payload_hash[k] = p ? hash_file(p, "payload") : 0;
        }
    if (o->given & GIVEN_BOOT_DIR) {
        snprintf(g_m.boot_dir, sizeof g_m.boot_dir, "%s", o->boot_dir);
        char sub[64];
        size_t len;
        snprintf(sub, sizeof sub, elf_mode ? "elf/bootrom.bin" : "cells%d/bootrom.bin", ncells);
        uint8_t *buf = read_boot_file(sub, &len);
        out->rom_hash = hash64(buf, len);
        free(buf);
        for (int k = 0; k < ncells; k++) {
            if (elf_mode)
                snprintf(sub, sizeof sub, "elf/cell0.dtb");
            else
                snprintf(sub, sizeof sub, "cells%d/cell%d.dtb", ncells, k);
            buf = read_boot_file(sub, &len);
            out->dtb_hash = out->dtb_hash * 31 + hash64(buf, len);
            free(buf);
        }
    }
}
