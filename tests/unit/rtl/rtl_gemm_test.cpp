// GEMMs on the Verilated array through RtlGemmCore against a host GEMM with the RTL's cycle
// formula (rtl_gemm.h), and the lockstep comparator running the TLM model's core
// (TlmGemmCore) against the RTL's.
#define SC_INCLUDE_DYNAMIC_PROCESSES  // sc_spawn runs each test's driving code
#include "mxu_rtl/rtl_gemm.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace tessera {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

uint64_t ceil_div(uint64_t a, uint64_t b) {
  return (a + b - 1) / b;
}

class HostGemmCore : public GemmCore {
 public:
  HostGemmCore(unsigned rows, unsigned cols) : rows_(rows), cols_(cols) {}
  GemmOutcome run(const Gemm& g) override {
    GemmOutcome out;
    out.c.assign(size_t{g.m} * g.n, 0);
    for (uint32_t i = 0; i < g.m; ++i) {
      for (uint32_t j = 0; j < g.n; ++j) {
        int32_t sum = 0;
        for (uint32_t k = 0; k < g.k; ++k) {
          sum += value(g.a[size_t{i} * g.k + k], g.a_signed) *
                 value(g.b[size_t{k} * g.n + j], g.b_signed);
        }
        out.c[size_t{i} * g.n + j] = sum + corrupt_;
      }
    }
    out.cycles = 1;
    for (uint64_t m0 = 0; m0 < g.m; m0 += MxuRtl::acc_depth()) {
      const uint64_t m = std::min<uint64_t>(MxuRtl::acc_depth(), g.m - m0);
      out.cycles += ceil_div(g.n, cols_) * ceil_div(g.k, rows_) * (m + 2 * rows_ + cols_);
    }
    return out;
  }
  int32_t corrupt_ = 0;  // added to every element: a model with a bug

 private:
  static int32_t value(uint8_t byte, bool is_signed) {
    return is_signed ? static_cast<int8_t>(byte) : byte;
  }
  unsigned rows_, cols_;
};

Gemm random_gemm(std::mt19937_64& rng, uint32_t max_dim) {
  Gemm g;
  g.m = 1 + rng() % max_dim;
  g.n = 1 + rng() % max_dim;
  g.k = 1 + rng() % max_dim;
  g.a_signed = rng() & 1;
  g.b_signed = rng() & 1;
  g.a.resize(size_t{g.m} * g.k);
  g.b.resize(size_t{g.k} * g.n);
  for (auto& v : g.a) v = static_cast<uint8_t>(rng());
  for (auto& v : g.b) v = static_cast<uint8_t>(rng());
  return g;
}

struct GemmBench {
  GemmBench(unsigned rows, unsigned cols)
      : rtl("mxu", rows, cols, sc_time(1, SC_NS)),
        rtl_core(rtl),
        host(rows, cols),
        tlm(rows, cols, MxuRtl::acc_depth()),
        lockstep(tlm, rtl_core) {}
  // Runs body in a SystemC thread to its end.
  template <class Body>
  void run(Body body) {
    sc_core::sc_spawn(body);
    sc_core::sc_start();
  }
  MxuRtl rtl;
  RtlGemmCore rtl_core;
  HostGemmCore host;
  TlmGemmCore tlm;
  LockstepGemmCore lockstep;
};

// Shapes around the array's edges: one element, exact tiles, one past a tile, long M.
TEST(RtlGemm, EdgeShapesMatchTheHostAndTheCycleFormula) {
  GemmBench b(8, 8);
  std::mt19937_64 rng(11);
  b.run([&] {
    for (const auto& [m, n, k] : {std::tuple{1, 1, 1},
                                  {8, 8, 8},
                                  {9, 8, 8},
                                  {8, 9, 8},
                                  {8, 8, 9},
                                  {100, 17, 33},
                                  {3, 64, 5},
                                  {1, 1, 100}}) {
      Gemm g = random_gemm(rng, 1);
      g.m = m;
      g.n = n;
      g.k = k;
      g.a.assign(size_t{g.m} * g.k, 0);
      g.b.assign(size_t{g.k} * g.n, 0);
      for (auto& v : g.a) v = static_cast<uint8_t>(rng());
      for (auto& v : g.b) v = static_cast<uint8_t>(rng());
      const GemmOutcome want = b.host.run(g), got = b.rtl_core.run(g);
      EXPECT_EQ(got.c, want.c) << m << "x" << n << "x" << k;
      EXPECT_EQ(got.cycles, want.cycles) << m << "x" << n << "x" << k;
    }
  });
}

// More rows than the accumulators hold: the rows are split into chunks.
TEST(RtlGemm, RowsBeyondTheAccumulatorsAreChunked) {
  GemmBench b(4, 4);
  std::mt19937_64 rng(12);
  Gemm g = random_gemm(rng, 1);
  g.m = MxuRtl::acc_depth() + 37;
  g.n = 5;
  g.k = 6;
  g.a.resize(size_t{g.m} * g.k);
  g.b.resize(size_t{g.k} * g.n);
  for (auto& v : g.a) v = static_cast<uint8_t>(rng());
  for (auto& v : g.b) v = static_cast<uint8_t>(rng());
  b.run([&] { EXPECT_NO_THROW(b.lockstep.run(g)); });
  EXPECT_EQ(b.lockstep.commands_compared(), 1u);
}

TEST(RtlGemm, LockstepReportsTheFirstMismatch) {
  GemmBench b(4, 4);
  std::mt19937_64 rng(13);
  Gemm g = random_gemm(rng, 10);
  g.name = "command 7";
  b.host.corrupt_ = 1;
  LockstepGemmCore lockstep(b.host, b.rtl_core);
  std::string message;
  b.run([&] {
    try {
      lockstep.run(g);
    } catch (const LockstepMismatch& e) {
      message = e.what();
    }
  });
  EXPECT_NE(message.find("command 7"), std::string::npos) << message;
  EXPECT_NE(message.find("C[0][0] tlm="), std::string::npos) << message;
  EXPECT_NE(message.find(" rtl="), std::string::npos) << message;
}

// Random lockstep campaigns: 200 GEMMs of random shapes and signedness per array size.
void campaign(unsigned size, uint64_t seed) {
  GemmBench b(size, size);
  std::mt19937_64 rng(seed);
  b.run([&] {
    for (int i = 0; i < 200; ++i) {
      Gemm g = random_gemm(rng, 5 * size);
      g.name = "command " + std::to_string(i);
      b.lockstep.run(g);
    }
  });
  EXPECT_EQ(b.lockstep.commands_compared(), 200u);
}

TEST(RtlGemm, RandomLockstep4x4Seed101) {
  campaign(4, 101);
}
TEST(RtlGemm, RandomLockstep8x8Seed102) {
  campaign(8, 102);
}
TEST(RtlGemm, RandomLockstep16x16Seed103) {
  campaign(16, 103);
}

}  // namespace
}  // namespace tessera
