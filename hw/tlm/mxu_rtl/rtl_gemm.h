// The seam between the matrix engine's TLM model (hw/tlm/mxu) and its RTL: a GEMM core.
//
// The MXU model decodes a command descriptor, reads the operands from the scratchpad and
// writes the results back; in between, a GemmCore computes C = A x B and says how many cycles
// it took. The TLM model's own core computes in C++ with its timing formula; RtlGemmCore runs
// the same GEMM on the Verilated array (MxuRtl) fold by fold; LockstepGemmCore runs both and
// stops at the first difference. So mxu.impl (tlm, rtl, lockstep) only picks the core.
//
// Folding on the RTL (rows x cols array, D accumulator rows): the M rows are split into
// chunks of at most D; for each chunk and each cols-wide slice of N, the K reduction is
// split into rows-deep folds accumulated in the accumulators, the last fold emitting.
//   cycles = sum over chunks (ceil(N / cols) * ceil(K / rows) * (m_chunk + 2 rows + cols)) + 1
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "mxu_rtl.h"

namespace tessera {

struct Gemm {
  uint32_t m = 0, n = 0, k = 0;
  bool a_signed = true, b_signed = true;  // int8, else uint8
  std::vector<uint8_t> a;                 // m x k, row-major
  std::vector<uint8_t> b;                 // k x n, row-major
  std::string name;                       // the command, for messages ("command 3 (...)")
};

struct GemmOutcome {
  std::vector<int32_t> c;  // m x n, row-major
  uint64_t cycles = 0;
};

class GemmCore {
 public:
  virtual ~GemmCore() = default;
  // Called from the MXU's SystemC thread; may take simulated time (the RTL does).
  virtual GemmOutcome run(const Gemm& gemm) = 0;
};

class RtlGemmCore : public GemmCore {
 public:
  explicit RtlGemmCore(MxuRtl& rtl) : rtl_(rtl) {}
  GemmOutcome run(const Gemm& gemm) override;
  // The folds run() feeds the array for a GEMM (exposed for the cycle formula's tests).
  std::vector<RtlFold> folds(const Gemm& gemm) const;

 private:
  MxuRtl& rtl_;
};

// Thrown by LockstepGemmCore at the first difference.
class LockstepMismatch : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class LockstepGemmCore : public GemmCore {
 public:
  LockstepGemmCore(GemmCore& tlm, GemmCore& rtl) : tlm_(tlm), rtl_(rtl) {}
  // The TLM core's outcome, once the RTL agrees on every element and on the cycles; else
  // throws LockstepMismatch naming the command, the element (row, column) and both values.
  GemmOutcome run(const Gemm& gemm) override;
  uint64_t commands_compared() const { return compared_; }

 private:
  GemmCore &tlm_, &rtl_;
  uint64_t compared_ = 0;
};

}  // namespace tessera
