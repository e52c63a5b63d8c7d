/* Device-tree parser (see fdt.h). */
#include "fdt.h"

#define FDT_MAGIC 0xd00dfeedu
#define TOK_BEGIN 1u
#define TOK_END 2u
#define TOK_PROP 3u
#define TOK_NOP 4u
#define TOK_DONE 9u
#define HEADER_BYTES 40u
#define MAX_DEPTH 16
#define PATH_MAX_LEN 96
#define MAX_UARTS 4

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p) { return (uint64_t)be32(p) << 32 | be32(p + 4); }

/* n (1 or 2) cells at p */
static uint64_t cells(const uint8_t *p, uint32_t n) { return n == 2 ? be64(p) : be32(p); }

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* node name without unit address equals base ("memory@80000000" is "memory") */
static bool name_is(const char *name, const char *base)
{
	while (*base && *name == *base) {
		name++;
		base++;
	}
	return *base == 0 && (*name == 0 || *name == '@');
}

/* A string-list property value contains s (values are checked NUL-terminated). */
static bool list_has(const uint8_t *d, uint32_t len, const char *s)
{
	uint32_t i = 0;
	while (i < len) {
		uint32_t n = 0;
		while (i + n < len && d[i + n])
			n++;
		if (i + n == len)
			return false;
		if (str_eq((const char *)d + i, s))
			return true;
		i += n + 1;
	}
	return false;
}

/* A property value that is one NUL-terminated string. */
static bool is_string(const uint8_t *d, uint32_t len)
{
	return len > 0 && d[len - 1] == 0;
}

/* What we remember of a node until its end token. */
struct node {
	const char *name;
	uint32_t addr_cells, size_cells; /* for its children */
	const uint8_t *reg;
	uint32_t reg_len;
	const uint8_t *compat;
	uint32_t compat_len;
	bool is_cpu_type, is_memory_type, disabled;
	uint32_t reg_shift, reg_width;
	uint16_t path_len; /* length of this node's path in the path buffer */
};

struct uart_cand {
	uint64_t base;
	uint32_t shift, width;
	char path[PATH_MAX_LEN];
};

struct parser {
	const uint8_t *b;
	uint32_t soff, ssize, stroff, strsize;
	struct node st[MAX_DEPTH];
	char path[PATH_MAX_LEN];
	int nuarts;
	struct uart_cand uarts[MAX_UARTS];
	char stdout_path[PATH_MAX_LEN];
	struct fdt_info *out;
};

static void add_range(struct fdt_range *arr, int *n, int max, uint64_t base, uint64_t size)
{
	if (*n < max && size) {
		arr[*n].base = base;
		arr[*n].size = size;
		(*n)++;
	}
}

/* reg entries of a node whose parent gives (ac, sc) */
static void reg_ranges(const struct node *nd, uint32_t ac, uint32_t sc, struct fdt_range *arr,
		       int *n, int max)
{
	uint32_t step = 4 * (ac + sc);
	if (!nd->reg || ac < 1 || ac > 2 || sc < 1 || sc > 2)
		return;
	for (uint32_t i = 0; i + step <= nd->reg_len; i += step)
		add_range(arr, n, max, cells(nd->reg + i, ac), cells(nd->reg + i + 4 * ac, sc));
}

static void copy_str(char *dst, size_t cap, const uint8_t *src, uint32_t len)
{
	size_t i = 0;
	for (; i + 1 < cap && i < len && src[i]; i++)
		dst[i] = (char)src[i];
	dst[i] = 0;
}

static void hive_prop(struct hive_soc_info *s, const char *name, const uint8_t *d, uint32_t len)
{
	static const struct {
		const char *name;
		int is64;
		size_t off;
	} props[] = {
#define P32(n, f) { n, 0, offsetof(struct hive_soc_info, f) }
#define P64(n, f) { n, 1, offsetof(struct hive_soc_info, f) }
		P32("nodes", nodes), P32("cores-per-node", cores_per_node), P32("cells", cells),
		P32("cell-id", cell_id), P32("cell-first-node", cell_first_node),
		P32("cell-nodes", cell_nodes), P64("node-mem", node_mem),
		P64("home-global-base", home_global_base), P64("remap-base", remap_base),
		P64("global-base", global_base), P64("global-stride", global_stride),
		P64("nodedev-base", nodedev_base), P64("nodedev-stride", nodedev_stride),
		P64("clint-offset", clint_off), P64("uart-offset", uart_off),
		P64("ctrl-offset", ctrl_off), P64("cfinish-offset", cfinish_off),
#undef P32
#undef P64
	};
	for (size_t i = 0; i < ARRAY_SIZE(props); i++) {
		if (!str_eq(name, props[i].name))
			continue;
		if (props[i].is64 && len == 8)
			*(uint64_t *)((char *)s + props[i].off) = be64(d);
		else if (!props[i].is64 && len == 4)
			*(uint32_t *)((char *)s + props[i].off) = be32(d);
	}
}

static void end_node(struct parser *p, int depth)
{
	struct node *nd = &p->st[depth];
	struct node *parent = depth > 0 ? &p->st[depth - 1] : NULL;
	struct fdt_info *o = p->out;
	if (!parent)
		return;
	uint32_t ac = parent->addr_cells, sc = parent->size_cells;
	if (depth == 2 && name_is(parent->name, "cpus") && nd->is_cpu_type && !nd->disabled &&
	    nd->reg && nd->reg_len >= 4 * ac && ac >= 1 && ac <= 2) {
		if (o->nharts < MAX_HARTS)
			o->harts[o->nharts++] = (uint32_t)cells(nd->reg, ac);
	}
	if (depth == 1 && (nd->is_memory_type || name_is(nd->name, "memory")) && !nd->disabled)
		reg_ranges(nd, ac, sc, o->mem, &o->nmem, MAX_MEMREGIONS);
	if (depth == 2 && name_is(parent->name, "reserved-memory"))
		reg_ranges(nd, ac, sc, o->resv, &o->nresv, MAX_RESERVED);
	if (nd->compat && list_has(nd->compat, nd->compat_len, "ns16550a") && !nd->disabled &&
	    p->nuarts < MAX_UARTS) {
		struct fdt_range r[1];
		int n = 0;
		reg_ranges(nd, ac, sc, r, &n, 1);
		if (n) {
			struct uart_cand *u = &p->uarts[p->nuarts++];
			u->base = r[0].base;
			u->shift = nd->reg_shift;
			u->width = nd->reg_width;
			copy_str(u->path, sizeof(u->path), (const uint8_t *)p->path, nd->path_len);
		}
	}
}

int fdt_parse(const void *blob, uint64_t limit, struct fdt_info *out, const char **why)
{
	static const char *const reasons[] = { "null or misaligned tree", "bad magic",
					       "bad header", "malformed structure block" };
	const uint8_t *b = blob;
	struct parser ps;
	struct parser *p = &ps;
	for (size_t i = 0; i < sizeof(*out); i++)
		((uint8_t *)out)[i] = 0;
	for (size_t i = 0; i < sizeof(ps); i++)
		((uint8_t *)&ps)[i] = 0;
	p->out = out;
	int err = 0;
	if (!b || ((uintptr_t)b & 3) || limit < HEADER_BYTES) {
		*why = reasons[0];
		return -1;
	}
	if (be32(b) != FDT_MAGIC) {
		*why = reasons[1];
		return -1;
	}
	uint32_t total = be32(b + 4);
	p->soff = be32(b + 8);
	p->stroff = be32(b + 12);
	uint32_t rsvoff = be32(b + 16);
	uint32_t version = be32(b + 20);
	p->strsize = be32(b + 32);
	p->ssize = be32(b + 36);
	if (total < HEADER_BYTES || total > limit || version < 17 || (p->soff & 3) ||
	    (rsvoff & 7) || p->soff > total || p->ssize > total - p->soff || p->stroff > total ||
	    p->strsize > total - p->stroff || rsvoff > total || rsvoff < HEADER_BYTES) {
		*why = reasons[2];
		return -1;
	}
	out->totalsize = total;
	p->b = b;

	/* /memreserve/ block: (address, size) pairs until (0, 0) */
	for (uint32_t off = rsvoff;; off += 16) {
		if (off > total - 16) {
			*why = reasons[2];
			return -1;
		}
		uint64_t base = be64(b + off), size = be64(b + off + 8);
		if (!base && !size)
			break;
		add_range(out->resv, &out->nresv, MAX_RESERVED, base, size);
	}

	/* structure block */
	uint32_t off = 0;
	int depth = -1;
	for (;;) {
		if (off > p->ssize - 4 || p->ssize < 4) {
			err = 1;
			break;
		}
		uint32_t tok = be32(b + p->soff + off);
		off += 4;
		if (tok == TOK_NOP)
			continue;
		if (tok == TOK_DONE) {
			if (depth != -1)
				err = 1;
			break;
		}
		if (tok == TOK_BEGIN) {
			const char *name = (const char *)b + p->soff + off;
			uint32_t n = 0;
			while (off + n < p->ssize && name[n])
				n++;
			if (off + n >= p->ssize || depth + 1 >= MAX_DEPTH) {
				err = 1;
				break;
			}
			off = (off + n + 1 + 3) & ~3u;
			depth++;
			struct node *nd = &p->st[depth];
			*nd = (struct node){ .name = name, .addr_cells = 2, .size_cells = 1,
					     .reg_width = 1 };
			/* path: "/" for the root, parent path + "/" + name otherwise */
			uint32_t pl = depth > 0 ? p->st[depth - 1].path_len : 0;
			if (depth == 0) {
				p->path[0] = '/';
				pl = 1;
			} else {
				if (pl > 1 && pl < PATH_MAX_LEN - 1)
					p->path[pl++] = '/';
				for (uint32_t i = 0; i < n && pl < PATH_MAX_LEN - 1; i++)
					p->path[pl++] = name[i];
			}
			p->path[pl] = 0;
			nd->path_len = (uint16_t)pl;
			continue;
		}
		if (tok == TOK_END) {
			if (depth < 0) {
				err = 1;
				break;
			}
			end_node(p, depth);
			depth--;
			continue;
		}
		if (tok != TOK_PROP || depth < 0 || off > p->ssize - 8) {
			err = 1;
			break;
		}
		uint32_t len = be32(b + p->soff + off), nameoff = be32(b + p->soff + off + 4);
		off += 8;
		if (len > p->ssize - off || nameoff >= p->strsize) {
			err = 1;
			break;
		}
		const char *pname = (const char *)b + p->stroff + nameoff;
		uint32_t maxn = p->strsize - nameoff, k = 0;
		while (k < maxn && pname[k])
			k++;
		if (k == maxn) {
			err = 1;
			break;
		}
		const uint8_t *d = b + p->soff + off;
		off = (off + len + 3) & ~3u;
		struct node *nd = &p->st[depth];
		struct node *parent = depth > 0 ? &p->st[depth - 1] : NULL;
		if (str_eq(pname, "#address-cells") && len == 4)
			nd->addr_cells = be32(d);
		else if (str_eq(pname, "#size-cells") && len == 4)
			nd->size_cells = be32(d);
		else if (str_eq(pname, "reg")) {
			nd->reg = d;
			nd->reg_len = len;
		} else if (str_eq(pname, "compatible")) {
			nd->compat = d;
			nd->compat_len = len;
		} else if (str_eq(pname, "device_type") && is_string(d, len)) {
			nd->is_cpu_type = str_eq((const char *)d, "cpu");
			nd->is_memory_type = str_eq((const char *)d, "memory");
		} else if (str_eq(pname, "status") && is_string(d, len)) {
			nd->disabled = !str_eq((const char *)d, "okay") && !str_eq((const char *)d, "ok");
		} else if (str_eq(pname, "reg-shift") && len == 4)
			nd->reg_shift = be32(d);
		else if (str_eq(pname, "reg-io-width") && len == 4)
			nd->reg_width = be32(d);
		if (depth == 1 && name_is(nd->name, "cpus") && str_eq(pname, "timebase-frequency")) {
			if (len == 4)
				out->timebase = be32(d);
			else if (len == 8)
				out->timebase = be64(d);
		}
		if (depth == 1 && name_is(nd->name, "chosen")) {
			if (str_eq(pname, "stdout-path"))
				copy_str(p->stdout_path, sizeof(p->stdout_path), d, len);
			else if (str_eq(pname, "bootargs"))
				copy_str(out->bootargs, sizeof(out->bootargs), d, len);
		}
		if (depth == 1 && parent && name_is(nd->name, "hive-soc")) {
			if (str_eq(pname, "compatible") && list_has(d, len, "hive,soc"))
				out->soc.present = true;
			hive_prop(&out->soc, pname, d, len);
		}
	}
	if (err) {
		*why = reasons[3];
		return -1;
	}
	/* the console: the UART stdout-path names (up to a ':' option suffix), else the first */
	for (char *c = p->stdout_path; *c; c++)
		if (*c == ':')
			*c = 0;
	for (int i = 0; i < p->nuarts; i++) {
		if (!out->has_uart || str_eq(p->uarts[i].path, p->stdout_path)) {
			bool named = str_eq(p->uarts[i].path, p->stdout_path);
			out->has_uart = true;
			out->uart_base = p->uarts[i].base;
			out->uart_shift = p->uarts[i].shift;
			out->uart_width = p->uarts[i].width;
			if (named)
				break;
		}
	}
	if (out->soc.present && (out->soc.nodes == 0 || out->soc.nodes > MAX_NODES ||
				 out->soc.cell_nodes == 0 ||
				 out->soc.cell_first_node + out->soc.cell_nodes > out->soc.nodes ||
				 out->soc.node_mem == 0 || out->soc.global_stride < out->soc.node_mem)) {
		*why = "inconsistent hive,soc node";
		out->soc.present = false;
		return -1;
	}
	return 0;
}
