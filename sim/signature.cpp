/* --signature FILE: the memory between the ELF symbols begin_signature and end_signature,
 * read from the DRAM model at the end of an --elf run, one 64-bit little-endian word per
 * line as 16 lowercase hex digits (a last partial word is padded with zero bytes).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hive_sim.h"

static int sig_node;
static uint64_t sig_off, sig_len;

void signature_check(const struct elf_file *e)
{
    uint64_t begin, end, paddr;
    if (!e->symtab)
        bad_input("--signature: '%s' has no symbol table", e->path);
    if (!elf_symbol(e, "begin_signature", &begin) || !elf_symbol(e, "end_signature", &end))
        bad_input("--signature: '%s' does not define begin_signature and end_signature",
                  e->path);
    if (end < begin)
        bad_input("--signature: end_signature (0x%llx) is below begin_signature (0x%llx)",
                  (unsigned long long)end, (unsigned long long)begin);
    if (!elf_vaddr_to_paddr(e, begin, &paddr))
        paddr = begin;
    sig_len = end - begin;
    int node_end;
    uint64_t off_end;
    if (!boot_translate(0, paddr, &sig_node, &sig_off) ||
        (sig_len && (!boot_translate(0, paddr + sig_len - 1, &node_end, &off_end) ||
                     node_end != sig_node)))
        bad_input("--signature: 0x%llx..0x%llx is outside the machine's memory",
                  (unsigned long long)paddr, (unsigned long long)(paddr + sig_len));
}

int signature_write(const char *path, const struct elf_file *e)
{
    (void)e;
    FILE *f = fopen(path, "w");
    if (!f) {
        error_msg("--signature '%s': %s", path, strerror(errno));
        return 0;
    }
    for (uint64_t i = 0; i < sig_len; i += 8) {
        uint8_t b[8] = {0};
        uint64_t n = sig_len - i < 8 ? sig_len - i : 8;
        mem_peek(sig_node, sig_off + i, b, n);
        uint64_t w = 0;
        for (int k = 7; k >= 0; k--)
            w = (w << 8) | b[k];
        fprintf(f, "%016llx\n", (unsigned long long)w);
    }
    if (ferror(f) | fclose(f)) {
        error_msg("--signature '%s': write error", path);
        return 0;
    }
    return 1;
}
