// The MXU's cycles: the closed forms of docs/mxu.md, exactly, for GEMMs that fit one pass (the
// whole model: descriptor, scratchpad banks, array) and for fold sequences (the schedule on an
// ideal memory); the RTL's per-fold latency; utilization of a large resident GEMM; stalls by
// cause; cycles that add up.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "array_param.h"
#include "gemm_case.h"
#include "sram/scratchpad.h"
#include "tessera/hw/memory_map.h"

namespace tessera {
namespace {

using Bench = testing::EngineBench<Mxu>;
using mxu::Dataflow;
using testing::Array;

// With the default scratchpad (1 cycle of latency) a read of one row per bank takes 2 cycles.
constexpr uint64_t kLead = 2;

uint64_t ceil_div(uint64_t a, uint64_t b) {
  return (a + b - 1) / b;
}

// docs/mxu.md, "One pass": the GEMM's cycles after its descriptor has arrived.
uint64_t one_pass_cycles(Dataflow dataflow, uint64_t R, uint64_t C, uint64_t m, uint64_t k) {
  if (dataflow == Dataflow::kWeightStationary)
    return kLead + R /* weights */ + m /* rows */ + (R + C - 2) /* fill, drain */ + kLead;
  return kLead /* first operands */ + k /* steps */ + (R + C - 2) + (R - 1) /* drain */ + kLead;
}

// docs/mxu.md, "Sequences of folds", on an ideal memory.
uint64_t fold_sequence_cycles(Dataflow dataflow, bool double_buffer, uint64_t R, uint64_t C,
                              uint64_t acc_rows, uint64_t m, uint64_t n, uint64_t k) {
  uint64_t total = 0;
  if (dataflow == Dataflow::kWeightStationary) {
    std::vector<uint64_t> fold_rows;  // m of each fold, in order
    for (uint64_t m0 = 0; m0 < m; m0 += acc_rows)
      for (uint64_t f = 0; f < ceil_div(n, C) * ceil_div(k, R); ++f)
        fold_rows.push_back(std::min(acc_rows, m - m0));
    if (!double_buffer) {
      for (uint64_t rows : fold_rows) total += kLead + 2 * R + C + rows - 2;
      return total + kLead;
    }
    total = kLead + R;
    for (std::size_t f = 0; f + 1 < fold_rows.size(); ++f) total += std::max(fold_rows[f], R);
    return total + fold_rows.back() + R + C - 2 + kLead;
  }
  const uint64_t tiles = ceil_div(m, R) * ceil_div(n, C);
  if (!double_buffer) return tiles * (kLead + k + 2 * R + C - 3) + kLead;
  return kLead + (tiles - 1) * std::max(k, R) + k + 2 * R + C - 3 + kLead;
}

class OnePass : public ::testing::TestWithParam<Array> {};

// Operands placed so that no two streams share a bank while both are in use: A rows in banks
// 0-1, B rows in banks 2-3, C rows from bank 4 on, rows 4 stripes apart.
TEST_P(OnePass, CyclesEqualTheDataflowFormula) {
  const Array array = GetParam();
  Bench bench(array.platform(), mxu_config);
  const uint32_t R = array.rows, C = array.cols, stripe = 128;
  const uint32_t ring = Bench::kBase;
  bench.setup_queue(ring, 2, MXU_DESC_BYTES);
  std::mt19937 rng(R + C);
  const bool ws = array.dataflow == Dataflow::kWeightStationary;
  // (m, n, k) within one pass: WS K <= R, N <= C, any M; OS M <= R, N <= C, any K. WS keeps
  // M below R + C so A's reads are over before C's rows of 128 bytes are written; OS keeps K
  // within 32, A's first two bank rows, so A's refills never meet B's rows in banks 2-3.
  const std::vector<std::array<uint32_t, 3>> shapes =
      ws ? std::vector<std::array<uint32_t, 3>>{{1, 1, 1},
                                                {R, C, R},
                                                {R + C - 1, C, R},
                                                {3, C / 2, R - 1},
                                                {R / 2 + 1, 3, 5}}
         : std::vector<std::array<uint32_t, 3>>{
               {1, 1, 1}, {R, C, R}, {R, C, 32}, {R - 1, C / 2, 20}, {2, 3, 7}};
  for (const auto& [m, n, k] : shapes) {
    testing::GemmCase g;
    g.m = m;
    g.n = n;
    g.k = k;
    g.b_zp.assign(n, 0);
    g.a_addr = ring + 0x1000;
    g.a_row_stride = stripe * ceil_div(k, stripe);
    g.b_addr = ring + 0x20000 + 32;
    g.b_row_stride = 4 * stripe;
    g.c_addr = ring + 0x40000 + 64;
    g.c_row_stride = 4 * stripe;
    g.a_image.resize(std::size_t{m - 1} * g.a_row_stride + k);
    g.b_image.resize(std::size_t{k - 1} * g.b_row_stride + n);
    for (uint8_t& v : g.a_image) v = static_cast<uint8_t>(rng());
    for (uint8_t& v : g.b_image) v = static_cast<uint8_t>(rng());
    g.c_in.assign(std::size_t{m} * n, 0);
    g.place(bench);
    const uint64_t busy_before = bench.counter(ENGINE_BUSY_CYCLES);
    bench.submit(g.descriptor());
    bench.run();
    ASSERT_EQ(g.result(bench), g.reference());
    const uint64_t descriptor = kLead;  // 64 aligned bytes: a row in each of 4 banks
    EXPECT_EQ(bench.counter(ENGINE_BUSY_CYCLES) - busy_before,
              descriptor + one_pass_cycles(array.dataflow, R, C, m, k))
        << m << "x" << n << "x" << k;
  }
  const MxuStatistics& s = bench.engine.statistics();
  EXPECT_EQ(s.stall_weights_cycles + s.stall_operands_cycles + s.stall_output_cycles, 0u);
}

INSTANTIATE_TEST_SUITE_P(Arrays, OnePass, testing::every_array(), testing::array_name);

mxu::ArrayTiming ideal_array(unsigned R, unsigned C, bool double_buffer,
                             unsigned accumulator_rows = 1024) {
  return {R, C, accumulator_rows, double_buffer, static_cast<unsigned>(kLead), 16};
}

TEST(MxuSchedule, FoldSequencesMatchTheClosedForms) {
  const std::vector<std::array<uint32_t, 3>> shapes = {
      {1, 16, 16},    {16, 64, 64},    {64, 64, 64},   {100, 17, 33}, {128, 128, 128},
      {256, 256, 64}, {1024, 16, 256}, {1100, 16, 16}, {5, 40, 200},  {3000, 30, 20}};
  for (const unsigned size : {8u, 16u, 32u})
    for (const Dataflow dataflow : {Dataflow::kWeightStationary, Dataflow::kOutputStationary})
      for (const bool double_buffer : {true, false})
        for (const auto& [m, n, k] : shapes) {
          const mxu::GemmCycles c =
              mxu::ideal_gemm_cycles(ideal_array(size, size, double_buffer), dataflow, m, n, k);
          EXPECT_EQ(c.end, fold_sequence_cycles(dataflow, double_buffer, size, size, 1024, m, n, k))
              << size << "x" << size << (dataflow == Dataflow::kWeightStationary ? " WS" : " OS")
              << (double_buffer ? " double-buffered " : " single-buffered ") << m << "x" << n << "x"
              << k;
          EXPECT_EQ(c.load + c.compute + c.fill_drain + c.stall_weights + c.stall_operands +
                        c.stall_output,
                    c.end);
        }
}

// docs/mxu-rtl.md: the RTL runs a single-buffered weight-stationary fold in m + 2R + C cycles
// and a GEMM in 1 + the sum over folds. The schedule's fold is lead + 2R + C + m - 2, the same
// at the default lead of 2; its GEMM adds the last row's write (lead) where the RTL adds one
// handshake cycle.
TEST(MxuSchedule, SingleBufferedFoldsTakeTheRtlsCycles) {
  for (const unsigned size : {4u, 8u, 16u}) {
    const std::vector<std::array<uint32_t, 3>> shapes = {
        {1, 16, 16}, {16, 64, 64}, {100, 17, 33}, {128, 128, 128}, {1024, 16, 256}, {1100, 16, 16}};
    for (const auto& [m, n, k] : shapes) {
      uint64_t rtl = 1;
      for (uint64_t m0 = 0; m0 < m; m0 += 1024)
        rtl += ceil_div(n, size) * ceil_div(k, size) *
               (std::min<uint64_t>(1024, m - m0) + 2 * size + size);
      const mxu::GemmCycles c = mxu::ideal_gemm_cycles(ideal_array(size, size, false),
                                                       Dataflow::kWeightStationary, m, n, k);
      EXPECT_EQ(c.end, rtl - 1 + kLead) << size << "x" << size << " " << m << "x" << n << "x" << k;
    }
  }
}

TEST(MxuSchedule, DoubleBufferingHidesWeightLoadsBehindLongFolds) {
  const auto cycles = [](bool double_buffer, uint32_t m) {
    return mxu::ideal_gemm_cycles(ideal_array(16, 16, double_buffer), Dataflow::kWeightStationary,
                                  m, 64, 64);
  };
  // 16 folds of 64 rows: the 16-cycle loads hide behind the 64-cycle streams.
  EXPECT_EQ(cycles(true, 64).stall_weights, 0u);
  EXPECT_LT(cycles(true, 64).end + 15 * (16 + 30 + kLead), cycles(false, 64).end + 1);
  // Folds of 4 rows: each next fold waits 12 cycles for its weights.
  EXPECT_EQ(cycles(true, 4).stall_weights, 15u * (16 - 4));
}

TEST(Mxu, LargeResidentGemmKeepsTheArrayAboveNinetyPercentBusy) {
  Bench bench(PlatformConfig{}, mxu_config);  // 16 x 16, weight-stationary, double-buffered
  const uint32_t n = 256;
  std::mt19937 rng(3);
  uint32_t address = Bench::kBase + 0x100;
  const testing::GemmCase g = testing::packed_gemm(rng, n, n, n, address);
  g.place(bench);
  bench.setup_queue(Bench::kBase, 2, MXU_DESC_BYTES);
  bench.submit(g.descriptor());
  bench.run();
  ASSERT_EQ(g.result(bench), g.reference());
  EXPECT_GT(bench.engine.utilization(), 0.9);
  EXPECT_EQ(bench.reg(MXU_STAT_UTILIZATION_PPM),
            static_cast<uint32_t>(bench.engine.utilization() * 1e6));
  const MxuStatistics& s = bench.engine.statistics();
  EXPECT_EQ(s.macs, uint64_t{n} * n * n);
  EXPECT_EQ(s.load_cycles + s.compute_cycles + s.fill_drain_cycles + s.stall_weights_cycles +
                s.stall_operands_cycles + s.stall_output_cycles,
            bench.engine.busy_cycles());
}

// Another initiator holds the bank A's rows live in: the array waits for them.
TEST(Mxu, RowsLateFromABusyBankStallTheArray) {
  Bench bench(PlatformConfig{}, mxu_config);
  testing::GemmCase g;
  g.m = 64;
  g.n = g.k = 16;
  g.b_zp.assign(g.n, 0);
  g.a_addr = Bench::kBase + 0x1000;  // bank 0, every row
  g.a_row_stride = 128;
  g.b_addr = Bench::kBase + 0x8000 + 32;
  g.b_row_stride = 128;
  g.c_addr = Bench::kBase + 0x10000 + 64;
  g.c_row_stride = 128;
  g.a_image.assign(63 * 128 + 16, 1);
  g.b_image.assign(15 * 128 + 16, 1);
  g.c_in.assign(64 * 16, 0);
  g.place(bench);
  // 50 row accesses to bank 0, booked for cycles 20 to 70, before the MXU asks for its rows.
  uint8_t row[16];
  for (int i = 0; i < 50; ++i)
    bench.loader.access(false, 0x800, row, 16, nullptr, sc_core::sc_time(20, sc_core::SC_NS));
  bench.setup_queue(Bench::kBase, 2, MXU_DESC_BYTES);
  bench.submit(g.descriptor());
  bench.run();
  ASSERT_EQ(g.result(bench), g.reference());
  const MxuStatistics& s = bench.engine.statistics();
  EXPECT_GE(s.stall_operands_cycles, 40u);
  EXPECT_EQ(bench.engine.busy_cycles(),
            kLead + one_pass_cycles(Dataflow::kWeightStationary, 16, 16, 64, 16) +
                s.stall_operands_cycles);
  EXPECT_EQ(bench.counter(MXU_STAT_STALL_OPERANDS), s.stall_operands_cycles);
}

// Random GEMMs with accumulation and every layout: whatever the stalls, the cycles add up.
TEST(Mxu, CyclesAddUpToTheBusyCycles) {
  PlatformConfig platform;
  platform.mxu.rows = platform.mxu.cols = 8;
  Bench bench(platform, mxu_config);
  std::mt19937 rng(11);
  bench.setup_queue(Bench::kBase, 2, MXU_DESC_BYTES);
  for (int i = 0; i < 30; ++i) {
    uint32_t address = Bench::kBase + 0x100;
    const auto dim = [&rng] { return std::uniform_int_distribution<uint32_t>(1, 40)(rng); };
    testing::GemmCase g = testing::random_gemm(rng, dim(), dim(), dim(), address);
    g.dataflow = 1 + i % 2;
    g.place(bench);
    bench.submit(g.descriptor());
    bench.run();
    ASSERT_EQ(g.result(bench), g.reference());
  }
  const uint64_t busy = bench.counter(ENGINE_BUSY_CYCLES);
  uint64_t sum = 0;
  for (uint32_t reg = MXU_STAT_COMPUTE_CYCLES; reg <= MXU_STAT_STALL_OUTPUT; reg += 8)
    sum += bench.counter(reg);
  EXPECT_EQ(sum, busy);
  EXPECT_GT(bench.counter(MXU_STAT_STALL_OUTPUT), 0u);  // accumulating GEMMs read C back
}

}  // namespace
}  // namespace tessera
