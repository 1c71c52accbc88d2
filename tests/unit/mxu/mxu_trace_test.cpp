// What the engines put in a trace (command_engine.h), through the MXU: a slice per descriptor
// over exactly the engine's busy cycles, with the GEMM's shape, and the error of a failed one.
#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "config.h"
#include "gemm_case.h"
#include "../trace_capture.h"

namespace tessera {
namespace {

using Bench = testing::EngineBench<Mxu>;
using testing::TraceCapture;

constexpr uint32_t kRing = Bench::kBase;
constexpr uint64_t kCyclePs = 1000;  // the default 1 GHz clock

testing::GemmCase gemm(uint32_t m, uint32_t n, uint32_t k) {
  std::mt19937 rng(m);
  uint32_t address = kRing + 0x1000;
  return testing::random_gemm(rng, m, n, k, address);
}

TEST(MxuTrace, EachDescriptorIsAGemmSliceOverItsBusyCycles) {
  Bench b(PlatformConfig{}, mxu_config);
  TraceCapture trace;
  b.engine.trace_to(trace.writer.track("tile 0", "mxu"));
  b.setup_queue(kRing, 4, MXU_DESC_BYTES);
  const testing::GemmCase first = gemm(20, 12, 30), second = gemm(40, 16, 70);
  first.place(b);
  b.submit(first.descriptor());
  b.run();
  const uint64_t first_busy = b.engine.busy_cycles();
  const MxuStatistics& s = b.engine.statistics();
  const uint64_t first_stalls =
      s.stall_weights_cycles + s.stall_operands_cycles + s.stall_output_cycles;
  second.place(b);
  b.submit(second.descriptor());
  b.run();

  trace.finish();
  EXPECT_TRUE(trace.problems().empty()) << trace.problems().front();
  const auto slices = trace.events('X', "tile 0", "mxu");
  ASSERT_EQ(slices.size(), 2u);
  EXPECT_EQ(slices[0]["name"], "gemm");
  EXPECT_EQ(TraceCapture::picoseconds(slices[0]["dur"]), first_busy * kCyclePs);
  EXPECT_EQ(TraceCapture::picoseconds(slices[1]["dur"]),
            (b.engine.busy_cycles() - first_busy) * kCyclePs);
  // The second ends where the simulation did: with the engine's last cycle.
  EXPECT_EQ(
      TraceCapture::picoseconds(slices[1]["ts"]) + TraceCapture::picoseconds(slices[1]["dur"]),
      sc_core::sc_time_stamp().value());
  EXPECT_EQ(slices[0]["args"], (nlohmann::json{{"m", 20},
                                               {"n", 12},
                                               {"k", 30},
                                               {"macs", 20 * 12 * 30},
                                               {"stall_cycles", first_stalls}}));
  EXPECT_EQ(slices[1]["args"]["macs"], 40 * 16 * 70);
}

TEST(MxuTrace, AFailedDescriptorsSliceCarriesItsError) {
  Bench b(PlatformConfig{}, mxu_config);
  TraceCapture trace;
  b.engine.trace_to(trace.writer.track("tile 0", "mxu"));
  b.setup_queue(kRing, 4, MXU_DESC_BYTES);
  const testing::GemmCase g = gemm(8, 8, 8);
  g.place(b);
  mxu_gemm_desc_t bad = g.descriptor();
  bad.c_addr += 2;  // C must be 4-byte aligned
  b.submit(bad);
  b.run();
  ASSERT_EQ(b.reg(ENGINE_STATUS), ENGINE_STATUS_ERROR);

  trace.finish();
  const auto slices = trace.events('X', "tile 0", "mxu");
  ASSERT_EQ(slices.size(), 1u);
  EXPECT_EQ(slices[0]["name"], "gemm");
  EXPECT_EQ(slices[0]["args"]["error"], "address");
  std::ostringstream address;
  address << "0x" << std::hex << bad.c_addr;
  EXPECT_EQ(slices[0]["args"]["error_address"], address.str());
  EXPECT_FALSE(slices[0]["args"].contains("stall_cycles"));
  EXPECT_EQ(TraceCapture::picoseconds(slices[0]["dur"]), b.engine.busy_cycles() * kCyclePs);
}

}  // namespace
}  // namespace tessera
