/* kernel_conv on tile 0, driven by hart 0, against the reference on the core: odd image and
 * channel counts, 1x1 to 7x7 and non-square kernels, strides 1 and 2, padding 0 to 3 (filled
 * with a non-zero input zero point), int8 and uint8 with per-tensor and per-channel zero
 * points, int32 and requantized outputs, several ranks' shares in turn (more ranks than rows
 * too), and a scratchpad limit that forces chunks of output channels. Nothing is written past
 * the output. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fw/check.h"
#include "kernels/conv.h"
#include "support/data.h"
#include "support/op.h"
#include "support/reference.h"
#include "tessera/hw/mxu_regs.h"

#define MAX_BYTES (64u * 1024u)
#define MAX_CHANNELS 64u
#define GUARD 64u /* bytes after the output that must stay untouched */
#define SENTINEL 0x5Au

enum output { INT32, INT8, UINT8_RELU };

struct conv_case {
  uint32_t height, width, in_channels, out_channels;
  uint32_t kernel_h, kernel_w, stride, pad;
  uint32_t types;
  int32_t a_zero_point, b_zero_point;
  int per_channel;
  enum output output;
  uint32_t ranks;
  uint32_t scratch_bytes; /* 0: the whole scratchpad */
  enum engine_wait wait;
};

static const struct conv_case cases[] = {
    {5, 7, 3, 5, 3, 3, 1, 1, 0, 0, 0, 0, INT32, 1, 0, ENGINE_WAIT_POLL},
    {8, 6, 16, 20, 3, 3, 2, 1, MXU_FLAG_A_UNSIGNED, 128, -2, 1, INT8, 1, 0, ENGINE_WAIT_IRQ},
    {9, 9, 8, 40, 1, 1, 1, 0, MXU_FLAG_B_UNSIGNED, -3, 130, 0, UINT8_RELU, 2, 0, ENGINE_WAIT_POLL},
    {6, 10, 12, 33, 3, 5, 1, 2, 0, 7, 0, 1, INT32, 3, 0, ENGINE_WAIT_IRQ},
    {14, 14, 32, 64, 3, 3, 1, 1, MXU_FLAG_A_UNSIGNED, 100, 3, 1, INT8, 3, 24 * 1024,
     ENGINE_WAIT_POLL},
    {7, 7, 4, 16, 7, 7, 1, 3, 0, -1, 1, 0, INT32, 1, 0, ENGINE_WAIT_POLL},
    {3, 4, 5, 6, 3, 3, 2, 0, MXU_FLAG_A_UNSIGNED | MXU_FLAG_B_UNSIGNED, 9, 250, 0, INT32, 1, 0,
     ENGINE_WAIT_IRQ},
    {4, 4, 8, 8, 3, 3, 1, 1, 0, -128, 127, 0, INT8, 6, 0, ENGINE_WAIT_POLL},
};

static uint8_t input[MAX_BYTES], weights[MAX_BYTES], output[MAX_BYTES];
static int16_t wt[MAX_BYTES];
static int8_t zero_points[MAX_CHANNELS];
static vpu_channel_params_t params[MAX_CHANNELS];

static struct kernel_requant requant_of(const struct conv_case* t, uint32_t depth, uint32_t seed) {
  if (t->output == INT32) return (struct kernel_requant){0};
  data_requant_params(params, t->out_channels, depth, seed);
  if (t->output == INT8) return (struct kernel_requant){(uint32_t)(uintptr_t)params, 0, 4, 0, 0};
  return (struct kernel_requant){(uint32_t)(uintptr_t)params,
                                 VPU_FLAG_OUT_UNSIGNED | VPU_FLAG_CLAMP, 20, 20, 255};
}

static void run_case(const struct conv_case* t, uint32_t index) {
  uint32_t seed = 0x85EBCA6Bu * (index + 1);
  uint32_t depth = t->kernel_h * t->kernel_w * t->in_channels;
  struct conv_args c = {.height = t->height,
                        .width = t->width,
                        .in_channels = t->in_channels,
                        .out_channels = t->out_channels,
                        .kernel_h = t->kernel_h,
                        .kernel_w = t->kernel_w,
                        .stride = t->stride,
                        .pad = t->pad,
                        .input = (uint32_t)(uintptr_t)input,
                        .weights = (uint32_t)(uintptr_t)weights,
                        .output = (uint32_t)(uintptr_t)output,
                        .quant = {t->types, t->a_zero_point, t->b_zero_point,
                                  t->per_channel ? (uint32_t)(uintptr_t)zero_points : 0},
                        .requant = requant_of(t, depth, seed)};
  uint32_t out_h = conv_out(t->height, t->kernel_h, t->stride, t->pad);
  uint32_t out_w = conv_out(t->width, t->kernel_w, t->stride, t->pad);
  uint32_t pixel_bytes = t->out_channels * kernel_out_bytes(&c.requant);
  uint32_t out_bytes = out_h * out_w * pixel_bytes;
  CHECK(t->height * t->width * t->in_channels <= MAX_BYTES &&
        depth * t->out_channels <= MAX_BYTES && out_bytes + GUARD <= MAX_BYTES &&
        t->out_channels <= MAX_CHANNELS);
  data_fill(input, sizeof input, seed);
  data_fill(weights, sizeof weights, seed + 1);
  data_fill(zero_points, sizeof zero_points, seed + 2);
  memset(output, SENTINEL, sizeof output);

  const struct op op = {"kernel_conv", op_conv, &c, t->wait};
  for (uint32_t rank = 0; rank < t->ranks; rank++) {
    const struct kernel_part part = {0, rank, t->ranks, t->wait, t->scratch_bytes};
    op_run_share(&op, &part);
  }

  char what[32];
  snprintf(what, sizeof what, "case %" PRIu32, index);
  ref_transpose_b(c.weights, t->out_channels, depth, &c.quant, 0, t->out_channels, wt);
  int32_t acc[MAX_CHANNELS];
  for (uint32_t p = 0; p < out_h * out_w; p++) {
    ref_conv_pixel(&c, wt, p / out_w, p % out_w, acc);
    ref_expect_row(what, p, acc, &output[p * pixel_bytes], t->out_channels, &c.requant);
  }
  for (uint32_t i = out_bytes; i < out_bytes + GUARD; i++) CHECK_EQ(output[i], SENTINEL);
  printf("case %" PRIu32 ": %" PRIu32 "x%" PRIu32 "x%" PRIu32 " -> %" PRIu32 "x%" PRIu32 "x%" PRIu32
         ", %" PRIu32 "x%" PRIu32 " kernel, in %" PRIu32 " shares: ok\n",
         index, t->height, t->width, t->in_channels, out_h, out_w, t->out_channels, t->kernel_h,
         t->kernel_w, t->ranks);
}

int main(void) {
  for (uint32_t i = 0; i < sizeof cases / sizeof cases[0]; i++) run_case(&cases[i], i);

  /* A kernel larger than the padded image is refused. */
  const struct conv_args bad = {.height = 2,
                                .width = 2,
                                .in_channels = 1,
                                .out_channels = 1,
                                .kernel_h = 5,
                                .kernel_w = 1,
                                .stride = 1,
                                .pad = 1};
  const struct kernel_part part = {0, 0, 1, ENGINE_WAIT_POLL, 0};
  CHECK_EQ(kernel_conv(&bad, &part, 0), KERNEL_ERR_ARGS);
  return 0;
}
