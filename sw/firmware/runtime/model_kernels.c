#include "model_kernels.h"

#include <stdbool.h>

#include "kernels/conv.h"
#include "kernels/gemm.h"
#include "tessera/abi/kernel_args.h"
#include "tessera/hw/mxu_regs.h"
#include "tessera/hw/vpu_regs.h"

/* The args block's channel table goes to the VPU as it is. */
_Static_assert(sizeof(struct tsr_channel_params) == sizeof(vpu_channel_params_t),
               "tsr_channel_params is vpu_channel_params_t");

enum { OUTPUT, INPUT_A, INPUT_B, ARGS };

/* The args block of operand [3], or NULL if it is too small or misaligned for `bytes`. */
static const void* args_block(const struct tile_job* job, uint32_t bytes) {
  const struct tsr_operand* args = &job->command->operands[ARGS];
  if (args->bytes < bytes || args->addr % 4 != 0) return 0;
  return (const void*)(uintptr_t)args->addr;
}

/* Whether operand `which` holds `rows` rows of `row_bytes`, `stride` apart. */
static bool holds(const struct tile_job* job, int which, uint32_t rows, uint32_t stride,
                  uint32_t row_bytes) {
  uint64_t needed = rows == 0 ? 0 : (uint64_t)(rows - 1) * stride + row_bytes;
  return needed != 0 && needed <= job->command->operands[which].bytes;
}

static struct kernel_quant kernel_quant_of(const struct tsr_quant* q) {
  return (struct kernel_quant){
      .types = (q->types & TSR_QUANT_A_UNSIGNED ? MXU_FLAG_A_UNSIGNED : 0) |
               (q->types & TSR_QUANT_B_UNSIGNED ? MXU_FLAG_B_UNSIGNED : 0),
      .a_zero_point = q->a_zero_point,
      .b_zero_point = q->b_zero_point,
      .b_zero_points = q->b_zero_points};
}

/* ONNX rounds half to even and saturates to the output type: no clamp beyond that. */
static struct kernel_requant kernel_requant_of(const struct tsr_requant* r) {
  return (struct kernel_requant){
      .params = r->params,
      .flags = VPU_FLAG_ROUND_HALF_EVEN |
               (r->flags & TSR_REQUANT_OUT_UNSIGNED ? VPU_FLAG_OUT_UNSIGNED : 0),
      .zero_point = r->zero_point};
}

static uint32_t run_result(int result) {
  switch (result) {
    case KERNEL_OK:
      return TSR_OK;
    case KERNEL_ERR_ARGS:
      return TSR_ERR_INVALID_COMMAND;
    default:
      return TSR_ERR_ENGINE_FAULT;
  }
}

static struct kernel_part part_of(const struct tile_job* job) {
  return (struct kernel_part){
      .tile = job->tile, .rank = job->rank, .ranks = job->ranks, .wait = ENGINE_WAIT_IRQ};
}

uint32_t kernel_gemm_i8(const struct tile_job* job) {
  const struct tsr_gemm_args* a = args_block(job, sizeof(*a));
  if (!a) return TSR_ERR_INVALID_COMMAND;
  const struct tsr_operand* ops = job->command->operands;
  struct gemm_args g = {.m = a->m,
                        .n = a->n,
                        .k = a->k,
                        .a = ops[INPUT_A].addr,
                        .lda = a->lda,
                        .b = ops[INPUT_B].addr,
                        .ldb = a->ldb,
                        .c = ops[OUTPUT].addr,
                        .ldc = a->ldc,
                        .quant = kernel_quant_of(&a->quant),
                        .requant = kernel_requant_of(&a->requant)};
  if (!holds(job, INPUT_A, a->m, a->lda, a->k) || !holds(job, INPUT_B, a->k, a->ldb, a->n) ||
      !holds(job, OUTPUT, a->m, a->ldc, a->n * kernel_out_bytes(&g.requant)))
    return TSR_ERR_INVALID_COMMAND;
  struct kernel_part part = part_of(job);
  return run_result(kernel_gemm(&g, &part, 0));
}

uint32_t kernel_conv_i8(const struct tile_job* job) {
  const struct tsr_conv_args* a = args_block(job, sizeof(*a));
  if (!a) return TSR_ERR_INVALID_COMMAND;
  const struct tsr_operand* ops = job->command->operands;
  struct conv_args c = {.height = a->height,
                        .width = a->width,
                        .in_channels = a->in_channels,
                        .out_channels = a->out_channels,
                        .kernel_h = a->kernel_h,
                        .kernel_w = a->kernel_w,
                        .stride = a->stride,
                        .pad = a->pad,
                        .input = ops[INPUT_A].addr,
                        .weights = ops[INPUT_B].addr,
                        .output = ops[OUTPUT].addr,
                        .quant = kernel_quant_of(&a->quant),
                        .requant = kernel_requant_of(&a->requant)};
  if (a->stride == 0 || a->height + 2 * a->pad < a->kernel_h || a->width + 2 * a->pad < a->kernel_w)
    return TSR_ERR_INVALID_COMMAND;
  uint32_t out_pixels = conv_out(a->height, a->kernel_h, a->stride, a->pad) *
                        conv_out(a->width, a->kernel_w, a->stride, a->pad);
  if (!holds(job, INPUT_A, a->height * a->width, a->in_channels, a->in_channels) ||
      !holds(job, INPUT_B, a->kernel_h * a->kernel_w * a->in_channels, a->out_channels,
             a->out_channels) ||
      !holds(job, OUTPUT, out_pixels, a->out_channels * kernel_out_bytes(&c.requant),
             a->out_channels * kernel_out_bytes(&c.requant)))
    return TSR_ERR_INVALID_COMMAND;
  struct kernel_part part = part_of(job);
  return run_result(kernel_conv(&c, &part, 0));
}

static uint32_t field(uint32_t packed, int index) {
  return packed >> (8 * index) & 0xFFu;
}

/* On the cores: the pooled images are small, and the window walk needs no scratchpad staging.
 * Output rows are shared over the ranks. */
uint32_t kernel_maxpool_8(const struct tile_job* job) {
  const uint32_t* p = job->command->params;
  uint32_t height = p[0], width = p[1], channels = p[2];
  uint32_t kh = field(p[3], 0), kw = field(p[3], 1), sh = field(p[3], 2), sw = field(p[3], 3);
  uint32_t top = field(p[4], 0), left = field(p[4], 1);
  uint32_t bottom = field(p[4], 2), right = field(p[4], 3);
  bool is_unsigned = p[5] != 0;
  if (kh == 0 || kw == 0 || sh == 0 || sw == 0 || top >= kh || bottom >= kh || left >= kw ||
      right >= kw || height + top + bottom < kh || width + left + right < kw)
    return TSR_ERR_INVALID_COMMAND;
  uint32_t out_h = (height + top + bottom - kh) / sh + 1;
  uint32_t out_w = (width + left + right - kw) / sw + 1;
  const struct tsr_operand* ops = job->command->operands;
  if (ops[INPUT_A].bytes != height * width * channels ||
      ops[OUTPUT].bytes != out_h * out_w * channels)
    return TSR_ERR_INVALID_COMMAND;
  const uint8_t* in = (const uint8_t*)(uintptr_t)ops[INPUT_A].addr;
  uint8_t* out = (uint8_t*)(uintptr_t)ops[OUTPUT].addr;
  /* Biasing int8 by 128 orders it as uint8, so one comparison serves both types. */
  uint32_t bias = is_unsigned ? 0 : 0x80u;
  uint32_t begin = out_h * job->rank / job->ranks, end = out_h * (job->rank + 1) / job->ranks;
  for (uint32_t oy = begin; oy < end; oy++) {
    for (uint32_t ox = 0; ox < out_w; ox++) {
      for (uint32_t c = 0; c < channels; c++) {
        uint32_t best = 0;
        /* Padding never wins: only cells inside the image count (ONNX MaxPool). */
        for (uint32_t ky = 0; ky < kh; ky++) {
          uint32_t y = oy * sh + ky;
          if (y < top || y - top >= height) continue;
          for (uint32_t kx = 0; kx < kw; kx++) {
            uint32_t x = ox * sw + kx;
            if (x < left || x - left >= width) continue;
            uint32_t v = (in[((y - top) * width + (x - left)) * channels + c] ^ bias) & 0xFFu;
            if (v > best) best = v;
          }
        }
        out[(oy * out_w + ox) * channels + c] = (uint8_t)(best ^ bias);
      }
    }
  }
  return TSR_OK;
}
