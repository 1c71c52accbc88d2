/* The kernels' results computed on the cores, straight from their definitions (kernels/gemm.h,
 * conv.h, kernel.h), to check the engines' bit for bit: operands minus zero points as int16,
 * int32 sums that wrap, and the VPU's requantization (vpu_regs.h) in 64-bit arithmetic. */
#ifndef SUPPORT_REFERENCE_H
#define SUPPORT_REFERENCE_H

#include <stdint.h>

#include "kernels/conv.h"
#include "kernels/gemm.h"
#include "tessera/hw/vpu_regs.h"

/* A GEMM's B (k rows of bytes, ldb apart) transposed, each column's zero point subtracted:
 * bt[c * k + r] = B[r][c] - b_zp(c), for the columns in [first, end). */
void ref_transpose_b(uint32_t b, uint32_t ldb, uint32_t k, const struct kernel_quant* quant,
                     uint32_t first, uint32_t end, int16_t* bt);

/* Row m of a GEMM's int32 result into acc[0 .. n), from bt = ref_transpose_b of all of B. */
void ref_gemm_row(const struct gemm_args* g, const int16_t* bt, uint32_t m, int32_t* acc);

/* Output pixel (y, x) of a convolution, its out_channels int32 sums into acc, from
 * wt = ref_transpose_b of the weights as the GEMM's B. */
void ref_conv_pixel(const struct conv_args* c, const int16_t* wt, uint32_t y, uint32_t x,
                    int32_t* acc);

/* The VPU's requantization of one accumulator with its column's parameters: the output byte. */
uint8_t ref_requantize(int32_t acc, const vpu_channel_params_t* params,
                       const struct kernel_requant* requant);

/* Compares one output row with the reference: `out` holds n int32 or requantized bytes (per
 * requant), acc the reference sums. On the first difference prints what, where and both
 * values, and exits (a failed check). */
void ref_expect_row(const char* what, uint32_t row, const int32_t* acc, const void* out, uint32_t n,
                    const struct kernel_requant* requant);

#endif
