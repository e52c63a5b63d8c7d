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

/* ---- checkpoints --------------------------------------------------------------------------
 * Per node: counters, the outstanding reads in order, then the pages that are not all zero
 * (index and bytes), ended by an index past the last page. Memory that was never written
 * costs nothing: calloc maps it lazily and a zero page is not stored. */

enum { PAGES = SIM_NODE_MEM / HIVE_PAGE_BYTES };

static int page_is_zero(const uint8_t *p)
{
    const uint64_t *w = (const uint64_t *)p;
    for (unsigned i = 0; i < HIVE_PAGE_BYTES / 8; i++)
        if (w[i])
            return 0;
    return 1;
}

void mem_save(struct wbuf *b)
{
    for (int n = 0; n < SIM_NODES; n++) {
        const struct node_mem *m = &g_mem[n];
        wb_u64(b, m->reads);
        wb_u64(b, m->writes);
        wb_u64(b, m->bad_addr);
        wb_u64(b, m->qcount);
        for (unsigned i = 0; i < m->qcount; i++) {
            const struct mem_pending *p = &m->q[(m->qhead + i) & (m->qcap - 1)];
            wb_u64(b, p->due);
            wb_put(b, p->line, HIVE_LINE_BYTES);
        }
        for (uint64_t pg = 0; pg < PAGES; pg++) {
            const uint8_t *p = m->data + pg * HIVE_PAGE_BYTES;
            if (page_is_zero(p))
                continue;
            wb_u64(b, pg);
            wb_put(b, p, HIVE_PAGE_BYTES);
        }
        wb_u64(b, PAGES);
    }
}

int mem_restore(struct rbuf *b)
{
    g_mem_outstanding = 0;
    for (int n = 0; n < SIM_NODES; n++) {
        struct node_mem *m = &g_mem[n];
        /* Fresh zeroed memory: whatever was loaded to check the images goes. */
        free(m->data);
        m->data = (uint8_t *)calloc(1, SIM_NODE_MEM);
        if (!m->data) {
            error_msg("out of memory for node %d", n);
            exit(EXIT_BAD_INPUT);
        }
        m->reads = rb_u64(b);
        m->writes = rb_u64(b);
        m->bad_addr = rb_u64(b);
        uint64_t count = rb_u64(b);
        if (b->bad || count > (b->len - b->pos) / (8 + HIVE_LINE_BYTES))
            return 0;
        m->qhead = 0;
        m->qcount = 0;
        while (m->qcap < count)
            queue_grow(m);
        m->qcount = (unsigned)count;
        for (unsigned i = 0; i < m->qcount; i++) {
            m->q[i].due = rb_u64(b);
            rb_get(b, m->q[i].line, HIVE_LINE_BYTES);
        }
        g_mem_outstanding += m->qcount;
        for (;;) {
            uint64_t pg = rb_u64(b);
            if (b->bad || pg > PAGES)
                return 0;
            if (pg == PAGES)
                break;
            rb_get(b, m->data + pg * HIVE_PAGE_BYTES, HIVE_PAGE_BYTES);
        }
    }
    return !b->bad;
}
