/* Checkpoints (--save-at, --restore): the Verilated model and every piece of harness state in
 * one file behind the harness's own checked header (docs/harness.md "Checkpoints"). */
#ifndef HIVE_CHECKPOINT_H
#define HIVE_CHECKPOINT_H

#include <stdint.h>

class Vhive_soc;
struct options;

/* --restore, before anything else is set up: reads the file and checks its header, CRC, shape,
 * revision and the options given against the ones it was made with (exit 125 with a message
 * naming what differs); takes the options that were not given from it; sets up the cells and
 * checks the images the command line names. */
void checkpoint_prepare(struct options *o);
/* Memory, consoles, faults and the run state from the checkpoint (after mem_init and
 * console_init). */
void checkpoint_restore_harness(void);
/* The model: checks that the checkpoint was made by this model, then restores it. */
void checkpoint_restore_model(Vhive_soc *top);
/* Saves everything at the start of run cycle g_run.cycle; returns 0 on an I/O error
 * (reported; the run goes on). */
int checkpoint_save(Vhive_soc *top, const char *path);

#endif
