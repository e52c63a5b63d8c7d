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

#ifndef SIM_SAVABLE
#define SIM_SAVABLE 0 /* 1: the model was built with Verilator --savable (checkpoints) */
#endif
#ifndef SIM_CHECK
#define SIM_CHECK 0 /* 1: built with CHECK=1, the L1s' signals readable (--check-coherence) */
#endif
#ifndef SIM_THREADS
#define SIM_THREADS 1 /* Verilator --threads of the model */
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
#define MAX_FAULTS 64  /* fault specs of a run (--inject, --inject-file lines, --fail-node) */
#define MAX_SAVES 16   /* --save-at */

/* ---- options.cpp ---------------------------------------------------------------------- */

struct payload_opt {
    int cell; /* -1: every cell without its own */
    const char *file;
};

struct inject_opt {
    const char *spec; /* KIND[:ARG,...]@TRIGGER */
    const char *from; /* where it was given, for messages: "--inject", "FILE:LINE", ... */
};

struct symbols_opt {
    int cell;
    const char *file;
};

struct save_opt {
    uint64_t cycle;
    const char *file;
};

/* Options given explicitly (a restored run takes the others from the checkpoint). */
enum {
    GIVEN_ELF = 1 << 0, GIVEN_CELLS = 1 << 1, GIVEN_FIRMWARE = 1 << 2, GIVEN_PAYLOAD = 1 << 3,
    GIVEN_BOOT_DIR = 1 << 4, GIVEN_MEM_LATENCY = 1 << 5, GIVEN_MAX_CYCLES = 1 << 6,
    GIVEN_SEED = 1 << 7, GIVEN_INJECT = 1 << 8,
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
    struct inject_opt injects[MAX_FAULTS]; /* in command-line order */
    int ninjects;
    struct symbols_opt symbols[SIM_NODES];
    int nsymbols;
    struct save_opt saves[MAX_SAVES]; /* in cycle order */
    int nsaves;
    const char *restore;   /* --restore FILE */
    int console_in;        /* --console-in CELL, -1: none */
    int check_coherence;   /* --check-coherence */
    unsigned given;        /* GIVEN_* */
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
/* FNV-1a 64-bit hash of a byte string (image identities in checkpoints). */
uint64_t hash64(const void *p, size_t n);
/* Base name of a path (stats and checkpoints hold no directories). */
const char *base_name(const char *path);

/* Growable byte buffer (checkpoint writer) and bounds-checked reader. Numbers are 64-bit
 * little-endian, strings a length and their bytes. */
struct wbuf {
    uint8_t *p;
    size_t len, cap;
};
void wb_put(struct wbuf *b, const void *src, size_t n);
void wb_u64(struct wbuf *b, uint64_t v);
void wb_str(struct wbuf *b, const char *s);

struct rbuf {
    const uint8_t *p;
    size_t len, pos;
    int bad; /* a read went past the end */
};
void rb_get(struct rbuf *b, void *dst, size_t n);
uint64_t rb_u64(struct rbuf *b);
/* A string as a new heap copy ("" when bad). */
char *rb_str(struct rbuf *b);

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
/* Checkpoints: counters, outstanding reads and the non-zero 4 KiB pages of every node. */
void mem_save(struct wbuf *b);
int mem_restore(struct rbuf *b); /* 0: malformed */

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

/* What was loaded, for the stats and for checking a checkpoint against the command line:
 * base names as given, and hashes of the contents (0: nothing). */
struct images {
    char elf[256], firmware[256];
    struct {
        int cell; /* -1: every cell without its own */
        char name[256];
    } payloads[17];
    int npayloads;
    uint64_t elf_hash, firmware_hash, rom_hash, dtb_hash;
    uint64_t payload_hash[SIM_NODES]; /* per cell */
};

struct machine {
    int elf_mode;
    int ncells;
    struct cell cells[SIM_NODES];
    int node_cell[SIM_NODES];
    uint64_t rom[HIVE_BOOTROM_SIZE / 8];
    struct elf_file elf;   /* --elf (elf.buf NULL when not loaded: a restore without --elf) */
    char boot_dir[4200];
    struct images img;
};

extern struct machine g_m;

/* Cells of the machine: cell k = nodes k*NODES/ncells ... */
void boot_cells(int elf_mode, int ncells);
/* Sets up cells, loads every image into node memory and builds the ROM image. */
void boot_prepare(const struct options *o, const char *argv0);
/* --restore: hashes the images the command line names (GIVEN_*), into `out`, to be compared
 * with the checkpoint's; an --elf is parsed into g_m.elf for symbols and --signature. */
void boot_hash_given(const struct options *o, int elf_mode, int ncells, struct images *out);
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
void console_save(struct wbuf *b);
int console_restore(struct rbuf *b); /* 0: malformed */

/* --console-in: bytes of standard input for one node's UART receiver. */
void console_in_open(void);
/* Reads what standard input has without blocking; 0 once it is at its end. */
int console_in_poll(void);
/* The next byte to offer (1) or none (0); pop it once the receiver took it. */
int console_in_peek(uint8_t *byte);
void console_in_pop(void);

/* ---- fault.cpp: fault injection (--inject, --inject-file, --fail-node) ------------------ */

enum fault_kind {
    FAULT_NODE_FAIL, FAULT_CORE_HALT, FAULT_MEM_FLIP, FAULT_KERNEL_WORD,
    FAULT_CACHE_FLIP, FAULT_WILD_WRITE, FAULT_SIPS_DROP, FAULT_SIPS_DELAY, FAULT_FW_CLEAR,
};
enum trigger_kind { TRIG_CYCLE, TRIG_PC, TRIG_RAND };

/* One application of a fault: in which cycle, for which cell (-1: not cell-relative), the
 * node it hit (for memory faults the home of the word, at `off`), a second node it hit (the
 * receiver of a SIPS fault, the issuer of a wild write; -1: none) and what came of it
 * (cache-flip: 1 the line was cached; wild-write: 1 written, 0 denied, -1 not done yet;
 * fw-clear: 1 the bit was set). */
struct fault_event {
    uint64_t cycle;
    int cell, node, node2, result;
    uint64_t off;
};

struct fault {
    char spec[160];
    int kind, trigger;
    uint64_t at;              /* TRIG_CYCLE: the cycle; TRIG_RAND: the cycle drawn */
    uint64_t rand_from, rand_to; /* TRIG_RAND window [from, to) */
    int cell;                 /* /CELL, or -1 */
    int node, hart, bit;      /* node-fail, wild-write and SIPS (sender); core-halt,
                                 cache-flip and fw-clear; mem-flip and cache-flip */
    int to;                   /* SIPS faults: the receiver */
    uint64_t value;           /* kernel-word, wild-write; sips-delay: the cycles */
    uint32_t cells;           /* cells it applies in (bit k), see fault.cpp */
    int per_cell;             /* operands resolved per cell: one application per cell */
    int tnode[SIM_NODES];     /* memory target in each cell (or [0] when not per cell) */
    uint64_t toff[SIM_NODES];
    uint64_t pc[SIM_NODES];   /* TRIG_PC: virtual PC watched in each cell */
    int nevents;
    struct fault_event events[SIM_NODES];
};

/* A pending application (cycle and random triggers; pc triggers once they matched). */
struct fault_firing {
    uint64_t cycle;
    int fault, cell;
};

/* A pc trigger armed in one cell. */
struct pc_watch {
    uint64_t pc;
    int fault, cell;
};

/* A wild write waiting for the fault-control port, which carries one at a time. */
struct ww_entry {
    int fault, event, node; /* node: on whose behalf */
    uint64_t addr, value;   /* global address */
};

struct fault_state {
    struct fault f[MAX_FAULTS];
    int n;
    struct fault_firing due[MAX_FAULTS * SIM_NODES]; /* in cycle order */
    int ndue;
    struct pc_watch watch[MAX_FAULTS * SIM_NODES];
    int nwatch;
    uint64_t node_fail;  /* fault_node_fail port */
    uint64_t core_halt;  /* fault_core_halt port */
    uint64_t rng;        /* random state, from --seed */
    struct ww_entry ww[MAX_FAULTS * SIM_NODES]; /* wild writes in order; [0] is on the port */
    int nww;
    int ww_issued;       /* ww[0] was pulsed on the port and waits for fault_ww_done */
    int pulse;           /* a one-cycle command is on the port this cycle (PULSE_*) */
    int sips_from, sips_to;
    uint32_t sips_delay; /* the SIPS command on the port (0: drop) */
};
enum { PULSE_WW = 1, PULSE_SIPS = 2 };

extern struct fault_state g_faults;

/* Parses and resolves the fault specs of the options (exit 125 on a bad one) and schedules
 * them. After a restore the checkpoint's faults are in g_faults already: new specs replace
 * the ones that have not been applied. */
void faults_setup(const struct options *o, int restored_cycle_valid, uint64_t restored_cycle);
/* The earliest cycle a firing is due (UINT64_MAX: none). */
static inline uint64_t faults_next_cycle(void)
{
    return g_faults.ndue ? g_faults.due[0].cycle : UINT64_MAX;
}
/* Applies every firing due by `cycle`. Returns 1 when the fault-control ports changed. */
int faults_apply_due(uint64_t cycle);
/* The wild write on the port ended in `cycle` (denied or written); returns 1 when the next one
 * goes on the port. */
int faults_ww_done(int denied, uint64_t cycle);
/* sim_main.cpp: flips bit `bit` of the 64-bit word at global address `addr` in hart's L1 D
 * cache: 1; 0 (no change) when the line is not cached there; -1 (no change) when the cache
 * serves an access this cycle, which the flip must not overlap. */
int cache_flip(int hart, uint64_t addr, int bit);
/* sim_main.cpp: clears hart's bit in the firewall vector of page `page` of node's memory;
 * returns the bit's old value. */
int fw_clear(int node, uint64_t page, int hart);
/* Hart `hart` retired an instruction at `pc` in `cycle`: a matching pc trigger fires at the
 * start of the next cycle. */
void faults_retired(int hart, uint64_t pc, uint64_t cycle);
const char *fault_kind_name(int kind);
void faults_save(struct wbuf *b);
int faults_restore(struct rbuf *b); /* 0: malformed */

/* ---- stats.cpp ------------------------------------------------------------------------- */

struct hart_stats {
    uint64_t instret, imiss, dmiss, stall;
};

/* A node's counters, from the SoC's `stat_node` and `stat_sips` ports (their layouts:
 * regs/hive_regs.py STAT_NODE and STAT_SIPS): read at the end, except the L1 protocol errors (a
 * forward that the protocol table says cannot happen), which the port shows per cycle and the
 * harness adds up, with the cycle of the first one. */
struct node_stats {
    uint64_t requests, nacks, evictions, proto_errors, occupancy_max, fw_denied;
    uint64_t sips_sent, sips_received, sips_nacked, sips_failed;
    uint64_t l1_proto_errors;
    uint64_t l1_proto_first; /* cycle of the first L1 protocol error (valid when counted) */
};

/* State of the run that a checkpoint carries besides memory, consoles and faults. */
struct run_state {
    uint64_t cycle;             /* the next cycle to simulate */
    int cells_running;
    int warned_mfinish, warned_finish_value;
    uint64_t l1_proto[SIM_NODES], l1_proto_first[SIM_NODES]; /* L1 protocol errors */
    int cin_offered;            /* a --console-in byte is on uart_rx this cycle */
    /* a restored run: where from (stats restored_from) */
    int restored;
    uint64_t restored_cycle;
    char restored_file[256];
};

extern struct run_state g_run;

struct run_result {
    uint64_t cycles;
    uint64_t instret;
    double wall_seconds;
    int status;
    const char *reason; /* short key: pass, fail, reset, cells-pass, cells-fail, ... */
    char detail[256];
    struct hart_stats harts[SIM_HARTS];
    struct node_stats nodes[SIM_NODES];
};

/* ---- coherence_check.cpp: --check-coherence ------------------------------------------- */
class Vhive_soc;
/* 1 when the model was built with the checker's signals (CHECK=1). */
int check_available(void);
void check_init(Vhive_soc *top);
/* Checks the settled state of one cycle (before its rising edge); 1: a violation, described
 * by check_failure(). */
int check_cycle(uint64_t cycle);
const char *check_failure(void);
uint64_t check_accesses_checked(void);
uint64_t check_lines_tracked(void);

/* Writes the JSON statistics; returns 0 on an I/O error (reported). */
int stats_write(const char *path, const struct options *o, const struct run_result *r);

/* Revision string from the build. */
extern const char *g_revision;

/* ---- signature (sim_main.cpp uses it at the end of an --elf run) ----------------------- */
/* Checks that the ELF defines the signature symbols in memory; exits 125 otherwise. */
void signature_check(const struct elf_file *e);
int signature_write(const char *path, const struct elf_file *e);

#endif
