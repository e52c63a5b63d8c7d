/*
 * A tiny read-only flattened-device-tree walker (no libfdt): checks the header, then yields
 * the structure block token by token (node begin/end, property), bounds-checking every
 * offset against the blob so that a corrupt tree ends in FDT_ERROR, never in a wild read.
 */
#ifndef PAYLOAD_FDT_H
#define PAYLOAD_FDT_H

#include <stdint.h>

struct fdt {
	const uint8_t *blob;
	uint32_t struct_off, struct_size;
	uint32_t strings_off, strings_size;
};

enum fdt_kind { FDT_BEGIN, FDT_END, FDT_PROP, FDT_DONE, FDT_ERROR };

struct fdt_token {
	enum fdt_kind kind;
	int depth;        /* of the node (BEGIN/END) or of the node owning the property */
	const char *name; /* node name ("" for the root) or property name */
	const uint8_t *data; /* property value */
	uint32_t len;        /* property length in bytes */
};

struct fdt_cursor {
	const struct fdt *fdt;
	uint32_t off; /* inside the structure block */
	int depth;
	int done;
};

/* 0 and *f filled in, or -1 with *why set to a short reason. */
int fdt_open(struct fdt *f, const void *blob, const char **why);
void fdt_cursor_init(struct fdt_cursor *c, const struct fdt *f);
/* The next token; FDT_DONE at the end, FDT_ERROR (name = reason) on a malformed tree. */
enum fdt_kind fdt_next(struct fdt_cursor *c, struct fdt_token *t);

uint32_t fdt_be32(const uint8_t *p);
/* n (1 or 2) big-endian cells starting at p. */
uint64_t fdt_cells(const uint8_t *p, uint32_t n);
int fdt_str_eq(const char *a, const char *b);
/* Node name without its unit address ("memory@80000000" matches "memory"). */
int fdt_node_is(const char *node_name, const char *base);
/* A string-list property contains s. */
int fdt_list_has(const uint8_t *data, uint32_t len, const char *s);

#endif
