#include "vpu.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "tessera/hw/vpu_regs.h"
#include "vpu_kernels.h"

namespace tessera {

namespace {

vpu::Rounding rounding_of(uint32_t control) {
  return control & VPU_FLAG_ROUND_HALF_EVEN ? vpu::Rounding::kHalfToEven
                                            : vpu::Rounding::kHalfAwayFromZero;
}

bool in_type_range(int32_t value, bool is_unsigned) {
  return is_unsigned ? value >= 0 && value <= 255 : value >= -128 && value <= 127;
}

// A zero point packed into a byte, read in its tensor's type.
int32_t packed_zero_point(uint32_t packed, unsigned byte, bool is_unsigned) {
  const auto raw = static_cast<uint8_t>(packed >> (8 * byte));
  return is_unsigned ? raw : static_cast<int8_t>(raw);
}

template <std::size_t N>
bool any(const uint32_t (&words)[N]) {
  return std::any_of(words, words + N, [](uint32_t w) { return w != 0; });
}

const VpuConfig& validated(const VpuConfig& c, const char* name) {
  if (c.lanes < 1 || c.lanes > 4096)
    throw std::invalid_argument(std::string(name) + ": lanes must be 1..4096, not " +
                                std::to_string(c.lanes));
  if (c.scratchpad.bytes == 0) throw std::invalid_argument(std::string(name) + ": no scratchpad");
  return c;
}

}  // namespace

Vpu::Vpu(sc_core::sc_module_name name, const VpuConfig& config, IrqLine irq)
    : ScratchpadEngine(name, {ENGINE_ID_VPU, VPU_DESC_BYTES}, validated(config, name).scratchpad,
                       config.clock_period, config.register_latency, std::move(irq)),
      config_(config) {}

CommandEngine::Outcome Vpu::execute(const uint8_t* bytes, const Slot& slot) {
  jobs_.clear();
  reads_.clear();
  uint32_t control;
  std::memcpy(&control, bytes, sizeof control);
  switch (ENGINE_DESC_OPCODE(control)) {
    case VPU_OP_REQUANTIZE:
      return requantize(bytes, slot.start);
    case VPU_OP_ADD:
      return add(bytes, slot.start);
    case VPU_OP_MAXPOOL:
    case VPU_OP_AVGPOOL:
      return pool(bytes, slot.start);
    default:
      return failure(slot.start, ENGINE_ERR_OPCODE);
  }
}

std::string_view Vpu::describe(const uint8_t* bytes, const Outcome&, TraceArgs& args) const {
  uint32_t control;
  std::memcpy(&control, bytes, sizeof control);
  switch (ENGINE_DESC_OPCODE(control)) {
    case VPU_OP_REQUANTIZE: {
      vpu_requantize_desc_t d;
      std::memcpy(&d, bytes, sizeof d);
      args = {{"rows", d.rows}, {"channels", d.channels}};
      return "requantize";
    }
    case VPU_OP_ADD: {
      vpu_add_desc_t d;
      std::memcpy(&d, bytes, sizeof d);
      args = {{"rows", d.rows}, {"cols", d.cols}};
      return "add";
    }
    case VPU_OP_MAXPOOL:
    case VPU_OP_AVGPOOL: {
      vpu_pool_desc_t d;
      std::memcpy(&d, bytes, sizeof d);
      const auto pair = [&d](unsigned first) {  // bytes `first` and `first + 1` of the window
        return std::to_string((d.window >> (8 * first)) & 0xFFu) + "x" +
               std::to_string((d.window >> (8 * first + 8)) & 0xFFu);
      };
      args = {{"in_height", d.in_height},
              {"in_width", d.in_width},
              {"channels", d.channels},
              {"window", pair(0)},
              {"stride", pair(2)}};
      return ENGINE_DESC_OPCODE(control) == VPU_OP_MAXPOOL ? "maxpool" : "avgpool";
    }
    default:
      return "unknown";
  }
}

void Vpu::add_job(std::size_t first_read, uint64_t elements, Span out) {
  jobs_.push_back({static_cast<uint32_t>(first_read),
                   static_cast<uint32_t>(reads_.size() - first_read), elements, out});
}

CommandEngine::Outcome Vpu::requantize(const uint8_t* bytes, Cycle start) {
  vpu_requantize_desc_t d;
  std::memcpy(&d, bytes, sizeof d);
  constexpr uint32_t kKnown = 0xFFu | ENGINE_DESC_INTERRUPT | VPU_FLAG_ROUND_HALF_EVEN |
                              VPU_FLAG_CLAMP | VPU_FLAG_OUT_UNSIGNED;
  const bool out_unsigned = d.control & VPU_FLAG_OUT_UNSIGNED, clamp = d.control & VPU_FLAG_CLAMP;
  if ((d.control & ~kKnown) || any(d.reserved) || (clamp && d.clamp_min > d.clamp_max) ||
      !in_type_range(d.out_zero_point, out_unsigned))
    return failure(start, ENGINE_ERR_FIELD);
  if (d.rows == 0 || d.channels == 0) return failure(start, ENGINE_ERR_LENGTH);
  if (d.rows > 1 && d.out_row_stride < d.channels) return failure(start, ENGINE_ERR_FIELD);
  uint64_t in = 0, out = 0, params = 0;
  if (d.in_addr % 4 || (d.rows > 1 && d.in_row_stride % 4) ||
      !local(d.in_addr, uint64_t{d.rows - 1} * d.in_row_stride + 4ull * d.channels, in))
    return failure(start, ENGINE_ERR_ADDRESS, d.in_addr);
  if (!local(d.out_addr, uint64_t{d.rows - 1} * d.out_row_stride + d.channels, out))
    return failure(start, ENGINE_ERR_ADDRESS, d.out_addr);
  const uint64_t params_bytes = uint64_t{sizeof(vpu::ChannelParams)} * d.channels;
  if (d.params_addr % 4 || !local(d.params_addr, params_bytes, params))
    return failure(start, ENGINE_ERR_ADDRESS, d.params_addr);
  std::vector<vpu::ChannelParams> channel(d.channels);
  std::memcpy(channel.data(), host(params), params_bytes);
  for (const vpu::ChannelParams& p : channel)
    if (p.shift > 63) return failure(start, ENGINE_ERR_FIELD);

  const vpu::OutputStage stage{d.out_zero_point, out_unsigned, clamp, d.clamp_min, d.clamp_max};
  out_row_bytes_ = d.channels;
  out_.resize(std::size_t{d.rows} * d.channels);
  std::vector<int32_t> row(d.channels);
  for (uint32_t r = 0; r < d.rows; ++r) {
    const uint64_t in_row = in + uint64_t{r} * d.in_row_stride;
    std::memcpy(row.data(), host(in_row), 4ull * d.channels);
    vpu::requantize_row(row.data(), channel.data(), d.channels, rounding_of(d.control), stage,
                        &out_[std::size_t{r} * d.channels]);
    const std::size_t first = reads_.size();
    reads_.push_back({in_row, 4 * d.channels});
    if (r == 0) reads_.push_back({params, static_cast<uint32_t>(params_bytes)});
    add_job(first, d.channels, {out + uint64_t{r} * d.out_row_stride, d.channels});
  }
  return success(stream(start), d.control & ENGINE_DESC_INTERRUPT);
}

CommandEngine::Outcome Vpu::add(const uint8_t* bytes, Cycle start) {
  vpu_add_desc_t d;
  std::memcpy(&d, bytes, sizeof d);
  constexpr uint32_t kKnown = 0xFFu | ENGINE_DESC_INTERRUPT | VPU_FLAG_ROUND_HALF_EVEN |
                              VPU_FLAG_CLAMP | VPU_FLAG_OUT_UNSIGNED | VPU_FLAG_A_UNSIGNED |
                              VPU_FLAG_B_UNSIGNED;
  const bool clamp = d.control & VPU_FLAG_CLAMP;
  if ((d.control & ~kKnown) || d.reserved || (d.zero_points >> 24) || d.shift > 63 ||
      (clamp && d.clamp_min > d.clamp_max))
    return failure(start, ENGINE_ERR_FIELD);
  if (d.rows == 0 || d.cols == 0) return failure(start, ENGINE_ERR_LENGTH);
  if (d.rows > 1 && d.out_row_stride < d.cols) return failure(start, ENGINE_ERR_FIELD);
  const uint64_t last_row = d.rows - 1;
  uint64_t a = 0, b = 0, out = 0;
  if (!local(d.a_addr, last_row * d.a_row_stride + d.cols, a))
    return failure(start, ENGINE_ERR_ADDRESS, d.a_addr);
  if (!local(d.b_addr, last_row * d.b_row_stride + d.cols, b))
    return failure(start, ENGINE_ERR_ADDRESS, d.b_addr);
  if (!local(d.out_addr, last_row * d.out_row_stride + d.cols, out))
    return failure(start, ENGINE_ERR_ADDRESS, d.out_addr);

  const bool a_unsigned = d.control & VPU_FLAG_A_UNSIGNED;
  const bool b_unsigned = d.control & VPU_FLAG_B_UNSIGNED;
  const bool out_unsigned = d.control & VPU_FLAG_OUT_UNSIGNED;
  const vpu::AddParams params{a_unsigned,
                              b_unsigned,
                              packed_zero_point(d.zero_points, 0, a_unsigned),
                              packed_zero_point(d.zero_points, 1, b_unsigned),
                              d.a_multiplier,
                              d.b_multiplier,
                              d.shift,
                              rounding_of(d.control),
                              {packed_zero_point(d.zero_points, 2, out_unsigned), out_unsigned,
                               clamp, d.clamp_min, d.clamp_max}};
  out_row_bytes_ = d.cols;
  out_.resize(std::size_t{d.rows} * d.cols);
  for (uint32_t r = 0; r < d.rows; ++r) {
    const uint64_t a_row = a + r * uint64_t{d.a_row_stride};
    const uint64_t b_row = b + r * uint64_t{d.b_row_stride};
    vpu::add_row(host(a_row), host(b_row), d.cols, params, &out_[std::size_t{r} * d.cols]);
    const std::size_t first = reads_.size();
    reads_.push_back({a_row, d.cols});
    reads_.push_back({b_row, d.cols});
    add_job(first, d.cols, {out + r * uint64_t{d.out_row_stride}, d.cols});
  }
  return success(stream(start), d.control & ENGINE_DESC_INTERRUPT);
}

CommandEngine::Outcome Vpu::pool(const uint8_t* bytes, Cycle start) {
  vpu_pool_desc_t d;
  std::memcpy(&d, bytes, sizeof d);
  constexpr uint32_t kKnown = 0xFFu | ENGINE_DESC_INTERRUPT | VPU_FLAG_ROUND_HALF_EVEN |
                              VPU_FLAG_CLAMP | VPU_FLAG_A_UNSIGNED | VPU_FLAG_COUNT_INCLUDE_PAD;
  const auto byte = [](uint32_t word, unsigned i) { return (word >> (8 * i)) & 0xFFu; };
  const vpu::PoolShape s{d.in_height,        d.in_width,         d.channels,
                         byte(d.window, 0),  byte(d.window, 1),  byte(d.window, 2),
                         byte(d.window, 3),  byte(d.padding, 0), byte(d.padding, 1),
                         byte(d.padding, 2), byte(d.padding, 3)};
  const bool is_unsigned = d.control & VPU_FLAG_A_UNSIGNED, clamp = d.control & VPU_FLAG_CLAMP;
  if ((d.control & ~kKnown) || any(d.reserved) || s.stride_h == 0 || s.stride_w == 0 ||
      s.pad_top >= s.kernel_h || s.pad_bottom >= s.kernel_h || s.pad_left >= s.kernel_w ||
      s.pad_right >= s.kernel_w || !in_type_range(d.zero_point, is_unsigned) ||
      (clamp && d.clamp_min > d.clamp_max))
    return failure(start, ENGINE_ERR_FIELD);
  if (s.in_height == 0 || s.in_width == 0 || s.channels == 0 ||
      s.in_height + s.pad_top + s.pad_bottom < s.kernel_h ||
      s.in_width + s.pad_left + s.pad_right < s.kernel_w)
    return failure(start, ENGINE_ERR_LENGTH);
  const uint32_t out_height = s.out_height(), out_row = s.out_width() * s.channels;
  if (out_height > 1 && d.out_row_stride < out_row) return failure(start, ENGINE_ERR_FIELD);
  const uint32_t in_row = s.in_width * s.channels;
  uint64_t in = 0, out = 0;
  if (!local(d.in_addr, uint64_t{s.in_height - 1} * d.in_row_stride + in_row, in))
    return failure(start, ENGINE_ERR_ADDRESS, d.in_addr);
  if (!local(d.out_addr, uint64_t{out_height - 1} * d.out_row_stride + out_row, out))
    return failure(start, ENGINE_ERR_ADDRESS, d.out_addr);

  const vpu::PoolParams params{ENGINE_DESC_OPCODE(d.control) == VPU_OP_AVGPOOL,
                               is_unsigned,
                               (d.control & VPU_FLAG_COUNT_INCLUDE_PAD) != 0,
                               d.zero_point,
                               rounding_of(d.control),
                               {0, is_unsigned, clamp, d.clamp_min, d.clamp_max}};
  std::vector<const uint8_t*> in_rows(s.in_height);
  for (uint32_t y = 0; y < s.in_height; ++y) in_rows[y] = host(in + uint64_t{y} * d.in_row_stride);
  out_row_bytes_ = out_row;
  out_.resize(std::size_t{out_height} * out_row);
  for (uint32_t oy = 0; oy < out_height; ++oy) {
    vpu::pool_row(s, params, in_rows.data(), oy, &out_[std::size_t{oy} * out_row]);
    const std::size_t first = reads_.size();
    for (uint32_t y = s.first_row(oy); y < s.end_row(oy); ++y)
      reads_.push_back({in + uint64_t{y} * d.in_row_stride, in_row});
    add_job(first, uint64_t{out_row} * s.kernel_h * s.kernel_w,
            {out + uint64_t{oy} * d.out_row_stride, out_row});
  }
  return success(stream(start), d.control & ENGINE_DESC_INTERRUPT);
}

CommandEngine::Cycle Vpu::stream(Cycle start) {
  uint32_t widest = 0;
  for (const Span& s : reads_) widest = std::max(widest, s.bytes);
  scratch_.resize(widest);
  Cycle issue = start, lanes_free = start, end = start;
  for (std::size_t j = 0; j < jobs_.size(); ++j) {
    const RowJob& job = jobs_[j];
    sync(issue);
    Cycle ready = issue;
    for (uint32_t i = job.first_read; i < job.first_read + job.reads; ++i)
      ready = std::max(ready, access(tlm::TLM_READ_COMMAND, reads_[i].offset, scratch_.data(),
                                     reads_[i].bytes, issue)
                                  .done);
    const Cycle begin = std::max(lanes_free, ready);
    if (j > 0) stats_.stall_cycles += begin - lanes_free;
    const Cycle cycles = (job.elements + config_.lanes - 1) / config_.lanes;
    lanes_free = begin + cycles;
    stats_.compute_cycles += cycles;
    stats_.elements += job.elements;
    end = std::max(end, access(tlm::TLM_WRITE_COMMAND, job.out.offset, &out_[j * out_row_bytes_],
                               job.out.bytes, lanes_free)
                            .done);
    issue = begin;  // the next row's reads go out as this one starts computing
  }
  return std::max(end, lanes_free);
}

bool Vpu::read_unit(uint64_t offset, unsigned length, uint64_t& value) {
  const std::array<uint64_t, 3> counters{stats_.elements, stats_.compute_cycles,
                                         stats_.stall_cycles};
  if (read_counters(counters, VPU_STAT_ELEMENTS, offset, length, value)) return true;
  if (offset != VPU_LANES || length != 4) return false;
  value = config_.lanes;
  return true;
}

void Vpu::report(std::ostream& out) const {
  const std::string key = name();
  out << key << ".busy_cycles: " << busy_cycles() << "\n"
      << key << ".descriptors: " << completed() << "\n"
      << key << ".elements: " << stats_.elements << "\n"
      << key << ".compute_cycles: " << stats_.compute_cycles << "\n"
      << key << ".stall_cycles: " << stats_.stall_cycles << "\n";
}

}  // namespace tessera
