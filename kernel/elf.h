/*
 * ELF64 executables for RISC-V: checks an executable's header and program headers and
 * returns its loadable segments. Every field is checked (class, byte order, machine, type,
 * header sizes, each PT_LOAD inside [lo, hi) and inside the file, file and memory offsets
 * congruent modulo the page size, no two segments sharing a page, the entry inside an
 * executable segment): a bad file gives -ENOEXEC, never a wild access. Unit-tested on the
 * host.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include "types.h"

#define ELF_MAX_SEGS 8

struct elf_seg {
	uint64_t vaddr, memsz, off, filesz;
	uint32_t prot; /* PROT_* */
};

struct elf_image {
	uint64_t entry;
	int nseg;
	struct elf_seg seg[ELF_MAX_SEGS]; /* sorted by vaddr */
};

/* buf holds the first len bytes of a file of file_size bytes. */
int elf_parse(const uint8_t *buf, size_t len, uint64_t file_size, uint64_t lo, uint64_t hi,
	      struct elf_image *out);

#endif
