/* The 256 x 256 x 256 int8 GEMM on every tile (kernels/gemm.h), twice: int32 output, polling
 * the engines; then requantized per column to int8 by the VPU, waiting on their interrupts.
 * Each run prints its cycles (the manager's, from start to the last tile's end), MACs and
 * utilization; then every hart computes a share of the reference rows on its core and every
 * element of both outputs is compared with it. */
#include <stdint.h>
#include <stdio.h>

#include "kernels/gemm.h"
#include "kernels/partition.h"
#include "support/data.h"
#include "support/harness.h"
#include "support/op.h"
#include "support/reference.h"

#define M 256u
#define N 256u
#define K 256u

static int8_t a[M * K], b[K * N];
static int32_t c32[M * N];
static int8_t c8[M * N];
static int16_t bt[N * K];
static vpu_channel_params_t params[N];

static const struct kernel_quant quant = {0, -5, 3, 0};
static struct gemm_args g32, g8;

static void transpose(uint32_t rank, uint32_t ranks, void* arg) {
  (void)arg;
  struct range cols = split(N, ranks, rank);
  ref_transpose_b(g32.b, g32.ldb, K, &quant, cols.begin, cols.end, bt);
}

static void check(uint32_t rank, uint32_t ranks, void* arg) {
  (void)arg;
  int32_t acc[N];
  struct range rows = split(M, ranks, rank);
  for (uint32_t m = rows.begin; m < rows.end; m++) {
    ref_gemm_row(&g32, bt, m, acc);
    ref_expect_row("gemm256 int32", m, acc, &c32[m * N], N, &g32.requant);
    ref_expect_row("gemm256 int8", m, acc, &c8[m * N], N, &g8.requant);
  }
}

int main(void) {
  data_fill(a, sizeof a, 1);
  data_fill(b, sizeof b, 2);
  data_requant_params(params, N, K, 3);
  g32 = (struct gemm_args){.m = M,
                           .n = N,
                           .k = K,
                           .a = (uint32_t)(uintptr_t)a,
                           .lda = K,
                           .b = (uint32_t)(uintptr_t)b,
                           .ldb = N,
                           .c = (uint32_t)(uintptr_t)c32,
                           .ldc = 4 * N,
                           .quant = quant};
  g8 = g32;
  g8.c = (uint32_t)(uintptr_t)c8;
  g8.ldc = N;
  g8.requant = (struct kernel_requant){(uint32_t)(uintptr_t)params, 0, -3, 0, 0};

  harness_start();
  struct kernel_stats stats;
  op_run_on_tiles(&(struct op){"gemm256 int32 (poll)", op_gemm, &g32, ENGINE_WAIT_POLL}, &stats);
  op_run_on_tiles(&(struct op){"gemm256 int8 (irq)", op_gemm, &g8, ENGINE_WAIT_IRQ}, &stats);
  if (!op_outputs_computed()) {
    printf("gemm256: the MXUs only time their work: outputs not checked\n");
    return harness_stop();
  }
  harness_on_all(transpose, 0);
  harness_on_all(check, 0);
  printf("gemm256: every element of both outputs matches the reference\n");
  return harness_stop();
}
