/* Consoles: each node's UART bytes, gathered into lines and printed on stdout with the prefix
 * "[cellK] " (the UART of the cell's first node, its console) or "[cellK/nodeN] " (any other
 * node's UART). A '\r' is dropped (OpenSBI prints "\r\n"); a line longer than LINE_MAX bytes
 * is printed in pieces. Everything printed is also kept for the statistics (up to TEXT_MAX).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hive_sim.h"

enum { LINE_MAX_BYTES = 4096, TEXT_MAX = 4 << 20 };

struct console {
    char prefix[32];
    char line[LINE_MAX_BYTES];
    size_t len;
    char *text;
    size_t text_len, text_cap;
    int truncated;
};

static struct console cons[SIM_NODES];

void console_init(void)
{
    for (int n = 0; n < SIM_NODES; n++) {
        int k = g_m.node_cell[n];
        if (g_m.cells[k].first_node == n)
            snprintf(cons[n].prefix, sizeof cons[n].prefix, "[cell%d] ", k);
        else
            snprintf(cons[n].prefix, sizeof cons[n].prefix, "[cell%d/node%d] ", k, n);
    }
}

static void keep(struct console *c, const char *s, size_t n)
{
    if (c->text_len + n > TEXT_MAX) {
        c->truncated = 1;
        return;
    }
    if (c->text_len + n > c->text_cap) {
        size_t cap = c->text_cap ? c->text_cap : 4096;
        while (cap < c->text_len + n)
            cap *= 2;
        char *t = (char *)realloc(c->text, cap);
        if (!t) {
            c->truncated = 1;
            return;
        }
        c->text = t;
        c->text_cap = cap;
    }
    memcpy(c->text + c->text_len, s, n);
    c->text_len += n;
}

static void emit(struct console *c, int newline)
{
    progress_clear();
    fputs(c->prefix, stdout);
    fwrite(c->line, 1, c->len, stdout);
    fputc('\n', stdout);
    keep(c, c->line, c->len);
    if (newline)
        keep(c, "\n", 1);
    c->len = 0;
}

void console_byte(int node, uint8_t byte)
{
    struct console *c = &cons[node];
    if (byte == '\r')
        return;
    if (byte == '\n') {
        emit(c, 1);
        return;
    }
    c->line[c->len++] = (char)byte;
    if (c->len == LINE_MAX_BYTES)
        emit(c, 0);
}

void console_flush_all(void)
{
    for (int n = 0; n < SIM_NODES; n++)
        if (cons[n].len)
            emit(&cons[n], 0);
    fflush(stdout);
}

const char *console_text(int node, size_t *len, int *truncated)
{
    *len = cons[node].text_len;
    *truncated = cons[node].truncated;
    return cons[node].text ? cons[node].text : "";
}
