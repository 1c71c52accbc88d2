/* The last stage of the engine kernels: a block of int32 results in the scratchpad goes to
 * DRAM as it is, or requantized by the VPU into an 8-bit staging buffer first (kernel.h,
 * struct kernel_requant). */
#ifndef KERNELS_OUTPUT_H
#define KERNELS_OUTPUT_H

#include <stdint.h>

#include "drivers/tile_engines.h"
#include "kernels/kernel.h"
#include "kernels/spad.h"

struct output_stage {
  struct tile_engines* te;
  const struct kernel_requant* requant;
  uint32_t staging[2]; /* scratchpad, requantized blocks (two: see pipeline.h) */
};

/* Scratchpad bytes output_setup takes for blocks of up to rows x cols. */
static inline uint32_t output_scratch(const struct kernel_requant* requant, uint32_t rows,
                                      uint32_t cols) {
  return requant->params ? 2 * spad_bytes(rows * cols) : 0;
}

void output_setup(struct output_stage* out, struct tile_engines* te,
                  const struct kernel_requant* requant, struct spad* spad, uint32_t rows,
                  uint32_t cols);

/* A stored block: rows x cols int32 at `results` (rows 4 * cols bytes apart) go to `dst`, rows
 * `dst_stride` bytes apart; `params` is the scratchpad copy of the block's first column's
 * vpu_channel_params_t (when requantizing); `buffer` alternates between blocks. Queues the
 * DMA (waiting for the VPU first); 0 or an ENGINE_ERR_* code. */
struct output_block {
  uint32_t results, rows, cols;
  uint32_t params;
  uint32_t dst, dst_stride;
  uint32_t buffer;
};

int output_store(const struct output_stage* out, const struct output_block* block,
                 struct engine_fault* fault);

#endif
