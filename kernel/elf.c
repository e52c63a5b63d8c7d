/* ELF executable checks (see elf.h). */
#include "elf.h"
#include "errno.h"

#define EI_NIDENT 16
#define ET_EXEC 2
#define EM_RISCV 243
#define PT_LOAD 1
#define PF_X 1
#define PF_W 2
#define PF_R 4

struct elf64_ehdr {
	uint8_t ident[EI_NIDENT];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

static uint64_t rd(const uint8_t *p, int n)
{
	uint64_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

int elf_parse(const uint8_t *buf, size_t len, uint64_t file_size, uint64_t lo, uint64_t hi,
	      struct elf_image *out)
{
	out->nseg = 0;
	out->entry = 0;
	if (!buf || len < sizeof(struct elf64_ehdr) || len > file_size)
		return -ENOEXEC;
	if (buf[0] != 0x7f || buf[1] != 'E' || buf[2] != 'L' || buf[3] != 'F' || buf[4] != 2 ||
	    buf[5] != 1 || buf[6] != 1)
		return -ENOEXEC;
	uint16_t type = (uint16_t)rd(buf + 16, 2), machine = (uint16_t)rd(buf + 18, 2);
	uint64_t entry = rd(buf + 24, 8), phoff = rd(buf + 32, 8);
	uint16_t phentsize = (uint16_t)rd(buf + 54, 2), phnum = (uint16_t)rd(buf + 56, 2);
	if (type != ET_EXEC || machine != EM_RISCV || phentsize != sizeof(struct elf64_phdr) ||
	    phnum == 0 || phnum > 64 || phoff > len || (uint64_t)phnum * phentsize > len - phoff)
		return -ENOEXEC;
	bool entry_ok = false;
	for (int i = 0; i < phnum; i++) {
		const uint8_t *ph = buf + phoff + (uint64_t)i * phentsize;
		if (rd(ph, 4) != PT_LOAD)
			continue;
		uint32_t flags = (uint32_t)rd(ph + 4, 4);
		uint64_t off = rd(ph + 8, 8), vaddr = rd(ph + 16, 8);
		uint64_t filesz = rd(ph + 32, 8), memsz = rd(ph + 40, 8);
		if (memsz == 0)
			continue;
		if (filesz > memsz || vaddr < lo || vaddr >= hi || memsz > hi - vaddr ||
		    off > file_size || filesz > file_size - off ||
		    (vaddr % PAGE_SIZE) != (off % PAGE_SIZE) || out->nseg == ELF_MAX_SEGS)
			return -ENOEXEC;
		struct elf_seg s = { vaddr, memsz, off, filesz, 0 };
		if (flags & PF_R)
			s.prot |= 1;
		if (flags & PF_W)
			s.prot |= 2;
		if (flags & PF_X)
			s.prot |= 4;
		/* insert sorted; no two segments may share a page */
		uint64_t s0 = PG_ROUNDDOWN(vaddr), s1 = PG_ROUNDUP(vaddr + memsz);
		int at = out->nseg;
		for (int j = 0; j < out->nseg; j++) {
			uint64_t t0 = PG_ROUNDDOWN(out->seg[j].vaddr);
			uint64_t t1 = PG_ROUNDUP(out->seg[j].vaddr + out->seg[j].memsz);
			if (s0 < t1 && t0 < s1)
				return -ENOEXEC;
			if (vaddr < out->seg[j].vaddr && at == out->nseg)
				at = j;
		}
		for (int j = out->nseg; j > at; j--)
			out->seg[j] = out->seg[j - 1];
		out->seg[at] = s;
		out->nseg++;
		if ((s.prot & 4) && entry >= vaddr && entry < vaddr + memsz)
			entry_ok = true;
	}
	if (out->nseg == 0 || !entry_ok)
		return -ENOEXEC;
	out->entry = entry;
	return 0;
}
