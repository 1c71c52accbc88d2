// The RTL's side of the GEMM-core seam (mxu/gemm_core.h): RtlGemmCore runs a GEMM on the
// Verilated array (MxuRtl) fold by fold; LockstepGemmCore runs the TLM model's core and the
// RTL's and stops at the first difference. So mxu.impl (tlm, rtl, lockstep) only picks the core.
//
// Folding on the RTL (rows x cols array, D accumulator rows): the M rows are split into
// chunks of at most D; for each chunk and each cols-wide slice of N, the K reduction is
// split into rows-deep folds accumulated in the accumulators, the last fold emitting.
//   cycles = sum over chunks (ceil(N / cols) * ceil(K / rows) * (m_chunk + 2 rows + cols)) + 1
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mxu/gemm_core.h"
#include "mxu/impl.h"
#include "mxu_rtl.h"

namespace tessera {

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
class LockstepMismatch : public GemmCoreError {
 public:
  using GemmCoreError::GemmCoreError;
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

// What an MXU with mxu.impl rtl or lockstep computes on: the RTL array of rows x cols, and
// for lockstep the TLM model's core (on the RTL's accumulator depth) compared with it.
// In lockstep the TLM model times the chip and the RTL only checks it, so the RTL runs on the
// shortest clock SystemC has (2 resolution ticks): its waits hardly move the engine's thread.
// With rtl the RTL runs on `clock_period`, the chip's, and times the descriptors.
class MxuCores {
 public:
  // Throws std::invalid_argument when no RTL of a rows x cols array was built.
  MxuCores(const std::string& name, unsigned rows, unsigned cols, mxu::Impl impl,
           sc_core::sc_time clock_period);
  GemmCore& core() { return core_; }
  MxuRtl& rtl() { return *rtl_; }
  const LockstepGemmCore& lockstep() const { return lockstep_; }

 private:
  std::unique_ptr<MxuRtl> rtl_;
  RtlGemmCore rtl_core_;
  TlmGemmCore tlm_core_;
  LockstepGemmCore lockstep_;
  GemmCore& core_;  // the one mxu.impl picks
};

}  // namespace tessera
