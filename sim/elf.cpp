/* ELF64 reader for RISC-V executables: PT_LOAD segments (by physical address), entry, symbols. */
#include <stdlib.h>
#include <string.h>

#include "hive_sim.h"

/* Offsets in the ELF64 structures (read field by field: the file need not be aligned). */
enum {
    EI_CLASS = 4, EI_DATA = 5, ELFCLASS64 = 2, ELFDATA2LSB = 1,
    ET_EXEC = 2, ET_DYN = 3, EM_RISCV = 243, PT_LOAD = 1, SHT_SYMTAB = 2,
    EHDR_SIZE = 64, PHDR_SIZE = 56, SHDR_SIZE = 64, SYM_SIZE = 24,
};

static uint64_t rd(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

int elf_is_elf(const uint8_t *buf, size_t len)
{
    return len >= 4 && buf[0] == 0x7f && buf[1] == 'E' && buf[2] == 'L' && buf[3] == 'F';
}

/* [off, off+n) inside a buffer of len bytes, without overflow. */
static int inside(uint64_t off, uint64_t n, size_t len)
{
    return off <= len && n <= len - off;
}

void elf_parse(const char *path, uint8_t *buf, size_t len, struct elf_file *e)
{
    memset(e, 0, sizeof *e);
    e->path = path;
    e->buf = buf;
    e->len = len;
    if (!elf_is_elf(buf, len))
        bad_input("'%s' is not an ELF file", path);
    if (len < EHDR_SIZE)
        bad_input("'%s': truncated ELF header", path);
    if (buf[EI_CLASS] != ELFCLASS64)
        bad_input("'%s' is not a 64-bit ELF (RV64 expected)", path);
    if (buf[EI_DATA] != ELFDATA2LSB)
        bad_input("'%s' is not a little-endian ELF", path);
    unsigned machine = (unsigned)rd(buf + 18, 2);
    if (machine != EM_RISCV)
        bad_input("'%s' is not a RISC-V ELF (e_machine %u, RISC-V is %d)", path, machine,
                  EM_RISCV);
    unsigned type = (unsigned)rd(buf + 16, 2);
    if (type != ET_EXEC && type != ET_DYN)
        bad_input("'%s' is not an executable ELF (e_type %u)", path, type);
    e->entry = rd(buf + 24, 8);
    uint64_t phoff = rd(buf + 32, 8), shoff = rd(buf + 40, 8);
    unsigned phentsize = (unsigned)rd(buf + 54, 2), phnum = (unsigned)rd(buf + 56, 2);
    unsigned shentsize = (unsigned)rd(buf + 58, 2), shnum = (unsigned)rd(buf + 60, 2);

    if (phnum && (phentsize < PHDR_SIZE || !inside(phoff, (uint64_t)phnum * phentsize, len)))
        bad_input("'%s': program headers outside the file", path);
    e->segs = (struct elf_segment *)calloc(phnum ? phnum : 1, sizeof *e->segs);
    for (unsigned i = 0; i < phnum; i++) {
        const uint8_t *ph = buf + phoff + (uint64_t)i * phentsize;
        if (rd(ph, 4) != PT_LOAD)
            continue;
        struct elf_segment *s = &e->segs[e->nsegs];
        uint64_t off = rd(ph + 8, 8);
        s->vaddr = rd(ph + 16, 8);
        s->paddr = rd(ph + 24, 8);
        s->filesz = rd(ph + 32, 8);
        s->memsz = rd(ph + 40, 8);
        if (s->memsz == 0)
            continue;
        if (s->filesz > s->memsz || !inside(off, s->filesz, len))
            bad_input("'%s': segment %u lies outside the file", path, i);
        s->bytes = buf + off;
        e->nsegs++;
    }
    if (e->nsegs == 0)
        bad_input("'%s' has no loadable segment", path);

    /* The symbol table is optional (needed only for --signature and symbol triggers). */
    if (shnum && shentsize >= SHDR_SIZE && inside(shoff, (uint64_t)shnum * shentsize, len)) {
        e->shdrs = buf + shoff;
        e->shnum = shnum;
        e->shentsize = shentsize;
        for (unsigned i = 0; i < shnum; i++) {
            const uint8_t *sh = buf + shoff + (uint64_t)i * shentsize;
            if (rd(sh + 4, 4) != SHT_SYMTAB)
                continue;
            uint64_t off = rd(sh + 24, 8), size = rd(sh + 32, 8);
            unsigned link = (unsigned)rd(sh + 40, 4);
            if (link >= shnum || !inside(off, size, len))
                break;
            const uint8_t *str = buf + shoff + (uint64_t)link * shentsize;
            uint64_t stroff = rd(str + 24, 8), strsize = rd(str + 32, 8);
            if (!inside(stroff, strsize, len))
                break;
            e->symtab = buf + off;
            e->nsyms = size / SYM_SIZE;
            e->strtab = buf + stroff;
            e->strsz = strsize;
            break;
        }
    }
}

int elf_symbol(const struct elf_file *e, const char *name, uint64_t *value)
{
    size_t nlen = strlen(name);
    for (size_t i = 0; i < e->nsyms; i++) {
        const uint8_t *s = e->symtab + i * SYM_SIZE;
        uint64_t n = rd(s, 4);
        if (n >= e->strsz || e->strsz - n <= nlen)
            continue;
        if (memcmp(e->strtab + n, name, nlen + 1) == 0) {
            *value = rd(s + 8, 8);
            return 1;
        }
    }
    return 0;
}

int elf_range_has_section(const struct elf_file *e, uint64_t vaddr, uint64_t len)
{
    enum { SHF_ALLOC = 2 };
    if (!e->shdrs)
        return 1;
    for (unsigned i = 0; i < e->shnum; i++) {
        const uint8_t *sh = e->shdrs + (uint64_t)i * e->shentsize;
        uint64_t flags = rd(sh + 8, 8), addr = rd(sh + 16, 8), size = rd(sh + 32, 8);
        if ((flags & SHF_ALLOC) && size && addr < vaddr + len && vaddr < addr + size)
            return 1;
    }
    return 0;
}

int elf_vaddr_to_paddr(const struct elf_file *e, uint64_t vaddr, uint64_t *paddr)
{
    for (int i = 0; i < e->nsegs; i++) {
        const struct elf_segment *s = &e->segs[i];
        if (vaddr >= s->vaddr && vaddr - s->vaddr < s->memsz) {
            *paddr = s->paddr + (vaddr - s->vaddr);
            return 1;
        }
    }
    return 0;
}
