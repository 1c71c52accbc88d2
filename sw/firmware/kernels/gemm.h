/* Tiled 8-bit GEMM on the tiles' MXUs: C = (A - a_zp) x (B - b_zp), int32 or requantized.
 *
 * The output is split over the calls as a grid of gm x gn regions (gm * gn = ranks, the
 * factorisation that moves the fewest bytes of A and B); each call covers its region in blocks
 * sized to its scratchpad and MXU, and each block in chunks of K: DMA of the next chunk's A
 * and B overlaps the MXU on this one (pipeline.h), the MXU accumulates the chunks in the
 * scratchpad, and finished blocks leave through the VPU (requantized) or straight to DRAM. */
#ifndef KERNELS_GEMM_H
#define KERNELS_GEMM_H

#include <stdint.h>

#include "drivers/engine.h"
#include "kernels/kernel.h"

struct gemm_args {
  uint32_t m, n, k;
  uint32_t a, lda; /* A: M x K bytes, row m at a + m * lda */
  uint32_t b, ldb; /* B: K x N bytes, row k at b + k * ldb */
  uint32_t c, ldc; /* C: M x N of int32 or 8-bit (requant), row m at c + m * ldc */
  struct kernel_quant quant;
  struct kernel_requant requant;
};

/* Computes part->rank's share of C on part->tile: a kernel_result (fault set for
 * KERNEL_ERR_ENGINE; it may be NULL). */
int kernel_gemm(const struct gemm_args* args, const struct kernel_part* part,
                struct engine_fault* fault);

#endif
