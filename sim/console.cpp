/* Consoles: each node's UART bytes, gathered into lines and printed on stdout with the prefix
 * "[cellK] " (the UART of the cell's first node, its console) or "[cellK/nodeN] " (any other
 * node's UART). A '\r' is dropped (OpenSBI prints "\r\n"); a line longer than LINE_MAX bytes
 * is printed in pieces. Everything printed is also kept for the statistics (up to TEXT_MAX),
 * with the cycle at which each of its lines was completed (its '\n' left the UART), so that a
 * benchmark can time the boot from the stats alone.
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
    uint64_t *line_cycles; /* one per '\n' kept in text */
    size_t nlines, lines_cap;
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

/* Once something did not fit, nothing more is kept: the text stays a prefix of the output. */
static void keep(struct console *c, const char *s, size_t n)
{
    if (c->truncated)
        return;
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

static void keep_line_cycle(struct console *c, uint64_t cycle)
{
    if (c->nlines == c->lines_cap) {
        size_t cap = c->lines_cap ? 2 * c->lines_cap : 256;
        uint64_t *l = (uint64_t *)realloc(c->line_cycles, cap * sizeof *l);
        if (!l) {
            c->truncated = 1;
            return;
        }
        c->line_cycles = l;
        c->lines_cap = cap;
    }
    c->line_cycles[c->nlines++] = cycle;
}

/* Prints the line; `newline`: it ended with '\n' in `cycle` (else a piece or the end). */
static void emit(struct console *c, int newline, uint64_t cycle)
{
    progress_clear();
    fputs(c->prefix, stdout);
    fwrite(c->line, 1, c->len, stdout);
    fputc('\n', stdout);
    keep(c, c->line, c->len);
    if (newline) {
        keep(c, "\n", 1);
        if (!c->truncated)
            keep_line_cycle(c, cycle);
    }
    c->len = 0;
}

void console_byte(int node, uint8_t byte, uint64_t cycle)
{
    struct console *c = &cons[node];
    if (byte == '\r')
        return;
    if (byte == '\n') {
        emit(c, 1, cycle);
        return;
    }
    c->line[c->len++] = (char)byte;
    if (c->len == LINE_MAX_BYTES)
        emit(c, 0, cycle);
}

void console_flush_all(void)
{
    for (int n = 0; n < SIM_NODES; n++)
        if (cons[n].len)
            emit(&cons[n], 0, 0);
    fflush(stdout);
}

const char *console_text(int node, size_t *len, int *truncated)
{
    *len = cons[node].text_len;
    *truncated = cons[node].truncated;
    return cons[node].text ? cons[node].text : "";
}

const uint64_t *console_line_cycles(int node, size_t *n)
{
    *n = cons[node].nlines;
    return cons[node].line_cycles;
}

/* ---- checkpoints: the line being gathered, the text kept so far and its line cycles ------- */

void console_save(struct wbuf *b)
{
    for (int n = 0; n < SIM_NODES; n++) {
        const struct console *c = &cons[n];
        wb_u64(b, c->len);
        wb_put(b, c->line, c->len);
        wb_u64(b, c->text_len);
        wb_put(b, c->text, c->text_len);
        wb_u64(b, (uint64_t)c->truncated);
        wb_u64(b, c->nlines);
        wb_put(b, c->line_cycles, c->nlines * sizeof *c->line_cycles);
    }
}

int console_restore(struct rbuf *b)
{
    for (int n = 0; n < SIM_NODES; n++) {
        struct console *c = &cons[n];
        uint64_t len = rb_u64(b);
        if (b->bad || len >= LINE_MAX_BYTES)
            return 0;
        c->len = (size_t)len;
        rb_get(b, c->line, c->len);
        uint64_t text_len = rb_u64(b);
        if (b->bad || text_len > TEXT_MAX || text_len > b->len - b->pos)
            return 0;
        free(c->text);
        c->text_cap = text_len ? (size_t)text_len : 0;
        c->text = text_len ? (char *)malloc(c->text_cap) : NULL;
        c->text_len = (size_t)text_len;
        rb_get(b, c->text, c->text_len);
        c->truncated = (int)rb_u64(b);
        uint64_t nlines = rb_u64(b);
        if (b->bad || nlines > (b->len - b->pos) / 8)
            return 0;
        free(c->line_cycles);
        c->lines_cap = (size_t)nlines;
        c->line_cycles = nlines ? (uint64_t *)malloc(nlines * sizeof *c->line_cycles) : NULL;
        c->nlines = (size_t)nlines;
        rb_get(b, c->line_cycles, c->nlines * sizeof *c->line_cycles);
    }
    return !b->bad;
}

/* ---- --console-in: standard input, read without blocking --------------------------------
 * poll() says whether a read would block, so standard input keeps its own mode (it may be
 * shared with the shell). A terminal is switched to non-canonical mode without echo, so that
 * each key reaches the simulated UART as typed (the software echoes); Ctrl-C still interrupts.
 */
#include <poll.h>
#include <termios.h>
#include <unistd.h>

enum { CIN_BUF = 4096 };
static uint8_t cin_buf[CIN_BUF];
static size_t cin_head, cin_count;
static int cin_eof;
static struct termios cin_saved;
static int cin_tty;

static void console_in_restore_tty(void)
{
    if (cin_tty)
        tcsetattr(0, TCSANOW, &cin_saved);
}

void console_in_open(void)
{
    if (isatty(0) && tcgetattr(0, &cin_saved) == 0) {
        struct termios t = cin_saved;
        t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
        t.c_cc[VMIN] = 1;
        t.c_cc[VTIME] = 0;
        if (tcsetattr(0, TCSANOW, &t) == 0) {
            cin_tty = 1;
            atexit(console_in_restore_tty);
        }
    }
}

int console_in_poll(void)
{
    while (!cin_eof && cin_count < CIN_BUF) {
        struct pollfd p = {0, POLLIN, 0};
        if (poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP)))
            break;
        size_t tail = (cin_head + cin_count) % CIN_BUF;
        size_t room = tail >= cin_head ? CIN_BUF - tail : cin_head - tail;
        if (room > CIN_BUF - cin_count)
            room = CIN_BUF - cin_count;
        ssize_t got = read(0, cin_buf + tail, room);
        if (got <= 0) {
            cin_eof = 1; /* end of input (or an error): nothing more to poll */
            break;
        }
        cin_count += (size_t)got;
    }
    return !cin_eof;
}

int console_in_peek(uint8_t *byte)
{
    if (!cin_count)
        return 0;
    *byte = cin_buf[cin_head];
    return 1;
}

void console_in_pop(void)
{
    if (cin_count) {
        cin_head = (cin_head + 1) % CIN_BUF;
        cin_count--;
    }
}
