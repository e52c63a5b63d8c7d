/* A tiny read-only flattened-device-tree walker (see fdt.h). */
#include "fdt.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_TOKEN_BEGIN_NODE 1u
#define FDT_TOKEN_END_NODE 2u
#define FDT_TOKEN_PROP 3u
#define FDT_TOKEN_NOP 4u
#define FDT_TOKEN_END 9u
#define FDT_HEADER_BYTES 40u
#define FDT_MAX_TOTAL (16u << 20) /* refuse absurd sizes from a corrupt header */
#define FDT_MAX_DEPTH 32

uint32_t fdt_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

uint64_t fdt_cells(const uint8_t *p, uint32_t n)
{
	uint64_t v = 0;
	for (uint32_t i = 0; i < n; i++)
		v = v << 32 | fdt_be32(p + 4 * i);
	return v;
}

int fdt_str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

int fdt_node_is(const char *name, const char *base)
{
	while (*base && *name == *base) {
		name++;
		base++;
	}
	return *base == 0 && (*name == 0 || *name == '@');
}

int fdt_list_has(const uint8_t *data, uint32_t len, const char *s)
{
	uint32_t i = 0;
	while (i < len) {
		const char *item = (const char *)data + i;
		uint32_t n = 0;
		while (i + n < len && data[i + n])
			n++;
		if (i + n == len)
			return 0; /* not NUL-terminated */
		if (fdt_str_eq(item, s))
			return 1;
		i += n + 1;
	}
	return 0;
}

int fdt_open(struct fdt *f, const void *blob, const char **why)
{
	const uint8_t *b = blob;
	if (!b || ((uintptr_t)b & 3)) {
		*why = "null or misaligned pointer";
		return -1;
	}
	if (fdt_be32(b) != FDT_MAGIC) {
		*why = "bad magic";
		return -1;
	}
	uint32_t total = fdt_be32(b + 4);
	uint32_t soff = fdt_be32(b + 8), stroff = fdt_be32(b + 12);
	uint32_t version = fdt_be32(b + 20), last_comp = fdt_be32(b + 24);
	uint32_t strsize = fdt_be32(b + 32), ssize = fdt_be32(b + 36);
	if (total < FDT_HEADER_BYTES || total > FDT_MAX_TOTAL) {
		*why = "bad totalsize";
		return -1;
	}
	if (version < 17 || last_comp > 17) {
		*why = "unsupported version";
		return -1;
	}
	if ((soff & 3) || soff < FDT_HEADER_BYTES || soff > total || ssize > total - soff ||
	    stroff > total || strsize > total - stroff) {
		*why = "blocks outside the blob";
		return -1;
	}
	f->blob = b;
	f->struct_off = soff;
	f->struct_size = ssize;
	f->strings_off = stroff;
	f->strings_size = strsize;
	return 0;
}

void fdt_cursor_init(struct fdt_cursor *c, const struct fdt *f)
{
	c->fdt = f;
	c->off = 0;
	c->depth = 0;
	c->done = 0;
}

static enum fdt_kind fail(struct fdt_cursor *c, struct fdt_token *t, const char *why)
{
	c->done = 1;
	t->kind = FDT_ERROR;
	t->name = why;
	return FDT_ERROR;
}

/* Length of a NUL-terminated string at p with at most max bytes available, or -1. */
static int32_t bounded_strlen(const uint8_t *p, uint32_t max)
{
	for (uint32_t i = 0; i < max; i++)
		if (!p[i])
			return (int32_t)i;
	return -1;
}

enum fdt_kind fdt_next(struct fdt_cursor *c, struct fdt_token *t)
{
	const struct fdt *f = c->fdt;
	const uint8_t *s = f->blob + f->struct_off;
	t->data = 0;
	t->len = 0;
	t->name = "";
	if (c->done) {
		t->kind = FDT_DONE;
		return FDT_DONE;
	}
	for (;;) {
		if (f->struct_size - c->off < 4)
			return fail(c, t, "structure block ends without FDT_END");
		uint32_t tok = fdt_be32(s + c->off);
		c->off += 4;
		switch (tok) {
		case FDT_TOKEN_NOP:
			continue;
		case FDT_TOKEN_BEGIN_NODE: {
			int32_t n = bounded_strlen(s + c->off, f->struct_size - c->off);
			if (n < 0)
				return fail(c, t, "unterminated node name");
			if (c->depth >= FDT_MAX_DEPTH)
				return fail(c, t, "nodes nested too deep");
			t->kind = FDT_BEGIN;
			t->name = (const char *)(s + c->off);
			t->depth = c->depth++;
			c->off += ((uint32_t)n + 1 + 3) & ~3u;
			return FDT_BEGIN;
		}
		case FDT_TOKEN_END_NODE:
			if (c->depth == 0)
				return fail(c, t, "unbalanced end of node");
			t->kind = FDT_END;
			t->depth = --c->depth;
			return FDT_END;
		case FDT_TOKEN_PROP: {
			if (c->depth == 0)
				return fail(c, t, "property outside a node");
			if (f->struct_size - c->off < 8)
				return fail(c, t, "truncated property");
			uint32_t len = fdt_be32(s + c->off);
			uint32_t nameoff = fdt_be32(s + c->off + 4);
			c->off += 8;
			if (len > f->struct_size - c->off)
				return fail(c, t, "property value outside the block");
			if (nameoff >= f->strings_size ||
			    bounded_strlen(f->blob + f->strings_off + nameoff,
					   f->strings_size - nameoff) < 0)
				return fail(c, t, "bad property name offset");
			t->kind = FDT_PROP;
			t->depth = c->depth - 1;
			t->name = (const char *)(f->blob + f->strings_off + nameoff);
			t->data = s + c->off;
			t->len = len;
			c->off += (len + 3) & ~3u;
			if (c->off > f->struct_size)
				c->off = f->struct_size; /* padding missing: caught next call */
			return FDT_PROP;
		}
		case FDT_TOKEN_END:
			if (c->depth != 0)
				return fail(c, t, "FDT_END inside a node");
			c->done = 1;
			t->kind = FDT_DONE;
			return FDT_DONE;
		default:
			return fail(c, t, "unknown token");
		}
	}
}
