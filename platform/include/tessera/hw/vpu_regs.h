/* VPU: the tile's vector post-processing unit (docs/mxu.md, "VPU"). Window at
 * TESSERA_TILE_VPU_OFFSET; the register block and queue of engine_regs.h, then the registers
 * below. Descriptors (64 bytes, one of the layouts below by opcode) and operands live in the
 * tile's own scratchpad, named by global address. Tensors are rows of contiguous elements,
 * row r at addr + r * row_stride.
 *
 * Rounding: y = round(p / 2^shift) on the exact 64-bit product p, ties away from zero, or to
 * even with VPU_FLAG_ROUND_HALF_EVEN (ONNX QuantizeLinear and the QLinear ops' rounding).
 * Output: y + zero point, then clamped to [clamp_min, clamp_max] with VPU_FLAG_CLAMP (ReLU:
 * clamp_min = the output zero point), then saturated to int8 (uint8 with VPU_FLAG_OUT_UNSIGNED).
 *
 * VPU_OP_REQUANTIZE: out[r][c] = requantize(in[r][c] + bias[c]) with channel c's multiplier
 *   and shift: in is rows x channels int32 (the MXU's C); params_addr holds `channels`
 *   vpu_channel_params_t (a per-tensor scale repeats one entry). The bias add wraps at 32 bits.
 * VPU_OP_ADD (QLinearAdd): out = round((a - a_zp) * a_multiplier + (b - b_zp) * b_multiplier,
 *   shift) + out_zp; a, b and out are rows x cols of int8/uint8.
 * VPU_OP_MAXPOOL, VPU_OP_AVGPOOL: over an in_height x in_width x channels image (pixel (y, x)
 *   at in_addr + y * in_row_stride + x * channels), windows kernel_h x kernel_w moved by
 *   stride, with padding (each pad smaller than the kernel); the output has
 *   (in + pads - kernel) / stride + 1 rows and columns (ONNX, ceil_mode 0) and the input's
 *   type and zero point. Max ignores padding. Average divides the window's sum by the cells
 *   counted, rounding by the rounding flag: the input cells inside the image, or every cell
 *   with VPU_FLAG_COUNT_INCLUDE_PAD, padding then counting as zero_point (real zero).
 *   ReLU or clamp of an int8 tensor alone: VPU_OP_MAXPOOL with a 1 x 1 window and VPU_FLAG_CLAMP.
 * Errors: ENGINE_ERR_LENGTH for a zero size or a window larger than the padded image;
 * ENGINE_ERR_FIELD for a shift above 63, a pad not smaller than the kernel, a zero stride or
 * reserved bits; ENGINE_ERR_ADDRESS for an operand outside the scratchpad or a misaligned
 * int32 input or parameter table. */
#ifndef TESSERA_HW_VPU_REGS_H
#define TESSERA_HW_VPU_REGS_H

#include <stdint.h>

#include "engine_regs.h"

#define VPU_LANES (ENGINE_UNIT_REGS + 0x00) /* RO: elements per cycle */

/* Statistics, 64-bit, since reset or ENGINE_STATS_CLEAR. */
#define VPU_STAT_ELEMENTS (ENGINE_UNIT_REGS + 0x40)       /* element operations done */
#define VPU_STAT_COMPUTE_CYCLES (ENGINE_UNIT_REGS + 0x48) /* lanes working */
#define VPU_STAT_STALL_CYCLES (ENGINE_UNIT_REGS + 0x50)   /* lanes waiting for a row's data */

#define VPU_OP_REQUANTIZE 1u
#define VPU_OP_ADD 2u
#define VPU_OP_MAXPOOL 3u
#define VPU_OP_AVGPOOL 4u

#define VPU_FLAG_ROUND_HALF_EVEN (1u << 9) /* else half away from zero */
#define VPU_FLAG_CLAMP (1u << 10)
#define VPU_FLAG_OUT_UNSIGNED (1u << 11)      /* REQUANTIZE, ADD: uint8 output (else int8) */
#define VPU_FLAG_A_UNSIGNED (1u << 12)        /* ADD: a is uint8; pooling: the image is uint8 */
#define VPU_FLAG_B_UNSIGNED (1u << 13)        /* ADD: b is uint8 */
#define VPU_FLAG_COUNT_INCLUDE_PAD (1u << 14) /* AVGPOOL */

#define VPU_ZERO_POINTS(a_zp, b_zp, out_zp) \
  (((uint32_t)(a_zp)&0xFFu) | (((uint32_t)(b_zp)&0xFFu) << 8) | (((uint32_t)(out_zp)&0xFFu) << 16))
#define VPU_WINDOW(kernel_h, kernel_w, stride_h, stride_w)              \
  (((uint32_t)(kernel_h)&0xFFu) | (((uint32_t)(kernel_w)&0xFFu) << 8) | \
   (((uint32_t)(stride_h)&0xFFu) << 16) | (((uint32_t)(stride_w)&0xFFu) << 24))
#define VPU_PADDING(top, left, bottom, right)                  \
  (((uint32_t)(top)&0xFFu) | (((uint32_t)(left)&0xFFu) << 8) | \
   (((uint32_t)(bottom)&0xFFu) << 16) | (((uint32_t)(right)&0xFFu) << 24))

#define VPU_DESC_BYTES 64u

typedef struct {
  int32_t bias;
  int32_t multiplier;
  uint32_t shift; /* 0..63 */
} vpu_channel_params_t;
TESSERA_CHECK_SIZE(vpu_channel_params_t, 12);

typedef struct {
  uint32_t control; /* VPU_OP_REQUANTIZE | flags */
  uint32_t in_addr; /* int32, 4-byte aligned */
  uint32_t out_addr;
  uint32_t params_addr; /* vpu_channel_params_t[channels], 4-byte aligned */
  uint32_t rows, channels;
  uint32_t in_row_stride, out_row_stride;
  int32_t out_zero_point;
  int32_t clamp_min, clamp_max;
  uint32_t reserved[5];
} vpu_requantize_desc_t;
TESSERA_CHECK_SIZE(vpu_requantize_desc_t, VPU_DESC_BYTES);

typedef struct {
  uint32_t control; /* VPU_OP_ADD | flags */
  uint32_t a_addr, b_addr, out_addr;
  uint32_t rows, cols;
  uint32_t a_row_stride, b_row_stride, out_row_stride;
  uint32_t zero_points; /* VPU_ZERO_POINTS(a_zp, b_zp, out_zp), each in its tensor's type */
  int32_t a_multiplier, b_multiplier;
  uint32_t shift;
  int32_t clamp_min, clamp_max;
  uint32_t reserved;
} vpu_add_desc_t;
TESSERA_CHECK_SIZE(vpu_add_desc_t, VPU_DESC_BYTES);

typedef struct {
  uint32_t control; /* VPU_OP_MAXPOOL or VPU_OP_AVGPOOL | flags */
  uint32_t in_addr, out_addr;
  uint32_t in_height, in_width, channels;
  uint32_t in_row_stride, out_row_stride;
  uint32_t window;  /* VPU_WINDOW(kernel_h, kernel_w, stride_h, stride_w) */
  uint32_t padding; /* VPU_PADDING(top, left, bottom, right) */
  int32_t zero_point;
  int32_t clamp_min, clamp_max;
  uint32_t reserved[3];
} vpu_pool_desc_t;
TESSERA_CHECK_SIZE(vpu_pool_desc_t, VPU_DESC_BYTES);

#endif
