/* 2-D convolution of an 8-bit NHWC image on the tiles' MXUs (batch 1, no groups or dilation):
 * out[y][x][co] = sum over ky, kx, ci of (in[y*s+ky-p][x*s+kx-p][ci] - a_zp) x
 *                 (w[ky][kx][ci][co] - b_zp[co]), padding counting as a_zp (real zero);
 * int32, or requantized per output channel.
 *
 * Im2col on the fly: the MXU's A rows may overlap and come in groups (mxu_regs.h), so for one
 * kernel row ky the A row of output pixel (y, x) is the kernel_w * Cin contiguous bytes of the
 * padded input row y*s+ky from pixel x*s on, rows s*Cin apart and groups (output rows)
 * s * pitch apart: kernel_h accumulating GEMMs per block of output rows, no copy.
 * The output rows are split over the calls; each call's rows go in blocks through the
 * double-buffered pipeline (pipeline.h): a block's padded input rows are DMAed into the
 * scratchpad while the MXU works on the previous block. The weights stay in the scratchpad
 * (in chunks of output channels if they do not fit at once). */
#ifndef KERNELS_CONV_H
#define KERNELS_CONV_H

#include <stdint.h>

#include "drivers/engine.h"
#include "kernels/kernel.h"

struct conv_args {
  uint32_t height, width; /* of the input */
  uint32_t in_channels, out_channels;
  uint32_t kernel_h, kernel_w;
  uint32_t stride;           /* in both directions */
  uint32_t pad;              /* on every side */
  uint32_t input;            /* height x width x in_channels bytes, NHWC */
  uint32_t weights;          /* (kernel_h * kernel_w * in_channels) x out_channels bytes (HWIO): the
                                GEMM's B, row (ky * kernel_w + kx) * in_channels + ci */
  uint32_t output;           /* conv_out(height) x conv_out(width) x out_channels, NHWC, of int32 or
                                8-bit (requant) */
  struct kernel_quant quant; /* A: the input; B: the weights, zero points per output channel */
  struct kernel_requant requant;
};

/* Output rows (or columns) of an input extent. */
static inline uint32_t conv_out(uint32_t in, uint32_t kernel, uint32_t stride, uint32_t pad) {
  return (in + 2 * pad - kernel) / stride + 1;
}

/* Computes part->rank's share of the output rows on part->tile: a kernel_result (fault set
 * for KERNEL_ERR_ENGINE; it may be NULL). */
int kernel_conv(const struct conv_args* args, const struct kernel_part* part,
                struct engine_fault* fault);

#endif
