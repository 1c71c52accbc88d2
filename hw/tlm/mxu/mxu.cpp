#include "mxu.h"

#include <algorithm>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <string>

#include "gemm_kernel.h"
#include "tessera/hw/mxu_regs.h"

namespace tessera {

namespace {

const MxuConfig& validated(const MxuConfig& c, const char* name, const GemmCore* core,
                           bool has_failure_handler) {
  const auto reject = [name](const std::string& why) {
    throw std::invalid_argument(std::string(name) + ": " + why);
  };
  if (c.rows < 1 || c.rows > 1024 || c.cols < 1 || c.cols > 1024)
    reject("the array must be 1..1024 rows by 1..1024 columns, not " + std::to_string(c.rows) +
           " x " + std::to_string(c.cols));
  if (c.accumulator_rows < 1) reject("accumulator_rows must be at least 1");
  if (c.sram_access_cycles < 1) reject("sram_access_cycles must be at least 1");
  if (c.sram_row_bytes < 1) reject("sram_row_bytes must be at least 1");
  if (c.scratchpad.bytes == 0) reject("no scratchpad");
  if ((c.impl != mxu::Impl::kTlm) != (core != nullptr) || (core && !has_failure_handler))
    reject("a GEMM core (and what to do when it fails) goes with mxu.impl rtl or lockstep only");
  // The RTL always computes: there is no timing-only array to compare or run.
  if (c.impl != mxu::Impl::kTlm && c.timing_only)
    reject("mxu.timing_only needs mxu.impl tlm: the RTL always computes");
  return c;
}

constexpr uint32_t kKnownControlBits = 0xFFu | ENGINE_DESC_INTERRUPT | MXU_FLAG_ACCUMULATE |
                                       MXU_FLAG_A_UNSIGNED | MXU_FLAG_B_UNSIGNED |
                                       MXU_FLAG_B_ZP_PER_COLUMN | MXU_FLAG_DATAFLOW_MASK;

}  // namespace

mxu::ArrayTiming array_timing(const MxuConfig& c) {
  return {
      c.rows,          c.cols, c.accumulator_rows, c.double_buffer_weights, c.sram_access_cycles,
      c.sram_row_bytes};
}

// The schedule's view of the scratchpad: timed accesses through `memory`.
class Mxu::Port final : public mxu::OperandPort {
 public:
  explicit Port(Mxu& mxu) : mxu_(mxu) {}

  mxu::Cycle read(uint64_t address, unsigned bytes, mxu::Cycle earliest) override {
    return mxu_.access(tlm::TLM_READ_COMMAND, address, mxu_.scratch_.data(), bytes, earliest).done;
  }
  mxu::Cycle write_results(uint32_t row, uint32_t first_col, uint32_t cols, uint64_t address,
                           mxu::Cycle earliest) override {
    if (mxu_.config_.timing_only) return read(address, 4 * cols, earliest);
    int32_t* data = &mxu_.results_[std::size_t{row} * mxu_.result_cols_ + first_col];
    return mxu_.access(tlm::TLM_WRITE_COMMAND, address, data, 4 * cols, earliest).done;
  }
  void no_request_before(mxu::Cycle cycle) override { mxu_.sync(cycle); }

 private:
  Mxu& mxu_;
};

Mxu::Mxu(sc_core::sc_module_name name, const MxuConfig& config, IrqLine irq, GemmCore* core,
         CoreFailure on_failure)
    : ScratchpadEngine(name, {ENGINE_ID_MXU, MXU_DESC_BYTES},
                       validated(config, name, core, static_cast<bool>(on_failure)).scratchpad,
                       config.clock_period, config.register_latency, std::move(irq)),
      config_(config),
      core_(core),
      on_failure_(std::move(on_failure)),
      array_(array_timing(config)),
      scratch_(std::max({config.rows, 4 * config.cols, config.sram_row_bytes})) {}

uint32_t Mxu::locate(const mxu_gemm_desc_t& d, Operands& at, uint32_t& fault) {
  const uint32_t dataflow_field = (d.control & MXU_FLAG_DATAFLOW_MASK) >> MXU_FLAG_DATAFLOW_SHIFT;
  if ((d.control & ~kKnownControlBits) || d.reserved[0] || d.reserved[1] || (d.zero_points >> 16) ||
      dataflow_field > MXU_DATAFLOW_OUTPUT_STATIONARY)
    return ENGINE_ERR_FIELD;
  if (d.m == 0 || d.n == 0 || d.k == 0) return ENGINE_ERR_LENGTH;
  if ((d.m > 1 && (d.c_row_stride < 4ull * d.n || d.c_row_stride % 4)) ||
      (d.k > 1 && d.b_row_stride < d.n))
    return ENGINE_ERR_FIELD;
  at.dataflow = dataflow_field == MXU_DATAFLOW_WEIGHT_STATIONARY ? mxu::Dataflow::kWeightStationary
                : dataflow_field == MXU_DATAFLOW_OUTPUT_STATIONARY
                    ? mxu::Dataflow::kOutputStationary
                    : config_.dataflow;
  const uint64_t group_rows = d.a_group_rows ? d.a_group_rows : d.m;
  a_rows_.resize(d.m);
  for (uint32_t m = 0; m < d.m; ++m) {
    const uint64_t address =
        d.a_addr + m / group_rows * d.a_group_stride + m % group_rows * d.a_row_stride;
    if (!local(address, d.k, a_rows_[m])) {
      fault = static_cast<uint32_t>(address);
      return ENGINE_ERR_ADDRESS;
    }
  }
  fault = d.b_addr;
  if (!local(d.b_addr, uint64_t{d.k - 1} * d.b_row_stride + d.n, at.b)) return ENGINE_ERR_ADDRESS;
  fault = d.c_addr;
  if (d.c_addr % 4 || !local(d.c_addr, uint64_t{d.m - 1} * d.c_row_stride + 4ull * d.n, at.c))
    return ENGINE_ERR_ADDRESS;
  fault = d.b_zp_addr;
  if ((d.control & MXU_FLAG_B_ZP_PER_COLUMN) && !local(d.b_zp_addr, d.n, at.zero_points))
    return ENGINE_ERR_ADDRESS;
  return ENGINE_ERR_NONE;
}

std::vector<int32_t> Mxu::b_zero_points(const mxu_gemm_desc_t& d, const Operands& at) {
  const bool b_unsigned = d.control & MXU_FLAG_B_UNSIGNED;
  std::vector<int32_t> zero_points(d.n);
  for (uint32_t n = 0; n < d.n; ++n)
    zero_points[n] = mxu::element((d.control & MXU_FLAG_B_ZP_PER_COLUMN)
                                      ? host(at.zero_points)[n]
                                      : static_cast<uint8_t>(d.zero_points >> 8),
                                  b_unsigned);
  return zero_points;
}

GemmOutcome Mxu::run_core(const mxu_gemm_desc_t& d, const Operands& at, const Slot& slot) {
  Gemm g;
  g.m = d.m;
  g.n = d.n;
  g.k = d.k;
  g.a_signed = !(d.control & MXU_FLAG_A_UNSIGNED);
  g.b_signed = !(d.control & MXU_FLAG_B_UNSIGNED);
  g.a.resize(size_t{d.m} * d.k);
  for (uint32_t m = 0; m < d.m; ++m) std::memcpy(&g.a[size_t{m} * d.k], host(a_rows_[m]), d.k);
  g.b.resize(size_t{d.k} * d.n);
  for (uint32_t k = 0; k < d.k; ++k)
    std::memcpy(&g.b[size_t{k} * d.n], host(at.b + uint64_t{k} * d.b_row_stride), d.n);
  std::ostringstream name;
  name << basename() << " descriptor #" << completed() << " at 0x" << std::hex << slot.address
       << " (control=0x" << d.control << " a_addr=0x" << d.a_addr << " b_addr=0x" << d.b_addr
       << " c_addr=0x" << d.c_addr << std::dec << " m=" << d.m << " n=" << d.n << " k=" << d.k
       << " zero_points=0x" << std::hex << d.zero_points << ")";
  g.name = name.str();
  GemmOutcome out = core_->run(g);

  // The array multiplies the raw operands; the zero points come off around it, modulo 2^32:
  // (A - za)(B - zb) = AB - zb[n] * rowsum(A)[m] - za * colsum(B)[n] + K * za * zb[n].
  const auto a_value = [&](uint32_t m, uint32_t k) {
    return static_cast<uint32_t>(mxu::element(g.a[size_t{m} * d.k + k], !g.a_signed));
  };
  const auto b_value = [&](uint32_t k, uint32_t n) {
    return static_cast<uint32_t>(mxu::element(g.b[size_t{k} * d.n + n], !g.b_signed));
  };
  const uint32_t za =
      static_cast<uint32_t>(mxu::element(static_cast<uint8_t>(d.zero_points), !g.a_signed));
  const std::vector<int32_t> zb = b_zero_points(d, at);
  std::vector<uint32_t> b_column_sums(d.n, 0);
  for (uint32_t k = 0; k < d.k; ++k)
    for (uint32_t n = 0; n < d.n; ++n) b_column_sums[n] += b_value(k, n);
  for (uint32_t m = 0; m < d.m; ++m) {
    uint32_t a_row_sum = 0;
    for (uint32_t k = 0; k < d.k; ++k) a_row_sum += a_value(m, k);
    for (uint32_t n = 0; n < d.n; ++n) {
      const uint32_t zbn = static_cast<uint32_t>(zb[n]);
      uint32_t& c = reinterpret_cast<uint32_t&>(out.c[size_t{m} * d.n + n]);
      c = c - zbn * a_row_sum - za * b_column_sums[n] + d.k * za * zbn;
    }
  }
  return out;
}

bool Mxu::compute(const mxu_gemm_desc_t& d, const Operands& at, const Slot& slot,
                  uint64_t& core_cycles) {
  if (core_) {
    // The RTL's clock is the chip's: its first cycle is the descriptor's arrival.
    if (config_.impl == mxu::Impl::kRtl) wait_until(slot.start);
    try {
      GemmOutcome product = run_core(d, at, slot);
      results_ = std::move(product.c);
      core_cycles = product.cycles;
    } catch (const GemmCoreError& e) {
      on_failure_(e.what());
      return false;
    }
  } else {
    std::vector<const uint8_t*> a_rows(d.m);
    for (uint32_t m = 0; m < d.m; ++m) a_rows[m] = host(a_rows_[m]);
    const bool a_unsigned = d.control & MXU_FLAG_A_UNSIGNED;
    const std::vector<int32_t> zero_points = b_zero_points(d, at);
    results_.resize(std::size_t{d.m} * d.n);
    mxu::gemm({d.m, d.n, d.k, a_rows.data(), a_unsigned,
               mxu::element(static_cast<uint8_t>(d.zero_points), a_unsigned), host(at.b),
               d.b_row_stride, (d.control & MXU_FLAG_B_UNSIGNED) != 0, zero_points.data()},
              results_.data());
  }
  if (!(d.control & MXU_FLAG_ACCUMULATE)) return true;
  std::vector<int32_t> row(d.n);
  for (uint32_t m = 0; m < d.m; ++m) {
    std::memcpy(row.data(), host(at.c + uint64_t{m} * d.c_row_stride), 4ull * d.n);
    int32_t* out = &results_[std::size_t{m} * d.n];
    for (uint32_t n = 0; n < d.n; ++n)  // the accumulators wrap at 32 bits
      out[n] = static_cast<int32_t>(static_cast<uint32_t>(out[n]) + static_cast<uint32_t>(row[n]));
  }
  return true;
}

CommandEngine::Outcome Mxu::execute(const uint8_t* bytes, const Slot& slot) {
  mxu_gemm_desc_t d;
  std::memcpy(&d, bytes, sizeof d);
  if (ENGINE_DESC_OPCODE(d.control) != MXU_OP_GEMM) return failure(slot.start, ENGINE_ERR_OPCODE);
  Operands at;
  uint32_t fault = 0;
  if (const uint32_t error = locate(d, at, fault); error != ENGINE_ERR_NONE)
    return failure(slot.start, error, error == ENGINE_ERR_ADDRESS ? fault : 0);
  result_cols_ = d.n;
  uint64_t core_cycles = 0;
  // A failed core has stopped the run; the queue halts on this descriptor meanwhile.
  if (!config_.timing_only && !compute(d, at, slot, core_cycles))
    return failure(slot.start, ENGINE_ERR_FIELD);
  if (config_.impl == mxu::Impl::kRtl) return finish_on_core(d, at, slot, core_cycles);

  const mxu::GemmLayout layout{d.m,
                               d.n,
                               d.k,
                               a_rows_.data(),
                               at.b,
                               d.b_row_stride,
                               at.c,
                               d.c_row_stride,
                               (d.control & MXU_FLAG_ACCUMULATE) != 0,
                               (d.control & MXU_FLAG_B_ZP_PER_COLUMN) != 0,
                               at.zero_points};
  Port port(*this);
  const mxu::GemmCycles cycles = mxu::schedule_gemm(array_, at.dataflow, layout, port, slot.start);

  stats_.macs += uint64_t{d.m} * d.n * d.k;
  stats_.load_cycles += (slot.start - slot.begin) + cycles.load;  // the descriptor loads too
  stats_.compute_cycles += cycles.compute;
  stats_.fill_drain_cycles += cycles.fill_drain;
  stats_.stall_weights_cycles += cycles.stall_weights;
  stats_.stall_operands_cycles += cycles.stall_operands;
  stats_.stall_output_cycles += cycles.stall_output;
  last_stall_cycles_ = cycles.stall_weights + cycles.stall_operands + cycles.stall_output;
  return success(cycles.end, d.control & ENGINE_DESC_INTERRUPT);
}

std::string_view Mxu::describe(const uint8_t* bytes, const Outcome& outcome,
                               TraceArgs& args) const {
  mxu_gemm_desc_t d;
  std::memcpy(&d, bytes, sizeof d);
  if (ENGINE_DESC_OPCODE(d.control) != MXU_OP_GEMM) return "unknown";
  args = {{"m", d.m}, {"n", d.n}, {"k", d.k}, {"macs", uint64_t{d.m} * d.n * d.k}};
  if (outcome.error == ENGINE_ERR_NONE) args.emplace_back("stall_cycles", last_stall_cycles_);
  return "gemm";
}

CommandEngine::Outcome Mxu::finish_on_core(const mxu_gemm_desc_t& d, const Operands& at,
                                           const Slot& slot, uint64_t core_cycles) {
  // The RTL's last cycle is the last result's handshake; the model's is the last row's
  // scratchpad write, λ after it leaves (docs/mxu-rtl.md): at the default λ = 2 the descriptor
  // takes exactly what the TLM model takes single-buffered at zero load.
  const Cycle end = slot.start + core_cycles + config_.sram_access_cycles - 1;
  for (uint32_t m = 0; m < d.m; ++m)
    std::memcpy(host(at.c + uint64_t{m} * d.c_row_stride), &results_[std::size_t{m} * d.n],
                4ull * d.n);
  const uint64_t folds_per_row =
      uint64_t{(d.n + config_.cols - 1) / config_.cols} * ((d.k + config_.rows - 1) / config_.rows);
  stats_.macs += uint64_t{d.m} * d.n * d.k;
  stats_.load_cycles += slot.start - slot.begin;
  stats_.compute_cycles += d.m * folds_per_row;  // every fold streams its chunk's rows
  stats_.fill_drain_cycles += end - slot.start - d.m * folds_per_row;
  last_stall_cycles_ = 0;  // the core's cycles come whole: no stall is told apart
  return success(end, d.control & ENGINE_DESC_INTERRUPT);
}

double Mxu::utilization() const {
  const double peak = static_cast<double>(busy_cycles()) * config_.rows * config_.cols;
  return peak > 0 ? static_cast<double>(stats_.macs) / peak : 0.0;
}

std::array<uint64_t, 7> Mxu::counter_registers() const {
  return {stats_.macs,
          stats_.compute_cycles,
          stats_.load_cycles,
          stats_.fill_drain_cycles,
          stats_.stall_weights_cycles,
          stats_.stall_operands_cycles,
          stats_.stall_output_cycles};
}

bool Mxu::read_unit(uint64_t offset, unsigned length, uint64_t& value) {
  if (read_counters(counter_registers(), MXU_STAT_MACS, offset, length, value)) return true;
  if (length != 4) return false;
  switch (offset) {
    case MXU_ROWS:
      value = config_.rows;
      return true;
    case MXU_COLS:
      value = config_.cols;
      return true;
    case MXU_DATAFLOW:  // the RTL array is weight-stationary, whatever the configuration
      value =
          config_.dataflow == mxu::Dataflow::kWeightStationary || config_.impl == mxu::Impl::kRtl
              ? MXU_DATAFLOW_WEIGHT_STATIONARY
              : MXU_DATAFLOW_OUTPUT_STATIONARY;
      return true;
    case MXU_FEATURES:  // and has no shadow weights
      value = (config_.double_buffer_weights && config_.impl != mxu::Impl::kRtl
                   ? MXU_FEATURE_DOUBLE_BUFFER
                   : 0) |
              (config_.timing_only ? MXU_FEATURE_TIMING_ONLY : 0);
      return true;
    case MXU_STAT_UTILIZATION_PPM:
      value = static_cast<uint32_t>(utilization() * 1e6);
      return true;
    default:
      return false;
  }
}

void Mxu::report(std::ostream& out) const {
  const std::string key = name();
  out << key << ".busy_cycles: " << busy_cycles() << "\n"
      << key << ".descriptors: " << completed() << "\n"
      << key << ".macs: " << stats_.macs << "\n"
      << key << ".compute_cycles: " << stats_.compute_cycles << "\n"
      << key << ".load_cycles: " << stats_.load_cycles << "\n"
      << key << ".fill_drain_cycles: " << stats_.fill_drain_cycles << "\n"
      << key << ".stall_weights_cycles: " << stats_.stall_weights_cycles << "\n"
      << key << ".stall_operands_cycles: " << stats_.stall_operands_cycles << "\n"
      << key << ".stall_output_cycles: " << stats_.stall_output_cycles << "\n"
      << key << ".utilization: " << utilization() << "\n";
}

}  // namespace tessera
