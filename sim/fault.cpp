/* Fault injection (DESIGN.md section 6, docs/harness.md "Fault injection").
 *
 * A spec is KIND[:ARG,...]@TRIGGER. Specs are parsed and resolved before the run (addresses
 * and symbols to a node and offset in each cell, random cycles drawn from --seed); the run
 * loop then only compares the cycle with the earliest pending firing, and scans the retire
 * ports only while a pc trigger is armed.
 *
 * Cells: a pc trigger fires once in each cell it names (every cell without /CELL). Operands
 * that depend on the cell (an address in the remap window, a symbol) are resolved in each
 * cell, so such a fault with a cycle trigger is applied once per cell as well; with /CELL in
 * that cell only. A symbol needs the cell's ELF (--symbols CELL=ELF; in --elf mode the ELF
 * itself serves cell 0); without /CELL a symbol names every cell that has symbols.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hive_sim.h"

struct fault_state g_faults;

static const char *const GRAMMAR =
    "  SPEC is KIND[:ARG,...]@TRIGGER, with KIND one of\n"
    "    node-fail:NODE                 node NODE fails (fail-stop: cores, caches, controller)\n"
    "    core-halt:HART                 hart HART stops\n"
    "    mem-flip:ADDR,BIT              flip bit BIT (0..63) of the 64-bit word at ADDR in DRAM\n"
    "    kernel-word:SYMBOL[+OFF],VALUE write the 64-bit VALUE at SYMBOL+OFF in DRAM\n"
    "    cache-flip:HART,ADDR,BIT       flip bit BIT of that word in hart HART's L1 D-cache\n"
    "                                   (no effect when the line is not cached there)\n"
    "    wild-write:NODE,ADDR,VALUE     write VALUE to the 8-byte word at ADDR on behalf of\n"
    "                                   node NODE; the home's firewall judges it\n"
    "    sips-drop:FROM,TO              the next SIPS message from node FROM to node TO is lost\n"
    "    sips-delay:FROM,TO,CYCLES      ... arrives CYCLES (1..4294967295) cycles later\n"
    "    fw-clear:ADDR,HART             clear hart HART's bit in the firewall vector of the page\n"
    "                                   that holds ADDR (no recall: its copies stay writable)\n"
    "  and TRIGGER one of\n"
    "    CYCLE                          at the start of that run cycle\n"
    "    pc=ADDR|SYMBOL[+OFF]           after an instruction at that virtual PC retired, once\n"
    "                                   in each cell\n"
    "    rand=A:B                       at a cycle A <= c < B drawn from --seed\n"
    "  each optionally followed by /CELL (the cell whose remap window, symbols and PCs count).\n"
    "  ADDR: a global address (0x100000000 + node * 0x10000000 + offset) or one in the\n"
    "  cell's remap window (0x80000000 + offset); SYMBOL from --symbols CELL=ELF.\n"
    "  Example: --inject mem-flip:0x80001000,3@pc=main/0 --inject node-fail:1@rand=1M:2M\n";

static const char *const KIND_NAMES[] = {
    "node-fail", "core-halt", "mem-flip", "kernel-word",
    "cache-flip", "wild-write", "sips-drop", "sips-delay", "fw-clear",
};
static const int KIND_ARGS[] = {1, 1, 2, 2, 3, 3, 2, 3, 2};
enum { NKINDS = sizeof KIND_NAMES / sizeof KIND_NAMES[0] };

const char *fault_kind_name(int kind)
{
    return kind >= 0 && kind < NKINDS ? KIND_NAMES[kind] : "?";
}

/* The spec being parsed, for messages. */
static const struct inject_opt *cur;

static void spec_error(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void spec_error(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    progress_clear();
    fprintf(stderr, "hive-sim: error: %s '%s': %s\n%s", cur->from, cur->spec, msg, GRAMMAR);
    fflush(stdout);
    exit(EXIT_BAD_INPUT);
}

static uint64_t spec_number(const char *what, const char *s)
{
    uint64_t v;
    if (!parse_u64(s, &v))
        spec_error("%s '%s' is not a number", what, s);
    return v;
}

/* ---- symbols ------------------------------------------------------------------------------ */

static struct elf_file cell_syms[SIM_NODES];
static int have_syms[SIM_NODES];

static void load_symbols(const struct options *o)
{
    memset(have_syms, 0, sizeof have_syms);
    if (g_m.elf_mode && g_m.elf.buf && g_m.elf.symtab) {
        cell_syms[0] = g_m.elf;
        have_syms[0] = 1;
    }
    for (int i = 0; i < o->nsymbols; i++) {
        int k = o->symbols[i].cell;
        if (k >= g_m.ncells)
            bad_input("--symbols %d=%s: there are only %d cells", k, o->symbols[i].file,
                      g_m.ncells);
        size_t len;
        uint8_t *buf = read_file(o->symbols[i].file, &len, "--symbols");
        elf_parse(o->symbols[i].file, buf, len, &cell_syms[k]);
        if (!cell_syms[k].symtab)
            bad_input("--symbols %d=%s: the ELF has no symbol table", k, o->symbols[i].file);
        have_syms[k] = 1;
    }
}

static uint32_t cells_with_symbols(void)
{
    uint32_t m = 0;
    for (int k = 0; k < g_m.ncells; k++)
        if (have_syms[k])
            m |= 1u << k;
    return m;
}

/* An operand ADDR or SYMBOL[+OFF]: the number, or the symbol and offset. */
struct operand {
    int is_symbol;
    uint64_t value; /* the number, or the offset */
    char sym[128];
};

static void parse_operand(const char *what, const char *s, struct operand *op)
{
    memset(op, 0, sizeof *op);
    if (!*s)
        spec_error("empty %s", what);
    if (*s >= '0' && *s <= '9') {
        op->value = spec_number(what, s);
        return;
    }
    op->is_symbol = 1;
    const char *plus = strrchr(s, '+');
    size_t n = plus ? (size_t)(plus - s) : strlen(s);
    if (plus)
        op->value = spec_number("offset", plus + 1);
    if (n == 0 || n >= sizeof op->sym)
        spec_error("bad symbol in %s '%s'", what, s);
    memcpy(op->sym, s, n);
    op->sym[n] = 0;
}

/* The value (virtual address) of a symbol operand in cell k, plus its offset. */
static uint64_t symbol_value(const struct operand *op, int k)
{
    if (!have_syms[k])
        spec_error("symbol '%s': no symbols for cell %d (give --symbols %d=ELF)", op->sym, k, k);
    uint64_t v;
    if (!elf_symbol(&cell_syms[k], op->sym, &v))
        spec_error("unknown symbol '%s' in '%s' (cell %d)", op->sym, cell_syms[k].path, k);
    return v + op->value;
}

/* An address operand of a memory fault in cell k: to a node and offset of 8 bytes in memory.
 * A symbol goes from its virtual address to its load address (the ELF's segments), then like
 * a number through the cell's remap window or the global windows. */
static void resolve_address(const struct operand *op, int k, int aligned, int *node,
                            uint64_t *off)
{
    uint64_t addr = op->value;
    if (op->is_symbol) {
        uint64_t v = symbol_value(op, k);
        if (!elf_vaddr_to_paddr(&cell_syms[k], v, &addr))
            spec_error("symbol '%s' (0x%llx) lies in no loadable segment of '%s'", op->sym,
                       (unsigned long long)v, cell_syms[k].path);
    }
    if (!boot_translate(k, addr, node, off) || *off + 8 > SIM_NODE_MEM)
        spec_error("address 0x%llx is not in memory: expected the remap window 0x%llx..0x%llx "
                   "or a node's global window 0x%llx + node * 0x%llx (NODE_MEM 0x%llx)",
                   (unsigned long long)addr, (unsigned long long)HIVE_REMAP_BASE,
                   (unsigned long long)(HIVE_REMAP_BASE + SIM_NODE_MEM),
                   (unsigned long long)HIVE_GLOBAL_BASE, (unsigned long long)HIVE_GLOBAL_SIZE,
                   (unsigned long long)SIM_NODE_MEM);
    if (aligned && *off % 8)
        spec_error("address 0x%llx is not 8-byte aligned", (unsigned long long)addr);
}

static int cell_relative(const struct operand *op)
{
    return op->is_symbol ||
           (op->value >= HIVE_REMAP_BASE && op->value - HIVE_REMAP_BASE < SIM_NODE_MEM);
}

/* ---- random cycles -------------------------------------------------------------------------- */

static uint64_t rng_next(void) /* splitmix64 */
{
    uint64_t z = (g_faults.rng += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* ---- parsing one spec ------------------------------------------------------------------------ */

static void split_args(char *s, char **args, int *nargs, int max)
{
    *nargs = 0;
    if (!s)
        return;
    for (;;) {
        if (*nargs == max)
            spec_error("too many arguments");
        args[(*nargs)++] = s;
        char *comma = strchr(s, ',');
        if (!comma)
            break;
        *comma = 0;
        s = comma + 1;
    }
}

static int parse_cell(const char *s)
{
    uint64_t k = spec_number("cell", s);
    if (k >= (uint64_t)g_m.ncells)
        spec_error("no cell %llu (the machine runs %d cell%s)", (unsigned long long)k,
                   g_m.ncells, g_m.ncells > 1 ? "s" : "");
    return (int)k;
}

static int parse_node(const char *s)
{
    uint64_t n = spec_number("node", s);
    if (n >= SIM_NODES)
        spec_error("no node %s (NODES=%d)", s, SIM_NODES);
    return (int)n;
}

static int parse_bit(const char *s)   /* of a 64-bit word */
{
    uint64_t bit = spec_number("bit", s);
    if (bit > 63)
        spec_error("bit %llu: must be 0..63", (unsigned long long)bit);
    return (int)bit;
}

static int parse_hart(const char *s)
{
    uint64_t h = spec_number("hart", s);
    if (h >= SIM_HARTS)
        spec_error("no hart %s (%d hart%s)", s, SIM_HARTS, SIM_HARTS > 1 ? "s" : "");
    return (int)h;
}

static void parse_spec(const struct inject_opt *in, struct fault *f, uint64_t max,
                       uint64_t now)
{
    cur = in;
    memset(f, 0, sizeof *f);
    f->cell = -1;
    snprintf(f->spec, sizeof f->spec, "%s", in->spec);
    if (strlen(in->spec) >= sizeof f->spec)
        spec_error("longer than %zu characters", sizeof f->spec - 1);
    char text[sizeof f->spec];
    snprintf(text, sizeof text, "%s", in->spec);

    char *at = strchr(text, '@');
    if (!at)
        spec_error("no '@TRIGGER'");
    *at = 0;
    char *trig = at + 1;
    char *colon = strchr(text, ':');
    if (colon)
        *colon = 0;
    f->kind = -1;
    for (int i = 0; i < NKINDS; i++)
        if (strcmp(text, KIND_NAMES[i]) == 0)
            f->kind = i;
    if (f->kind < 0)
        spec_error("unknown fault kind '%s'", text);
    char *args[4];
    int nargs;
    split_args(colon ? colon + 1 : NULL, args, &nargs, 4);
    if (nargs != KIND_ARGS[f->kind])
        spec_error("%s takes %d argument%s, got %d", KIND_NAMES[f->kind], KIND_ARGS[f->kind],
                   KIND_ARGS[f->kind] > 1 ? "s" : "", nargs);

    /* TRIGGER [/CELL] */
    char *slash = strrchr(trig, '/');
    if (slash) {
        *slash = 0;
        f->cell = parse_cell(slash + 1);
    }
    struct operand pc_op;
    memset(&pc_op, 0, sizeof pc_op);
    if (strncmp(trig, "pc=", 3) == 0) {
        f->trigger = TRIG_PC;
        parse_operand("pc", trig + 3, &pc_op);
    } else if (strncmp(trig, "rand=", 5) == 0) {
        f->trigger = TRIG_RAND;
        char *c = strchr(trig + 5, ':');
        if (!c)
            spec_error("rand=A:B expected, got '%s'", trig);
        *c = 0;
        f->rand_from = spec_number("rand window start", trig + 5);
        f->rand_to = spec_number("rand window end", c + 1);
        if (f->rand_to <= f->rand_from)
            spec_error("rand=A:B needs A < B");
        if (f->rand_to > max)
            spec_error("rand window end %llu is beyond --max-cycles %llu",
                       (unsigned long long)f->rand_to, (unsigned long long)max);
        if (f->rand_from < now)
            spec_error("rand window start %llu is before the checkpoint's cycle %llu",
                       (unsigned long long)f->rand_from, (unsigned long long)now);
    } else {
        f->trigger = TRIG_CYCLE;
        if (!*trig)
            spec_error("empty trigger");
        f->at = spec_number("cycle", trig);
        if (f->at >= max)
            spec_error("cycle %llu is beyond --max-cycles %llu (the run ends first)",
                       (unsigned long long)f->at, (unsigned long long)max);
        if (f->at < now)
            spec_error("cycle %llu is before the checkpoint's cycle %llu",
                       (unsigned long long)f->at, (unsigned long long)now);
    }

    /* Arguments of the kind. */
    struct operand addr;
    memset(&addr, 0, sizeof addr);
    switch (f->kind) {
    case FAULT_NODE_FAIL:
        f->node = parse_node(args[0]);
        break;
    case FAULT_CORE_HALT:
        f->hart = parse_hart(args[0]);
        break;
    case FAULT_MEM_FLIP:
        parse_operand("address", args[0], &addr);
        f->bit = parse_bit(args[1]);
        break;
    case FAULT_KERNEL_WORD:
        parse_operand("word", args[0], &addr);
        f->value = spec_number("value", args[1]);
        break;
    case FAULT_CACHE_FLIP:
        f->hart = parse_hart(args[0]);
        parse_operand("address", args[1], &addr);
        f->bit = parse_bit(args[2]);
        break;
    case FAULT_WILD_WRITE:
        f->node = parse_node(args[0]);
        parse_operand("address", args[1], &addr);
        f->value = spec_number("value", args[2]);
        break;
    case FAULT_FW_CLEAR:
        if (!SIM_FIREWALL)
            spec_error("this model has no firewall vectors to clear (built with FIREWALL=0)");
        parse_operand("address", args[0], &addr);
        f->hart = parse_hart(args[1]);
        break;
    default: { /* SIPS faults */
        f->node = parse_node(args[0]);
        f->to = parse_node(args[1]);
        if (f->to == f->node)
            spec_error("node %d sends no SIPS message to itself over the network", f->node);
        if (f->kind == FAULT_SIPS_DELAY) {
            f->value = spec_number("cycles", args[2]);
            if (f->value < 1 || f->value > UINT32_MAX)
                spec_error("cycles %llu: must be 1..4294967295", (unsigned long long)f->value);
        }
        break;
    }
    }

    /* Cells: which ones the trigger and the operands name. */
    int memory = f->kind == FAULT_MEM_FLIP || f->kind == FAULT_KERNEL_WORD ||
                 f->kind == FAULT_CACHE_FLIP || f->kind == FAULT_WILD_WRITE ||
                 f->kind == FAULT_FW_CLEAR;
    int aligned = f->kind == FAULT_CACHE_FLIP || f->kind == FAULT_WILD_WRITE;
    int uses_symbols = (memory && addr.is_symbol) || pc_op.is_symbol;
    f->per_cell = f->trigger == TRIG_PC || (memory && cell_relative(&addr));
    uint32_t all = (uint32_t)((1ULL << g_m.ncells) - 1);
    if (f->cell >= 0)
        f->cells = 1u << f->cell;
    else if (uses_symbols)
        f->cells = cells_with_symbols();
    else
        f->cells = all;
    if (uses_symbols && !f->cells)
        spec_error("symbol '%s': no cell has symbols (give --symbols CELL=ELF)",
                   addr.is_symbol ? addr.sym : pc_op.sym);
    if (!f->per_cell) {
        f->cells = 1; /* applied once: the record's cell is -1 */
        if (memory)
            resolve_address(&addr, 0, aligned, &f->tnode[0], &f->toff[0]);
        return;
    }
    for (int k = 0; k < g_m.ncells; k++) {
        if (!(f->cells >> k & 1))
            continue;
        if (memory)
            resolve_address(&addr, k, aligned, &f->tnode[k], &f->toff[k]);
        if (f->trigger == TRIG_PC)
            f->pc[k] = pc_op.is_symbol ? symbol_value(&pc_op, k) : pc_op.value;
    }
}

/* ---- scheduling ------------------------------------------------------------------------------ */

/* Inserts a firing in cycle order (after those of the same cycle: specs apply in order). */
static void schedule(uint64_t cycle, int fault, int cell)
{
    struct fault_state *s = &g_faults;
    int i = s->ndue;
    while (i > 0 && s->due[i - 1].cycle > cycle) {
        s->due[i] = s->due[i - 1];
        i--;
    }
    s->due[i].cycle = cycle;
    s->due[i].fault = fault;
    s->due[i].cell = cell;
    s->ndue++;
}

static void arm(int i)
{
    struct fault *f = &g_faults.f[i];
    if (f->trigger == TRIG_PC) {
        for (int k = 0; k < g_m.ncells; k++)
            if (f->cells >> k & 1) {
                struct pc_watch *w = &g_faults.watch[g_faults.nwatch++];
                w->pc = f->pc[k];
                w->fault = i;
                w->cell = k;
            }
        return;
    }
    if (!f->per_cell) {
        schedule(f->at, i, -1);
        return;
    }
    for (int k = 0; k < g_m.ncells; k++)
        if (f->cells >> k & 1)
            schedule(f->at, i, k);
}

void faults_setup(const struct options *o, int restored, uint64_t now)
{
    uint64_t max = o->max_cycles ? o->max_cycles : UINT64_MAX;
    int dropped = 0;
    load_symbols(o);
    if (!restored) {
        memset(&g_faults, 0, sizeof g_faults);
        g_faults.rng = o->seed;
    } else {
        /* Faults of the checkpoint still pending must fit the (new) bound. */
        for (int i = 0; i < g_faults.ndue; i++)
            if (g_faults.due[i].cycle >= max && !(o->given & GIVEN_INJECT))
                bad_input("the checkpoint's fault '%s' is due at cycle %llu, beyond --max-cycles "
                          "%llu", g_faults.f[g_faults.due[i].fault].spec,
                          (unsigned long long)g_faults.due[i].cycle, (unsigned long long)max);
        /* New specs draw from the seed as a fresh run does: a fork's random cycles depend on
         * its seed and specs only. */
        if (o->given & (GIVEN_SEED | GIVEN_INJECT))
            g_faults.rng = o->seed;
        if (!(o->given & GIVEN_INJECT))
            return;
        /* New specs replace every application still pending; faults already applied stay
         * (their records belong to the run's history) but fire no more. */
        int kept = 0, moved[MAX_FAULTS];
        for (int i = 0; i < g_faults.n; i++)
            if (g_faults.f[i].nevents) {
                moved[i] = kept;
                g_faults.f[kept++] = g_faults.f[i];
            }
        for (int i = 0; i < g_faults.nww; i++) /* wild writes applied, not yet done */
            g_faults.ww[i].fault = moved[g_faults.ww[i].fault];
        dropped = g_faults.ndue + g_faults.nwatch;
        g_faults.n = kept;
        g_faults.ndue = 0;
        g_faults.nwatch = 0;
    }
    if (g_faults.n + o->ninjects > MAX_FAULTS)
        bad_input("too many faults (at most %d)", MAX_FAULTS);
    for (int i = 0; i < o->ninjects; i++) {
        struct fault *f = &g_faults.f[g_faults.n];
        parse_spec(&o->injects[i], f, max, now);
        if (f->trigger == TRIG_RAND) /* drawn in spec order: a pure function of the seed */
            f->at = f->rand_from +
                    (uint64_t)(((unsigned __int128)rng_next() * (f->rand_to - f->rand_from)) >> 64);
        arm(g_faults.n++);
    }
    if (dropped)
        note("--restore with new faults: %d pending application%s of the checkpoint's faults "
             "dropped", dropped, dropped > 1 ? "s" : "");
}

/* ---- applying ---------------------------------------------------------------------------------- */

static int ww_issue(void);

static uint64_t global_address(int node, uint64_t off)
{
    return HIVE_GLOBAL_BASE + (uint64_t)node * HIVE_GLOBAL_SIZE + off;
}

static void hit(int node)
{
    g_m.cells[g_m.node_cell[node]].hit_by_fault = 1;
}

static int apply(int i, int cell, uint64_t cycle)
{
    struct fault *f = &g_faults.f[i];
    int t = cell >= 0 ? cell : 0;
    int flipped = 0;
    if (f->kind == FAULT_CACHE_FLIP) {
        flipped = cache_flip(f->hart, global_address(f->tnode[t], f->toff[t]), f->bit);
        if (flipped < 0) { /* after the cycle's access (the due list takes it, in order) */
            schedule(cycle + 1, i, cell);
            return 0;
        }
    }
    struct fault_event *e = &f->events[f->nevents < SIM_NODES ? f->nevents++ : SIM_NODES - 1];
    e->cycle = cycle;
    e->cell = cell;
    e->node = -1;
    e->node2 = -1;
    e->result = -1;
    e->off = 0;
    int ports = 0;
    switch (f->kind) {
    case FAULT_NODE_FAIL:
        e->node = f->node;
        g_faults.node_fail |= 1ULL << f->node;
        hit(f->node);
        ports = 1;
        note("cycle %llu: node %d fails (cell %d)", (unsigned long long)cycle, f->node,
             g_m.node_cell[f->node]);
        break;
    case FAULT_CORE_HALT:
        e->node = f->hart / SIM_CORES_PER_NODE;
        g_faults.core_halt |= 1ULL << f->hart;
        hit(e->node);
        ports = 1;
        note("cycle %llu: hart %d halts (cell %d)", (unsigned long long)cycle, f->hart,
             g_m.node_cell[e->node]);
        break;
    case FAULT_MEM_FLIP:
    case FAULT_KERNEL_WORD: {
        e->node = f->tnode[t];
        e->off = f->toff[t];
        uint64_t w;
        mem_peek(e->node, e->off, &w, 8);
        uint64_t old = w;
        if (f->kind == FAULT_MEM_FLIP)
            w ^= 1ULL << f->bit;
        else
            w = f->value;
        mem_poke(e->node, e->off, &w, 8);
        hit(e->node);
        note("cycle %llu: %s at node %d offset 0x%llx: 0x%016llx -> 0x%016llx (cell %d)",
             (unsigned long long)cycle, KIND_NAMES[f->kind], e->node,
             (unsigned long long)e->off, (unsigned long long)old, (unsigned long long)w,
             g_m.node_cell[e->node]);
        break;
    }
    case FAULT_CACHE_FLIP: {
        e->node = f->tnode[t];
        e->off = f->toff[t];
        e->node2 = f->hart / SIM_CORES_PER_NODE;
        uint64_t a = global_address(e->node, e->off);
        e->result = flipped;
        hit(e->node);
        hit(e->node2);
        if (e->result)
            note("cycle %llu: cache-flip: bit %d of 0x%llx in hart %d's L1 D-cache (cell %d)",
                 (unsigned long long)cycle, f->bit, (unsigned long long)a, f->hart,
                 g_m.node_cell[e->node2]);
        else
            note("cycle %llu: cache-flip: 0x%llx is not in hart %d's L1 D-cache: no effect",
                 (unsigned long long)cycle, (unsigned long long)a, f->hart);
        break;
    }
    case FAULT_WILD_WRITE: {
        e->node = f->tnode[t];
        e->off = f->toff[t];
        e->node2 = f->node;
        hit(e->node);
        hit(e->node2);
        struct fault_state *s = &g_faults;
        struct ww_entry *w = &s->ww[s->nww++];
        w->fault = i;
        w->event = (int)(e - f->events);
        w->node = f->node;
        w->addr = global_address(e->node, e->off);
        w->value = f->value;
        ports = ww_issue();
        break;
    }
    case FAULT_FW_CLEAR:
        e->node = f->tnode[t];
        e->off = f->toff[t];
        e->node2 = f->hart / SIM_CORES_PER_NODE;
        e->result = fw_clear(e->node, e->off / HIVE_PAGE_BYTES, f->hart);
        hit(e->node);
        hit(e->node2);
        note("cycle %llu: fw-clear: hart %d may no longer write page 0x%llx of node %d%s",
             (unsigned long long)cycle, f->hart,
             (unsigned long long)(global_address(e->node, e->off) & ~(HIVE_PAGE_BYTES - 1)),
             e->node, e->result ? "" : " (it could not before either)");
        break;
    default: /* SIPS faults: the receiver's port is armed for the next message */
        e->node = f->node;
        e->node2 = f->to;
        hit(e->node);
        hit(e->node2);
        g_faults.pulse |= PULSE_SIPS;
        g_faults.sips_from = f->node;
        g_faults.sips_to = f->to;
        g_faults.sips_delay = (uint32_t)(f->kind == FAULT_SIPS_DELAY ? f->value : 0);
        ports = 1;
        note("cycle %llu: %s: the next SIPS message from node %d to node %d%s", (unsigned long long)cycle,
             KIND_NAMES[f->kind], f->node, f->to,
             f->kind == FAULT_SIPS_DROP ? " is dropped" : " is delayed");
        break;
    }
    return ports;
}

/* The oldest wild write goes on the port unless one is there already. */
static int ww_issue(void)
{
    struct fault_state *s = &g_faults;
    if (!s->nww || s->ww_issued)
        return 0;
    s->ww_issued = 1;
    s->pulse |= PULSE_WW;
    return 1;
}

int faults_ww_done(int denied, uint64_t cycle)
{
    struct fault_state *s = &g_faults;
    const struct ww_entry *w = &s->ww[0];
    struct fault_event *e = &s->f[w->fault].events[w->event];
    /* a failed home's controller answers the port without writing (fail-stop) */
    int home_failed = (int)(s->node_fail >> e->node & 1);
    e->result = !denied && !home_failed;
    note("cycle %llu: wild-write on behalf of node %d at 0x%llx: %s", (unsigned long long)cycle,
         w->node, (unsigned long long)w->addr,
         denied ? "denied by the home's firewall"
                : home_failed ? "dropped: its home node has failed" : "written");
    memmove(s->ww, s->ww + 1, (size_t)--s->nww * sizeof s->ww[0]);
    s->ww_issued = 0;
    return ww_issue();
}

int faults_apply_due(uint64_t cycle)
{
    struct fault_state *s = &g_faults;
    int ports = 0, n = 0;
    while (n < s->ndue && s->due[n].cycle <= cycle) {
        ports |= apply(s->due[n].fault, s->due[n].cell, cycle);
        n++;
    }
    if (n) {
        memmove(s->due, s->due + n, (size_t)(s->ndue - n) * sizeof *s->due);
        s->ndue -= n;
    }
    return ports;
}

void faults_retired(int hart, uint64_t pc, uint64_t cycle)
{
    struct fault_state *s = &g_faults;
    int cell = g_m.node_cell[hart / SIM_CORES_PER_NODE];
    for (int i = 0; i < s->nwatch; i++) {
        struct pc_watch *w = &s->watch[i];
        if (w->pc != pc || w->cell != cell)
            continue;
        schedule(cycle + 1, w->fault, cell);
        s->watch[i--] = s->watch[--s->nwatch]; /* fires once in each cell */
    }
}

/* ---- checkpoints -------------------------------------------------------------------------------- */

void faults_save(struct wbuf *b)
{
    const struct fault_state *s = &g_faults;
    wb_u64(b, s->rng);
    wb_u64(b, s->node_fail);
    wb_u64(b, s->core_halt);
    wb_u64(b, (uint64_t)s->n);
    wb_put(b, s->f, (size_t)s->n * sizeof s->f[0]);
    wb_u64(b, (uint64_t)s->ndue);
    wb_put(b, s->due, (size_t)s->ndue * sizeof s->due[0]);
    wb_u64(b, (uint64_t)s->nwatch);
    wb_put(b, s->watch, (size_t)s->nwatch * sizeof s->watch[0]);
    wb_u64(b, (uint64_t)s->nww);
    wb_put(b, s->ww, (size_t)s->nww * sizeof s->ww[0]);
    wb_u64(b, (uint64_t)s->ww_issued);
}

int faults_restore(struct rbuf *b)
{
    struct fault_state *s = &g_faults;
    memset(s, 0, sizeof *s);
    s->rng = rb_u64(b);
    s->node_fail = rb_u64(b);
    s->core_halt = rb_u64(b);
    uint64_t n = rb_u64(b);
    if (b->bad || n > MAX_FAULTS)
        return 0;
    s->n = (int)n;
    rb_get(b, s->f, (size_t)s->n * sizeof s->f[0]);
    n = rb_u64(b);
    if (b->bad || n > MAX_FAULTS * SIM_NODES)
        return 0;
    s->ndue = (int)n;
    rb_get(b, s->due, (size_t)s->ndue * sizeof s->due[0]);
    n = rb_u64(b);
    if (b->bad || n > MAX_FAULTS * SIM_NODES)
        return 0;
    s->nwatch = (int)n;
    rb_get(b, s->watch, (size_t)s->nwatch * sizeof s->watch[0]);
    n = rb_u64(b);
    if (b->bad || n > MAX_FAULTS * SIM_NODES)
        return 0;
    s->nww = (int)n;
    rb_get(b, s->ww, (size_t)s->nww * sizeof s->ww[0]);
    s->ww_issued = (int)rb_u64(b);
    return !b->bad;
}
