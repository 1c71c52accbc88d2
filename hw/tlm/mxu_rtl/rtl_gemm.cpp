#include "rtl_gemm.h"

#include <algorithm>
#include <sstream>

namespace tessera {

std::vector<RtlFold> RtlGemmCore::folds(const Gemm& g) const {
  const uint32_t rows = rtl_.rows(), cols = rtl_.cols(), depth = MxuRtl::acc_depth();
  const uint32_t k_folds = (g.k + rows - 1) / rows;
  std::vector<RtlFold> folds;
  for (uint32_t m0 = 0; m0 < g.m; m0 += depth) {
    const uint32_t m = std::min(depth, g.m - m0);
    for (uint32_t n0 = 0; n0 < g.n; n0 += cols) {
      for (uint32_t kf = 0; kf < k_folds; ++kf) {
        const uint32_t k0 = kf * rows;
        RtlFold f;
        f.m = m;
        f.accumulate = kf > 0;
        f.emit = kf + 1 == k_folds;
        f.a_signed = g.a_signed;
        f.w_signed = g.b_signed;
        // The tile of B and the slice of A this fold sees, zero-padded to the array.
        f.weights.assign(size_t{rows} * cols, 0);
        for (uint32_t k = 0; k < rows && k0 + k < g.k; ++k) {
          for (uint32_t n = 0; n < cols && n0 + n < g.n; ++n) {
            f.weights[k * cols + n] = g.b[size_t{k0 + k} * g.n + n0 + n];
          }
        }
        f.activations.assign(size_t{m} * rows, 0);
        for (uint32_t i = 0; i < m; ++i) {
          for (uint32_t k = 0; k < rows && k0 + k < g.k; ++k) {
            f.activations[size_t{i} * rows + k] = g.a[size_t{m0 + i} * g.k + k0 + k];
          }
        }
        folds.push_back(std::move(f));
      }
    }
  }
  return folds;
}

GemmOutcome RtlGemmCore::run(const Gemm& g) {
  GemmOutcome out;
  out.c.assign(size_t{g.m} * g.n, 0);
  if (g.m == 0 || g.n == 0) return out;
  const uint32_t cols = rtl_.cols(), depth = MxuRtl::acc_depth();
  std::vector<int32_t> rows_out;
  out.cycles = rtl_.run(folds(g), rows_out);
  // Emitted rows come per M chunk, per N slice, m rows of cols sums each.
  size_t next = 0;
  for (uint32_t m0 = 0; m0 < g.m; m0 += depth) {
    const uint32_t m = std::min(depth, g.m - m0);
    for (uint32_t n0 = 0; n0 < g.n; n0 += cols) {
      for (uint32_t i = 0; i < m; ++i, next += cols) {
        for (uint32_t n = 0; n < cols && n0 + n < g.n; ++n) {
          out.c[size_t{m0 + i} * g.n + n0 + n] = rows_out[next + n];
        }
      }
    }
  }
  return out;
}

GemmOutcome LockstepGemmCore::run(const Gemm& g) {
  GemmOutcome tlm = tlm_.run(g);
  const GemmOutcome rtl = rtl_.run(g);
  auto fail = [&](const std::string& what) {
    std::ostringstream message;
    message << "lockstep mismatch in " << (g.name.empty() ? "a command" : g.name) << " (GEMM "
            << g.m << "x" << g.n << "x" << g.k << "): " << what;
    throw LockstepMismatch(message.str());
  };
  for (size_t i = 0; i < tlm.c.size(); ++i) {
    if (tlm.c[i] != rtl.c[i]) {
      fail("C[" + std::to_string(i / g.n) + "][" + std::to_string(i % g.n) +
           "] tlm=" + std::to_string(tlm.c[i]) + " rtl=" + std::to_string(rtl.c[i]));
    }
  }
  if (tlm.cycles != rtl.cycles) {
    fail("cycles tlm=" + std::to_string(tlm.cycles) + " rtl=" + std::to_string(rtl.cycles));
  }
  ++compared_;
  return tlm;
}

MxuCores::MxuCores(const std::string& name, unsigned rows, unsigned cols, mxu::Impl impl,
                   sc_core::sc_time clock_period)
    : rtl_(std::make_unique<MxuRtl>(
          name.c_str(), rows, cols,
          impl == mxu::Impl::kRtl ? clock_period : 2 * sc_core::sc_get_time_resolution())),
      rtl_core_(*rtl_),
      tlm_core_(rows, cols, MxuRtl::acc_depth()),
      lockstep_(tlm_core_, rtl_core_),
      core_(impl == mxu::Impl::kRtl ? static_cast<GemmCore&>(rtl_core_) : lockstep_) {}

}  // namespace tessera
