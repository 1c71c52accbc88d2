/* What the kernels share inside the library: checking the quantization arguments, opening a
 * tile for a call, ending one. */
#ifndef KERNELS_KERNEL_SETUP_H
#define KERNELS_KERNEL_SETUP_H

#include <stdint.h>

#include "drivers/tile_engines.h"
#include "kernels/kernel.h"
#include "kernels/spad.h"

/* Whether the MXU and the VPU take these (types and zero points in range, known flags). */
int kernel_quant_valid(const struct kernel_quant* q);
int kernel_requant_valid(const struct kernel_requant* r);

/* Opens part->tile's engines; the call's scratchpad then starts at spad and holds *budget
 * bytes. KERNEL_OK or KERNEL_ERR_ARGS (no such tile). */
int kernel_open(struct tile_engines* te, const struct kernel_part* part, struct spad* spad,
                uint32_t* budget);

/* A call's result from its pipeline's: after an engine error the tile is quiesced, so that
 * nothing still runs when the call returns. */
int kernel_finish(struct tile_engines* te, int error);

/* The control word of the call's GEMM descriptors, without ACCUMULATE. */
uint32_t kernel_mxu_flags(const struct kernel_quant* q);

#endif
