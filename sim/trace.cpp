/* FST tracing: one VerilatedFstC attached to the whole model; the run loop switches recording
 * on and off for --trace-window, so outside the window the cost is one test per half cycle. */
#include <stdio.h>

#include "verilated.h"
#include "verilated_fst_c.h"
#include "Vhive_soc.h"
#include "hive_sim.h"
#include "trace.h"

static VerilatedFstC *fst;
static int recording;

void trace_enable(VerilatedContext *ctx)
{
    ctx->traceEverOn(true);
}

int trace_open(Vhive_soc *top, const char *path)
{
    fst = new VerilatedFstC;
    top->trace(fst, 99);
    fst->open(path);
    if (!fst->isOpen()) {
        error_msg("--trace '%s': cannot open", path);
        delete fst;
        fst = NULL;
        return 0;
    }
    return 1;
}

void trace_record(int on)
{
    recording = on && fst;
}

void trace_dump(uint64_t time)
{
    if (recording)
        fst->dump(time);
}

void trace_close(void)
{
    if (fst) {
        fst->close();
        delete fst;
        fst = NULL;
    }
    recording = 0;
}
