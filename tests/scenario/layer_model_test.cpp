#include "layer_model.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tessera {
namespace {

Machine default_machine() {
  return machine_of(PlatformConfig{});
}

TEST(LayerModel, ConvLowersToTheIm2colGemm) {
  const ConvShape conv{224, 224, 3, 64, 7, 2, 3};  // ResNet-50's first layer
  EXPECT_EQ(conv.out_h(), 112u);
  EXPECT_EQ(conv.out_w(), 112u);
  const GemmShape g = conv.as_gemm();
  EXPECT_EQ(g.m, 112u * 112u);
  EXPECT_EQ(g.n, 64u);
  EXPECT_EQ(g.k, 7u * 7u * 3u);
  const Layer layer{"conv1", conv};
  EXPECT_EQ(layer.macs(), 118013952u);  // the published 118 M MACs
  EXPECT_STREQ(layer.kind(), "conv");
  EXPECT_EQ(layer.shape_text(), "224x224x3 -> 112x112x64 k7 s2 p3");
}

TEST(LayerModel, CompulsoryBytesReadTheImageNotItsIm2colCopy) {
  const Layer conv{"c", ConvShape{56, 56, 64, 64, 3, 1, 1}};
  EXPECT_EQ(conv.dram_read_bytes(), 56u * 56 * 64 + 3u * 3 * 64 * 64);
  EXPECT_EQ(conv.dram_write_bytes(), 56u * 56 * 64);
  // A 1x1 stride-2 window reads every other row and column; a 3x3 one reads them all.
  const Layer skip{"s", ConvShape{56, 56, 256, 512, 1, 2, 0}};
  EXPECT_EQ(skip.dram_read_bytes(), 28u * 28 * 256 + 256u * 512);
  const Layer overlap{"o", ConvShape{56, 56, 128, 128, 3, 2, 1}};
  EXPECT_EQ(overlap.dram_read_bytes(), 56u * 56 * 128 + 9u * 128 * 128);
  const Layer gemm{"g", GemmShape{128, 768, 3072}};
  EXPECT_EQ(gemm.dram_read_bytes(), 128u * 3072 + 3072u * 768);
  EXPECT_EQ(gemm.dram_write_bytes(), 128u * 768);
  EXPECT_EQ(gemm.shape_text(), "m=128 n=768 k=3072");
}

// The estimate uses the engine's own model; its shape at the extremes is what docs/mxu.md
// derives: a long stream keeps the array busy, a short one pays for loading and draining.
TEST(LayerModel, MxuCyclesAreTheEnginesOwnModel) {
  const Machine m = default_machine();
  const mxu::GemmCycles ideal = mxu::ideal_gemm_cycles(m.mxu, m.dataflow, 1000, 64, 256);
  EXPECT_EQ(mxu_gemm_cycles({1000, 64, 256}, m), ideal.end);
  // 4 column tiles x 16 k folds of 1000 rows, streamed back to back with double buffering.
  EXPECT_GE(ideal.end, 64u * 1000);
  EXPECT_LT(ideal.end, 64u * 1000 + 100);
  EXPECT_EQ(ideal.compute, 64u * 1000);
  // One row through one fold: all load and drain.
  EXPECT_GT(mxu_gemm_cycles({1, 16, 16}, m), 2u * 16);
}

TEST(LayerModel, RooflineCeilingsComeFromTheConfiguration) {
  PlatformConfig config;
  config.mesh = {4, 4};
  config.dram.channels = 4;
  config.mxu.rows = config.mxu.cols = 32;
  const Machine m = machine_of(config);
  EXPECT_EQ(m.peak_macs_per_cycle(), 16.0 * 32 * 32);
  EXPECT_EQ(m.dram_bytes_per_cycle(), 4 * 16.0);
  // 256-byte bursts with 8-byte headers through one 32-byte link per channel.
  EXPECT_DOUBLE_EQ(m.noc_dram_bytes_per_cycle(), 4 * 32.0 * 256 / 264);
  config.dma.burst_bytes = 1024;  // split at the 256-byte interleave granule all the same
  EXPECT_EQ(machine_of(config).dram_packet_bytes, 256u);
  // Eight channels on four rows share the four east-edge nodes.
  config.dram.channels = 8;
  EXPECT_EQ(machine_of(config).dram_nodes, 4u);
  EXPECT_DOUBLE_EQ(machine_of(config).noc_dram_bytes_per_cycle(), 4 * 32.0 * 256 / 264);
}

TEST(LayerModel, EstimateSplitsTheWorkOverTheTiles) {
  const Machine m = default_machine();  // 4 tiles of 16x16
  // 64 blocks of 16 output columns: 16 blocks (256 columns) per tile.
  const Layer wide{"w", GemmShape{128, 1024, 768}};
  EXPECT_EQ(estimate_layer(wide, m).compute_cycles, mxu_gemm_cycles({128, 256, 768}, m));
  // One block of columns: the rows are shared instead, 1024 / 4 per tile.
  const Layer tall{"t", GemmShape{1024, 16, 16}};
  EXPECT_EQ(estimate_layer(tall, m).compute_cycles, mxu_gemm_cycles({256, 16, 16}, m));
  // Fewer columns than one block: a tile's share is the columns there are.
  const Layer narrow{"n", GemmShape{8, 10, 16}};
  EXPECT_EQ(estimate_layer(narrow, m).compute_cycles,
            std::min(mxu_gemm_cycles({8, 10, 16}, m), mxu_gemm_cycles({2, 10, 16}, m)));
}

TEST(LayerModel, EstimateIsBoundByTheSlowestOfComputeDramAndNoc) {
  const Machine m = default_machine();
  // Big matrices re-use every byte many times: compute-bound.
  const LayerEstimate compute = estimate_layer({"c", GemmShape{512, 512, 512}}, m);
  EXPECT_STREQ(compute.bound(), "compute");
  EXPECT_EQ(compute.cycles(), compute.compute_cycles);

  // A 1x1 convolution of few channels over a large image: 8 MACs per byte, DRAM-bound.
  const Layer pointwise{"p", ConvShape{256, 256, 16, 16, 1, 1, 0}};
  const LayerEstimate dram = estimate_layer(pointwise, m);
  EXPECT_STREQ(dram.bound(), "dram");
  EXPECT_EQ(dram.dram_cycles, (2u * 256 * 256 * 16 + 16 * 16) / 32);  // 2 channels x 16 B

  // The same layer with wide DRAM behind narrow links: NoC-bound.
  PlatformConfig narrow;
  narrow.dram.bytes_per_cycle = 64;
  narrow.noc.link_bytes = 8;
  const LayerEstimate noc = estimate_layer(pointwise, machine_of(narrow));
  EXPECT_STREQ(noc.bound(), "noc");
  // Reads leave the 2 channel nodes as 256-byte packets (+ 8-byte headers) at 8 B/cycle,
  // with the headers of the writes' responses on the same links.
  const uint64_t reads = 256u * 256 * 16 + 256, writes = 256u * 256 * 16;
  const uint64_t packets = reads / 256 + writes / 256;
  EXPECT_EQ(noc.noc_cycles, (reads + packets * 8 + 15) / 16);
}

}  // namespace
}  // namespace tessera
