/* The argument blocks of the kernel-library ops (GEMM_I8, CONV_I8 in commands.h): more than a
 * command's six params hold, so the command's operand [3] points at one of these in device
 * DRAM, written by the host's model compiler next to the tables it names. Same layout rules
 * as commands.h. */
#ifndef TESSERA_ABI_KERNEL_ARGS_H
#define TESSERA_ABI_KERNEL_ARGS_H

#include <stdint.h>

#include "tessera/abi/commands.h"

/* tsr_quant.types and tsr_requant.flags. */
#define TSR_QUANT_A_UNSIGNED 1u     /* A (the activations) is uint8, else int8 */
#define TSR_QUANT_B_UNSIGNED 2u     /* B (the weights) is uint8, else int8 */
#define TSR_REQUANT_OUT_UNSIGNED 1u /* the requantized output is uint8, else int8 */

/* The MXU's operands: C accumulates (A - a_zero_point) x (B - b_zero_point). */
struct tsr_quant {
  uint32_t types; /* TSR_QUANT_* */
  int32_t a_zero_point;
  int32_t b_zero_point;   /* unless b_zero_points */
  uint32_t b_zero_points; /* device address of one 8-bit zero point per output column, or 0 */
};
TSR_STATIC_ASSERT(sizeof(struct tsr_quant) == 16, "tsr_quant layout");

/* One output column's requantization: round_half_even((acc + bias) * multiplier / 2^shift). */
struct tsr_channel_params {
  int32_t bias;
  int32_t multiplier;
  uint32_t shift; /* 0..63 */
};
TSR_STATIC_ASSERT(sizeof(struct tsr_channel_params) == 12, "tsr_channel_params layout");

/* The output: int32 accumulators (params 0), or requantized to 8 bits plus zero_point and
 * saturated to the output type. */
struct tsr_requant {
  uint32_t params; /* device address of one struct tsr_channel_params per column, or 0 */
  uint32_t flags;  /* TSR_REQUANT_* */
  int32_t zero_point;
  uint32_t reserved; /* 0 */
};
TSR_STATIC_ASSERT(sizeof(struct tsr_requant) == 16, "tsr_requant layout");

/* GEMM_I8: C (m x n) = A (m x k) x B (k x n), rows ld* bytes apart. */
struct tsr_gemm_args {
  uint32_t m, n, k;
  uint32_t lda, ldb, ldc;
  struct tsr_quant quant;
  struct tsr_requant requant;
};
TSR_STATIC_ASSERT(sizeof(struct tsr_gemm_args) == 56, "tsr_gemm_args layout");

/* CONV_I8: one image, one stride and one padding for both axes, no groups or dilation. */
struct tsr_conv_args {
  uint32_t height, width; /* of the input */
  uint32_t in_channels, out_channels;
  uint32_t kernel_h, kernel_w;
  uint32_t stride, pad;
  struct tsr_quant quant; /* per output channel zero points in b_zero_points */
  struct tsr_requant requant;
};
TSR_STATIC_ASSERT(sizeof(struct tsr_conv_args) == 64, "tsr_conv_args layout");

/* MAXPOOL_8's params[3] and params[4]. */
#define TSR_POOL_WINDOW(kernel_h, kernel_w, stride_h, stride_w)         \
  (((uint32_t)(kernel_h)&0xFFu) | (((uint32_t)(kernel_w)&0xFFu) << 8) | \
   (((uint32_t)(stride_h)&0xFFu) << 16) | (((uint32_t)(stride_w)&0xFFu) << 24))
#define TSR_POOL_PADDING(top, left, bottom, right)             \
  (((uint32_t)(top)&0xFFu) | (((uint32_t)(left)&0xFFu) << 8) | \
   (((uint32_t)(bottom)&0xFFu) << 16) | (((uint32_t)(right)&0xFFu) << 24))

#endif
