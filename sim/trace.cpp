/* FST tracing: one VerilatedFstC attached to the whole model; the run loop switches recording
 * on and off for --trace-window, so outside the window the cost is one test per half cycle.
 * Only a model built with TRACE=1 (Verilator --trace-fst, VM_TRACE) can trace; in the others
 * these functions do nothing, as the option parser refuses --trace. */
#include <stdio.h>

#include "trace.h"

#if VM_TRACE

#include "verilated.h"
#include "verilated_fst_c.h"
#include "Vhive_soc.h"
#include "hive_sim.h"

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

#else

void trace_enable(VerilatedContext *) {}
int trace_open(Vhive_soc *, const char *) { return 0; }
void trace_dump(uint64_t) {}
void trace_record(int) {}
void trace_close(void) {}

#endif
