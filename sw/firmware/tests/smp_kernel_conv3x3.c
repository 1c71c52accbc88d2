/* A 3x3 convolution layer, 56 x 56 x 64 -> 56 x 56 x 64 (stride 1, padding 1), on every tile
 * (kernels/conv.h), twice: int32 output, polling the engines; then requantized per channel to
 * uint8 with ReLU by the VPU, waiting on their interrupts. int8 input with a non-zero zero
 * point (so the padding must be that, not 0) and int8 weights with a zero point per output
 * channel. Each run prints its cycles, MACs and utilization; then every hart computes a share
 * of the output pixels on its core and every element of both outputs is compared. */
#include <stdint.h>
#include <stdio.h>

#include "kernels/conv.h"
#include "kernels/partition.h"
#include "support/data.h"
#include "support/harness.h"
#include "support/op.h"
#include "support/reference.h"

#define H 56u
#define W 56u
#define CIN 64u
#define COUT 64u
#define KSIZE 3u
#define DEPTH (KSIZE * KSIZE * CIN)

static int8_t input[H * W * CIN], weights[DEPTH * COUT];
static int8_t weight_zero_points[COUT];
static vpu_channel_params_t params[COUT];
static int32_t out32[H * W * COUT];
static uint8_t out8[H * W * COUT];
static int16_t wt[COUT * DEPTH];

static struct conv_args conv32, conv8;

static void transpose(uint32_t rank, uint32_t ranks, void* arg) {
  (void)arg;
  struct range cols = split(COUT, ranks, rank);
  ref_transpose_b(conv32.weights, COUT, DEPTH, &conv32.quant, cols.begin, cols.end, wt);
}

static void check(uint32_t rank, uint32_t ranks, void* arg) {
  (void)arg;
  int32_t acc[COUT];
  struct range pixels = split(H * W, ranks, rank);
  for (uint32_t p = pixels.begin; p < pixels.end; p++) {
    ref_conv_pixel(&conv32, wt, p / W, p % W, acc);
    ref_expect_row("conv3x3 int32", p, acc, &out32[p * COUT], COUT, &conv32.requant);
    ref_expect_row("conv3x3 uint8", p, acc, &out8[p * COUT], COUT, &conv8.requant);
  }
}

int main(void) {
  data_fill(input, sizeof input, 11);
  data_fill(weights, sizeof weights, 12);
  data_fill(weight_zero_points, sizeof weight_zero_points, 13);
  for (uint32_t c = 0; c < COUT; c++) weight_zero_points[c] >>= 4; /* -8 .. 7 */
  data_requant_params(params, COUT, DEPTH, 14);
  conv32 = (struct conv_args){.height = H,
                              .width = W,
                              .in_channels = CIN,
                              .out_channels = COUT,
                              .kernel_h = KSIZE,
                              .kernel_w = KSIZE,
                              .stride = 1,
                              .pad = 1,
                              .input = (uint32_t)(uintptr_t)input,
                              .weights = (uint32_t)(uintptr_t)weights,
                              .output = (uint32_t)(uintptr_t)out32,
                              .quant = {0, -4, 0, (uint32_t)(uintptr_t)weight_zero_points}};
  conv8 = conv32;
  conv8.output = (uint32_t)(uintptr_t)out8;
  conv8.requant = (struct kernel_requant){(uint32_t)(uintptr_t)params,
                                          VPU_FLAG_OUT_UNSIGNED | VPU_FLAG_CLAMP, 5, 5, 255};

  harness_start();
  struct kernel_stats stats;
  op_run_on_tiles(&(struct op){"conv3x3 int32 (poll)", op_conv, &conv32, ENGINE_WAIT_POLL}, &stats);
  op_run_on_tiles(&(struct op){"conv3x3 uint8 (irq)", op_conv, &conv8, ENGINE_WAIT_IRQ}, &stats);
  if (!op_outputs_computed()) {
    printf("conv3x3: the MXUs only time their work: outputs not checked\n");
    return harness_stop();
  }
  harness_on_all(transpose, 0);
  harness_on_all(check, 0);
  printf("conv3x3: every element of both outputs matches the reference\n");
  return harness_stop();
}
