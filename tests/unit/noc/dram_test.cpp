#include "dram/dram.h"

#include <gtest/gtest.h>

#include "block_configs.h"

#include <memory>
#include <vector>

#include "../trace_capture.h"
#include "timed_access.h"

namespace tessera {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;
using sc_core::SC_ZERO_TIME;
using testing::TestInitiator;
using testing::timed_access;

using testing::cycles;

// A DRAM with an initiator on each channel. Defaults: 100-cycle latency, 16 bytes per cycle.
struct DramBench {
  explicit DramBench(DramConfig config = small()) : dram("dram", config) {
    for (unsigned c = 0; c < config.channels; ++c) {
      initiators.push_back(
          std::make_unique<TestInitiator>(("initiator" + std::to_string(c)).c_str()));
      initiators.back()->socket.bind(dram.channel_socket(c));
    }
  }
  static DramConfig small() {
    DramConfig c = dram_config(PlatformConfig{});
    c.size_bytes = 1 << 20;
    return c;
  }
  Dram dram;
  std::vector<std::unique_ptr<TestInitiator>> initiators;
};

TEST(Dram, ZeroLoadLatencyIsLatencyPlusTransfer) {
  DramBench b;
  uint8_t line[64] = {};
  auto r = timed_access(*b.initiators[0], false, 0x100, line, 64, SC_ZERO_TIME);
  ASSERT_EQ(r.status, tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(r.end, cycles(100 + 64 / 16));
  r = timed_access(*b.initiators[1], true, 0x200, line, 8, cycles(1000));
  EXPECT_EQ(r.end - cycles(1000), cycles(100 + 0.5));  // half a cycle of transfer
}

TEST(Dram, FractionalBandwidthRoundsTransfersExactly) {
  DramConfig c = DramBench::small();
  c.bytes_per_cycle = 12.8;  // 64 bytes in exactly 5 cycles
  DramBench b(c);
  uint8_t line[64] = {};
  EXPECT_EQ(timed_access(*b.initiators[0], false, 0, line, 64, SC_ZERO_TIME).end, cycles(105));
}

TEST(Dram, AccessesOnOneChannelShareItsBandwidth) {
  DramBench b;
  uint8_t line[64] = {};
  // Eight 64-byte reads issued together: latencies overlap, transfers (4 cycles) queue.
  for (unsigned k = 0; k < 8; ++k) {
    const auto r = timed_access(*b.initiators[0], false, 64 * k, line, 64, SC_ZERO_TIME);
    EXPECT_EQ(r.end, cycles(100 + 4 * (k + 1)));
  }
  const BookedResource& channel = b.dram.channel(0);
  EXPECT_EQ(channel.bytes, 512u);
  EXPECT_EQ(channel.uses, 8u);
  EXPECT_EQ(channel.timeline.busy_ticks(), cycles(32).value());
  EXPECT_EQ(channel.timeline.waited_ticks(), cycles(4 * (0 + 1 + 2 + 3 + 4 + 5 + 6 + 7)).value());
  EXPECT_EQ(b.dram.channel(1).uses, 0u);
}

TEST(Dram, AccessesSpreadOverTwoChannelsRunInParallel) {
  DramBench b;
  uint8_t line[64] = {};
  for (unsigned k = 0; k < 8; ++k) {
    const auto r = timed_access(*b.initiators[k % 2], false, 64 * k, line, 64, SC_ZERO_TIME);
    EXPECT_EQ(r.end, cycles(100 + 4 * (k / 2 + 1)));  // each channel queues only its own
  }
}

TEST(Dram, ChannelOfFollowsTheInterleave) {
  DramBench b;
  EXPECT_EQ(b.dram.channel_of(0), 0u);
  EXPECT_EQ(b.dram.channel_of(255), 0u);
  EXPECT_EQ(b.dram.channel_of(256), 1u);
  EXPECT_EQ(b.dram.channel_of(512), 0u);
}

TEST(Dram, EveryChannelReachesTheOneStore) {
  DramBench b;
  EXPECT_EQ(b.initiators[0]->write(0x300, 0xfeedf00d, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.initiators[1]->read(0x300, 4), 0xfeedf00du);
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(b.initiators[1]->dmi(0x40, true, dmi));
  EXPECT_EQ(dmi.get_start_address(), 0u);
  EXPECT_EQ(dmi.get_end_address(), (1u << 20) - 1);
  EXPECT_TRUE(dmi.is_write_allowed());
  EXPECT_EQ(dmi.get_read_latency(), cycles(100));
  EXPECT_EQ(dmi.get_dmi_ptr()[0x300], 0x0d);
  uint32_t v = 0x01020304;
  EXPECT_EQ(b.initiators[0]->debug(true, 0x400, &v, 4), 4u);
  EXPECT_EQ(b.initiators[1]->read(0x400, 4), 0x01020304u);
  EXPECT_EQ(b.dram.channel(0).uses + b.dram.channel(1).uses, 3u);  // DMI and debug are untimed
}

TEST(Dram, OutOfRangeIsAnAddressErrorAndCostsNothing) {
  DramBench b;
  tlm::tlm_response_status status;
  b.initiators[0]->read(1 << 20, 4, &status);
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_EQ(b.dram.channel(0).uses, 0u);
}

TEST(Dram, TwoGibibytesCostOnlyTheTouchedPages) {
  DramConfig c = dram_config(PlatformConfig{});  // the default: 2 GiB
  DramBench b(c);
  EXPECT_EQ(b.dram.resident_bytes(), 0u);
  for (uint64_t a = 0; a < c.size_bytes; a += 256ull << 20) b.initiators[0]->write(a, a, 8);
  EXPECT_EQ(b.initiators[1]->read(1ull << 30, 8), 1ull << 30);
  EXPECT_LE(b.dram.resident_bytes(), 8u * (2u << 20));  // 8 touched pages, even as huge pages
}

TEST(Dram, RejectsImpossibleConfigurations) {
  DramConfig c = DramBench::small();
  c.channels = 0;
  EXPECT_THROW(Dram("no_channels", c), std::invalid_argument);
  c = DramBench::small();
  c.bytes_per_cycle = 0;
  EXPECT_THROW(Dram("no_bandwidth", c), std::invalid_argument);
}

// Bandwidth per window of 1024 cycles, by where each transfer starts: a window is written by the
// first access after simulated time has passed it, a 0 follows the last busy window, and what is
// still open is written when the simulation stops.
TEST(Dram, TracesTheBandwidthOfEachChannelPerWindow) {
  DramBench b;
  testing::TraceCapture trace;
  sc_core::sc_start(SC_ZERO_TIME);
  b.dram.trace_to(
      {trace.writer.track("dram", "channel 0"), trace.writer.track("dram", "channel 1")});
  uint8_t line[64] = {};
  timed_access(*b.initiators[0], false, 0, line, 64, SC_ZERO_TIME);  // transfer at 100: window 0
  timed_access(*b.initiators[0], true, 0, line, 32, cycles(1000));   // at 1100: window 1
  sc_core::sc_start(cycles(5000));
  timed_access(*b.initiators[0], false, 0, line, 64, SC_ZERO_TIME);  // at 5100: window 4
  EXPECT_EQ(trace.writer.events_written(), 6u + 3);  // names, sort indices; windows 0, 1, 2 passed
  sc_core::sc_stop();

  trace.finish();
  EXPECT_TRUE(trace.problems().empty()) << trace.problems().front();
  std::vector<std::pair<uint64_t, double>> windows;  // (ns, bytes per cycle)
  for (const nlohmann::json& e : trace.events('C', "dram", "channel 0")) {
    EXPECT_EQ(e["name"], "channel 0 bandwidth");
    windows.emplace_back(testing::TraceCapture::picoseconds(e["ts"]) / 1000,
                         e["args"]["bytes_per_cycle"].get<double>());
  }
  EXPECT_EQ(windows,
            (std::vector<std::pair<uint64_t, double>>{
                {0, 64 / 1024.0}, {1024, 32 / 1024.0}, {2048, 0}, {4096, 64 / 1024.0}, {5120, 0}}));
  EXPECT_TRUE(trace.events('C', "dram", "channel 1").empty());
}

}  // namespace
}  // namespace tessera
