// The seam between the MXU's descriptor handling (mxu.h) and what computes a GEMM: a GEMM core.
//
// The MXU decodes a descriptor, reads the operands from the scratchpad and writes the results
// back; in between, a GemmCore computes the array's raw product C = A x B (zero points and
// accumulation into C are the MXU's, around the array, for every core) and says how many
// cycles the array took. TlmGemmCore is the TLM model's own: its host kernel (gemm_kernel.h)
// and its cycle model (systolic_timing.h); hw/tlm/mxu_rtl has the RTL's and the lockstep one.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "systolic_timing.h"

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

// A core that cannot vouch for its result (a lockstep mismatch): the run must stop.
class GemmCoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class GemmCore {
 public:
  virtual ~GemmCore() = default;
  // Called from the MXU's SystemC thread; may take simulated time (the RTL does).
  virtual GemmOutcome run(const Gemm& gemm) = 0;
};

// The TLM model's core, on the RTL's footing so the two compare cycle for cycle: the cycles
// are the TLM cycle model's (mxu::ideal_gemm_cycles) for the array the RTL builds
// (weight-stationary, single-buffered weights, `accumulator_rows` deep) with operands that
// arrive λ = 2 cycles after they are asked for, minus 1: the model counts the last row's
// scratchpad write (λ = 2) where the RTL counts the last result's handshake (1). So
//   cycles = 1 + sum over folds of (m_fold + 2 rows + cols)
// (docs/mxu-rtl.md). It takes no simulated time.
class TlmGemmCore : public GemmCore {
 public:
  TlmGemmCore(unsigned rows, unsigned cols, unsigned accumulator_rows);
  GemmOutcome run(const Gemm& gemm) override;

 private:
  mxu::ArrayTiming array_;
};

}  // namespace tessera
