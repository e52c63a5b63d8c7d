/* Checkpoints: --save-at CYCLE:FILE and --restore FILE (docs/harness.md "Checkpoints").
 *
 * File layout (integers little-endian):
 *   0  "HIVECKPT"            magic
 *   8  u32 version           CKPT_VERSION
 *   12 u32 crc               CRC-32 (zlib) of every byte from offset 16 to the end
 *   16 u64 file length
 *   24 u64 meta length       the meta part follows the header, uncompressed
 *   32 u64 body length       compressed (zlib), after the meta part
 *   40 u64 body length       uncompressed
 *   48 meta: shape, revision, mode and cells, cycle, options, names and hashes of the images,
 *      the model's identity (length of its state and Verilator's check value)
 *   .. body: run state, memory (non-zero pages), consoles, faults, the Verilated model
 * Everything is checked before anything is restored: Verilator aborts on a state that is not
 * its own, so a file that is corrupt or from another model never reaches it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <zlib.h>

#include "verilated.h"
#include "Vhive_soc.h"
#include "hive_sim.h"
#include "checkpoint.h"

struct run_state g_run;

#if SIM_SAVABLE
#include "verilated_save.h"

static const char MAGIC[8] = {'H', 'I', 'V', 'E', 'C', 'K', 'P', 'T'};
enum { CKPT_VERSION = 1, HEADER_BYTES = 48 };
/* Where Verilator's check value of the model's layout sits in the model's state: after the
 * two internal flags the model writes first (Vhive_soc__Syms::__Vserialize). */
enum { MODEL_CHECK_OFF = 2, MODEL_CHECK_LEN = 8 };

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The options of the run (sim_main.cpp). */
extern const struct options *g_opt;

/* ---- the Verilated model in memory ------------------------------------------------------- */
class MemSave final : public VerilatedSerialize {
    struct wbuf *out_;

public:
    explicit MemSave(struct wbuf *out) : out_(out)
    {
        m_isOpen = true;
        m_filename = "checkpoint";
    }
    ~MemSave() override { MemSave::flush(); }
    void flush() override
    {
        wb_put(out_, m_bufp, (size_t)(m_cp - m_bufp));
        m_cp = m_bufp;
    }
};

class MemRestore final : public VerilatedDeserialize {
    const uint8_t *src_;
    size_t len_, pos_;

public:
    MemRestore(const uint8_t *src, size_t len) : src_(src), len_(len), pos_(0)
    {
        m_isOpen = true;
        m_filename = "checkpoint";
        m_endp = m_bufp;
    }
    void fill() override
    {
        uint8_t *rp = m_bufp;
        for (uint8_t *sp = m_cp; sp < m_endp;)
            *rp++ = *sp++;
        m_endp = m_bufp + (m_endp - m_cp);
        m_cp = m_bufp;
        size_t room = bufferSize() - (size_t)(m_endp - m_bufp);
        size_t n = len_ - pos_ < room ? len_ - pos_ : room;
        memcpy(m_endp, src_ + pos_, n);
        pos_ += n;
        m_endp += n;
        if (pos_ == len_) /* past the end reads zeros, as VerilatedRestore does */
            while (m_endp < m_bufp + bufferSize())
                *m_endp++ = 0;
    }
};

static void model_state(Vhive_soc *top, struct wbuf *out)
{
    MemSave os(out);
    os << *top;
}

/* ---- what a checkpoint says about itself ---------------------------------------------------- */

struct meta {
    uint64_t nodes, cores, node_mem;
    char *revision;
    int elf_mode, ncells;
    uint64_t cycle, mem_latency, max_cycles, seed;
    struct images img;
    uint64_t model_len;
    uint8_t model_check[MODEL_CHECK_LEN];
};

static void meta_write(struct wbuf *b, const struct options *o, uint64_t model_len,
                       const uint8_t *model_check)
{
    wb_u64(b, SIM_NODES);
    wb_u64(b, SIM_CORES_PER_NODE);
    wb_u64(b, SIM_NODE_MEM);
    wb_str(b, g_revision);
    wb_u64(b, (uint64_t)g_m.elf_mode);
    wb_u64(b, (uint64_t)g_m.ncells);
    wb_u64(b, g_run.cycle);
    wb_u64(b, o->mem_latency);
    wb_u64(b, o->max_cycles);
    wb_u64(b, o->seed);
    const struct images *im = &g_m.img;
    wb_str(b, im->elf);
    wb_str(b, im->firmware);
    wb_u64(b, (uint64_t)im->npayloads);
    for (int i = 0; i < im->npayloads; i++) {
        wb_u64(b, (uint64_t)(int64_t)im->payloads[i].cell);
        wb_str(b, im->payloads[i].name);
    }
    wb_u64(b, im->elf_hash);
    wb_u64(b, im->firmware_hash);
    wb_u64(b, im->rom_hash);
    wb_u64(b, im->dtb_hash);
    wb_u64(b, (uint64_t)g_m.ncells); /* one payload hash per cell */
    for (int k = 0; k < g_m.ncells; k++)
        wb_u64(b, im->payload_hash[k]);
    wb_u64(b, model_len);
    wb_put(b, model_check, MODEL_CHECK_LEN);
}

static void copy_name(char *dst, size_t n, struct rbuf *b)
{
    char *s = rb_str(b);
    snprintf(dst, n, "%s", s);
    free(s);
}

static int meta_read(struct rbuf *b, struct meta *m)
{
    memset(m, 0, sizeof *m);
    m->nodes = rb_u64(b);
    m->cores = rb_u64(b);
    m->node_mem = rb_u64(b);
    m->revision = rb_str(b);
    m->elf_mode = (int)rb_u64(b);
    m->ncells = (int)rb_u64(b);
    m->cycle = rb_u64(b);
    m->mem_latency = rb_u64(b);
    m->max_cycles = rb_u64(b);
    m->seed = rb_u64(b);
    struct images *im = &m->img;
    copy_name(im->elf, sizeof im->elf, b);
    copy_name(im->firmware, sizeof im->firmware, b);
    uint64_t np = rb_u64(b);
    if (np > 17)
        return 0;
    im->npayloads = (int)np;
    for (int i = 0; i < im->npayloads; i++) {
        im->payloads[i].cell = (int)(int64_t)rb_u64(b);
        copy_name(im->payloads[i].name, sizeof im->payloads[i].name, b);
    }
    im->elf_hash = rb_u64(b);
    im->firmware_hash = rb_u64(b);
    im->rom_hash = rb_u64(b);
    im->dtb_hash = rb_u64(b);
    uint64_t nh = rb_u64(b);
    if (nh > 64 || nh > (b->len - b->pos) / 8)
        return 0;
    for (uint64_t k = 0; k < nh; k++) {
        uint64_t h = rb_u64(b);
        if (k < SIM_NODES)
            im->payload_hash[k] = h;
    }
    m->model_len = rb_u64(b);
    rb_get(b, m->model_check, MODEL_CHECK_LEN);
    return !b->bad && b->pos == b->len;
}

/* ---- the body: run state, memory, consoles, faults, model ------------------------------------ */

static void run_save(struct wbuf *b)
{
    wb_u64(b, g_run.cycle);
    wb_u64(b, (uint64_t)g_run.cells_running);
    wb_u64(b, (uint64_t)g_run.warned_mfinish);
    wb_u64(b, (uint64_t)g_run.warned_finish_value);
    wb_u64(b, (uint64_t)g_run.cin_offered);
    for (int n = 0; n < SIM_NODES; n++) {
        wb_u64(b, g_run.l1_proto[n]);
        wb_u64(b, g_run.l1_proto_first[n]);
    }
    for (int k = 0; k < g_m.ncells; k++) {
        const struct cell *c = &g_m.cells[k];
        wb_u64(b, (uint64_t)c->state);
        wb_u64(b, c->code);
        wb_u64(b, c->finish_cycle);
        wb_u64(b, (uint64_t)(int64_t)c->finisher_node);
        wb_u64(b, (uint64_t)c->hit_by_fault);
    }
}

static int run_restore(struct rbuf *b)
{
    g_run.cycle = rb_u64(b);
    g_run.cells_running = (int)rb_u64(b);
    g_run.warned_mfinish = (int)rb_u64(b);
    g_run.warned_finish_value = (int)rb_u64(b);
    g_run.cin_offered = (int)rb_u64(b);
    for (int n = 0; n < SIM_NODES; n++) {
        g_run.l1_proto[n] = rb_u64(b);
        g_run.l1_proto_first[n] = rb_u64(b);
    }
    for (int k = 0; k < g_m.ncells; k++) {
        struct cell *c = &g_m.cells[k];
        c->state = (int)rb_u64(b);
        c->code = (uint32_t)rb_u64(b);
        c->finish_cycle = rb_u64(b);
        c->finisher_node = (int)(int64_t)rb_u64(b);
        c->hit_by_fault = (int)rb_u64(b);
    }
    return !b->bad && g_run.cin_offered >= 0 && g_run.cin_offered <= SIM_NODES;
}

static uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

static uint64_t rd64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

int checkpoint_save(Vhive_soc *top, const char *path)
{
    double t0 = seconds();
    struct wbuf model = {NULL, 0, 0}, body = {NULL, 0, 0}, meta = {NULL, 0, 0};
    model_state(top, &model);
    uint8_t check[MODEL_CHECK_LEN] = {0};
    if (model.len >= MODEL_CHECK_OFF + MODEL_CHECK_LEN)
        memcpy(check, model.p + MODEL_CHECK_OFF, MODEL_CHECK_LEN);

    run_save(&body);
    mem_save(&body);
    console_save(&body);
    faults_save(&body);
    wb_u64(&body, model.len);
    wb_put(&body, model.p, model.len);
    free(model.p);
    meta_write(&meta, g_opt, model.len, check);

    uLongf zlen = compressBound((uLong)body.len);
    uint8_t *file = (uint8_t *)malloc(HEADER_BYTES + meta.len + zlen);
    if (!file) {
        error_msg("--save-at '%s': out of memory", path);
        return 0;
    }
    uint8_t *z = file + HEADER_BYTES + meta.len;
    if (compress2(z, &zlen, body.p, (uLong)body.len, 1) != Z_OK) {
        error_msg("--save-at '%s': compression failed", path);
        free(file);
        return 0;
    }
    uint64_t total = HEADER_BYTES + meta.len + zlen;
    uint32_t version = CKPT_VERSION;
    uint64_t fields[4] = {total, meta.len, (uint64_t)zlen, body.len};
    memcpy(file, MAGIC, 8);
    memcpy(file + 8, &version, 4);
    memcpy(file + 16, fields, sizeof fields);
    memcpy(file + HEADER_BYTES, meta.p, meta.len);
    uint32_t crc = (uint32_t)crc32(0L, file + 16, (uInt)(total - 16));
    memcpy(file + 12, &crc, 4);
    free(body.p);
    free(meta.p);

    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int ok = f && fwrite(file, 1, total, f) == total;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        error_msg("--save-at '%s': %s", path, strerror(errno));
        remove(tmp);
        free(file);
        return 0;
    }
    free(file);
    note("cycle %llu: checkpoint '%s' saved (%llu bytes, %.0f ms)",
         (unsigned long long)g_run.cycle, path, (unsigned long long)total,
         (seconds() - t0) * 1000.0);
    return 1;
}

/* ---- restore ---------------------------------------------------------------------------------- */

static struct meta ck;
static uint8_t *ck_body;
static size_t ck_body_len;
static const uint8_t *ck_model;
static size_t ck_model_len;
static const char *ck_path;
static double ck_t0; /* when the restore began (for the note) */

static void bad_checkpoint(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void bad_checkpoint(const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    bad_input("--restore '%s': %s", ck_path, msg);
}

/* The payload a cell of the checkpoint ran, by name (for messages). */
static const char *ck_payload_name(int k)
{
    for (int i = 0; i < ck.img.npayloads; i++)
        if (ck.img.payloads[i].cell == k)
            return ck.img.payloads[i].name;
    for (int i = 0; i < ck.img.npayloads; i++)
        if (ck.img.payloads[i].cell < 0)
            return ck.img.payloads[i].name;
    return "none";
}

static void check_images(const struct options *o)
{
    struct images now;
    boot_hash_given(o, ck.elf_mode, ck.ncells, &now);
    if ((o->given & GIVEN_ELF) && now.elf_hash != ck.img.elf_hash)
        bad_checkpoint("--elf '%s' is not the ELF the checkpoint ran ('%s')", o->elf,
                       ck.img.elf);
    if ((o->given & GIVEN_FIRMWARE) && now.firmware_hash != ck.img.firmware_hash)
        bad_checkpoint("--firmware '%s' is not the firmware the checkpoint ran ('%s')",
                       o->firmware, ck.img.firmware);
    if (o->given & GIVEN_PAYLOAD)
        for (int k = 0; k < ck.ncells; k++)
            if (now.payload_hash[k] != ck.img.payload_hash[k])
                bad_checkpoint("--payload: cell %d ran another payload ('%s') in the checkpoint",
                               k, ck_payload_name(k));
    if ((o->given & GIVEN_BOOT_DIR) &&
        (now.rom_hash != ck.img.rom_hash || now.dtb_hash != ck.img.dtb_hash))
        bad_checkpoint("--boot-dir '%s' holds another boot ROM or device tree than the "
                       "checkpoint's", o->boot_dir);
}

void checkpoint_prepare(struct options *o)
{
    ck_path = o->restore;
    ck_t0 = seconds();
    size_t len;
    uint8_t *file = read_file(o->restore, &len, "--restore");
    if (len < HEADER_BYTES || memcmp(file, MAGIC, 8) != 0)
        bad_checkpoint("not a hive-sim checkpoint (no HIVECKPT header)");
    uint32_t version = rd32(file + 8);
    if (version != CKPT_VERSION)
        bad_checkpoint("checkpoint format version %u, this hive-sim reads version %d", version,
                       CKPT_VERSION);
    uint64_t total = rd64(file + 16), meta_len = rd64(file + 24), zlen = rd64(file + 32);
    uint64_t body_len = rd64(file + 40);
    if (total != len)
        bad_checkpoint("truncated or extended: the header says %llu bytes, the file has %zu",
                       (unsigned long long)total, len);
    uint32_t crc = (uint32_t)crc32(0L, file + 16, (uInt)(len - 16));
    if (crc != rd32(file + 12))
        bad_checkpoint("corrupt: CRC-32 0x%08x, the header says 0x%08x", crc, rd32(file + 12));
    if (meta_len > len - HEADER_BYTES || zlen != len - HEADER_BYTES - meta_len)
        bad_checkpoint("corrupt: inconsistent lengths in the header");
    struct rbuf mb = {file + HEADER_BYTES, (size_t)meta_len, 0, 0};
    if (!meta_read(&mb, &ck))
        bad_checkpoint("corrupt: malformed description");

    /* The model and the build. */
    if (ck.nodes != SIM_NODES || ck.cores != SIM_CORES_PER_NODE || ck.node_mem != SIM_NODE_MEM)
        bad_checkpoint("made by a model of shape %llux%llu (NODE_MEM=%llu), this one is %dx%d "
                       "(NODE_MEM=%llu)", (unsigned long long)ck.nodes,
                       (unsigned long long)ck.cores, (unsigned long long)ck.node_mem, SIM_NODES,
                       SIM_CORES_PER_NODE, (unsigned long long)SIM_NODE_MEM);
    if (strcmp(ck.revision, g_revision) != 0)
        bad_checkpoint("made by hive-sim revision %s, this is %s (a checkpoint is only valid for "
                       "the build that made it)", ck.revision, g_revision);
    if (ck.ncells < 1 || ck.ncells > SIM_NODES || SIM_NODES % ck.ncells != 0)
        bad_checkpoint("corrupt: %d cells", ck.ncells);

    /* Options that must match; the ones not given come from the checkpoint. */
    if ((o->given & GIVEN_ELF) && !ck.elf_mode)
        bad_checkpoint("--elf given, but the checkpoint booted %d cell%s", ck.ncells,
                       ck.ncells > 1 ? "s" : "");
    if ((o->given & (GIVEN_FIRMWARE | GIVEN_PAYLOAD)) && ck.elf_mode)
        bad_checkpoint("--%s given, but the checkpoint is an --elf run ('%s')",
                       o->given & GIVEN_FIRMWARE ? "firmware" : "payload", ck.img.elf);
    if ((o->given & GIVEN_CELLS) && o->cells != ck.ncells)
        bad_checkpoint("--cells %d differs from the checkpoint's %d", o->cells, ck.ncells);
    if ((o->given & GIVEN_MEM_LATENCY) && o->mem_latency != ck.mem_latency)
        bad_checkpoint("--mem-latency %u differs from the checkpoint's %llu", o->mem_latency,
                       (unsigned long long)ck.mem_latency);
    if (o->signature && !(o->given & GIVEN_ELF))
        bad_checkpoint("--signature needs --elf (the checkpoint's ELF, '%s') for its symbols",
                       ck.img.elf);
    for (int k = 0; k < o->npayloads; k++)
        if (o->payloads[k].cell >= ck.ncells)
            bad_checkpoint("--payload %d=%s: the checkpoint has %d cells", o->payloads[k].cell,
                           o->payloads[k].file, ck.ncells);
    o->cells = ck.ncells;
    o->mem_latency = (unsigned)ck.mem_latency;
    if (!(o->given & GIVEN_MAX_CYCLES))
        o->max_cycles = ck.max_cycles;
    if (!(o->given & GIVEN_SEED))
        o->seed = ck.seed;
    if (o->max_cycles && ck.cycle > o->max_cycles)
        bad_checkpoint("saved at cycle %llu, beyond --max-cycles %llu",
                       (unsigned long long)ck.cycle, (unsigned long long)o->max_cycles);
    for (int i = 0; i < o->nsaves; i++)
        if (o->saves[i].cycle < ck.cycle)
            bad_checkpoint("--save-at %llu:%s is before the checkpoint's cycle %llu",
                           (unsigned long long)o->saves[i].cycle, o->saves[i].file,
                           (unsigned long long)ck.cycle);

    /* The body. */
    ck_body = (uint8_t *)malloc(body_len ? body_len : 1);
    uLongf got = (uLongf)body_len;
    if (!ck_body)
        bad_checkpoint("out of memory (%llu bytes)", (unsigned long long)body_len);
    if (uncompress(ck_body, &got, file + HEADER_BYTES + meta_len, (uLong)zlen) != Z_OK ||
        got != body_len)
        bad_checkpoint("corrupt: the compressed state does not unpack");
    ck_body_len = body_len;
    free(file);

    boot_cells(ck.elf_mode, ck.ncells);
    check_images(o);
    g_m.img = ck.img;
}

void checkpoint_restore_harness(void)
{
    struct rbuf b = {ck_body, ck_body_len, 0, 0};
    if (!run_restore(&b) || !mem_restore(&b) || !console_restore(&b) || !faults_restore(&b))
        bad_checkpoint("corrupt: malformed harness state");
    uint64_t mlen = rb_u64(&b);
    if (b.bad || mlen != ck.model_len || mlen != b.len - b.pos)
        bad_checkpoint("corrupt: malformed model state");
    ck_model = b.p + b.pos;
    ck_model_len = (size_t)mlen;
    if (g_run.cycle != ck.cycle)
        bad_checkpoint("corrupt: cycle %llu in the state, %llu in the header",
                       (unsigned long long)g_run.cycle, (unsigned long long)ck.cycle);
    g_run.restored = 1;
    g_run.restored_cycle = ck.cycle;
    snprintf(g_run.restored_file, sizeof g_run.restored_file, "%s", base_name(ck_path));
}

void checkpoint_restore_model(Vhive_soc *top)
{
    /* This model's own state says what it is: the length of its state and Verilator's check
     * value must be the header's, and the state in the file must agree with the header. */
    struct wbuf fresh = {NULL, 0, 0};
    model_state(top, &fresh);
    int same = fresh.len == ck.model_len && fresh.len >= MODEL_CHECK_OFF + MODEL_CHECK_LEN &&
               memcmp(fresh.p + MODEL_CHECK_OFF, ck.model_check, MODEL_CHECK_LEN) == 0;
    free(fresh.p);
    if (!same)
        bad_checkpoint("made by another Verilated model (its state has a different layout; "
                       "this model's state is %zu bytes, the checkpoint's %llu)", fresh.len,
                       (unsigned long long)ck.model_len);
    if (ck_model_len < MODEL_CHECK_OFF + MODEL_CHECK_LEN ||
        memcmp(ck_model + MODEL_CHECK_OFF, ck.model_check, MODEL_CHECK_LEN) != 0)
        bad_checkpoint("corrupt: the model state does not match its description");
    MemRestore is(ck_model, ck_model_len);
    is >> *top;
    free(ck_body);
    ck_body = NULL;
    note("restored '%s' at cycle %llu (%s, %d cell%s; %.0f ms)", ck_path,
         (unsigned long long)g_run.cycle, g_m.elf_mode ? g_m.img.elf : "cells", g_m.ncells,
         g_m.ncells > 1 ? "s" : "", (seconds() - ck_t0) * 1000.0);
}

#else /* a model without --savable: options.cpp refuses --save-at and --restore */

void checkpoint_prepare(struct options *o)
{
    bad_input("--restore '%s': this model was built without --savable", o->restore);
}

void checkpoint_restore_harness(void)
{
}

void checkpoint_restore_model(Vhive_soc *top)
{
    (void)top;
}

int checkpoint_save(Vhive_soc *top, const char *path)
{
    (void)top;
    error_msg("--save-at '%s': this model was built without --savable", path);
    return 0;
}

#endif
