/* FST waveform of the model (--trace, --trace-window). Time: 2 units per clock cycle. */
#ifndef HIVE_TRACE_H
#define HIVE_TRACE_H

#include <stdint.h>

class Vhive_soc;
class VerilatedContext;

/* Before the model is built when tracing will be used. */
void trace_enable(VerilatedContext *ctx);
/* Attaches the model and opens the file; returns 0 (reported) if it cannot. */
int trace_open(Vhive_soc *top, const char *path);
/* Dumps the model's signals at `time` if the trace is open and recording. */
void trace_dump(uint64_t time);
void trace_record(int on);
void trace_close(void);

#endif
