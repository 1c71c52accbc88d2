/* The double-buffered loop every engine kernel runs: step s's inputs are DMAed into buffer
 * set s % 2 while the MXU works on step s - 1's, and a finished step's results leave (VPU,
 * DMA) while the MXU works on the next.
 *
 *   load(0)
 *   for s: wait load(s); compute(s); wait compute(s - 1); store(s - 1); load(s + 1)
 *   wait compute(last); store(last); wait for the DMA
 *
 * The callbacks only queue work (load: DMA; compute: MXU; store: VPU and DMA, waiting for the
 * VPU itself before the DMA that reads its result). The order gives the buffer rules:
 * - load(s + 1) fills the set compute(s - 1) read, which has completed;
 * - a store's DMA is queued before the next load's, so once load(s) has completed, every store
 *   queued before it has too: an output buffer may be reused by the first step that comes two
 *   stores after the one that read it (alternate output buffers per stored block). */
#ifndef KERNELS_PIPELINE_H
#define KERNELS_PIPELINE_H

#include <stdint.h>

#include "drivers/tile_engines.h"

/* Each returns 0, or the ENGINE_ERR_* code of a failed submission or wait (fault set). */
typedef int (*pipeline_stage)(void* ctx, uint32_t step, uint32_t buffer,
                              struct engine_fault* fault);

struct pipeline {
  struct tile_engines* te;
  uint32_t steps;
  pipeline_stage load;    /* DMA step's inputs into buffer set `buffer` */
  pipeline_stage compute; /* MXU on buffer set `buffer` */
  pipeline_stage store;   /* once compute(step) has completed; `buffer` is step's set */
  void* ctx;
};

/* Runs the steps; returns 0 once everything is stored, else the ENGINE_ERR_* code. */
int pipeline_run(const struct pipeline* p, struct engine_fault* fault);

#endif
