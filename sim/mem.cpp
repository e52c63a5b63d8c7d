/* DRAM model of each node's memory slice (docs/interfaces.md, memory port).
 *
 * Requests are always accepted. A read is performed when it is accepted (so it sees every
 * earlier write of the same node and none later: request order) and its line is returned
 * `latency` cycles later, in order, one response per read. Writes are posted and applied at
 * once with their byte enables. Nothing here runs unless a request or a response is due.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hive_sim.h"

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "the line layout (byte i = bits 8i+:8) is copied as memory: little-endian host");

struct node_mem g_mem[SIM_NODES];
unsigned g_mem_latency;
unsigned g_mem_outstanding;

void mem_init(unsigned latency)
{
    g_mem_latency = latency;
    unsigned cap = 16;
    while (cap < latency + 4)
        cap *= 2;
    for (int n = 0; n < SIM_NODES; n++) {
        struct node_mem *m = &g_mem[n];
        /* calloc of a large block maps zero pages lazily: untouched memory costs nothing. */
        m->data = (uint8_t *)calloc(1, SIM_NODE_MEM);
        m->q = (struct mem_pending *)calloc(cap, sizeof *m->q);
        if (!m->data || !m->q) {
            error_msg("out of memory for node %d (%llu bytes)", n,
                      (unsigned long long)SIM_NODE_MEM);
            exit(EXIT_BAD_INPUT);
        }
        m->qcap = cap;
    }
}

static void queue_grow(struct node_mem *m)
{
    unsigned cap = m->qcap * 2;
    struct mem_pending *q = (struct mem_pending *)calloc(cap, sizeof *q);
    if (!q) {
        error_msg("out of memory for the DRAM queue");
        exit(EXIT_BAD_INPUT);
    }
    for (unsigned i = 0; i < m->qcount; i++)
        q[i] = m->q[(m->qhead + i) & (m->qcap - 1)];
    free(m->q);
    m->q = q;
    m->qcap = cap;
    m->qhead = 0;
}

static void bad_address(int node, struct node_mem *m, uint32_t addr, const char *what)
{
    if (m->bad_addr++ == 0)
        error_msg("node %d: memory %s at offset 0x%x outside NODE_MEM (0x%llx); "
                  "reads return zeros, writes are dropped (reported once per node)",
                  node, what, addr, (unsigned long long)SIM_NODE_MEM);
}

void mem_read(int node, uint64_t cycle, uint32_t addr)
{
    struct node_mem *m = &g_mem[node];
    if (m->qcount == m->qcap)
        queue_grow(m);
    struct mem_pending *p = &m->q[(m->qhead + m->qcount) & (m->qcap - 1)];
    m->qcount++;
    m->reads++;
    g_mem_outstanding++;
    p->due = cycle + g_mem_latency;
    uint64_t off = addr & ~(uint64_t)(HIVE_LINE_BYTES - 1);
    if (off + HIVE_LINE_BYTES <= SIM_NODE_MEM) {
        memcpy(p->line, m->data + off, HIVE_LINE_BYTES);
    } else {
        memset(p->line, 0, HIVE_LINE_BYTES);
        bad_address(node, m, addr, "read");
    }
}

void mem_write(int node, uint32_t addr, const uint32_t *wdata, uint64_t wstrb)
{
    struct node_mem *m = &g_mem[node];
    m->writes++;
    uint64_t off = addr & ~(uint64_t)(HIVE_LINE_BYTES - 1);
    if (off + HIVE_LINE_BYTES > SIM_NODE_MEM) {
        bad_address(node, m, addr, "write");
        return;
    }
    uint8_t *dst = m->data + off;
    const uint8_t *src = (const uint8_t *)wdata;
    if (wstrb == ~0ULL) {
        memcpy(dst, src, HIVE_LINE_BYTES);
        return;
    }
    while (wstrb) {
        int i = __builtin_ctzll(wstrb);
        dst[i] = src[i];
        wstrb &= wstrb - 1;
    }
}

uint64_t mem_next_due(void)
{
    uint64_t due = UINT64_MAX;
    for (int n = 0; n < SIM_NODES; n++) {
        const struct node_mem *m = &g_mem[n];
        if (m->qcount && m->q[m->qhead].due < due)
            due = m->q[m->qhead].due;
    }
    return due;
}

int mem_pop_due(int node, uint64_t cycle, uint32_t *rdata)
{
    struct node_mem *m = &g_mem[node];
    if (!m->qcount || m->q[m->qhead].due > cycle)
        return 0;
    memcpy(rdata, m->q[m->qhead].line, HIVE_LINE_BYTES);
    m->qhead = (m->qhead + 1) & (m->qcap - 1);
    m->qcount--;
    g_mem_outstanding--;
    return 1;
}

int mem_poke(int node, uint64_t off, const void *src, size_t len)
{
    if (node < 0 || node >= SIM_NODES || off > SIM_NODE_MEM || len > SIM_NODE_MEM - off)
        return 0;
    memcpy(g_mem[node].data + off, src, len);
    return 1;
}

int mem_peek(int node, uint64_t off, void *dst, size_t len)
{
    if (node < 0 || node >= SIM_NODES || off > SIM_NODE_MEM || len > SIM_NODE_MEM - off)
        return 0;
    memcpy(dst, g_mem[node].data + off, len);
    return 1;
}
