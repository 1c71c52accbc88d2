/* What an op cost on the engines of the tiles that ran it: the MXU, VPU and DMA counters
 * summed over tiles, with the op's cycles, and the utilization figures derived from them. */
#ifndef KERNELS_STATS_H
#define KERNELS_STATS_H

#include <stdint.h>

#include "drivers/dma.h"
#include "drivers/mxu.h"
#include "drivers/vpu.h"

struct kernel_stats {
  uint32_t tiles;
  uint32_t mxu_rows, mxu_cols; /* tile 0's array (every tile has the same) */
  uint64_t cycles;             /* the op's, as its caller measured them */
  struct mxu_stats mxu;
  struct vpu_stats vpu;
  struct dma_stats dma;
};

/* Zeroes the counters of tiles 0 .. tiles - 1, before the op. */
void kernel_stats_clear(uint32_t tiles);

/* Sums the counters of tiles 0 .. tiles - 1, after the op. */
void kernel_stats_collect(struct kernel_stats* stats, uint32_t tiles, uint64_t cycles);

/* MACs over what the arrays could have done: in the op's cycles on every tile, and in the
 * cycles the MXUs were busy. Parts per million. */
uint32_t kernel_stats_utilization_ppm(const struct kernel_stats* stats);
uint32_t kernel_stats_busy_utilization_ppm(const struct kernel_stats* stats);

/* Two lines: name, tiles, array, cycles, MACs, the utilizations, bytes moved by DMA; then
 * where the MXUs' busy cycles went. */
void kernel_stats_print(const char* name, const struct kernel_stats* stats);

#endif
