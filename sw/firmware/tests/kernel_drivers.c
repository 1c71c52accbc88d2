/* The engine drivers on tile 0, driven by hart 0: a 2-D DMA through the scratchpad and back, a
 * GEMM on the MXU, a requantization on the VPU, each checked with its statistics; errors
 * reported with their code, descriptor and address, then cleared; the same with interrupts,
 * through more descriptors than the rings hold. */
#include <stdint.h>
#include <string.h>

#include "drivers/dma.h"
#include "drivers/mxu.h"
#include "drivers/tile_engines.h"
#include "drivers/vpu.h"
#include "fw/check.h"
#include "fw/csr.h"
#include "fw/plic.h"
#include "fw/sysctrl.h"
#include "support/data.h"
#include "support/reference.h"

#define ROWS 8u
#define WIDTH 24u
#define STRIDE 40u

static uint8_t src[ROWS * STRIDE], dst[ROWS * STRIDE];
static struct tile_engines te;

static uint32_t addr(const void* p) {
  return (uint32_t)(uintptr_t)p;
}

static uint8_t* spad(uint32_t offset) {
  return (uint8_t*)(uintptr_t)(te.sram_base + offset);
}

/* DRAM (rows STRIDE apart) to the scratchpad (packed) and back into dst (rows STRIDE apart). */
static void dma_round_trip(void) {
  data_fill(src, sizeof src, 7);
  memset(dst, 0, sizeof dst);
  const struct dma_copy in = {te.sram_base, WIDTH, addr(src), STRIDE, WIDTH, ROWS};
  const struct dma_copy out = {addr(dst), STRIDE, te.sram_base, WIDTH, WIDTH, ROWS};
  CHECK_EQ(dma_submit(&te.dma, &in, 0), 0);
  CHECK_EQ(dma_submit(&te.dma, &out, 0), 0);
  CHECK_EQ(engine_drain(&te.dma, 0), 0);
  for (uint32_t r = 0; r < ROWS; r++)
    for (uint32_t i = 0; i < STRIDE; i++)
      CHECK_EQ(dst[r * STRIDE + i], i < WIDTH ? src[r * STRIDE + i] : 0);
}

static void test_dma(void) {
  tile_engines_clear_stats(0);
  dma_round_trip();
  struct dma_stats stats;
  dma_read_stats(0, &stats);
  CHECK_EQ(stats.bytes, 2ull * ROWS * WIDTH);
  CHECK_EQ(stats.descriptors, 2ull);
  CHECK(stats.busy_cycles > 0);
}

/* C (4 x 3 int32) = (A (4 x 5 int8) - 1) x (B (5 x 3 uint8) - 2), in the scratchpad. */
static void test_mxu(void) {
  const int8_t a[4][5] = {{1, 2, 3, 4, 5}, {-1, -2, -3, -4, -5}, {127, -128, 0, 1, 2}, {0}};
  const uint8_t b[5][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {255, 0, 128}, {2, 2, 2}};
  memcpy(spad(0), a, sizeof a);
  memcpy(spad(64), b, sizeof b);
  const mxu_gemm_desc_t desc = {.control = MXU_OP_GEMM | MXU_FLAG_B_UNSIGNED,
                                .a_addr = te.sram_base,
                                .b_addr = te.sram_base + 64,
                                .c_addr = te.sram_base + 128,
                                .m = 4,
                                .n = 3,
                                .k = 5,
                                .a_row_stride = 5,
                                .b_row_stride = 3,
                                .c_row_stride = 12,
                                .zero_points = MXU_ZERO_POINTS(1, 2)};
  tile_engines_clear_stats(0);
  CHECK_EQ(mxu_gemm(&te.mxu, &desc, 0), 0);
  CHECK_EQ(engine_drain(&te.mxu, 0), 0);
  const int32_t* c = (const int32_t*)spad(128);
  for (int m = 0; m < 4; m++)
    for (int n = 0; n < 3; n++) {
      int32_t want = 0;
      for (int k = 0; k < 5; k++) want += (a[m][k] - 1) * (b[k][n] - 2);
      CHECK_EQ(c[m * 3 + n], want);
    }
  struct mxu_stats stats;
  mxu_read_stats(0, &stats);
  CHECK_EQ(stats.macs, 4ull * 3 * 5);
  CHECK(stats.busy_cycles >= stats.compute_cycles && stats.compute_cycles > 0);
}

/* 2 x 4 int32 to int8 with one channel's parameters each, half to even and a clamp. */
static void test_vpu(void) {
  const int32_t in[2][4] = {{0, 1000, -1000, 123456}, {-7, 7, 1 << 20, -(1 << 20)}};
  const vpu_channel_params_t params[4] = {
      {10, 1 << 30, 31}, {-3, 3 << 28, 30}, {0, 1 << 29, 33}, {5, 12345, 20}};
  memcpy(spad(0), in, sizeof in);
  memcpy(spad(64), params, sizeof params);
  const struct kernel_requant rq = {addr(params), VPU_FLAG_ROUND_HALF_EVEN | VPU_FLAG_CLAMP, -2,
                                    -100, 100};
  const vpu_requantize_desc_t desc = {.control = VPU_OP_REQUANTIZE | rq.flags,
                                      .in_addr = te.sram_base,
                                      .out_addr = te.sram_base + 256,
                                      .params_addr = te.sram_base + 64,
                                      .rows = 2,
                                      .channels = 4,
                                      .in_row_stride = 16,
                                      .out_row_stride = 4,
                                      .out_zero_point = rq.zero_point,
                                      .clamp_min = rq.clamp_min,
                                      .clamp_max = rq.clamp_max};
  tile_engines_clear_stats(0);
  CHECK_EQ(vpu_submit(&te.vpu, &desc, 0), 0);
  CHECK_EQ(engine_drain(&te.vpu, 0), 0);
  for (int r = 0; r < 2; r++)
    for (int c = 0; c < 4; c++)
      CHECK_EQ(spad(256)[r * 4 + c], ref_requantize(in[r][c], &params[c], &rq));
  struct vpu_stats stats;
  vpu_read_stats(0, &stats);
  CHECK_EQ(stats.elements, 8ull);
}

/* Each engine stops at a bad descriptor with its code, the descriptor's address (its ring
 * slot) and the faulting address; after clearing, it runs descriptors again. */
static void test_errors(void) {
  struct engine_fault fault;
  const mxu_gemm_desc_t empty = {.control = MXU_OP_GEMM, .m = 0, .n = 1, .k = 1};
  uint32_t slot = te.mxu.ring + te.mxu.tail * MXU_DESC_BYTES;
  CHECK_EQ(mxu_gemm(&te.mxu, &empty, 0), 0);
  CHECK_EQ(engine_drain(&te.mxu, &fault), (int)ENGINE_ERR_LENGTH);
  CHECK_EQ(fault.engine_id, ENGINE_ID_MXU);
  CHECK_EQ(fault.code, ENGINE_ERR_LENGTH);
  CHECK_EQ(fault.descriptor, slot);
  engine_clear_error(&te.mxu);
  test_mxu();

  const struct dma_copy unmapped = {te.sram_base, 16, TESSERA_UNMAPPED_BASE, 16, 16, 2};
  CHECK_EQ(dma_submit(&te.dma, &unmapped, 0), 0);
  CHECK_EQ(engine_drain(&te.dma, &fault), (int)ENGINE_ERR_ADDRESS);
  CHECK_EQ(fault.engine_id, ENGINE_ID_DMA);
  CHECK_EQ(fault.address, TESSERA_UNMAPPED_BASE);
  engine_clear_error(&te.dma);
  dma_round_trip();

  const uint32_t bad_opcode[VPU_DESC_BYTES / 4] = {0x7F};
  CHECK_EQ(vpu_submit(&te.vpu, bad_opcode, 0), 0);
  CHECK_EQ(engine_drain(&te.vpu, &fault), (int)ENGINE_ERR_OPCODE);
  CHECK_EQ(fault.engine_id, ENGINE_ID_VPU);
  CHECK_EQ(engine_error_name(fault.code)[0], 'o');
  engine_clear_error(&te.vpu);
  test_vpu();
}

/* More copies than the ring holds: submissions wait for slots, each completion interrupts. */
static void test_full_ring(void) {
  data_fill(src, sizeof src, 9);
  for (uint32_t i = 0; i < 3 * TILE_ENGINES_DMA_ENTRIES; i++) {
    uint32_t r = i % ROWS;
    const struct dma_copy row = {addr(&dst[r * STRIDE]), 0, addr(&src[r * STRIDE]), 0, STRIDE, 1};
    CHECK_EQ(dma_submit(&te.dma, &row, 0), 0);
  }
  CHECK_EQ(engine_drain(&te.dma, 0), 0);
  CHECK(memcmp(src, dst, sizeof src) == 0);
}

int main(void) {
  struct engine wrong;
  CHECK_EQ(
      engine_open(&wrong, dma_regs(0), ENGINE_ID_MXU, 0, 2, MXU_DESC_BYTES, 0, ENGINE_WAIT_POLL),
      -1);
  CHECK_EQ(tile_engines_open(&te, sysctrl_read(SYSCTRL_NUM_TILES), ENGINE_WAIT_POLL), -1);

  CHECK_EQ(tile_engines_open(&te, 0, ENGINE_WAIT_POLL), 0);
  CHECK(te.mxu_rows > 0 && te.mxu_cols > 0 && te.sram_free > 0);
  test_dma();
  test_mxu();
  test_vpu();
  test_errors();
  test_full_ring();

  CHECK_EQ(tile_engines_open(&te, 0, ENGINE_WAIT_IRQ), 0);
  test_dma();
  test_mxu();
  test_vpu();
  test_errors();
  test_full_ring();
  /* Every interrupt was taken and acknowledged; external interrupts are off again. */
  CHECK(!plic_pending(PLIC_SOURCE_DMA(0)) && !plic_pending(PLIC_SOURCE_MXU(0)) &&
        !plic_pending(PLIC_SOURCE_VPU(0)));
  CHECK_EQ(csr_read(mie) & MIE_MEIE, 0u);
  return 0;
}
