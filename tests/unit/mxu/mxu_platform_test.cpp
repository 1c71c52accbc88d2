// The MXU in the chip and in the configuration: every tile has one at its registers' address,
// the manager's path through the mesh reaches it, its interrupt is the tile's PLIC source;
// the mxu.* keys reach the block.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "../dma/soc_bench.h"
#include "block_configs.h"
#include "config.h"
#include "gemm_case.h"
#include "tessera/hw/mxu_regs.h"

namespace tessera {
namespace {

TEST(MxuInTheChip, EveryTileRunsAGemmProgrammedThroughTheMesh) {
  PlatformConfig config;
  config.mxu.rows = config.mxu.cols = 8;
  testing::SocBench chip(config);
  std::mt19937 rng(21);
  for (uint32_t t = 0; t < config.num_tiles(); ++t) {
    const uint32_t ring = TESSERA_TILE_ADDR(t);
    uint32_t address = ring + 0x100;
    const testing::GemmCase g = testing::random_gemm(rng, 19, 10, 17, address);
    g.place(chip);
    const mxu_gemm_desc_t d = g.descriptor(ENGINE_DESC_INTERRUPT);
    chip.put(ring, &d, sizeof d);
    EXPECT_EQ(chip.reg(t, TESSERA_TILE_MXU_OFFSET, ENGINE_ID), ENGINE_ID_MXU);
    EXPECT_EQ(chip.reg(t, TESSERA_TILE_MXU_OFFSET, MXU_ROWS), 8u);
    chip.set_reg(t, TESSERA_TILE_MXU_OFFSET, ENGINE_IRQ_ENABLE, ENGINE_STATUS_DONE);
    chip.set_reg(t, TESSERA_TILE_MXU_OFFSET, ENGINE_QUEUE_BASE, ring);
    chip.set_reg(t, TESSERA_TILE_MXU_OFFSET, ENGINE_QUEUE_ENTRIES, 2);
    chip.set_reg(t, TESSERA_TILE_MXU_OFFSET, ENGINE_QUEUE_TAIL, 1);
    EXPECT_FALSE(chip.plic_pending(PLIC_SOURCE_MXU(t)));
    chip.run();
    EXPECT_EQ(g.result(chip), g.reference()) << "tile " << t;
    EXPECT_TRUE(chip.plic_pending(PLIC_SOURCE_MXU(t))) << "tile " << t;
    EXPECT_EQ(chip.soc.mxu(t).statistics().macs, 19u * 10 * 17);
  }
  // The other engines answer at their offsets.
  EXPECT_EQ(chip.reg(1, TESSERA_TILE_VPU_OFFSET, ENGINE_ID), ENGINE_ID_VPU);
  EXPECT_EQ(chip.reg(1, TESSERA_TILE_DMA_OFFSET, ENGINE_ID), ENGINE_ID_DMA);
}

TEST(MxuConfig, KeysReachTheBlock) {
  PlatformConfig c;
  apply_override(c, "mxu.rows=32");
  apply_override(c, "mxu.cols=8");
  apply_override(c, "mxu.dataflow=output_stationary");
  apply_override(c, "mxu.double_buffer_weights=false");
  apply_override(c, "mxu.timing_only=true");
  apply_override(c, "mxu.accumulator_rows=256");
  apply_override(c, "tile.sram_latency_cycles=3");
  const MxuConfig m = mxu_config(c, {TESSERA_TILE_ADDR(0), c.tile.sram_bytes});
  EXPECT_EQ(m.rows, 32u);
  EXPECT_EQ(m.cols, 8u);
  EXPECT_EQ(m.dataflow, mxu::Dataflow::kOutputStationary);
  EXPECT_FALSE(m.double_buffer_weights);
  EXPECT_TRUE(m.timing_only);
  EXPECT_EQ(m.accumulator_rows, 256u);
  EXPECT_EQ(m.sram_access_cycles, 4u);  // a row per bank: 1 + the scratchpad's latency
  EXPECT_EQ(vpu_config(c, m.scratchpad).lanes, 16u);
  EXPECT_EQ(dma_config(c).burst_bytes, 256u);
}

TEST(MxuConfig, TheDataflowIsOneOfItsNames) {
  PlatformConfig c;
  try {
    apply_override(c, "mxu.dataflow=row_stationary");
    FAIL() << "accepted an unknown dataflow";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(
                  "mxu.dataflow: expects one of weight_stationary, output_stationary, got "
                  "'row_stationary'"),
              std::string::npos)
        << e.what();
  }
  EXPECT_EQ(c.mxu.dataflow, mxu::Dataflow::kWeightStationary);
  std::ostringstream printed;
  print_config(c, printed);
  EXPECT_NE(printed.str().find("mxu:\n  rows: 16  #"), std::string::npos) << printed.str();
  EXPECT_NE(printed.str().find("  dataflow: weight_stationary  #"), std::string::npos);
  EXPECT_THROW(apply_override(c, "mxu.rows=0"), ConfigError);
  EXPECT_THROW(apply_override(c, "vpu.lanes=0"), ConfigError);
}

}  // namespace
}  // namespace tessera
