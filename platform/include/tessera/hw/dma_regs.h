/* DMA: the tile's 2-D copy engine (docs/mxu.md, "DMA"). Window at TESSERA_TILE_DMA_OFFSET;
 * the register block and queue of engine_regs.h, then the registers below.
 *
 * DMA_OP_COPY moves `height` rows of `width` bytes from src to dst, row r from
 * src + r * src_stride to dst + r * dst_stride. Addresses are global: the tile's own
 * scratchpad, another tile's, device DRAM. Descriptors (dma_desc_t, 4-byte aligned, anywhere
 * the DMA reaches) chain through `next`: a queue slot runs its whole chain, each descriptor
 * after the previous one has completed, and completes with the last; ENGINE_DESC_INTERRUPT on
 * any descriptor of a chain sets STATUS.DONE when that one completes. Overlapping source and
 * destination give an undefined result.
 * Errors: ENGINE_ERR_LENGTH for a zero width or height, or rows running past the 32-bit
 * address space; ENGINE_ERR_ADDRESS (ERROR_ADDR = the burst's address) when a read or write is
 * answered with an error (nothing mapped there): bursts before it have been written;
 * ENGINE_ERR_DESCRIPTOR for a `next` that cannot be read. */
#ifndef TESSERA_HW_DMA_REGS_H
#define TESSERA_HW_DMA_REGS_H

#include <stdint.h>

#include "engine_regs.h"

#define DMA_BURST_BYTES (ENGINE_UNIT_REGS + 0x00)     /* RO: the largest single transfer */
#define DMA_MAX_OUTSTANDING (ENGINE_UNIT_REGS + 0x04) /* RO: bursts in flight at once */

/* Statistics, 64-bit, since reset or ENGINE_STATS_CLEAR. */
#define DMA_STAT_BYTES (ENGINE_UNIT_REGS + 0x40)       /* bytes copied */
#define DMA_STAT_BURSTS (ENGINE_UNIT_REGS + 0x48)      /* bursts (a read and a write each) */
#define DMA_STAT_DESCRIPTORS (ENGINE_UNIT_REGS + 0x50) /* descriptors completed, chains counted */

#define DMA_OP_COPY 1u

#define DMA_DESC_BYTES 32u

typedef struct {
  uint32_t control; /* DMA_OP_COPY | ENGINE_DESC_INTERRUPT */
  uint32_t src, dst;
  uint32_t width, height; /* bytes per row, rows */
  uint32_t src_stride, dst_stride;
  uint32_t next; /* the next descriptor of the chain, 0 at its end */
} dma_desc_t;
TESSERA_CHECK_SIZE(dma_desc_t, DMA_DESC_BYTES);

#endif
