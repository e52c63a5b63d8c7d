/* Messages, number parsing and file reading for the harness. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "hive_sim.h"

int g_quiet;
static int progress_shown;

void progress_clear(void)
{
    if (progress_shown) {
        fputs("\r\033[K", stderr);
        progress_shown = 0;
    }
}

void progress_show(const char *text)
{
    fprintf(stderr, "\r\033[K%s", text);
    fflush(stderr);
    progress_shown = 1;
}

void note(const char *fmt, ...)
{
    if (g_quiet)
        return;
    progress_clear();
    va_list ap;
    va_start(ap, fmt);
    fputs("hive-sim: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void error_msg(const char *fmt, ...)
{
    progress_clear();
    va_list ap;
    va_start(ap, fmt);
    fputs("hive-sim: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

void bad_input(const char *fmt, ...)
{
    progress_clear();
    va_list ap;
    va_start(ap, fmt);
    fputs("hive-sim: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(stdout);
    exit(EXIT_BAD_INPUT);
}

int parse_u64(const char *s, uint64_t *out)
{
    if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
        return 0;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s)
        return 0;
    uint64_t mul = 1;
    if (*end == 'k' || *end == 'K')
        mul = 1000ULL, end++;
    else if (*end == 'M')
        mul = 1000000ULL, end++;
    else if (*end == 'G')
        mul = 1000000000ULL, end++;
    if (*end)
        return 0;
    if (v > UINT64_MAX / mul)
        return 0;
    *out = (uint64_t)v * mul;
    return 1;
}

int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

uint8_t *read_file(const char *path, size_t *len, const char *what)
{
    struct stat st;
    if (stat(path, &st) != 0)
        bad_input("%s '%s': %s", what, path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        bad_input("%s '%s': not a regular file", what, path);
    FILE *f = fopen(path, "rb");
    if (!f)
        bad_input("%s '%s': %s", what, path, strerror(errno));
    size_t n = (size_t)st.st_size;
    uint8_t *buf = (uint8_t *)malloc(n ? n : 1);
    if (!buf)
        bad_input("%s '%s': out of memory", what, path);
    if (n && fread(buf, 1, n, f) != n)
        bad_input("%s '%s': read error", what, path);
    fclose(f);
    *len = n;
    return buf;
}

uint64_t hash64(const void *p, size_t n)
{
    const uint8_t *s = (const uint8_t *)p;
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 0x100000001b3ULL;
    return h;
}

const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* ---- checkpoint buffers ---------------------------------------------------------------- */

void wb_put(struct wbuf *b, const void *src, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 1 << 16;
        while (cap < b->len + n)
            cap *= 2;
        uint8_t *p = (uint8_t *)realloc(b->p, cap);
        if (!p) {
            error_msg("out of memory for a checkpoint (%zu bytes)", cap);
            exit(EXIT_BAD_INPUT);
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, src, n);
    b->len += n;
}

void wb_u64(struct wbuf *b, uint64_t v)
{
    wb_put(b, &v, 8); /* the host is little-endian (mem.cpp checks) */
}

void wb_str(struct wbuf *b, const char *s)
{
    size_t n = strlen(s);
    wb_u64(b, n);
    wb_put(b, s, n);
}

void rb_get(struct rbuf *b, void *dst, size_t n)
{
    if (b->bad || n > b->len - b->pos) {
        b->bad = 1;
        memset(dst, 0, n);
        return;
    }
    memcpy(dst, b->p + b->pos, n);
    b->pos += n;
}

uint64_t rb_u64(struct rbuf *b)
{
    uint64_t v;
    rb_get(b, &v, 8);
    return v;
}

char *rb_str(struct rbuf *b)
{
    uint64_t n = rb_u64(b);
    if (b->bad || n > b->len - b->pos) {
        b->bad = 1;
        n = 0;
    }
    char *s = (char *)malloc(n + 1);
    if (!s) {
        error_msg("out of memory reading a checkpoint");
        exit(EXIT_BAD_INPUT);
    }
    rb_get(b, s, n);
    s[n] = 0;
    return s;
}
