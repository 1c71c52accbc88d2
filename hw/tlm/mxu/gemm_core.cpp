#include "gemm_core.h"

#include "gemm_kernel.h"

namespace tessera {

namespace {
// The RTL's conventions (docs/mxu.md): a weight row or activation row arrives 2 cycles after
// it is asked for, as the scratchpad's zero-load read does by default.
constexpr unsigned kRtlLeadCycles = 2;
}  // namespace

TlmGemmCore::TlmGemmCore(unsigned rows, unsigned cols, unsigned accumulator_rows)
    : array_{rows, cols, accumulator_rows, false, kRtlLeadCycles, 1} {}

GemmOutcome TlmGemmCore::run(const Gemm& g) {
  GemmOutcome out;
  out.c.resize(size_t{g.m} * g.n);
  std::vector<const uint8_t*> a_rows(g.m);
  for (uint32_t i = 0; i < g.m; ++i) a_rows[i] = &g.a[size_t{i} * g.k];
  const std::vector<int32_t> no_zero_points(g.n, 0);
  mxu::gemm({g.m, g.n, g.k, a_rows.data(), !g.a_signed, 0, g.b.data(), g.n, !g.b_signed,
             no_zero_points.data()},
            out.c.data());
  out.cycles =
      mxu::ideal_gemm_cycles(array_, mxu::Dataflow::kWeightStationary, g.m, g.n, g.k).end - 1;
  return out;
}

}  // namespace tessera
