// The DMA engine in the assembled chip: 2-D copies between DRAM and scratchpads and from tile
// to tile over the mesh, chained descriptors, interrupts, errors reported and survived, and
// transfers whose cycles the DRAM channels or the NoC links set; the trace of the DMA and of
// the DRAM channels it drives.
#include <gtest/gtest.h>

#include <numeric>
#include <random>
#include <sstream>

#include "../trace_capture.h"
#include "soc_bench.h"
#include "tessera/hw/dma_regs.h"

namespace tessera {
namespace {

using testing::SocBench;

constexpr uint32_t kDma = TESSERA_TILE_DMA_OFFSET;
const uint32_t kSpm0 = TESSERA_TILE_ADDR(0);
const uint32_t kRing = kSpm0 + 0x70000;  // tile 0's ring, at the top of its scratchpad
const uint32_t kDram = TESSERA_DRAM_BASE + 0x100000;

dma_desc_t copy(uint32_t src, uint32_t dst, uint32_t width, uint32_t height = 1,
                uint32_t src_stride = 0, uint32_t dst_stride = 0, uint32_t next = 0) {
  return {DMA_OP_COPY, src, dst, width, height, src_stride, dst_stride, next};
}

std::vector<uint8_t> random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (uint8_t& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

class DmaChip : public ::testing::Test {
 protected:
  explicit DmaChip(const PlatformConfig& config = PlatformConfig{}) : chip_(config) {
    chip_.set_reg(0, kDma, ENGINE_IRQ_ENABLE, ENGINE_STATUS_DONE | ENGINE_STATUS_ERROR);
    chip_.set_reg(0, kDma, ENGINE_QUEUE_BASE, kRing);
    chip_.set_reg(0, kDma, ENGINE_QUEUE_ENTRIES, 8);
  }
  // Runs one queue slot on tile 0's DMA; returns the cycles it took.
  uint64_t run(const dma_desc_t& d) {
    chip_.put(kRing + tail_ * DMA_DESC_BYTES, &d, sizeof d);
    tail_ = (tail_ + 1) % 8;
    const uint64_t busy = chip_.soc.dma(0).busy_cycles();
    chip_.set_reg(0, kDma, ENGINE_QUEUE_TAIL, tail_);
    chip_.run();
    return chip_.soc.dma(0).busy_cycles() - busy;
  }
  uint32_t reg(uint32_t offset) { return chip_.reg(0, kDma, offset); }

  SocBench chip_;
  uint32_t tail_ = 0;
};

TEST_F(DmaChip, CopiesStridedRowsFromDramToTheScratchpadAndBack) {
  const uint32_t rows = 20, width = 100, dram_stride = 300, spm_stride = 128;
  const std::vector<uint8_t> image = random_bytes(rows * dram_stride, 1);
  chip_.put_vector(kDram, image);
  run(copy(kDram, kSpm0 + 0x1000, width, rows, dram_stride, spm_stride));
  for (uint32_t r = 0; r < rows; ++r)
    ASSERT_EQ(chip_.get_vector<uint8_t>(kSpm0 + 0x1000 + r * spm_stride, width),
              std::vector<uint8_t>(image.begin() + r * dram_stride,
                                   image.begin() + r * dram_stride + width))
        << "row " << r;
  // Back to DRAM, packed.
  run(copy(kSpm0 + 0x1000, kDram + 0x80000, width, rows, spm_stride, width));
  const std::vector<uint8_t> packed = chip_.get_vector<uint8_t>(kDram + 0x80000, rows * width);
  for (uint32_t r = 0; r < rows; ++r)
    ASSERT_TRUE(std::equal(packed.begin() + r * width, packed.begin() + (r + 1) * width,
                           image.begin() + r * dram_stride));
  EXPECT_EQ(reg(ENGINE_COMPLETED), 2u);
  EXPECT_EQ(chip_.soc.dma(0).statistics().bytes, 2u * rows * width);
  EXPECT_EQ(chip_.soc.dma(0).statistics().bursts, 2u * rows);  // rows shorter than a burst
  EXPECT_EQ(reg(DMA_STAT_BYTES), 2u * rows * width);
  EXPECT_EQ(reg(DMA_STAT_BURSTS), 2u * rows);
  EXPECT_EQ(reg(DMA_STAT_DESCRIPTORS), 2u);
  EXPECT_EQ(reg(DMA_BURST_BYTES), 256u);
  EXPECT_EQ(reg(DMA_MAX_OUTSTANDING), 16u);
  EXPECT_EQ(reg(ENGINE_ID), ENGINE_ID_DMA);
}

TEST_F(DmaChip, CopiesFromTileToTileOverTheMesh) {
  const std::vector<uint8_t> data = random_bytes(5000, 2);
  chip_.put_vector(kSpm0 + 0x2000, data);
  const uint32_t spm3 = TESSERA_TILE_ADDR(3);
  const uint64_t cycles = run(copy(kSpm0 + 0x2000, spm3 + 0x100, 5000));
  EXPECT_EQ(chip_.get_vector<uint8_t>(spm3 + 0x100, 5000), data);
  // Tile 0 at (0, 0) to tile 3 at (1, 1): east, then south.
  EXPECT_GE(chip_.soc.mesh().network().link({0, 0}, MeshNetwork::kEast).bytes, 5000u);
  EXPECT_GE(chip_.soc.mesh().network().link({1, 0}, MeshNetwork::kSouth).bytes, 5000u);
  EXPECT_GE(cycles, 5000u / 32);  // one 32-byte link
}

TEST_F(DmaChip, RunsAChainFromDramAndInterruptsWhereAsked) {
  const std::vector<uint8_t> data = random_bytes(3 * 700, 3);
  chip_.put_vector(kDram, data);
  // Three links in DRAM; the queue slot holds a copy of the first.
  const uint32_t chain = kDram + 0x10000;
  const dma_desc_t second = copy(kDram + 700, kSpm0 + 700, 700, 1, 0, 0, chain + 32);
  dma_desc_t third = copy(kDram + 1400, kSpm0 + 1400, 700);
  third.control |= ENGINE_DESC_INTERRUPT;
  chip_.put(chain, &second, sizeof second);
  chip_.put(chain + 32, &third, sizeof third);
  EXPECT_FALSE(chip_.plic_pending(PLIC_SOURCE_DMA(0)));
  run(copy(kDram, kSpm0, 700, 1, 0, 0, chain));
  EXPECT_EQ(chip_.get_vector<uint8_t>(kSpm0, 2100), data);
  EXPECT_EQ(reg(ENGINE_COMPLETED), 1u);
  EXPECT_EQ(chip_.soc.dma(0).statistics().descriptors, 3u);
  EXPECT_EQ(reg(ENGINE_STATUS), ENGINE_STATUS_DONE);
  EXPECT_TRUE(chip_.plic_pending(PLIC_SOURCE_DMA(0)));
}

TEST_F(DmaChip, TracesACopySlicePerDescriptorAndTheDramBandwidth) {
  using testing::TraceCapture;
  TraceCapture trace;
  chip_.soc.trace_to(trace.writer);
  chip_.put_vector(kDram, random_bytes(20 * 300, 1));
  const uint64_t single = run(copy(kDram, kSpm0 + 0x1000, 100, 20, 300, 128));
  const uint32_t chain = kDram + 0x10000;
  const dma_desc_t second = copy(kDram + 700, kSpm0 + 700, 700);
  chip_.put(chain, &second, sizeof second);
  run(copy(kSpm0 + 0x1000, kDram + 0x20000, 64, 3, 128, 64, chain));
  sc_core::sc_stop();  // the DRAM's last windows are written when the simulation stops

  trace.finish();
  EXPECT_TRUE(trace.problems().empty()) << trace.problems().front();
  const auto slices = trace.events('X', "tile 0", "dma");
  ASSERT_EQ(slices.size(), 4u);
  EXPECT_EQ(slices[0]["name"], "copy");
  std::ostringstream dst;
  dst << "0x" << std::hex << kSpm0 + 0x1000;
  EXPECT_EQ(slices[0]["args"],
            (nlohmann::json{
                {"bytes", 2000}, {"shape", "100x20"}, {"src", "0x80100000"}, {"dst", dst.str()}}));
  EXPECT_EQ(TraceCapture::picoseconds(slices[0]["dur"]), single * 1000);  // 1 ns cycles
  // A link's slice comes as it ends, inside the chain's, which comes when the slot does.
  const auto start = [](const nlohmann::json& e) { return TraceCapture::picoseconds(e["ts"]); };
  const auto end = [&start](const nlohmann::json& e) {
    return start(e) + TraceCapture::picoseconds(e["dur"]);
  };
  EXPECT_EQ(slices[1]["args"]["shape"], "64x3");
  EXPECT_EQ(slices[2]["args"]["bytes"], 700);
  EXPECT_EQ(slices[3]["name"], "chain");
  EXPECT_LE(start(slices[3]), start(slices[1]));
  EXPECT_LE(end(slices[1]), start(slices[2]));
  EXPECT_EQ(end(slices[2]), end(slices[3]));

  // Bandwidth windows of 1024 cycles add up to the bytes each channel moved, and end at 0.
  const Dram& dram = chip_.soc.dram();
  uint64_t traffic = 0;
  for (unsigned c = 0; c < dram.config().channels; ++c) {
    const auto counters = trace.events('C', "dram", "channel " + std::to_string(c));
    double bytes = 0;
    for (const nlohmann::json& e : counters) {
      EXPECT_EQ(e["name"], "channel " + std::to_string(c) + " bandwidth");
      EXPECT_EQ(TraceCapture::picoseconds(e["ts"]) % (Dram::kTraceWindowCycles * 1000), 0u);
      bytes += e["args"]["bytes_per_cycle"].get<double>() * Dram::kTraceWindowCycles;
    }
    EXPECT_EQ(bytes, static_cast<double>(dram.channel(c).bytes)) << "channel " << c;
    if (dram.channel(c).bytes > 0) {
      ASSERT_FALSE(counters.empty());
      EXPECT_EQ(counters.back()["args"]["bytes_per_cycle"], 0.0);
    }
    traffic += dram.channel(c).bytes;
  }
  EXPECT_EQ(traffic, 2000 + 192 + 700 + DMA_DESC_BYTES);  // the copies and the link fetched
}

TEST_F(DmaChip, ErrorsAreReportedAndTheChipRunsOn) {
  // Nothing answers at 0x30000000: the read's error response stops the copy.
  run(copy(0x30000000, kSpm0, 64));
  EXPECT_EQ(reg(ENGINE_STATUS), ENGINE_STATUS_ERROR);
  EXPECT_EQ(reg(ENGINE_ERROR_CODE), ENGINE_ERR_ADDRESS);
  EXPECT_EQ(reg(ENGINE_ERROR_ADDR), 0x30000000u);
  EXPECT_EQ(reg(ENGINE_ERROR_DESC), kRing);
  EXPECT_TRUE(chip_.plic_pending(PLIC_SOURCE_DMA(0)));
  chip_.set_reg(0, kDma, ENGINE_STATUS, ENGINE_STATUS_ERROR);

  const auto expect = [this](const dma_desc_t& d, uint32_t code, uint32_t descriptor) {
    const uint32_t slot = kRing + tail_ * DMA_DESC_BYTES;
    run(d);
    EXPECT_EQ(reg(ENGINE_ERROR_CODE), code);
    EXPECT_EQ(reg(ENGINE_ERROR_DESC), descriptor ? descriptor : slot);
    chip_.set_reg(0, kDma, ENGINE_STATUS, ENGINE_STATUS_ERROR);
  };
  expect(copy(kSpm0, kDram, 0), ENGINE_ERR_LENGTH, 0);
  expect(copy(kDram, kSpm0, 16, 3, 0x80000000u), ENGINE_ERR_LENGTH, 0);  // past 4 GiB
  expect(copy(kDram, kSpm0, 16, 1, 0, 0, 0x30000000), ENGINE_ERR_DESCRIPTOR, 0x30000000);
  expect(copy(kDram, kSpm0, 16, 1, 0, 0, kDram + 2), ENGINE_ERR_DESCRIPTOR, kDram + 2);
  dma_desc_t d = copy(kDram, kSpm0, 16);
  d.control = 5;
  expect(d, ENGINE_ERR_OPCODE, 0);
  // A write to nowhere, after the bursts before it went through.
  const std::vector<uint8_t> data = random_bytes(512, 4);
  chip_.put_vector(kSpm0 + 0x4000, data);
  expect(copy(kSpm0 + 0x4000, TESSERA_TILE_ADDR(3) + 512 * 1024 - 256, 512), ENGINE_ERR_ADDRESS, 0);
  EXPECT_EQ(reg(ENGINE_ERROR_ADDR), TESSERA_TILE_ADDR(3) + 512 * 1024);
  EXPECT_EQ(chip_.get_vector<uint8_t>(TESSERA_TILE_ADDR(3) + 512 * 1024 - 256, 256),
            std::vector<uint8_t>(data.begin(), data.begin() + 256));
  // Still working.
  run(copy(kSpm0 + 0x4000, kDram, 512));
  EXPECT_EQ(reg(ENGINE_STATUS) & ENGINE_STATUS_ERROR, 0u);
  EXPECT_EQ(chip_.get_vector<uint8_t>(kDram, 512), data);
}

PlatformConfig one_dram_channel() {
  PlatformConfig c;
  c.dram.channels = 1;
  return c;
}

class DramBoundDma : public DmaChip {
 protected:
  DramBoundDma() : DmaChip(one_dram_channel()) {}
};

// 64 KiB from one channel of 16 bytes a cycle: at least 4096 cycles, and with 16 bursts in
// flight the 100-cycle latency hides behind the transfers.
TEST_F(DramBoundDma, TakesTheChannelsTime) {
  const uint32_t bytes = 64 * 1024;
  const uint64_t cycles = run(copy(kDram, kSpm0, bytes));
  const uint64_t channel = bytes / 16;
  EXPECT_GE(cycles, channel);
  EXPECT_LE(cycles, channel + 200);
  EXPECT_EQ(chip_.soc.dram().channel(0).bytes, bytes);
}

PlatformConfig narrow_links() {
  PlatformConfig c;
  c.noc.link_bytes = 4;
  return c;
}

class NocBoundDma : public DmaChip {
 protected:
  NocBoundDma() : DmaChip(narrow_links()) {}
};

// Tile 0 to tile 3 over 4-byte links: every 256-byte write is a 264-byte packet, 66 cycles on
// each link, one after another.
TEST_F(NocBoundDma, TakesTheLinksTime) {
  const uint32_t bytes = 64 * 1024;
  const uint64_t cycles = run(copy(kSpm0, TESSERA_TILE_ADDR(3), bytes));
  const uint64_t link = bytes / 256 * (256 + 8) / 4;
  EXPECT_GE(cycles, link);
  EXPECT_LE(cycles, link + link / 20);
}

}  // namespace
}  // namespace tessera
