/* MXU: the tile's systolic matrix engine (docs/mxu.md). Window at TESSERA_TILE_MXU_OFFSET;
 * the register block and queue of engine_regs.h, then the registers below. Its descriptors
 * (mxu_gemm_desc_t) and operands live in the tile's own scratchpad, named by global address.
 *
 * MXU_OP_GEMM: C = (A - a_zp) x (B - b_zp), or C += that with MXU_FLAG_ACCUMULATE, where
 *   A is M x K int8 (uint8 with MXU_FLAG_A_UNSIGNED), row m at
 *     a_addr + (m / G) * a_group_stride + (m % G) * a_row_stride, G = a_group_rows (0: M),
 *     K contiguous bytes each (rows may overlap: a convolution's windows);
 *   B is K x N int8 (uint8 with MXU_FLAG_B_UNSIGNED), row k at b_addr + k * b_row_stride;
 *   C is M x N int32, row m at c_addr + m * c_row_stride, 4-byte aligned;
 *   a_zp and b_zp have their tensor's type (ONNX MatMulInteger / QLinearMatMul), b_zp per
 *   column (N bytes at b_zp_addr) with MXU_FLAG_B_ZP_PER_COLUMN.
 * Sums are int32 and wrap. Errors: ENGINE_ERR_LENGTH if M, N or K is 0; ENGINE_ERR_FIELD for
 * result rows that overlap (c_row_stride < 4N with M > 1), weight rows that overlap
 * (b_row_stride < N with K > 1), a dataflow field of 3, or reserved bits set;
 * ENGINE_ERR_ADDRESS for an operand outside the scratchpad or a misaligned C. */
#ifndef TESSERA_HW_MXU_REGS_H
#define TESSERA_HW_MXU_REGS_H

#include <stdint.h>

#include "engine_regs.h"

#define MXU_ROWS (ENGINE_UNIT_REGS + 0x00)     /* RO: array rows R (the K extent of a fold) */
#define MXU_COLS (ENGINE_UNIT_REGS + 0x04)     /* RO: array columns C (the N extent) */
#define MXU_DATAFLOW (ENGINE_UNIT_REGS + 0x08) /* RO: the configured MXU_DATAFLOW_* */
#define MXU_FEATURES (ENGINE_UNIT_REGS + 0x0C) /* RO: MXU_FEATURE_* */

/* Statistics, 64-bit, since reset or ENGINE_STATS_CLEAR. Cycles add up:
 * ENGINE_BUSY_CYCLES = LOAD + COMPUTE + FILL_DRAIN + the three STALL counters. */
#define MXU_STAT_MACS (ENGINE_UNIT_REGS + 0x40)           /* multiply-accumulates done, M*N*K */
#define MXU_STAT_COMPUTE_CYCLES (ENGINE_UNIT_REGS + 0x48) /* the array took a row or step in */
#define MXU_STAT_LOAD_CYCLES (ENGINE_UNIT_REGS + 0x50)    /* descriptor, first weights/operands */
#define MXU_STAT_FILL_DRAIN_CYCLES (ENGINE_UNIT_REGS + 0x58) /* pipeline fill, drain, write */
#define MXU_STAT_STALL_WEIGHTS (ENGINE_UNIT_REGS + 0x60)     /* next fold's weights not loaded */
#define MXU_STAT_STALL_OPERANDS (ENGINE_UNIT_REGS + 0x68)    /* streamed operands late from SRAM */
#define MXU_STAT_STALL_OUTPUT (ENGINE_UNIT_REGS + 0x70)      /* results waiting for their way out */
#define MXU_STAT_UTILIZATION_PPM (ENGINE_UNIT_REGS + 0x78)   /* RO 32-bit: MACS / (BUSY * R * C) */

#define MXU_DATAFLOW_WEIGHT_STATIONARY 1u
#define MXU_DATAFLOW_OUTPUT_STATIONARY 2u

#define MXU_FEATURE_DOUBLE_BUFFER (1u << 0) /* mxu.double_buffer_weights */
#define MXU_FEATURE_TIMING_ONLY (1u << 1)   /* mxu.timing_only: C is not computed nor written */

#define MXU_OP_GEMM 1u

#define MXU_FLAG_ACCUMULATE (1u << 9)       /* C += product (else C = product) */
#define MXU_FLAG_A_UNSIGNED (1u << 10)      /* A and a_zp are uint8 (else int8) */
#define MXU_FLAG_B_UNSIGNED (1u << 11)      /* B and b_zp are uint8 (else int8) */
#define MXU_FLAG_B_ZP_PER_COLUMN (1u << 12) /* b_zp from b_zp_addr, one per column */
#define MXU_FLAG_DATAFLOW_SHIFT 13          /* 0: as configured, else MXU_DATAFLOW_* */
#define MXU_FLAG_DATAFLOW(d) ((uint32_t)(d) << MXU_FLAG_DATAFLOW_SHIFT)
#define MXU_FLAG_DATAFLOW_MASK (3u << MXU_FLAG_DATAFLOW_SHIFT)

#define MXU_ZERO_POINTS(a_zp, b_zp) (((uint32_t)(a_zp)&0xFFu) | (((uint32_t)(b_zp)&0xFFu) << 8))

#define MXU_DESC_BYTES 64u

typedef struct {
  uint32_t control; /* MXU_OP_GEMM | ENGINE_DESC_INTERRUPT | MXU_FLAG_* */
  uint32_t a_addr;
  uint32_t b_addr;
  uint32_t c_addr;
  uint32_t m, n, k;
  uint32_t a_row_stride; /* bytes */
  uint32_t b_row_stride;
  uint32_t c_row_stride;
  uint32_t a_group_rows; /* rows per group, 0 for one group of M rows */
  uint32_t a_group_stride;
  uint32_t zero_points; /* MXU_ZERO_POINTS(a_zp, b_zp); b_zp ignored when per column */
  uint32_t b_zp_addr;   /* N zero points with MXU_FLAG_B_ZP_PER_COLUMN */
  uint32_t reserved[2]; /* zero */
} mxu_gemm_desc_t;
TESSERA_CHECK_SIZE(mxu_gemm_desc_t, MXU_DESC_BYTES);

#endif
