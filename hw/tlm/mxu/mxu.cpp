#include "mxu.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "gemm_kernel.h"
#include "tessera/hw/mxu_regs.h"

namespace tessera {

namespace {

const MxuConfig& validated(const MxuConfig& c, const char* name) {
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

Mxu::Mxu(sc_core::sc_module_name name, const MxuConfig& config, IrqLine irq)
    : ScratchpadEngine(name, {ENGINE_ID_MXU, MXU_DESC_BYTES}, validated(config, name).scratchpad,
                       config.clock_period, config.register_latency, std::move(irq)),
      config_(config),
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

void Mxu::compute(const mxu_gemm_desc_t& d, const Operands& at) {
  const bool a_unsigned = d.control & MXU_FLAG_A_UNSIGNED;
  const bool b_unsigned = d.control & MXU_FLAG_B_UNSIGNED;
  std::vector<const uint8_t*> a_rows(d.m);
  for (uint32_t m = 0; m < d.m; ++m) a_rows[m] = host(a_rows_[m]);
  std::vector<int32_t> b_zero_points(d.n);
  for (uint32_t n = 0; n < d.n; ++n)
    b_zero_points[n] = mxu::element((d.control & MXU_FLAG_B_ZP_PER_COLUMN)
                                        ? host(at.zero_points)[n]
                                        : static_cast<uint8_t>(d.zero_points >> 8),
                                    b_unsigned);
  results_.resize(std::size_t{d.m} * d.n);
  mxu::gemm({d.m, d.n, d.k, a_rows.data(), a_unsigned,
             mxu::element(static_cast<uint8_t>(d.zero_points), a_unsigned), host(at.b),
             d.b_row_stride, b_unsigned, b_zero_points.data()},
            results_.data());
  if (!(d.control & MXU_FLAG_ACCUMULATE)) return;
  std::vector<int32_t> row(d.n);
  for (uint32_t m = 0; m < d.m; ++m) {
    std::memcpy(row.data(), host(at.c + uint64_t{m} * d.c_row_stride), 4ull * d.n);
    int32_t* out = &results_[std::size_t{m} * d.n];
    for (uint32_t n = 0; n < d.n; ++n)  // the accumulators wrap at 32 bits
      out[n] = static_cast<int32_t>(static_cast<uint32_t>(out[n]) + static_cast<uint32_t>(row[n]));
  }
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
  if (!config_.timing_only) compute(d, at);

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
  return success(cycles.end, d.control & ENGINE_DESC_INTERRUPT);
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
    case MXU_DATAFLOW:
      value = config_.dataflow == mxu::Dataflow::kWeightStationary ? MXU_DATAFLOW_WEIGHT_STATIONARY
                                                                   : MXU_DATAFLOW_OUTPUT_STATIONARY;
      return true;
    case MXU_FEATURES:
      value = (config_.double_buffer_weights ? MXU_FEATURE_DOUBLE_BUFFER : 0) |
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
