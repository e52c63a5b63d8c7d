/* hive-sim: the Verilated Hive SoC with its harness (docs/harness.md).
 *
 * This file owns the model: reset and ROM load, the cycle loop, the ports (memory, UART,
 * finishers, faults, counters) and the end of the run (exit status, summary, stats). The
 * cycle loop reads only the valid bits of the outputs; wide signals are touched only when one
 * is set, and everything that happens at a known cycle (faults, trace window, bound, progress)
 * is folded into one "next event" comparison.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <type_traits>

#include "verilated.h"
#include "Vhive_soc.h"
#include "Vhive_soc___024root.h"
#include "hive_sim.h"
#include "checkpoint.h"
#include "trace.h"

/* ---- ports --------------------------------------------------------------------------------
 * Verilator gives a port of up to 8/16/32/64 bits as CData/SData/IData/QData and a wider one
 * as VlWide<words>; which one depends on the shape, so the accessors are overloaded. */

static inline uint64_t low_mask(unsigned w)
{
    return w >= 64 ? ~0ULL : (1ULL << w) - 1;
}

template <typename T>
static inline typename std::enable_if<std::is_integral<T>::value, uint64_t>::type
port_bits(T v, unsigned lsb, unsigned w)
{
    return ((uint64_t)v >> lsb) & low_mask(w);
}

template <std::size_t N>
static inline uint64_t port_bits(const VlWide<N> &v, unsigned lsb, unsigned w)
{
    unsigned i = lsb >> 5, sh = lsb & 31;
    uint64_t r = (uint64_t)v.m_storage[i] >> sh;
    if (i + 1 < N)
        r |= (uint64_t)v.m_storage[i + 1] << (32 - sh);
    if (sh && i + 2 < N)
        r |= (uint64_t)v.m_storage[i + 2] << (64 - sh);
    return r & low_mask(w);
}

/* 64-byte line i of a NODES*512-bit port, as 16 little-endian words. */
template <std::size_t N>
static inline uint32_t *port_line(VlWide<N> &v, int i)
{
    static_assert(N % SIM_LINE_WORDS == 0, "a line port is a multiple of 512 bits");
    return &v.m_storage[i * SIM_LINE_WORDS];
}

/* An input port of up to 64 bits (Verilator's ports are references to the model's members). */
template <typename T>
static inline void port_set(T &v, uint64_t x)
{
    v = (T)x;
}

/* Byte i of a NODES*8-bit port. */
template <typename T>
static inline typename std::enable_if<std::is_integral<T>::value>::type
port_set_byte(T &v, int i, uint8_t b)
{
    v = (T)((v & ~((T)0xff << (8 * i))) | ((T)b << (8 * i)));
}

template <std::size_t N>
static inline void port_set_byte(VlWide<N> &v, int i, uint8_t b)
{
    uint32_t &w = v.m_storage[i >> 2];
    w = (w & ~(0xffu << (8 * (i & 3)))) | ((uint32_t)b << (8 * (i & 3)));
}

template <typename T>
static inline void port_zero(T &v)
{
    memset(&v, 0, sizeof v);
}

/* ---- state ------------------------------------------------------------------------------- */

/* The trace's time axis: run cycle c is at time 2 * (RESET_CYCLES + c), clk rises at +1. */
enum { ROM_WORDS = HIVE_BOOTROM_SIZE / 8, RESET_CYCLES = SIM_RESET_CYCLES };
static_assert(RESET_CYCLES > ROM_WORDS, "reset outlasts the ROM load");

enum stop { RUNNING, STOP_MFINISH, STOP_CELLS, STOP_MAX_CYCLES, STOP_INTERRUPT, STOP_RTL,
            STOP_CHECK };

static VerilatedContext *ctx;
static Vhive_soc *top;
static struct options opt;
const struct options *g_opt = &opt;
static volatile sig_atomic_t interrupted;
static uint32_t mfinish_value;
static int cin_node = -1; /* --console-in: the node whose UART receives standard input */
enum { CIN_POLL_CYCLES = 1024 };

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- finishers and faults ---------------------------------------------------------------- */

static void cell_finish(int k, int state, uint32_t code, uint64_t cycle, int node)
{
    struct cell *c = &g_m.cells[k];
    if (c->state != CELL_RUNNING)
        return;
    c->state = state;
    c->code = code;
    c->finish_cycle = cycle;
    c->finisher_node = node;
    g_run.cells_running--;
    static const char *names[] = {"running", "pass", "fail", "reset", "stopped"};
    if (state == CELL_FAIL)
        note("cell %d finished at cycle %llu: fail, code %u", k, (unsigned long long)cycle, code);
    else
        note("cell %d finished at cycle %llu: %s", k, (unsigned long long)cycle, names[state]);
}

/* sifive,test0: low 16 bits say what, the high 16 bits are a fail code. Returns the cell
 * state, or CELL_RUNNING for a value the device ignores. */
static int finisher_state(uint32_t v)
{
    switch (v & 0xffff) {
    case HIVE_FINISH_PASS: return CELL_PASS;
    case HIVE_FINISH_FAIL: return CELL_FAIL;
    case HIVE_FINISH_RESET: return CELL_RESET;
    default: return CELL_RUNNING;
    }
}

static void cell_finisher_write(int node, uint32_t v, uint64_t cycle)
{
    int state = finisher_state(v);
    if (state == CELL_RUNNING) {
        if (!g_run.warned_finish_value++)
            note("node %d: cell finisher written with 0x%x (ignored, as sifive,test0 does)",
                 node, v);
        return;
    }
    cell_finish(g_m.node_cell[node], state, v >> 16, cycle, node);
}

/* ---- coherence counters -------------------------------------------------------------------
 * Field F of node n's slice of a statistics port, by the generated layout L (STAT_NODE or
 * STAT_SIPS, regs/hive_regs.py). They are running counters, read at the end, but for
 * STAT_NODE_L1_PROTO: the node's L1 protocol errors of this cycle, which the loop adds up. */
#define STAT_FIELD(PORT, L, n, F)                                                              \
    port_bits(top->PORT, (unsigned)(HIVE_##L##_BITS * (n) + HIVE_##L##_##F),                   \
              (unsigned)HIVE_##L##_##F##_BITS)

static void l1_proto_error(int node, uint64_t count, uint64_t cycle)
{
    if (!g_run.l1_proto[node]) {
        g_run.l1_proto_first[node] = cycle;
        error_msg("cycle %llu: node %d: L1 protocol error (a forward the protocol table says "
                  "cannot happen)", (unsigned long long)cycle, node);
    }
    g_run.l1_proto[node] += count;
}

/* The fault-control ports follow g_faults; a cell whose harts have all stopped (failed nodes,
 * halted cores) has finished. */
static void fault_ports(uint64_t cycle)
{
    port_set(top->fault_node_fail, g_faults.node_fail);
    port_set(top->fault_core_halt, g_faults.core_halt);
    if (g_faults.pulse & PULSE_WW) {
        const struct ww_entry *w = &g_faults.ww[0];
        top->fault_ww_valid = 1;
        top->fault_ww_node = (CData)w->node;
        top->fault_ww_addr = w->addr;
        top->fault_ww_data = w->value;
    }
    if (g_faults.pulse & PULSE_SIPS) {
        top->fault_sips_arm = 1;
        top->fault_sips_from = (CData)g_faults.sips_from;
        top->fault_sips_to = (CData)g_faults.sips_to;
        top->fault_sips_delay = g_faults.sips_delay;
    }
    for (int k = 0; k < g_m.ncells; k++) {
        const struct cell *c = &g_m.cells[k];
        if (c->state != CELL_RUNNING)
            continue;
        int alive = 0;
        for (int n = c->first_node; n < c->first_node + c->nnodes; n++)
            for (int h = n * SIM_CORES_PER_NODE; h < (n + 1) * SIM_CORES_PER_NODE; h++)
                alive |= !(g_faults.node_fail >> n & 1) && !(g_faults.core_halt >> h & 1);
        if (!alive)
            cell_finish(k, CELL_STOPPED, 0, cycle, -1);
    }
}

/* The commands of the fault-control port are one-cycle pulses, taken at the edge that ends the
 * cycle they were set in. */
static void fault_pulses_end(void)
{
    top->fault_ww_valid = 0;
    top->fault_sips_arm = 0;
    g_faults.pulse = 0;
}

/* cache-flip pokes the L1 D-cache's arrays, which sim/poke.vlt keeps readable in every model
 * (check_caches.h lists the shape's caches). Values computed from a line in the cycle's
 * combinational logic are not re-evaluated after a poke, so the poke waits for a cycle in
 * which the cache serves no access. */
template <typename V, typename T, typename D>
static int flip_in_line(CData req, V &valid, T &tags, D &data, uint64_t addr, int bit)
{
    const uint64_t lines = sizeof valid * 8, line = addr >> 6, idx = line % lines;
    if (req)
        return -1;
    if (!port_bits(valid, (unsigned)idx, 1) || tags[idx] != line / lines)
        return 0;
    unsigned b = (unsigned)(addr & 63) * 8 + (unsigned)bit;
    data[idx].m_storage[b / 32] ^= 1u << (b % 32);
    return 1;
}

int cache_flip(int hart, uint64_t addr, int bit)
{
    Vhive_soc___024root *r = top->rootp;
#define CHECK_CACHE(N, C, I, P)                                                                \
    if (!(I) && (N) * SIM_CORES_PER_NODE + (C) == hart)                                        \
        return flip_in_line(r->P##req, r->P##valid, r->P##tags, r->P##data, addr, bit);
#define CHECK_HOME(N, P) /* the homes' signals are readable only in -check models */
#define CHECK_FW(N, P)
#include "check_caches.h"
#undef CHECK_FW
#undef CHECK_HOME
#undef CHECK_CACHE
    return 0;
}

/* fw-clear pokes a firewall's vector array (sim/poke.vlt). The home's check reads it
 * combinationally; what it computed in the cycle of the poke stands until the next edge, so the
 * cleared bit counts from the cycle after (docs/harness.md). */
template <typename V>
static int clear_vec_bit(V &v, uint64_t page, int hart)
{
    int was = (int)(v[page] >> hart & 1);
    v[page] &= (typename std::remove_reference<decltype(v[page])>::type) ~(1ULL << hart);
    return was;
}

int fw_clear(int node, uint64_t page, int hart)
{
    Vhive_soc___024root *r = top->rootp;
    (void)r; /* a -nofw model has no CHECK_FW line (fault.cpp refuses fw-clear there) */
#define CHECK_CACHE(N, C, I, P)
#define CHECK_HOME(N, P)
#define CHECK_FW(N, P)                                                                         \
    if ((N) == node)                                                                           \
        return clear_vec_bit(r->P##v, page, hart);
#include "check_caches.h"
#undef CHECK_FW
#undef CHECK_HOME
#undef CHECK_CACHE
    return 0;
}

/* What the software's trace-control register (CTRL_TRACE) allows: everything until some node
 * writes it, then while some node's bit is set. */
static int trace_sw_allows(void)
{
    return !top->trace_sw || top->trace_on;
}

/* ---- reset and ROM load ------------------------------------------------------------------ */

static void reset_and_load_rom(void)
{
    top->clk = 0;
    top->rst = 1;
    top->cfg_elf_mode = g_m.elf_mode;
    top->mem_req_ready = (uint32_t)((1ULL << SIM_NODES) - 1); /* never stalls (MEM_NEVER_STALLS) */
    top->mem_resp_valid = 0;
    port_zero(top->mem_resp_rdata);
    top->uart_tx_ready = (uint32_t)((1ULL << SIM_NODES) - 1); /* the console takes every byte */
    top->uart_rx_valid = 0;
    port_zero(top->uart_rx_data);
    top->fault_node_fail = 0;
    top->fault_core_halt = 0;
    fault_pulses_end();
    top->rom_we = 0;
    top->rom_addr = 0;
    top->rom_wdata = 0;
    top->eval();
    for (uint64_t t = 0; t < RESET_CYCLES; t++) {
        top->rom_we = t < ROM_WORDS;
        top->rom_addr = (uint32_t)(t < ROM_WORDS ? t : 0);
        top->rom_wdata = t < ROM_WORDS ? g_m.rom[t] : 0;
        top->clk = 0;
        top->eval();
        trace_dump(2 * t);
        top->clk = 1;
        top->eval();
        trace_dump(2 * t + 1);
    }
    top->rom_we = 0;
    top->rom_addr = 0;
    top->rom_wdata = 0;
    top->rst = 0;
}

/* ---- the run ----------------------------------------------------------------------------- */

static int progress_on;
static double run_start;

static uint64_t run_start_cycle; /* the cycle this process started at (a restore: later) */

static void show_progress(uint64_t cycle)
{
    double dt = now_seconds() - run_start;
    char line[160];
    snprintf(line, sizeof line, "hive-sim: cycle %llu, %.1f kHz, %d of %d cells running",
             (unsigned long long)cycle,
             dt > 0 ? (double)(cycle - run_start_cycle) / dt / 1000.0 : 0.0,
             g_run.cells_running, g_m.ncells);
    progress_show(line);
}

static enum stop run(uint64_t *cycles_out)
{
    const uint64_t max = opt.max_cycles ? opt.max_cycles : UINT64_MAX;
    uint64_t c = g_run.cycle;
    int next_save = 0;
    int trace_state = 0; /* 0: before the window, 1: in it, 2: after it */
    /* The trace records the cycles that both the window and the register allow. */
    int trace_sw_ok = trace_sw_allows();
    uint64_t next_progress = progress_on ? c + 4096 : UINT64_MAX;
    uint64_t next_cin = cin_node >= 0 ? c : UINT64_MAX;
    double last_progress = run_start;
    /* Both follow from the state (so a restored run picks them up): the earliest read
     * response due, and the responses driven in the last cycle. */
    uint64_t next_due = mem_next_due();
    uint32_t resp_driven = (uint32_t)top->mem_resp_valid;
    enum stop stop = RUNNING;

    if (opt.trace && opt.trace_window)
        trace_state = c < opt.trace_from ? 0 : c < opt.trace_to ? 1 : 2;
    else if (opt.trace)
        trace_state = 1;
    trace_record(trace_state == 1 && trace_sw_ok);

    for (;;) {
        /* Everything tied to a cycle number. */
        uint64_t next_event = max;
        if (faults_next_cycle() < next_event)
            next_event = faults_next_cycle();
        if (next_save < opt.nsaves && opt.saves[next_save].cycle < next_event)
            next_event = opt.saves[next_save].cycle;
        if (opt.trace && opt.trace_window && trace_state < 2) {
            uint64_t at = trace_state == 0 ? opt.trace_from : opt.trace_to;
            if (at < next_event)
                next_event = at;
        }
        if (next_progress < next_event)
            next_event = next_progress;
        if (next_cin < next_event)
            next_event = next_cin;
        if (c >= next_event) {
            /* A checkpoint holds the state at the start of cycle c, before anything of c. */
            while (next_save < opt.nsaves && opt.saves[next_save].cycle <= c) {
                g_run.cycle = c;
                checkpoint_save(top, opt.saves[next_save++].file);
            }
            if (c >= max) {
                stop = STOP_MAX_CYCLES;
                break;
            }
            if (faults_next_cycle() <= c && faults_apply_due(c))
                fault_ports(c);
            if (opt.trace && opt.trace_window) {
                if (trace_state == 0 && c >= opt.trace_from)
                    trace_state = 1, trace_record(trace_sw_ok);
                if (trace_state == 1 && c >= opt.trace_to)
                    trace_state = 2, trace_record(0);
            }
            if (c >= next_progress) {
                next_progress = c + 4096;
                double t = now_seconds();
                if (t - last_progress >= 1.0) {
                    last_progress = t;
                    show_progress(c);
                }
            }
            if (c >= next_cin)
                next_cin = console_in_poll() ? c + CIN_POLL_CYCLES : UINT64_MAX;
            if (g_run.cells_running == 0) { /* every cell stopped through faults */
                stop = STOP_CELLS;
                break;
            }
            continue; /* recompute the next event */
        }
        if (interrupted) {
            stop = STOP_INTERRUPT;
            break;
        }

        /* Inputs of this cycle: read responses that are due, a console byte. */
        if (g_mem_outstanding && c >= next_due) {
            uint32_t mask = 0;
            for (int n = 0; n < SIM_NODES; n++)
                if (mem_pop_due(n, c, port_line(top->mem_resp_rdata, n)))
                    mask |= 1u << n;
            top->mem_resp_valid = mask;
            resp_driven = mask;
            next_due = mem_next_due();
        } else if (resp_driven) {
            top->mem_resp_valid = 0;
            resp_driven = 0;
        }
        uint8_t cin_byte;
        if (cin_node >= 0 && !g_run.cin_offered && console_in_peek(&cin_byte)) {
            port_set(top->uart_rx_valid, 1ULL << cin_node);
            port_set_byte(top->uart_rx_data, cin_node, cin_byte);
            g_run.cin_offered = cin_node + 1;
        }

        top->clk = 0;
        top->eval();
        trace_dump(2 * (RESET_CYCLES + c));
        if (opt.check_coherence && check_cycle(c)) {
            stop = STOP_CHECK;
            break;
        }

        /* Outputs of this cycle, taken at the rising edge that ends it. */
        if (g_faults.ww_issued && !(g_faults.pulse & PULSE_WW) && top->fault_ww_done &&
            faults_ww_done(top->fault_ww_denied, c))
            fault_ports(c);
        uint32_t req = (uint32_t)top->mem_req_valid;
        if (req) {
            uint32_t we = (uint32_t)top->mem_req_we;
            int had = g_mem_outstanding != 0;
            do {
                int n = __builtin_ctz(req);
                uint32_t addr = (uint32_t)port_bits(top->mem_req_addr, 32 * n, 32);
                if (we >> n & 1)
                    mem_write(n, addr, port_line(top->mem_req_wdata, n),
                              port_bits(top->mem_req_wstrb, 64 * n, 64));
                else
                    mem_read(n, c, addr);
                req &= req - 1;
            } while (req);
            if (!had && g_mem_outstanding)
                next_due = mem_next_due();
        }
        uint32_t tx = (uint32_t)top->uart_tx_valid;
        while (tx) {
            int n = __builtin_ctz(tx);
            console_byte(n, (uint8_t)port_bits(top->uart_tx_data, 8 * n, 8), c);
            tx &= tx - 1;
        }
        uint32_t cf = (uint32_t)top->cfinish_valid;
        while (cf) {
            int n = __builtin_ctz(cf);
            cell_finisher_write(n, (uint32_t)port_bits(top->cfinish_data, 32 * n, 32), c);
            cf &= cf - 1;
        }
        if (top->mfinish_valid) {
            uint32_t v = top->mfinish_data;
            if (!g_m.elf_mode) {
                if (!g_run.warned_mfinish++)
                    error_msg("cycle %llu: the machine finisher answered a write (0x%x) in a "
                              "run booted as cells (it must be a bus error); ignored",
                              (unsigned long long)c, v);
            } else if (finisher_state(v) != CELL_RUNNING) {
                mfinish_value = v;
                stop = STOP_MFINISH;
            } else if (!g_run.warned_finish_value++) {
                note("machine finisher written with 0x%x (ignored, as sifive,test0 does)", v);
            }
        }
        if (g_faults.nwatch) { /* pc triggers armed: which instructions retired */
            uint64_t rv = port_bits(top->retire_valid, 0, SIM_HARTS);
            while (rv) {
                int h = __builtin_ctzll(rv);
                faults_retired(h, port_bits(top->retire_pc, 64 * h, 64), c);
                rv &= rv - 1;
            }
        }
        for (int n = 0; n < SIM_NODES; n++) {
            uint64_t pe = STAT_FIELD(stat_node, STAT_NODE, n, L1_PROTO);
            if (pe)
                l1_proto_error(n, pe, c);
        }
        int cin_taken = g_run.cin_offered &&
                        (port_bits(top->uart_rx_ready, 0, SIM_NODES) >> (g_run.cin_offered - 1) & 1);

        top->clk = 1;
        top->eval();
        trace_dump(2 * (RESET_CYCLES + c) + 1);
        if (g_faults.pulse)
            fault_pulses_end();
        if (opt.trace && trace_sw_allows() != trace_sw_ok) {
            trace_sw_ok = !trace_sw_ok;
            trace_record(trace_state == 1 && trace_sw_ok);
        }
        c++;
        if (cin_taken) { /* the receiver took the byte at this edge */
            top->uart_rx_valid = 0;
            g_run.cin_offered = 0;
            console_in_pop();
        }

        if (stop != RUNNING)
            break;
        if (g_run.cells_running == 0) {
            stop = STOP_CELLS;
            break;
        }
        if (ctx->gotFinish()) {
            stop = STOP_RTL;
            break;
        }
    }
    *cycles_out = c;
    g_run.cycle = c;
    return stop;
}

/* ---- the end ----------------------------------------------------------------------------- */

static void finish_result(enum stop stop, struct run_result *r)
{
    switch (stop) {
    case STOP_MFINISH: {
        int state = finisher_state(mfinish_value);
        uint32_t code = mfinish_value >> 16;
        if (state == CELL_PASS) {
            r->status = EXIT_PASS;
            r->reason = "pass";
            snprintf(r->detail, sizeof r->detail, "machine finisher: pass");
        } else if (state == CELL_FAIL) {
            r->status = code >= 1 && code <= 99 ? (int)code : EXIT_FAIL_OTHER;
            r->reason = "fail";
            snprintf(r->detail, sizeof r->detail, "machine finisher: fail, code %u", code);
        } else {
            r->status = EXIT_FAIL_OTHER;
            r->reason = "reset";
            snprintf(r->detail, sizeof r->detail, "machine finisher: reset (counted as a fail)");
        }
        break;
    }
    case STOP_CELLS: {
        /* Cells hit by an injected fault may finish in any way; the others must pass. */
        int passed = 0, hit = 0, failed = 0;
        size_t used = 0;
        for (int k = 0; k < g_m.ncells; k++) {
            const struct cell *c = &g_m.cells[k];
            if (c->hit_by_fault) {
                hit++;
                continue;
            }
            if (c->state == CELL_PASS) {
                passed++;
                continue;
            }
            if (!failed++)
                used = (size_t)snprintf(r->detail, sizeof r->detail, "failed:");
            static const char *names[] = {"running", "pass", "fail", "reset", "stopped"};
            if (used < sizeof r->detail) {
                if (c->state == CELL_FAIL)
                    used += (size_t)snprintf(r->detail + used, sizeof r->detail - used,
                                             "%s cell %d (fail, code %u)", failed > 1 ? "," : "",
                                             k, c->code);
                else
                    used += (size_t)snprintf(r->detail + used, sizeof r->detail - used,
                                             "%s cell %d (%s)", failed > 1 ? "," : "", k,
                                             names[c->state]);
            }
        }
        if (failed) {
            r->status = EXIT_CELL_FAILED;
            r->reason = "cells-fail";
        } else {
            r->status = EXIT_PASS;
            r->reason = "cells-pass";
            snprintf(r->detail, sizeof r->detail, "every cell finished: %d passed, %d hit by a "
                     "fault", passed, hit);
        }
        break;
    }
    case STOP_MAX_CYCLES:
        r->status = EXIT_MAX_CYCLES;
        r->reason = "max-cycles";
        snprintf(r->detail, sizeof r->detail, "--max-cycles %llu reached, %d of %d cells "
                 "running", (unsigned long long)opt.max_cycles, g_run.cells_running, g_m.ncells);
        break;
    case STOP_INTERRUPT:
        r->status = EXIT_INTERRUPTED;
        r->reason = "interrupted";
        snprintf(r->detail, sizeof r->detail, "interrupted (SIGINT)");
        break;
    case STOP_CHECK:
        r->status = EXIT_FAIL_OTHER;
        r->reason = "coherence-check";
        snprintf(r->detail, sizeof r->detail, "coherence check: %s", check_failure());
        break;
    case STOP_RTL:
    default:
        r->status = EXIT_CELL_FAILED;
        r->reason = "rtl-finish";
        snprintf(r->detail, sizeof r->detail, "the RTL executed $finish");
        break;
    }
}

static void read_counters(struct run_result *r)
{
    r->instret = 0;
    for (int h = 0; h < SIM_HARTS; h++) {
        struct hart_stats *s = &r->harts[h];
        s->instret = port_bits(top->stat_instret, 64 * h, 64);
        s->imiss = port_bits(top->stat_imiss, 64 * h, 64);
        s->dmiss = port_bits(top->stat_dmiss, 64 * h, 64);
        s->stall = port_bits(top->stat_stall, 64 * h, 64);
        r->instret += s->instret;
    }
    for (int n = 0; n < SIM_NODES; n++) {
        struct node_stats *s = &r->nodes[n];
        s->requests = STAT_FIELD(stat_node, STAT_NODE, n, REQUESTS);
        s->nacks = STAT_FIELD(stat_node, STAT_NODE, n, NACKS);
        s->evictions = STAT_FIELD(stat_node, STAT_NODE, n, EVICTIONS);
        s->proto_errors = STAT_FIELD(stat_node, STAT_NODE, n, PROTO_ERRORS);
        s->occupancy_max = STAT_FIELD(stat_node, STAT_NODE, n, OCCUPANCY_MAX);
        s->fw_denied = STAT_FIELD(stat_node, STAT_NODE, n, FW_DENIED);
        s->sips_sent = STAT_FIELD(stat_sips, STAT_SIPS, n, SENT);
        s->sips_received = STAT_FIELD(stat_sips, STAT_SIPS, n, RECEIVED);
        s->sips_nacked = STAT_FIELD(stat_sips, STAT_SIPS, n, NACKED);
        s->sips_failed = STAT_FIELD(stat_sips, STAT_SIPS, n, FAILED);
        s->l1_proto_errors = g_run.l1_proto[n];
        s->l1_proto_first = g_run.l1_proto_first[n];
    }
}

int main(int argc, char **argv)
{
    options_parse(argc, argv, &opt);
    if (opt.restore)
        checkpoint_prepare(&opt); /* checks the file and the options, sets up the cells */
    mem_init(opt.mem_latency);
    if (!opt.restore)
        boot_prepare(&opt, argv[0]);
    console_init();
    if (opt.restore)
        checkpoint_restore_harness();
    else
        g_run.cells_running = g_m.ncells;
    faults_setup(&opt, opt.restore != NULL, g_run.cycle);
    if (opt.console_in >= g_m.ncells)
        bad_input("--console-in %d: there are only %d cells", opt.console_in, g_m.ncells);
    if (opt.console_in >= 0) {
        cin_node = g_m.cells[opt.console_in].first_node;
        console_in_open();
    }
    setvbuf(stdout, NULL, _IOLBF, 0);

    ctx = new VerilatedContext;
    ctx->randReset(0); /* deterministic: every unset bit starts at 0 */
    ctx->randSeed(1);
    ctx->fatalOnError(true);
    if (opt.trace)
        trace_enable(ctx);
    top = new Vhive_soc(ctx, "hive_soc");
    if (opt.restore) {
        checkpoint_restore_model(top); /* before tracing: the trace starts from its state */
        if (opt.trace)
            trace_enable(ctx); /* the restored context says whether the saving run traced */
    }
    if (opt.trace && !trace_open(top, opt.trace))
        return EXIT_BAD_INPUT;
    trace_record(opt.trace && !opt.trace_window); /* a window starts recording at cycle A */

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sa.sa_flags = SA_RESETHAND; /* a second Ctrl-C kills at once */
    sigaction(SIGINT, &sa, NULL);

    progress_on = isatty(2) && !opt.quiet;
    /* (a restored run: checkpoint_restore_model has said where from) */
    if (!opt.restore && g_m.elf_mode)
        note("--elf %s: entry 0x%llx, %d node%s x %d core%s", opt.elf,
             (unsigned long long)g_m.elf.entry, SIM_NODES, SIM_NODES > 1 ? "s" : "",
             SIM_CORES_PER_NODE, SIM_CORES_PER_NODE > 1 ? "s" : "");
    else if (!opt.restore)
        note("booting %d cell%s of %d node%s (%d hart%s)", g_m.ncells, g_m.ncells > 1 ? "s" : "",
             SIM_NODES / g_m.ncells, SIM_NODES / g_m.ncells > 1 ? "s" : "", SIM_HARTS,
             SIM_HARTS > 1 ? "s" : "");

    if (!opt.restore)
        reset_and_load_rom();
    if (opt.check_coherence) {
        if (opt.restore)
            bad_input("--check-coherence cannot start from a checkpoint: its golden memory "
                      "model starts at reset, when the caches are empty");
        check_init(top);
    }
    fault_ports(g_run.cycle);
    run_start = now_seconds();
    run_start_cycle = g_run.cycle;
    struct run_result *r = (struct run_result *)calloc(1, sizeof *r);
    enum stop stop = run(&r->cycles);
    r->wall_seconds = now_seconds() - run_start;
    signal(SIGINT, SIG_DFL);

    progress_clear();
    console_flush_all();
    finish_result(stop, r);
    read_counters(r);
    trace_close();
    if (opt.signature)
        signature_write(opt.signature, &g_m.elf);
    if (opt.stats)
        stats_write(opt.stats, &opt, r);
    top->final();

    if (!opt.quiet) {
        double khz = r->wall_seconds > 0
                         ? (double)(r->cycles - run_start_cycle) / r->wall_seconds / 1000.0
                         : 0.0;
        fprintf(stderr, "hive-sim: %llu cycles, %llu instructions, IPC %.3f, %.1f kHz; exit %d: "
                        "%s\n",
                (unsigned long long)r->cycles, (unsigned long long)r->instret,
                r->cycles ? (double)r->instret / (double)r->cycles : 0.0, khz, r->status,
                r->detail);
    }
    fflush(stderr);
    int status = r->status;
    delete top;
    delete ctx;
    return status;
}
