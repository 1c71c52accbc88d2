// The MXU on the Verilated RTL (mxu.impl rtl and lockstep, docs/mxu-rtl.md): descriptors
// through the engine, operands and results in the scratchpad, against the 64-bit reference;
// the RTL's cycles against the TLM model's; a lockstep mismatch stopping the run.
#include <gtest/gtest.h>

#include <functional>
#include <iostream>
#include <memory>
#include <random>
#include <string>

#include "gemm_case.h"
#include "mxu_rtl/rtl_gemm.h"

namespace tessera::testing {
namespace {

using sc_core::sc_time;

// An MXU bench on the RTL cores of an `impl` MXU, or on the core `pick` makes of them.
struct CosimBench {
  using Pick = std::function<GemmCore*(MxuCores&)>;
  CosimBench(const PlatformConfig& platform, mxu::Impl impl, const Pick& pick = {})
      : cores("rtl", platform.mxu.rows, platform.mxu.cols, impl, clock_period(platform)),
        bench(
            platform,
            [impl](const PlatformConfig& p, ScratchpadEngine::Window window) {
              MxuConfig config = mxu_config(p, window);
              config.impl = impl;
              return config;
            },
            pick ? pick(cores) : &cores.core(),
            [this](const std::string& message) {
              failure = message;
              sc_core::sc_stop();
            }) {
    bench.setup_queue(kBase, 4, MXU_DESC_BYTES);
  }

  // Runs one GEMM to its end; returns its busy cycles.
  uint64_t run(const GemmCase& g) {
    g.place(bench);
    const uint64_t busy = bench.engine.busy_cycles();
    bench.submit(g.descriptor());
    bench.run();
    return bench.engine.busy_cycles() - busy;
  }

  static constexpr uint32_t kBase = EngineBench<Mxu>::kBase;
  MxuCores cores;
  EngineBench<Mxu> bench;
  std::string failure;
};

PlatformConfig array(unsigned rows, unsigned cols) {
  PlatformConfig p;
  p.mxu.rows = rows;
  p.mxu.cols = cols;
  return p;
}

// Hundreds of random descriptors (types, zero points per tensor and per column, accumulation,
// grouped rows, shapes across the array's edges) with the TLM model and the RTL compared on
// every element and on the array cycles; C against the 64-bit reference.
void random_lockstep(unsigned rows, unsigned cols, unsigned seed) {
  constexpr unsigned kDescriptors = 300;
  CosimBench b(array(rows, cols), mxu::Impl::kLockstep);
  std::mt19937 rng(seed);
  const auto dim = [&rng](unsigned max) { return 1 + static_cast<uint32_t>(rng() % max); };
  for (unsigned i = 0; i < kDescriptors; ++i) {
    uint32_t address = CosimBench::kBase + 4 * MXU_DESC_BYTES;
    const GemmCase g = random_gemm(rng, dim(3 * rows), dim(3 * cols), dim(3 * rows), address);
    b.run(g);
    ASSERT_EQ(b.failure, "") << "descriptor " << i;
    ASSERT_EQ(g.result(b.bench), g.reference()) << "descriptor " << i;
  }
  EXPECT_EQ(b.cores.lockstep().commands_compared(), kDescriptors);
  EXPECT_EQ(b.bench.reg(ENGINE_STATUS) & ENGINE_STATUS_ERROR, 0u);
}

TEST(MxuCosim, RandomLockstep4x4Seed31) {
  random_lockstep(4, 4, 31);
}
TEST(MxuCosim, RandomLockstep8x8Seed32) {
  random_lockstep(8, 8, 32);
}
TEST(MxuCosim, RandomLockstep16x16Seed33) {
  random_lockstep(16, 16, 33);
}

struct Shape {
  uint32_t m, n, k;
};
// The shapes of docs/mxu.md's TLM-against-RTL table.
const Shape kShapes[] = {{1, 16, 16},    {16, 16, 16},    {64, 16, 16},   {256, 16, 16},
                         {16, 64, 64},   {64, 64, 64},    {100, 17, 33},  {128, 128, 128},
                         {256, 256, 64}, {1024, 16, 256}, {1100, 16, 16}, {3, 5, 7}};

// The RTL's cycles for a GEMM: its clock cycles while the bench ran it (the first GEMM also
// clocks the RTL's reset).
uint64_t rtl_cycles(CosimBench& b, const GemmCase& g, uint64_t& busy) {
  const uint64_t before = b.cores.rtl().cycles_clocked();
  busy = b.run(g);
  return b.cores.rtl().cycles_clocked() - before - (before == 0 ? 1 : 0);
}

uint64_t stalls(const MxuStatistics& s) {
  return s.stall_weights_cycles + s.stall_operands_cycles + s.stall_output_cycles;
}

// Lockstep, single-buffered: the chip's timing is the TLM model's whole GEMM (descriptor read
// to last write) through the scratchpad's banks, and lockstep has compared the array cycles on
// the RTL's footing. At zero load the whole GEMM is the RTL's cycles plus 3 (docs/mxu-rtl.md);
// through the banks (operands packed as firmware packs them) it is that plus the cycles the
// model stalls on bank conflicts. Prints docs/mxu.md's table.
TEST(MxuCosim, TlmCyclesAgainstRtlCycles16x16) {
  PlatformConfig p = array(16, 16);
  p.mxu.double_buffer_weights = false;
  CosimBench b(p, mxu::Impl::kLockstep);
  const mxu::ArrayTiming timing = array_timing(mxu_config(p, {CosimBench::kBase, 1}));
  const unsigned descriptor_read = timing.lead_cycles;
  std::mt19937 rng(5);
  std::cout << "| GEMM M x N x K | RTL | TLM, zero load | TLM, banks | bank stalls |\n";
  for (const Shape& s : kShapes) {
    uint32_t address = CosimBench::kBase + 4 * MXU_DESC_BYTES;
    const GemmCase g = packed_gemm(rng, s.m, s.n, s.k, address);
    const uint64_t stalled = stalls(b.bench.engine.statistics());
    uint64_t banks = 0;
    const uint64_t rtl = rtl_cycles(b, g, banks);
    const uint64_t zero_load =
        descriptor_read +
        mxu::ideal_gemm_cycles(timing, mxu::Dataflow::kWeightStationary, s.m, s.n, s.k).end;
    const uint64_t bank_stalls = stalls(b.bench.engine.statistics()) - stalled;
    std::cout << "| " << s.m << " x " << s.n << " x " << s.k << " | " << rtl << " | " << zero_load
              << " | " << banks << " | " << bank_stalls << " |\n";
    ASSERT_EQ(b.failure, "");
    EXPECT_EQ(zero_load, rtl + 3) << s.m << "x" << s.n << "x" << s.k;
    EXPECT_EQ(banks, zero_load + bank_stalls) << s.m << "x" << s.n << "x" << s.k;
    EXPECT_EQ(g.result(b.bench), g.reference());
  }
}

// mxu.impl rtl: the RTL's cycles time the descriptor (plus the descriptor read and the last
// write, 3 at the default scratchpad), whatever the buffering configured; C is right.
TEST(MxuCosim, RtlTimesTheDescriptors8x8) {
  CosimBench b(array(8, 8), mxu::Impl::kRtl);
  std::mt19937 rng(9);
  for (unsigned i = 0; i < 40; ++i) {
    uint32_t address = CosimBench::kBase + 4 * MXU_DESC_BYTES;
    // Draws in a fixed order: argument evaluation order differs between compilers.
    const uint32_t k = 1 + rng() % 40, n = 1 + rng() % 40, m = 1 + rng() % 40;
    const GemmCase g = random_gemm(rng, m, n, k, address);
    uint64_t busy = 0;
    const uint64_t rtl = rtl_cycles(b, g, busy);
    EXPECT_EQ(busy, rtl + 3) << "descriptor " << i;
    ASSERT_EQ(g.result(b.bench), g.reference()) << "descriptor " << i;
  }
  EXPECT_EQ(b.bench.reg(MXU_FEATURES) & MXU_FEATURE_DOUBLE_BUFFER, 0u);
}

// A TLM core with a bug in one element.
class FaultyCore : public TlmGemmCore {
 public:
  using TlmGemmCore::TlmGemmCore;
  GemmOutcome run(const Gemm& g) override {
    GemmOutcome out = TlmGemmCore::run(g);
    out.c[2 * g.n + 3] += 1;
    return out;
  }
};

TEST(MxuCosim, LockstepMismatchStopsTheRunNamingTheDescriptorAndElement) {
  FaultyCore faulty(4, 4, MxuRtl::acc_depth());
  std::unique_ptr<RtlGemmCore> rtl;
  std::unique_ptr<LockstepGemmCore> lockstep;
  CosimBench b(array(4, 4), mxu::Impl::kLockstep, [&](MxuCores& cores) {
    rtl = std::make_unique<RtlGemmCore>(cores.rtl());
    lockstep = std::make_unique<LockstepGemmCore>(faulty, *rtl);
    return lockstep.get();
  });
  std::mt19937 rng(3);
  uint32_t address = CosimBench::kBase + 4 * MXU_DESC_BYTES;
  b.run(random_gemm(rng, 4, 5, 3, address));
  EXPECT_NE(b.failure.find("engine descriptor #0 at 0x"), std::string::npos) << b.failure;
  EXPECT_NE(b.failure.find("m=4 n=5 k=3"), std::string::npos) << b.failure;
  EXPECT_NE(b.failure.find("C[2][3] tlm="), std::string::npos) << b.failure;
  EXPECT_EQ(b.bench.engine.completed(), 0u);  // the run stopped on the descriptor
}

}  // namespace
}  // namespace tessera::testing
