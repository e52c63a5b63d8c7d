/* Coherence checker (--check-coherence; models built with CHECK=1, docs/harness.md).
 *
 * Every cycle, before the rising edge, it looks into every L1 of the model (the signals that
 * sim/check.vlt makes readable) and checks two things independently of the RTL's own logic:
 *  - single writer or multiple readers: a line that one cache holds with ownership (E or M) is
 *    valid in no other cache, I caches included (every cache is direct mapped with the same
 *    index, so only one slot per cache can hold a line);
 *  - a golden memory model: the harness keeps its own copy of every line that a D cache has
 *    accessed, taken from DRAM at the first access (nothing can have written it before) and
 *    updated with the line after every store, SC and AMO the caches perform. Every access a D
 *    cache completes (load, LR, store, SC, AMO) must find in its line exactly the golden copy.
 *    Instruction fetches are not compared: without fence.i the ISA lets them see old code.
 *    A writeback that the firewall refuses leaves memory unchanged (DESIGN.md section 3): in
 *    the cycle a home refuses one, the golden copy of that line becomes what memory holds, so
 *    every later access must find the data the owner wrote lost. Refused stores and AMOs
 *    complete with an error and change no golden copy.
 * Anything else that changes memory behind the caches' back makes the golden model disagree,
 * by design: a mem-flip fault is reported at the next access to its line, and so would a
 * writeback lost to a failed home (do not check such runs).
 *
 * This is the one harness file besides sim_main.cpp and trace.cpp that sees the model: the
 * signal names come from a header generated per shape by sim/sim.mk.
 */
#include "hive_sim.h"

#if SIM_CHECK
#include <stdio.h>
#include <string.h>

#include <unordered_map>
#include <vector>

#include "Vhive_soc.h"
#include "Vhive_soc___024root.h"

namespace {

struct cache_sig {
    int node, core, icache, lines;
    const EData *valid, *own;
    const IData *tags; /* a line address's bits ADDR_BITS-1 down to the index: at most 27 */
    const CData *done, *write, *err, *op;
    const QData *addr;
    const EData *line_data;
    const QData *merged; /* the word a write leaves at addr[5:3] */
};

struct line_copy {
    uint32_t w[SIM_LINE_WORDS];
};

struct home_sig {
    int node;
    const CData *deny_wb;
    const IData *line; /* the line of the message the home handles (address >> 6: coh_pkg::line_t) */
};

std::vector<cache_sig> g_caches;
std::vector<home_sig> g_homes;
std::unordered_map<uint64_t, line_copy> g_golden; /* by line number (address >> 6) */
uint64_t g_accesses;
char g_why[512];

const uint8_t OP_SC = 3;

const char *cache_name(const cache_sig &c, char *buf, size_t n)
{
    snprintf(buf, n, "hart %d's %s cache", c.node * SIM_CORES_PER_NODE + c.core,
             c.icache ? "I" : "D");
    return buf;
}

/* The golden copy of a line, read from DRAM the first time. */
line_copy *golden(uint64_t line)
{
    auto it = g_golden.find(line);
    if (it != g_golden.end())
        return &it->second;
    uint64_t a = line << 6;
    if (a < HIVE_GLOBAL_BASE || a >= HIVE_GLOBAL_BASE + (uint64_t)SIM_NODES * HIVE_GLOBAL_SIZE)
        return nullptr;
    int node = (int)((a - HIVE_GLOBAL_BASE) / HIVE_GLOBAL_SIZE);
    line_copy l;
    if (!mem_peek(node, (a - HIVE_GLOBAL_BASE) % HIVE_GLOBAL_SIZE, l.w, sizeof l.w))
        return nullptr;
    return &g_golden.emplace(line, l).first->second;
}

int check_swmr(uint64_t cycle)
{
    for (const cache_sig &a : g_caches) {
        for (int wi = 0; wi < a.lines / 32; wi++) {
            uint32_t owned = a.own[wi] & a.valid[wi];
            while (owned) {
                int idx = wi * 32 + __builtin_ctz(owned);
                owned &= owned - 1;
                for (const cache_sig &b : g_caches) {
                    if (&b == &a || !(b.valid[wi] >> (idx % 32) & 1) || b.tags[idx] != a.tags[idx])
                        continue;
                    char na[32], nb[32];
                    uint64_t line = (a.tags[idx] * (uint64_t)a.lines + (uint64_t)idx) << 6;
                    snprintf(g_why, sizeof g_why,
                             "cycle %llu: line 0x%llx is owned by %s and also valid in %s "
                             "(single writer or multiple readers violated)",
                             (unsigned long long)cycle, (unsigned long long)line,
                             cache_name(a, na, sizeof na), cache_name(b, nb, sizeof nb));
                    return 1;
                }
            }
        }
    }
    return 0;
}

/* A refused writeback: memory keeps the line it held. */
void check_denied_writebacks(void)
{
    for (const home_sig &h : g_homes) {
        if (!*h.deny_wb)
            continue;
        line_copy *g = golden(*h.line);
        uint64_t a = (uint64_t)*h.line << 6;
        if (g)
            mem_peek(h.node, (a - HIVE_GLOBAL_BASE) % HIVE_GLOBAL_SIZE, g->w, sizeof g->w);
    }
}

int check_accesses(uint64_t cycle)
{
    for (const cache_sig &c : g_caches) {
        if (c.icache || !*c.done || *c.err || (*c.op == OP_SC && !*c.write))
            continue; /* no access, a bus error, or a failed SC (its line may be absent) */
        g_accesses++;
        uint64_t line = *c.addr >> 6;
        line_copy *g = golden(line);
        if (!g)
            continue;
        if (memcmp(g->w, c.line_data, sizeof g->w)) {
            int k = 0;
            while (g->w[k] == c.line_data[k])
                k++;
            char nc[32];
            snprintf(g_why, sizeof g_why,
                     "cycle %llu: %s: access (op %u) to 0x%llx finds 0x%08x at 0x%llx, the "
                     "golden memory model holds 0x%08x (a stale or corrupted line)",
                     (unsigned long long)cycle, cache_name(c, nc, sizeof nc), (unsigned)*c.op,
                     (unsigned long long)*c.addr, c.line_data[k],
                     (unsigned long long)((line << 6) + 4 * k), g->w[k]);
            return 1;
        }
        if (*c.write) {
            /* the golden line equals line_data here (checked above): only the word changes */
            unsigned k = (unsigned)(*c.addr >> 3) & 7;
            g->w[2 * k] = (uint32_t)*c.merged;
            g->w[2 * k + 1] = (uint32_t)(*c.merged >> 32);
        }
    }
    return 0;
}

} // namespace

int check_available(void) { return 1; }

void check_init(Vhive_soc *top)
{
    Vhive_soc___024root *r = top->rootp;
#define CHECK_CACHE(N, C, I, P)                                                                \
    g_caches.push_back({N, C, I, (int)(sizeof r->P##valid * 8), r->P##valid.data(),             \
                        r->P##own.data(), &r->P##tags[0], &r->P##done, &r->P##write,           \
                        &r->P##err, &r->P##op, &r->P##addr, r->P##line_data.data(),            \
                        &r->P##merged});
#define CHECK_HOME(N, P) g_homes.push_back({N, &r->P##deny_wb, &r->P##fw_line});
#define CHECK_FW(N, P)
#include "check_caches.h"
#undef CHECK_FW
#undef CHECK_CACHE
#undef CHECK_HOME
}

int check_cycle(uint64_t cycle)
{
    check_denied_writebacks();
    return check_swmr(cycle) || check_accesses(cycle);
}

const char *check_failure(void) { return g_why; }
uint64_t check_accesses_checked(void) { return g_accesses; }
uint64_t check_lines_tracked(void) { return g_golden.size(); }

#else /* a model without the checker's signals */

int check_available(void) { return 0; }
void check_init(Vhive_soc *) {}
int check_cycle(uint64_t) { return 0; }
const char *check_failure(void) { return ""; }
uint64_t check_accesses_checked(void) { return 0; }
uint64_t check_lines_tracked(void) { return 0; }

#endif
