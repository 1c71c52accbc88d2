// The trace of a whole firmware run (Soc::trace_to): valid by trace-check's rules, its tracks in
// the documented order, and its events adding up to what the blocks counted.
#include "soc.h"

#include <gtest/gtest.h>

#include <sstream>

#include "../trace_capture.h"

namespace tessera {
namespace {

using testing::TraceCapture;

uint64_t sum_of(const std::vector<nlohmann::json>& events, const char* arg) {
  uint64_t sum = 0;
  for (const nlohmann::json& e : events) sum += e["args"][arg].get<uint64_t>();
  return sum;
}

TEST(SocTrace, AGemmOnEveryTileAddsUpToWhatTheBlocksDid) {
  std::ostringstream uart;
  Soc soc(PlatformConfig{}, uart);
  TraceCapture trace;
  soc.trace_to(trace.writer);
  soc.load(ElfImage::load(std::string(TESSERA_FW_DIR) + "/smp_kernel_gemm256.elf"));
  ASSERT_EQ(soc.run().exit_code, 0) << uart.str();

  const nlohmann::json& doc = trace.finish();
  const std::vector<std::string> problems = trace.problems();
  EXPECT_TRUE(problems.empty()) << problems.front();

  std::vector<std::string> processes;
  for (const nlohmann::json& e : doc["traceEvents"])
    if (e["name"] == "process_name") processes.push_back(e["args"]["name"]);
  EXPECT_EQ(processes,
            (std::vector<std::string>{"control", "tile 0", "tile 1", "tile 2", "tile 3", "dram"}));

  // The firmware clears the engines' statistics between its two GEMMs; not their counts.
  uint64_t macs = 0;
  bool slept = !trace.events('X', "control", "core").empty();
  for (uint32_t t = 0; t < 4; ++t) {
    const std::string tile = "tile " + std::to_string(t);
    const auto gemms = trace.events('X', tile, "mxu");
    EXPECT_EQ(gemms.size(), soc.mxu(t).completed()) << tile;
    macs += sum_of(gemms, "macs");
    EXPECT_EQ(trace.events('X', tile, "vpu").size(), soc.vpu(t).completed()) << tile;
    EXPECT_EQ(trace.events('X', tile, "dma").size(), soc.dma(t).completed()) << tile;
    for (const nlohmann::json& e : trace.events('X', tile, "core")) {
      EXPECT_EQ(e["name"], "wfi");
      slept = true;
    }
  }
  EXPECT_EQ(macs, 2 * 256 * 256 * 256);  // the GEMM twice, shared by the tiles
  EXPECT_TRUE(slept);                    // the second GEMM waits for the engines' interrupts

  uint64_t dram_bytes = 0;
  double traced = 0;
  for (unsigned c = 0; c < soc.dram().config().channels; ++c) {
    dram_bytes += soc.dram().channel(c).bytes;
    for (const nlohmann::json& e : trace.events('C', "dram", "channel " + std::to_string(c)))
      traced += e["args"]["bytes_per_cycle"].get<double>() * Dram::kTraceWindowCycles;
  }
  EXPECT_GT(dram_bytes, 0u);
  EXPECT_EQ(traced, static_cast<double>(dram_bytes));
}

}  // namespace
}  // namespace tessera
