/* What every kernel of the library shares: which share of an op a call runs, how its operands
 * are quantized, and how it ends.
 *
 * An op (a GEMM, a convolution) is split over `ranks` calls, one per tile hart: the call with
 * rank r computes its own part of the output, on tile `tile`'s engines and scratchpad, and
 * returns once that part is in DRAM. Calls of one op share nothing but the inputs, so they
 * need no synchronisation: the caller (the runtime's manager, a test) starts them all and
 * waits for them all. Operands are device addresses (DRAM). */
#ifndef KERNELS_KERNEL_H
#define KERNELS_KERNEL_H

#include <stdint.h>

#include "drivers/engine.h"

enum kernel_result {
  KERNEL_OK = 0,
  KERNEL_ERR_ARGS = 1,   /* the arguments describe nothing runnable (sizes, zero points, flags)
                            or the scratchpad is too small for even the smallest blocks */
  KERNEL_ERR_ENGINE = 2, /* an engine stopped on an error: the fault says which and why */
};

/* One call's share of an op. */
struct kernel_part {
  uint32_t tile;        /* whose engines and scratchpad run it */
  uint32_t rank, ranks; /* this share of `ranks` */
  enum engine_wait wait;
  uint32_t scratch_bytes; /* scratchpad bytes the kernel may use from its start; 0: all of it
                             below the engines' rings (tile_engines.h) */
};

/* The MXU's operands, A (activations) and B (weights): types and zero points, as the MXU takes
 * them (mxu_regs.h; ONNX MatMulInteger, ConvInteger, QLinear*). */
struct kernel_quant {
  uint32_t types;         /* MXU_FLAG_A_UNSIGNED | MXU_FLAG_B_UNSIGNED: uint8, else int8 */
  int32_t a_zero_point;   /* in A's type */
  int32_t b_zero_point;   /* in B's type, unless b_zero_points */
  uint32_t b_zero_points; /* device address of one zero point per output column, or 0 */
};

/* The output: the int32 accumulators, or requantized to 8 bits by the VPU (vpu_regs.h,
 * VPU_OP_REQUANTIZE): out = clamp(round((acc + bias) * multiplier / 2^shift) + zero_point),
 * saturated, with each output column's vpu_channel_params_t. */
struct kernel_requant {
  uint32_t params; /* device address of one vpu_channel_params_t per output column; 0: int32 */
  uint32_t flags;  /* VPU_FLAG_ROUND_HALF_EVEN | VPU_FLAG_CLAMP | VPU_FLAG_OUT_UNSIGNED */
  int32_t zero_point, clamp_min, clamp_max;
};

/* Bytes per output element. */
static inline uint32_t kernel_out_bytes(const struct kernel_requant* requant) {
  return requant->params ? 1u : 4u;
}

#endif
