#include "support/reference.h"

#include <inttypes.h>
#include <stdio.h>

#include "fw/check.h"
#include "tessera/hw/mxu_regs.h"

static const uint8_t* bytes(uint32_t address) {
  return (const uint8_t*)(uintptr_t)address;
}

static int32_t element(uint8_t byte, int is_unsigned) {
  return is_unsigned ? byte : (int8_t)byte;
}

static int32_t b_zero_point(const struct kernel_quant* q, uint32_t column) {
  if (!q->b_zero_points) return q->b_zero_point;
  return element(bytes(q->b_zero_points)[column], q->types & MXU_FLAG_B_UNSIGNED);
}

void ref_transpose_b(uint32_t b, uint32_t ldb, uint32_t k, const struct kernel_quant* quant,
                     uint32_t first, uint32_t end, int16_t* bt) {
  int is_unsigned = quant->types & MXU_FLAG_B_UNSIGNED;
  for (uint32_t c = first; c < end; c++) {
    int32_t zp = b_zero_point(quant, c);
    for (uint32_t r = 0; r < k; r++)
      bt[c * k + r] = (int16_t)(element(bytes(b + r * ldb)[c], is_unsigned) - zp);
  }
}

/* Unrolled by four: the reference is most of a big test's instructions. Products are at most
 * 255 * 255 and sums wrap at 32 bits, as the MXU's. */
static int32_t dot(const int16_t* a, const int16_t* b, uint32_t k) {
  uint32_t sum = 0, i = 0;
  for (; i + 4 <= k; i += 4)
    sum +=
        (uint32_t)(a[i] * b[i] + a[i + 1] * b[i + 1] + a[i + 2] * b[i + 2] + a[i + 3] * b[i + 3]);
  for (; i < k; i++) sum += (uint32_t)(a[i] * b[i]);
  return (int32_t)sum;
}

void ref_gemm_row(const struct gemm_args* g, const int16_t* bt, uint32_t m, int32_t* acc) {
  int16_t a[g->k];
  int is_unsigned = g->quant.types & MXU_FLAG_A_UNSIGNED;
  for (uint32_t k = 0; k < g->k; k++)
    a[k] = (int16_t)(element(bytes(g->a + m * g->lda)[k], is_unsigned) - g->quant.a_zero_point);
  for (uint32_t n = 0; n < g->n; n++) acc[n] = dot(a, &bt[n * g->k], g->k);
}

void ref_conv_pixel(const struct conv_args* c, const int16_t* wt, uint32_t y, uint32_t x,
                    int32_t* acc) {
  uint32_t k = c->kernel_h * c->kernel_w * c->in_channels;
  int16_t patch[k];
  int is_unsigned = c->quant.types & MXU_FLAG_A_UNSIGNED;
  uint32_t i = 0;
  for (uint32_t ky = 0; ky < c->kernel_h; ky++)
    for (uint32_t kx = 0; kx < c->kernel_w; kx++) {
      /* Padding is the zero point: its operand is 0. */
      int32_t iy = (int32_t)(y * c->stride + ky) - (int32_t)c->pad;
      int32_t ix = (int32_t)(x * c->stride + kx) - (int32_t)c->pad;
      int inside = iy >= 0 && iy < (int32_t)c->height && ix >= 0 && ix < (int32_t)c->width;
      const uint8_t* pixel =
          bytes(c->input + ((uint32_t)iy * c->width + (uint32_t)ix) * c->in_channels);
      for (uint32_t ci = 0; ci < c->in_channels; ci++, i++)
        patch[i] = inside ? (int16_t)(element(pixel[ci], is_unsigned) - c->quant.a_zero_point) : 0;
    }
  for (uint32_t co = 0; co < c->out_channels; co++) acc[co] = dot(patch, &wt[co * k], k);
}

/* round(value / 2^shift) by the magnitude, ties away from zero or to even. */
static int64_t shift_round(int64_t value, uint32_t shift, int half_even) {
  if (shift == 0) return value;
  uint64_t magnitude = value < 0 ? 0 - (uint64_t)value : (uint64_t)value;
  uint64_t quotient = magnitude >> shift, remainder = magnitude & ((1ull << shift) - 1);
  uint64_t half = 1ull << (shift - 1);
  if (remainder > half || (remainder == half && (!half_even || (quotient & 1)))) quotient++;
  return value < 0 ? -(int64_t)quotient : (int64_t)quotient;
}

uint8_t ref_requantize(int32_t acc, const vpu_channel_params_t* p,
                       const struct kernel_requant* rq) {
  int32_t biased = (int32_t)((uint32_t)acc + (uint32_t)p->bias);
  int64_t y =
      shift_round((int64_t)biased * p->multiplier, p->shift, rq->flags & VPU_FLAG_ROUND_HALF_EVEN) +
      rq->zero_point;
  if (rq->flags & VPU_FLAG_CLAMP)
    y = y < rq->clamp_min ? rq->clamp_min : y > rq->clamp_max ? rq->clamp_max : y;
  int64_t low = rq->flags & VPU_FLAG_OUT_UNSIGNED ? 0 : -128;
  int64_t high = rq->flags & VPU_FLAG_OUT_UNSIGNED ? 255 : 127;
  return (uint8_t)(y < low ? low : y > high ? high : y);
}

void ref_expect_row(const char* what, uint32_t row, const int32_t* acc, const void* out, uint32_t n,
                    const struct kernel_requant* rq) {
  const vpu_channel_params_t* params = (const vpu_channel_params_t*)(uintptr_t)rq->params;
  int out_unsigned = rq->flags & VPU_FLAG_OUT_UNSIGNED;
  for (uint32_t c = 0; c < n; c++) {
    int32_t want = acc[c], got;
    if (rq->params) {
      want = element(ref_requantize(acc[c], &params[c], rq), out_unsigned);
      got = element(((const uint8_t*)out)[c], out_unsigned);
    } else {
      got = ((const int32_t*)out)[c];
    }
    if (got != want) {
      printf("%s: row %" PRIu32 " column %" PRIu32 ": got %" PRId32 ", want %" PRId32
             " (accumulator %" PRId32 ")\n",
             what, row, c, got, want, acc[c]);
      check_failed(__FILE__, __LINE__, "output equals the reference");
    }
  }
}
