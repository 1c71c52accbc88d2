// The Verilated matrix-engine RTL driven directly, fold by fold, against a host model of
// mxu_top's semantics, with its cycle count checked against the latency formula:
//   one fold: m + 2 * rows + cols cycles; +1 for the last result's handshake (mxu_rtl.h).
// sc_spawn runs each test's driving code in a SystemC thread.
#define SC_INCLUDE_DYNAMIC_PROCESSES
#include "mxu_rtl/mxu_rtl.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>

namespace tessera {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;

struct Size {
  unsigned rows, cols;
};

// mxu_top's semantics in plain C++: sums of products, optionally plus accumulator rows,
// emitted or stored.
class HostMxu {
 public:
  HostMxu(unsigned rows, unsigned cols) : rows_(rows), cols_(cols) {}

  void run(const RtlFold& f, std::vector<int32_t>& results) {
    for (uint32_t i = 0; i < f.m; ++i) {
      std::vector<int32_t>& acc = acc_[f.acc_addr + i];
      acc.resize(cols_);
      for (unsigned n = 0; n < cols_; ++n) {
        int32_t sum = f.accumulate ? acc[n] : 0;
        for (unsigned k = 0; k < rows_; ++k) {
          sum += value(f.activations[i * rows_ + k], f.a_signed) *
                 value(f.weights[k * cols_ + n], f.w_signed);
        }
        if (f.emit) {
          results.push_back(sum);
        } else {
          acc[n] = sum;
        }
      }
    }
  }

 private:
  static int32_t value(uint8_t byte, bool is_signed) {
    return is_signed ? static_cast<int8_t>(byte) : byte;
  }
  unsigned rows_, cols_;
  std::map<uint32_t, std::vector<int32_t>> acc_;
};

RtlFold random_fold(std::mt19937_64& rng, Size s, uint32_t m) {
  RtlFold f;
  f.m = m;
  f.a_signed = rng() & 1;
  f.w_signed = rng() & 1;
  f.weights.resize(s.rows * s.cols);
  f.activations.resize(size_t{m} * s.rows);
  for (auto& b : f.weights) b = static_cast<uint8_t>(rng());
  for (auto& b : f.activations) b = static_cast<uint8_t>(rng());
  return f;
}

uint64_t fold_cycles(Size s, uint32_t m) {
  return m + 2 * s.rows + s.cols;
}

// One Verilated array on a 1 GHz clock; run() drives it from a SystemC thread.
struct RtlBench {
  explicit RtlBench(Size s) : size(s), rtl("mxu", s.rows, s.cols, sc_time(1, SC_NS)) {}
  uint64_t run(const std::vector<RtlFold>& folds, std::vector<int32_t>& results) {
    uint64_t cycles = 0;
    sc_core::sc_spawn([&] { cycles = rtl.run(folds, results); });
    sc_core::sc_start();
    return cycles;
  }
  std::vector<int32_t> reference(const std::vector<RtlFold>& folds) {
    std::vector<int32_t> results;
    for (const RtlFold& f : folds) host.run(f, results);
    return results;
  }
  Size size;
  MxuRtl rtl;
  HostMxu host{size.rows, size.cols};
};

void OneFoldMatchesTheHostAndTheLatencyFormula(Size s) {
  std::mt19937_64 rng(1);
  RtlBench b(s);
  const std::vector<RtlFold> folds = {random_fold(rng, s, 37)};
  std::vector<int32_t> results;
  EXPECT_EQ(b.run(folds, results), fold_cycles(s, 37) + 1);
  EXPECT_EQ(results, b.reference(folds));
  // Simulated time is the clocked cycles (reset included) at 1 ns each.
  EXPECT_EQ(sc_core::sc_time_stamp(), sc_time(double(b.rtl.cycles_clocked()), SC_NS));
}

void ExtremeOperandsInEverySignedness(Size s) {
  RtlBench b(s);
  std::vector<RtlFold> folds;
  for (int mode = 0; mode < 4; ++mode) {
    RtlFold f;
    f.m = 4;
    f.a_signed = mode & 1;
    f.w_signed = mode & 2;
    // Every reduction at its largest magnitude: 0x80 is -128 or 128, 0xff is -1 or 255.
    f.weights.assign(s.rows * s.cols, mode & 1 ? 0x80 : 0xff);
    f.activations.assign(f.m * s.rows, 0x80);
    for (uint32_t k = 0; k < s.rows; ++k) f.activations[s.rows + k] = 0xff;
    for (uint32_t k = 0; k < s.rows; ++k) f.activations[2 * s.rows + k] = 0x7f;
    folds.push_back(f);
  }
  std::vector<int32_t> results;
  b.run(folds, results);
  EXPECT_EQ(results, b.reference(folds));
}

void LongReductionsAccumulateOverFolds(Size s) {
  RtlBench b(s);
  std::mt19937_64 rng(2);
  // K = 3 * rows: three folds into accumulator rows 100.., the last one emitting.
  const uint32_t m = 20;
  std::vector<RtlFold> folds;
  for (int fold = 0; fold < 3; ++fold) {
    RtlFold f = random_fold(rng, s, m);
    f.acc_addr = 100;
    f.accumulate = fold > 0;
    f.emit = fold == 2;
    folds.push_back(f);
  }
  std::vector<int32_t> results;
  const uint64_t cycles = b.run(folds, results);
  EXPECT_EQ(results, b.reference(folds));
  EXPECT_EQ(cycles, 3 * fold_cycles(s, m) + 1);
}

void FoldsRunBackToBack(Size s) {
  RtlBench b(s);
  std::mt19937_64 rng(3);
  std::vector<RtlFold> folds;
  uint64_t expected = 1;
  for (uint32_t m : {1u, 2u, 5u, 16u, 33u, 64u}) {
    folds.push_back(random_fold(rng, s, m));
    expected += fold_cycles(s, m);
  }
  std::vector<int32_t> results;
  EXPECT_EQ(b.run(folds, results), expected);
  EXPECT_EQ(results, b.reference(folds));
}

void StallsOnEveryStreamCostCyclesNotResults(Size s) {
  RtlBench b(s);
  std::mt19937_64 rng(4);
  std::vector<RtlFold> folds = {random_fold(rng, s, 30), random_fold(rng, s, 7)};
  folds[0].emit = false;
  folds[1].accumulate = true;
  folds[1].m = 30;
  folds[1].activations.resize(30 * s.rows, 0x11);
  b.rtl.set_stalls(30, 5);
  std::vector<int32_t> results;
  const uint64_t cycles = b.run(folds, results);
  EXPECT_EQ(results, b.reference(folds));
  EXPECT_GT(cycles, fold_cycles(s, 30) * 2 + 1);
}

// Random fold sequences: random lengths (including empty folds), signedness, accumulator
// addresses and chains of accumulating folds, against the host model.
void RandomFoldSequencesSeed7(Size s) {
  RtlBench b(s);
  std::mt19937_64 rng(7);
  std::vector<RtlFold> folds;
  uint64_t expected = 0;
  for (int i = 0; i < 60; ++i) {
    RtlFold f = random_fold(rng, s, rng() % 50);
    f.acc_addr = rng() % (MxuRtl::acc_depth() - f.m + 1);
    // Accumulate only onto rows an earlier fold of this sequence wrote.
    const bool chain = i > 0 && !folds.back().emit && folds.back().m >= f.m;
    if (chain) f.acc_addr = folds.back().acc_addr;
    f.accumulate = chain && (rng() & 1);
    f.emit = rng() % 3 != 0;
    expected += fold_cycles(s, f.m);
    folds.push_back(f);
  }
  folds.back().emit = true;
  std::vector<int32_t> results;
  EXPECT_EQ(b.run(folds, results), expected + (folds.back().m > 0 ? 1 : 0));
  EXPECT_EQ(results, b.reference(folds));
}

void RejectsFoldsThatDoNotFit(Size s) {
  RtlBench b(s);
  std::mt19937_64 rng(8);
  RtlFold f = random_fold(rng, s, 4);
  f.emit = false;
  f.acc_addr = MxuRtl::acc_depth() - 2;
  std::vector<int32_t> results;
  std::string message;
  sc_core::sc_spawn([&] {
    try {
      b.rtl.run({f}, results);
    } catch (const std::invalid_argument& e) {
      message = e.what();
    }
  });
  sc_core::sc_start();
  EXPECT_NE(message.find("accumulator rows"), std::string::npos) << message;
}

// The tests above run on every built array size, as MxuRtl<rows>x<cols>.<test>; registered
// by hand rather than as TEST_P so that CTest's names carry no parameter dump.
class SizedTest : public ::testing::Test {
 public:
  SizedTest(void (*body)(Size), Size size) : body_(body), size_(size) {}
  void TestBody() override { body_(size_); }

 private:
  void (*body_)(Size);
  Size size_;
};

const bool registered = [] {
  const std::pair<const char*, void (*)(Size)> tests[] = {
      {"OneFoldMatchesTheHostAndTheLatencyFormula", OneFoldMatchesTheHostAndTheLatencyFormula},
      {"ExtremeOperandsInEverySignedness", ExtremeOperandsInEverySignedness},
      {"LongReductionsAccumulateOverFolds", LongReductionsAccumulateOverFolds},
      {"FoldsRunBackToBack", FoldsRunBackToBack},
      {"StallsOnEveryStreamCostCyclesNotResults", StallsOnEveryStreamCostCyclesNotResults},
      {"RandomFoldSequencesSeed7", RandomFoldSequencesSeed7},
      {"RejectsFoldsThatDoNotFit", RejectsFoldsThatDoNotFit},
  };
  for (const auto& [rows, cols] : MxuRtl::built_sizes()) {
    const std::string suite = "MxuRtl" + std::to_string(rows) + "x" + std::to_string(cols);
    for (const auto& [name, body] : tests) {
      ::testing::RegisterTest(suite.c_str(), name, nullptr, nullptr, __FILE__, __LINE__,
                              [body = body, size = Size{rows, cols}]() -> ::testing::Test* {
                                return new SizedTest(body, size);
                              });
    }
  }
  return true;
}();

TEST(MxuRtl, NamesTheBuiltSizesWhenASizeHasNoRtl) {
  try {
    MxuRtl rtl("mxu", 5, 7, sc_time(1, SC_NS));
    FAIL() << "a 5x7 array has no RTL";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("5x7"), std::string::npos) << message;
    EXPECT_NE(message.find("mxu.rows"), std::string::npos) << message;
    EXPECT_NE(message.find(MxuRtl::built_sizes_text()), std::string::npos) << message;
  }
}

// The VCD holds the window asked for, in GTKWave's format: declarations, then value changes
// stamped from the window's start to its end (times in ps).
TEST(MxuRtl, VcdRecordsTheChosenWindow) {
  const std::string path = ::testing::TempDir() + "mxu_rtl_window.vcd";
  RtlBench b({4, 4});
  RtlVcd vcd("vcd", path, sc_time(20, SC_NS), sc_time(40, SC_NS));
  vcd.add(b.rtl);
  std::mt19937_64 rng(9);
  std::vector<int32_t> results;
  b.run({random_fold(rng, {4, 4}, 40)}, results);

  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string vcd_text = text.str();
  EXPECT_NE(vcd_text.find("$enddefinitions"), std::string::npos);
  EXPECT_NE(vcd_text.find("u_array"), std::string::npos);
  uint64_t first = UINT64_MAX, last = 0;
  std::istringstream lines(vcd_text);
  for (std::string line; std::getline(lines, line);) {
    if (line.size() > 1 && line[0] == '#') {
      const uint64_t t = std::stoull(line.substr(1));
      first = std::min(first, t);
      last = std::max(last, t);
    }
  }
  EXPECT_EQ(first, 20000u);
  EXPECT_LE(last, 40000u);
  EXPECT_GE(last, 39000u);
}

}  // namespace
}  // namespace tessera
