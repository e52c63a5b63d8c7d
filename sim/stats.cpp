/* --stats FILE: the run as JSON (docs/harness.md lists the fields).
 *
 * Only simulated quantities go in (no wall-clock time, no absolute paths), so that the same
 * inputs give the same file. Written to FILE.tmp and renamed, so a reader never sees half.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "hive_sim.h"

/* A JSON string: valid UTF-8 passes through, control characters and invalid bytes are
 * escaped (an invalid byte b as \u00bb). */
static void jstr(FILE *f, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        if (c == '"' || c == '\\') {
            fputc('\\', f);
            fputc((int)c, f);
        } else if (c == '\n') {
            fputs("\\n", f);
        } else if (c == '\t') {
            fputs("\\t", f);
        } else if (c < 0x20 || c == 0x7f) {
            fprintf(f, "\\u%04x", c);
        } else if (c < 0x80) {
            fputc((int)c, f);
        } else {
            /* Length and validity of a UTF-8 sequence (no overlongs, no surrogates). */
            size_t len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3
                       : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
            int ok = len && i + len <= n;
            for (size_t k = 1; ok && k < len; k++)
                ok = (p[i + k] & 0xc0) == 0x80;
            if (ok && len == 3) {
                unsigned c1 = p[i + 1];
                ok = !(c == 0xe0 && c1 < 0xa0) && !(c == 0xed && c1 >= 0xa0);
            }
            if (ok && len == 4) {
                unsigned c1 = p[i + 1];
                ok = !(c == 0xf0 && c1 < 0x90) && !(c == 0xf4 && c1 >= 0x90);
            }
            if (ok) {
                fwrite(p + i, 1, len, f);
                i += len - 1;
            } else {
                fprintf(f, "\\u%04x", c);
            }
        }
    }
    fputc('"', f);
}

static void jcstr(FILE *f, const char *s)
{
    jstr(f, s, strlen(s));
}

/* The cycles in which the node's console lines were completed, as a JSON array. */
static void jcycles(FILE *f, int node)
{
    size_t n;
    const uint64_t *l = console_line_cycles(node, &n);
    fputc('[', f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%s%llu", i ? ", " : "", (unsigned long long)l[i]);
    fputc(']', f);
}

/* The cycle in which the node failed or the hart halted, as a JSON number or null. */
static void jfault_cycle(FILE *f, int kind, int which)
{
    for (int i = 0; i < g_faults.n; i++) {
        const struct fault *ft = &g_faults.f[i];
        if (ft->kind != kind || !ft->nevents)
            continue;
        if ((kind == FAULT_NODE_FAIL ? ft->node : ft->hart) == which) {
            fprintf(f, "%llu", (unsigned long long)ft->events[0].cycle);
            return;
        }
    }
    fputs("null", f);
}

static const char *cell_state_name(int s)
{
    switch (s) {
    case CELL_PASS: return "pass";
    case CELL_FAIL: return "fail";
    case CELL_RESET: return "reset";
    case CELL_STOPPED: return "stopped";
    default: return "running";
    }
}

static void write_json(FILE *f, const struct options *o, const struct run_result *r)
{
    fprintf(f, "{\n  \"format\": \"hive-sim-stats/1\",\n  \"revision\": ");
    jcstr(f, g_revision);
    if (g_run.restored) {
        fprintf(f, ",\n  \"restored_from\": {\"file\": ");
        jcstr(f, g_run.restored_file);
        fprintf(f, ", \"cycle\": %llu}", (unsigned long long)g_run.restored_cycle);
    }
    fprintf(f, ",\n  \"config\": {\"nodes\": %d, \"cores_per_node\": %d, \"harts\": %d, "
               "\"node_mem\": %llu, \"mode\": \"%s\", \"cells\": %d, \"mem_latency\": %u, "
               "\"seed\": %llu, \"max_cycles\": %llu",
            SIM_NODES, SIM_CORES_PER_NODE, SIM_HARTS, (unsigned long long)SIM_NODE_MEM,
            g_m.elf_mode ? "elf" : "cells", g_m.ncells, o->mem_latency,
            (unsigned long long)o->seed, (unsigned long long)o->max_cycles);
    if (g_m.elf_mode) {
        fprintf(f, ", \"elf\": ");
        jcstr(f, g_m.img.elf);
    } else {
        fprintf(f, ", \"firmware\": ");
        jcstr(f, g_m.img.firmware);
        fprintf(f, ", \"payloads\": {");
        for (int i = 0; i < g_m.img.npayloads; i++) {
            char key[16];
            if (g_m.img.payloads[i].cell < 0)
                snprintf(key, sizeof key, "*");
            else
                snprintf(key, sizeof key, "%d", g_m.img.payloads[i].cell);
            fprintf(f, "%s\"%s\": ", i ? ", " : "", key);
            jcstr(f, g_m.img.payloads[i].name);
        }
        fputc('}', f);
    }
    fprintf(f, "},\n");

    fprintf(f, "  \"cycles\": %llu,\n  \"instructions\": %llu,\n  \"ipc\": %.4f,\n",
            (unsigned long long)r->cycles, (unsigned long long)r->instret,
            r->cycles ? (double)r->instret / (double)r->cycles : 0.0);
    fprintf(f, "  \"exit\": {\"status\": %d, \"reason\": ", r->status);
    jcstr(f, r->reason);
    fprintf(f, ", \"detail\": ");
    jcstr(f, r->detail);
    fprintf(f, "},\n");
    if (o->check_coherence)
        fprintf(f, "  \"coherence_check\": {\"accesses\": %llu, \"lines\": %llu, \"ok\": %s},\n",
                (unsigned long long)check_accesses_checked(),
                (unsigned long long)check_lines_tracked(),
                strcmp(r->reason, "coherence-check") ? "true" : "false");

    fprintf(f, "  \"harts\": [\n");
    for (int h = 0; h < SIM_HARTS; h++) {
        const struct hart_stats *s = &r->harts[h];
        fprintf(f, "    {\"hart\": %d, \"node\": %d, \"core\": %d, \"instret\": %llu, "
                   "\"imiss\": %llu, \"dmiss\": %llu, \"stall\": %llu, \"halted_at\": ",
                h, h / SIM_CORES_PER_NODE, h % SIM_CORES_PER_NODE,
                (unsigned long long)s->instret, (unsigned long long)s->imiss,
                (unsigned long long)s->dmiss, (unsigned long long)s->stall);
        jfault_cycle(f, FAULT_CORE_HALT, h);
        fprintf(f, "}%s\n", h + 1 < SIM_HARTS ? "," : "");
    }
    fprintf(f, "  ],\n  \"nodes\": [\n");
    for (int n = 0; n < SIM_NODES; n++) {
        const struct node_mem *m = &g_mem[n];
        const struct node_stats *d = &r->nodes[n];
        fprintf(f, "    {\"node\": %d, \"cell\": %d, \"mem_reads\": %llu, \"mem_writes\": %llu, "
                   "\"mem_bad_addr\": %llu,\n     \"dir_requests\": %llu, \"dir_nacks\": %llu, "
                   "\"dir_evictions\": %llu, \"dir_proto_errors\": %llu, "
                   "\"dir_occupancy_max\": %llu, \"l1_proto_errors\": %llu, "
                   "\"l1_proto_first\": ",
                n, g_m.node_cell[n], (unsigned long long)m->reads,
                (unsigned long long)m->writes, (unsigned long long)m->bad_addr,
                (unsigned long long)d->requests, (unsigned long long)d->nacks,
                (unsigned long long)d->evictions, (unsigned long long)d->proto_errors,
                (unsigned long long)d->occupancy_max, (unsigned long long)d->l1_proto_errors);
        if (d->l1_proto_errors)
            fprintf(f, "%llu", (unsigned long long)d->l1_proto_first);
        else
            fprintf(f, "null");
        fprintf(f, ", \"fw_denied\": %llu", (unsigned long long)d->fw_denied);
        fprintf(f, ",\n     \"sips_sent\": %llu, \"sips_received\": %llu, \"sips_nacked\": %llu, "
                   "\"sips_failed\": %llu",
                (unsigned long long)d->sips_sent, (unsigned long long)d->sips_received,
                (unsigned long long)d->sips_nacked, (unsigned long long)d->sips_failed);
        fprintf(f, ", \"failed_at\": ");
        jfault_cycle(f, FAULT_NODE_FAIL, n);
        fprintf(f, "}%s\n", n + 1 < SIM_NODES ? "," : "");
    }
    fprintf(f, "  ],\n  \"cells\": [\n");
    for (int k = 0; k < g_m.ncells; k++) {
        const struct cell *c = &g_m.cells[k];
        fprintf(f, "    {\"cell\": %d, \"nodes\": [", k);
        for (int n = 0; n < c->nnodes; n++)
            fprintf(f, "%s%d", n ? ", " : "", c->first_node + n);
        fprintf(f, "], \"finished\": \"%s\"", cell_state_name(c->state));
        if (c->state == CELL_FAIL)
            fprintf(f, ", \"code\": %u", c->code);
        if (c->state != CELL_RUNNING)
            fprintf(f, ", \"cycle\": %llu", (unsigned long long)c->finish_cycle);
        if (c->finisher_node >= 0)
            fprintf(f, ", \"finisher_node\": %d", c->finisher_node);
        fprintf(f, ", \"hit_by_fault\": %s", c->hit_by_fault ? "true" : "false");
        size_t len;
        int trunc;
        const char *text = console_text(c->first_node, &len, &trunc);
        fprintf(f, ",\n     \"console\": ");
        jstr(f, text, len);
        fprintf(f, ", \"console_truncated\": %s", trunc ? "true" : "false");
        fprintf(f, ",\n     \"line_cycles\": ");
        jcycles(f, c->first_node);
        fprintf(f, ",\n     \"node_consoles\": {");
        int first = 1;
        for (int n = 1; n < c->nnodes; n++) {
            text = console_text(c->first_node + n, &len, &trunc);
            if (!len)
                continue;
            fprintf(f, "%s\"%d\": ", first ? "" : ", ", c->first_node + n);
            jstr(f, text, len);
            first = 0;
        }
        fprintf(f, "},\n     \"node_line_cycles\": {");
        first = 1;
        for (int n = 1; n < c->nnodes; n++) {
            console_text(c->first_node + n, &len, &trunc);
            if (!len)
                continue;
            fprintf(f, "%s\"%d\": ", first ? "" : ", ", c->first_node + n);
            jcycles(f, c->first_node + n);
            first = 0;
        }
        fprintf(f, "}}%s\n", k + 1 < g_m.ncells ? "," : "");
    }
    fprintf(f, "  ],\n  \"faults\": [");
    static const char *const trig[] = {"cycle", "pc", "rand"};
    for (int i = 0; i < g_faults.n; i++) {
        const struct fault *ft = &g_faults.f[i];
        fprintf(f, "%s\n    {\"spec\": ", i ? "," : "");
        jcstr(f, ft->spec);
        fprintf(f, ", \"kind\": \"%s\", \"trigger\": \"%s\"", fault_kind_name(ft->kind),
                trig[ft->trigger]);
        if (ft->trigger == TRIG_RAND)
            fprintf(f, ", \"window\": [%llu, %llu]", (unsigned long long)ft->rand_from,
                    (unsigned long long)ft->rand_to);
        if (ft->trigger != TRIG_PC)
            fprintf(f, ", \"at\": %llu", (unsigned long long)ft->at);
        int sips = ft->kind == FAULT_SIPS_DROP || ft->kind == FAULT_SIPS_DELAY;
        if (ft->kind == FAULT_NODE_FAIL || ft->kind == FAULT_WILD_WRITE)
            fprintf(f, ", \"node\": %d", ft->node);
        if (sips)
            fprintf(f, ", \"from\": %d, \"to\": %d", ft->node, ft->to);
        if (ft->kind == FAULT_CORE_HALT || ft->kind == FAULT_CACHE_FLIP ||
            ft->kind == FAULT_FW_CLEAR)
            fprintf(f, ", \"hart\": %d", ft->hart);
        if (ft->kind == FAULT_MEM_FLIP || ft->kind == FAULT_CACHE_FLIP)
            fprintf(f, ", \"bit\": %d", ft->bit);
        if (ft->kind == FAULT_KERNEL_WORD || ft->kind == FAULT_WILD_WRITE)
            fprintf(f, ", \"value\": %llu", (unsigned long long)ft->value);
        if (ft->kind == FAULT_SIPS_DELAY)
            fprintf(f, ", \"cycles\": %llu", (unsigned long long)ft->value);
        fprintf(f, ", \"applied\": %s, \"cycle\": ", ft->nevents ? "true" : "false");
        if (ft->nevents)
            fprintf(f, "%llu", (unsigned long long)ft->events[0].cycle);
        else
            fputs("null", f);
        /* every cell an application hit, in cell order */
        uint32_t hitmask = 0;
        for (int e = 0; e < ft->nevents; e++) {
            hitmask |= 1u << g_m.node_cell[ft->events[e].node];
            if (ft->events[e].node2 >= 0)
                hitmask |= 1u << g_m.node_cell[ft->events[e].node2];
        }
        fprintf(f, ", \"cells\": [");
        for (int k = 0, first = 1; k < g_m.ncells; k++)
            if (hitmask >> k & 1) {
                fprintf(f, "%s%d", first ? "" : ", ", k);
                first = 0;
            }
        fprintf(f, "],\n     \"events\": [");
        for (int e = 0; e < ft->nevents; e++) {
            const struct fault_event *ev = &ft->events[e];
            fprintf(f, "%s{\"cycle\": %llu, \"cell\": ", e ? ", " : "",
                    (unsigned long long)ev->cycle);
            if (ev->cell >= 0)
                fprintf(f, "%d", ev->cell);
            else
                fputs("null", f);
            fprintf(f, ", \"node\": %d", ev->node);
            if (ft->kind != FAULT_NODE_FAIL && ft->kind != FAULT_CORE_HALT && !sips)
                fprintf(f, ", \"offset\": %llu", (unsigned long long)ev->off);
            if (ft->kind == FAULT_CACHE_FLIP) /* no effect when the line was not cached */
                fprintf(f, ", \"cached\": %s", ev->result ? "true" : "false");
            if (ft->kind == FAULT_FW_CLEAR) /* no effect when the bit was clear already */
                fprintf(f, ", \"was_set\": %s", ev->result ? "true" : "false");
            if (ft->kind == FAULT_WILD_WRITE)
                fprintf(f, ", \"denied\": %s",
                        ev->result < 0 ? "null" : ev->result ? "false" : "true");
            fputc('}', f);
        }
        fprintf(f, "]}");
    }
    fprintf(f, "%s]\n}\n", g_faults.n ? "\n  " : "");
}

int stats_write(const char *path, const struct options *o, const struct run_result *r)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        error_msg("--stats '%s': %s", tmp, strerror(errno));
        return 0;
    }
    write_json(f, o, r);
    if (ferror(f) | fclose(f) || rename(tmp, path) != 0) {
        error_msg("--stats '%s': %s", path, strerror(errno));
        remove(tmp);
        return 0;
    }
    return 1;
}
