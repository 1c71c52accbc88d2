/* kernel_gemm on tile 0, driven by hart 0, against the reference on the core: shapes that are
 * not multiples of the array, int8 and uint8 operands with zero points (per tensor and per
 * column), int32 and requantized outputs, padded strides (the padding must stay untouched),
 * several ranks' shares run in turn, and scratchpad limits that force blocks and K chunks. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "fw/check.h"
#include "fw/csr.h"
#include "kernels/gemm.h"
#include "support/data.h"
#include "support/op.h"
#include "support/reference.h"
#include "tessera/hw/mxu_regs.h"

#define MAX_BYTES (64u * 1024u)
#define MAX_COLS 256u
#define SENTINEL 0xA5u

enum output { INT32, INT8, UINT8_RELU };

struct gemm_case {
  uint32_t m, n, k;
  uint32_t types;
  int32_t a_zero_point, b_zero_point;
  int per_column;
  enum output output;
  uint32_t ranks;
  uint32_t scratch_bytes; /* 0: the whole scratchpad */
  enum engine_wait wait;
};

static const struct gemm_case cases[] = {
    {1, 1, 1, 0, 0, 0, 0, INT32, 1, 0, ENGINE_WAIT_POLL},
    {3, 5, 7, MXU_FLAG_A_UNSIGNED, 128, -3, 0, INT32, 1, 0, ENGINE_WAIT_IRQ},
    {16, 16, 16, 0, -1, 1, 0, INT32, 1, 0, ENGINE_WAIT_POLL},
    {17, 33, 19, MXU_FLAG_B_UNSIGNED, -7, 200, 1, INT32, 1, 0, ENGINE_WAIT_POLL},
    {40, 24, 100, MXU_FLAG_A_UNSIGNED | MXU_FLAG_B_UNSIGNED, 3, 250, 0, INT8, 1, 0,
     ENGINE_WAIT_IRQ},
    {64, 70, 129, 0, -128, 127, 1, UINT8_RELU, 3, 0, ENGINE_WAIT_IRQ},
    {100, 50, 300, MXU_FLAG_A_UNSIGNED, 77, -20, 1, INT8, 1, 16 * 1024, ENGINE_WAIT_POLL},
    {33, 47, 65, 0, 5, -5, 0, INT32, 4, 8 * 1024, ENGINE_WAIT_IRQ},
    {128, 100, 64, MXU_FLAG_B_UNSIGNED, 0, 128, 0, UINT8_RELU, 2, 12 * 1024, ENGINE_WAIT_POLL},
};

static uint8_t a[MAX_BYTES], b[MAX_BYTES], c[MAX_BYTES];
static int16_t bt[MAX_BYTES];
static int8_t zero_points[MAX_COLS];
static vpu_channel_params_t params[MAX_COLS];

static struct kernel_requant requant_of(const struct gemm_case* t, uint32_t seed) {
  if (t->output == INT32) return (struct kernel_requant){0};
  data_requant_params(params, t->n, t->k, seed);
  if (t->output == INT8) return (struct kernel_requant){(uint32_t)(uintptr_t)params, 0, -9, 0, 0};
  return (struct kernel_requant){(uint32_t)(uintptr_t)params,
                                 VPU_FLAG_OUT_UNSIGNED | VPU_FLAG_CLAMP | VPU_FLAG_ROUND_HALF_EVEN,
                                 10, 10, 255};
}

/* Every row against the reference, and the stride's padding after each row untouched. */
static void check(const struct gemm_args* g, uint32_t index) {
  char what[32];
  snprintf(what, sizeof what, "case %" PRIu32, index);
  int32_t acc[g->n];
  uint32_t row_bytes = g->n * kernel_out_bytes(&g->requant);
  for (uint32_t m = 0; m < g->m; m++) {
    ref_gemm_row(g, bt, m, acc);
    const uint8_t* row = &c[m * g->ldc];
    ref_expect_row(what, m, acc, row, g->n, &g->requant);
    for (uint32_t i = row_bytes; i < g->ldc; i++) CHECK_EQ(row[i], SENTINEL);
  }
}

static void run_case(const struct gemm_case* t, uint32_t index) {
  uint32_t seed = 0x9E3779B9u * (index + 1);
  struct gemm_args g = {
      .m = t->m, .n = t->n, .k = t->k, .lda = t->k + index % 3, .ldb = t->n + index % 5};
  g.a = (uint32_t)(uintptr_t)a;
  g.b = (uint32_t)(uintptr_t)b;
  g.c = (uint32_t)(uintptr_t)c;
  g.quant = (struct kernel_quant){t->types, t->a_zero_point, t->b_zero_point,
                                  t->per_column ? (uint32_t)(uintptr_t)zero_points : 0};
  g.requant = requant_of(t, seed);
  g.ldc = t->n * kernel_out_bytes(&g.requant) + 4 * (index % 2);
  CHECK(g.m * g.lda <= MAX_BYTES && g.k * g.ldb <= MAX_BYTES && g.m * g.ldc <= MAX_BYTES &&
        g.n * g.k <= MAX_BYTES && g.n <= MAX_COLS);
  data_fill(a, sizeof a, seed);
  data_fill(b, sizeof b, seed + 1);
  data_fill(zero_points, sizeof zero_points, seed + 2);
  memset(c, SENTINEL, sizeof c);

  const struct op op = {"kernel_gemm", op_gemm, &g, t->wait};
  uint64_t start = csr_read64(mcycle);
  for (uint32_t rank = 0; rank < t->ranks; rank++) {
    const struct kernel_part part = {0, rank, t->ranks, t->wait, t->scratch_bytes};
    op_run_share(&op, &part);
  }
  uint64_t cycles = csr_read64(mcycle) - start;

  ref_transpose_b(g.b, g.ldb, g.k, &g.quant, 0, g.n, bt);
  check(&g, index);
  printf("case %" PRIu32 ": %" PRIu32 "x%" PRIu32 "x%" PRIu32 " in %" PRIu32
         " shares: ok, %llu cycles\n",
         index, t->m, t->n, t->k, t->ranks, (unsigned long long)cycles);
}

int main(void) {
  for (uint32_t i = 0; i < sizeof cases / sizeof cases[0]; i++) run_case(&cases[i], i);

  /* Arguments nothing can run are refused before any engine is touched. */
  struct gemm_args bad = {.m = 4, .n = 4, .k = 4, .lda = 3, .ldb = 4, .ldc = 16};
  const struct kernel_part part = {0, 0, 1, ENGINE_WAIT_POLL, 0};
  CHECK_EQ(kernel_gemm(&bad, &part, 0), KERNEL_ERR_ARGS);
  bad.lda = 4;
  bad.quant.a_zero_point = 200; /* not an int8 */
  CHECK_EQ(kernel_gemm(&bad, &part, 0), KERNEL_ERR_ARGS);
  return 0;
}
