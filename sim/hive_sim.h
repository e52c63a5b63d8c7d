/* Hive SoC simulation harness: state shared by the harness modules.
 *
 * The harness is plain C-style C++: structs and functions. Only sim_main.cpp and trace.cpp see
 * the Verilated model; every other file works on the structures below. Addresses and offsets
 * come from the generated hive_regs.h (regs/hive_regs.py), the shape from -D defines set by
 * sim/sim.mk (SIM_NODES, SIM_CORES_PER_NODE, SIM_NODE_MEM).
 */
#ifndef HIVE_SIM_H
#define HIVE_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "hive_regs.h"

#ifndef SIM_NODES
#error "SIM_NODES must be defined by the build (sim/sim.mk)"
#endif
#ifndef SIM_CORES_PER_NODE
#error "SIM_CORES_PER_NODE must be defined by the build (sim/sim.mk)"
#endif
#ifndef SIM_NODE_MEM
#error "SIM_NODE_MEM must be defined by the build (sim/sim.mk)"
#endif

#define SIM_HARTS (SIM_NODES * SIM_CORES_PER_NODE)
#define SIM_LINE_WORDS 16 /* 32-bit words in a 64-byte line */

static_assert(SIM_NODES >= 1 && SIM_NODES <= 16, "NODES must be 1..16");
static_assert(SIM_HARTS <= 64, "at most 64 harts");
static_assert(HIVE_LINE_BYTES == 64, "the memory port carries 64-byte lines");
static_assert(SIM_NODE_MEM <= HIVE_GLOBAL_SIZE, "NODE_MEM exceeds the global window");
static_assert(SIM_NODE_MEM % HIVE_PAGE_BYTES == 0, "NODE_MEM must be a multiple of a page");
static_assert(SIM_NODE_MEM > HIVE_PAYLOAD_OFFSET + HIVE_FDT_FROM_TOP, "NODE_MEM too small");

/* Exit statuses (DESIGN.md section 6). A machine-finisher fail with code c exits c (1..99). */
enum {
    EXIT_PASS = 0,
    EXIT_FAIL_OTHER = 100, /* machine finisher fail with a code outside 1..99, or reset */
    EXIT_CELL_FAILED = 101, /* a cell that no fault hit failed, reset or stopped */
    EXIT_MAX_CYCLES = 124,
    EXIT_BAD_INPUT = 125,
    EXIT_INTERRUPTED = 130,
};

/* Cycles with rst high before the run: one per 64-bit word of the boot ROM, then a few more.
 * Run cycles count from the first cycle after reset; the trace's time axis counts these too. */
#define SIM_RESET_HOLD 4
#define SIM_RESET_CYCLES ((int)(HIVE_BOOTROM_SIZE / 8) + SIM_RESET_HOLD)

#define DEFAULT_MAX_CYCLES 200000000ULL
#define DEFAULT_MEM_LATENCY 40
#define DEFAULT_FIRMWARE "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"
#define MAX_FAULTS 64

/* ---- options.cpp ---------------------------------------------------------------------- */

struct payload_opt {
    int cell; /* -1: every cell without its own */
    const char *file;
};

enum fault_kind { FAULT_NODE_FAIL };

struct fault {
    enum fault_kind kind;
    int node;
    uint64_t cycle;  /* scheduled cycle */
    int applied;     /* reached during the run */
};

struct options {
    const char *elf;       /* --elf: bare-metal mode */
    int cells;             /* --cells (0: not given) */
    const char *firmware;  /* --firmware */
    struct payload_opt payloads[17];
    int npayloads;
    uint64_t max_cycles;   /* 0: no bound */
    uint64_t seed;
    const char *stats;
    const char *trace;
    int trace_window;      /* --trace-window given */
    uint64_t trace_from, trace_to; /* [from, to) */
    int quiet;
    unsigned mem_latency;
    const char *boot_dir;  /* NULL: derived from the binary's path */
    const char *signature;
    struct fault faults[MAX_FAULTS];
    int nfaults;
};

/* Parses the command line; exits 0 for --help/--version and 125 for bad input. */
void options_parse(int argc, char **argv, struct options *o);

/* ---- util.cpp -------------------------------------------------------------------------- */

extern int g_quiet;
/* A harness message on stderr (suppressed by --quiet). */
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An error on stderr (always shown). */
void error_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Bad input to the harness: a clear message, exit 125. Only before the run starts. */
void bad_input(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Parses an unsigned number: decimal or 0x hex, optional k/M/G suffix (x1000). 0 on error. */
int parse_u64(const char *s, uint64_t *out);
/* Reads a whole file; exits 125 with a message naming `what` if it cannot. */
uint8_t *read_file(const char *path, size_t *len, const char *what);
int file_exists(const char *path);
/* Erases the progress line if one is shown (before other output to the terminal). */
void progress_clear(void);
void progress_show(const char *text);

/* ---- mem.cpp: the DRAM model behind each node's memory port ---------------------------- */

struct mem_pending {
    uint64_t due;   /* cycle in which mem_resp_valid is driven */
    uint32_t line[SIM_LINE_WORDS];
};

struct node_mem {
    uint8_t *data;  /* SIM_NODE_MEM bytes */
    struct mem_pending *q; /* ring of outstanding reads, in request order */
    unsigned qcap, qhead, qcount;
    uint64_t reads, writes, bad_addr;
};

extern struct node_mem g_mem[SIM_NODES];
extern unsigned g_mem_latency;

void mem_init(unsigned latency);
/* A request accepted in `cycle`. `wdata` holds 16 little-endian words (byte i = bits 8i+:8). */
void mem_read(int node, uint64_t cycle, uint32_t addr);
void mem_write(int node, uint32_t addr, const uint32_t *wdata, uint64_t wstrb);
/* Reads outstanding in all nodes, and the earliest cycle one of them is due. */
extern unsigned g_mem_outstanding;
uint64_t mem_next_due(void);
/* If node's oldest read is due in `cycle`, copies its line to `rdata` and returns 1. */
int mem_pop_due(int node, uint64_t cycle, uint32_t *rdata);
/* Copies bytes into / out of a node's memory (loader, signature); 0 if out of range. */
int mem_poke(int node, uint64_t off, const void *src, size_t len);
int mem_peek(int node, uint64_t off, void *dst, size_t len);

/* ---- elf.cpp --------------------------------------------------------------------------- */

struct elf_segment {
    uint64_t paddr, vaddr, filesz, memsz;
    const uint8_t *bytes;
};

struct elf_file {
    const char *path;
    uint8_t *buf;
    size_t len;
    uint64_t entry;
    struct elf_segment *segs;
    int nsegs;
    const uint8_t *symtab, *strtab; /* NULL when stripped */
    size_t nsyms, strsz;
    const uint8_t *shdrs; /* section headers (NULL if none) */
    unsigned shnum, shentsize;
};

int elf_is_elf(const uint8_t *buf, size_t len);
/* Parses an RV64 little-endian executable; exits 125 on a malformed or foreign file. */
void elf_parse(const char *path, uint8_t *buf, size_t len, struct elf_file *e);
/* Looks a symbol up; returns 1 and its value when found. */
int elf_symbol(const struct elf_file *e, const char *name, uint64_t *value);
/* Whether any allocated section overlaps [vaddr, vaddr+len). With no section headers: 1. */
int elf_range_has_section(const struct elf_file *e, uint64_t vaddr, uint64_t len);
/* Virtual address to load (physical) address through the PT_LOAD segments; 0 if none. */
int elf_vaddr_to_paddr(const struct elf_file *e, uint64_t vaddr, uint64_t *paddr);

/* ---- boot.cpp: images into memory and the boot ROM ------------------------------------- */

struct cell {
    int first_node, nnodes;
    int state;           /* enum cell_state */
    uint32_t code;       /* finisher fail code */
    uint64_t finish_cycle;
    int finisher_node;   /* the node whose finisher was written (-1) */
    int hit_by_fault;
};

enum cell_state { CELL_RUNNING, CELL_PASS, CELL_FAIL, CELL_RESET, CELL_STOPPED };

struct machine {
    int elf_mode;
    int ncells;
    struct cell cells[SIM_NODES];
    int node_cell[SIM_NODES];
    uint64_t rom[HIVE_BOOTROM_SIZE / 8];
    struct elf_file elf;   /* --elf */
    char boot_dir[4200];
};

extern struct machine g_m;

/* Sets up cells, loads every image into node memory and builds the ROM image. */
void boot_prepare(const struct options *o, const char *argv0);
/* Translates a load address of cell `cell` into (node, offset); 0 if outside memory. */
int boot_translate(int cell, uint64_t addr, int *node, uint64_t *off);

/* ---- console.cpp ----------------------------------------------------------------------- */

void console_init(void);
/* A byte the node's UART sent in run cycle `cycle`. */
void console_byte(int node, uint8_t byte, uint64_t cycle);
void console_flush_all(void);
/* Everything a node's UART printed (lines without prefix, '\r' dropped). */
const char *console_text(int node, size_t *len, int *truncated);
/* The cycle in which each '\n' of that text was sent: entry i ends line i of the text. */
const uint64_t *console_line_cycles(int node, size_t *n);

/* ---- stats.cpp ------------------------------------------------------------------------- */

struct hart_stats {
    uint64_t instret, imiss, dmiss, stall;
};

struct run_result {
    uint64_t cycles;
    uint64_t instret;
    double wall_seconds;
    int status;
    const char *reason; /* short key: pass, fail, reset, cells-pass, cells-fail, ... */
    char detail[256];
    struct hart_stats harts[SIM_HARTS];
};

/* Writes the JSON statistics; returns 0 on an I/O error (reported). */
int stats_write(const char *path, const struct options *o, const struct run_result *r);

/* Revision string from the build. */
extern const char *g_revision;

/* ---- signature (sim_main.cpp uses it at the end of an --elf run) ----------------------- */
/* Checks that the ELF defines the signature symbols in memory; exits 125 otherwise. */
void signature_check(const struct elf_file *e);
int signature_write(const char *path, const struct elf_file *e);

#endif
