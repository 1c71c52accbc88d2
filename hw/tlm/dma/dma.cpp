#include "dma.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <queue>
#include <stdexcept>
#include <string>

namespace tessera {

namespace {

const DmaConfig& validated(const DmaConfig& c, const char* name) {
  const auto reject = [name](const std::string& why) {
    throw std::invalid_argument(std::string(name) + ": " + why);
  };
  if (c.burst_bytes < 1 || c.burst_bytes > 65536) reject("burst_bytes must be 1..65536");
  if (c.max_outstanding < 1 || c.max_outstanding > 1024) reject("max_outstanding must be 1..1024");
  return c;
}

// Whether `height` rows of `width` bytes, `stride` apart from `base`, stay below 2^32.
bool fits_address_space(uint32_t base, uint32_t width, uint32_t height, uint32_t stride) {
  return base + uint64_t{height - 1} * stride + width <= (uint64_t{1} << 32);
}

}  // namespace

Dma::Dma(sc_core::sc_module_name name, const DmaConfig& config, IrqLine irq)
    : CommandEngine(name, {ENGINE_ID_DMA, DMA_DESC_BYTES}, validated(config, name).clock_period,
                    config.register_latency, std::move(irq)),
      config_(config),
      buffer_(config.burst_bytes) {}

CommandEngine::Outcome Dma::execute(const uint8_t* bytes, const Slot& slot) {
  dma_desc_t d;
  std::memcpy(&d, bytes, sizeof d);
  uint32_t address = slot.address;
  Cycle start = slot.start;
  const bool chain = d.next != 0;
  for (;;) {
    Outcome outcome = copy(d, start);
    if (chain && tracing()) trace_slice("copy", start, outcome.end, copy_args(d));
    if (outcome.error != ENGINE_ERR_NONE) {
      outcome.error_descriptor = address;
      return outcome;
    }
    ++stats_.descriptors;
    const bool interrupt = d.control & ENGINE_DESC_INTERRUPT;
    if (d.next == 0) return success(outcome.end, interrupt);
    if (interrupt) signal_done(outcome.end);
    address = d.next;
    const Access next =
        address % 4 ? Access{false, outcome.end} : fetch(address, &d, sizeof d, outcome.end);
    if (!next.ok) {
      Outcome failed = failure(next.done, ENGINE_ERR_DESCRIPTOR);
      failed.error_descriptor = address;
      return failed;
    }
    start = next.done;
  }
}

std::string_view Dma::describe(const uint8_t* bytes, const Outcome&, TraceArgs& args) const {
  dma_desc_t d;
  std::memcpy(&d, bytes, sizeof d);
  if (d.next) return "chain";
  if (ENGINE_DESC_OPCODE(d.control) != DMA_OP_COPY) return "unknown";
  args = copy_args(d);
  return "copy";
}

TraceArgs Dma::copy_args(const dma_desc_t& d) {
  return {{"bytes", uint64_t{d.width} * d.height},
          {"shape", std::to_string(d.width) + "x" + std::to_string(d.height)},
          {"src", hex(d.src)},
          {"dst", hex(d.dst)}};
}

CommandEngine::Outcome Dma::copy(const dma_desc_t& d, Cycle start) {
  if (ENGINE_DESC_OPCODE(d.control) != DMA_OP_COPY) return failure(start, ENGINE_ERR_OPCODE);
  if (d.control & ~(0xFFu | ENGINE_DESC_INTERRUPT)) return failure(start, ENGINE_ERR_FIELD);
  if (d.width == 0 || d.height == 0 ||
      !fits_address_space(d.src, d.width, d.height, d.src_stride) ||
      !fits_address_space(d.dst, d.width, d.height, d.dst_stride))
    return failure(start, ENGINE_ERR_LENGTH);

  // Completion cycles of the bursts in flight, the earliest on top.
  std::priority_queue<Cycle, std::vector<Cycle>, std::greater<Cycle>> in_flight;
  Cycle issue = start, end = start;
  for (uint32_t row = 0; row < d.height; ++row) {
    for (uint32_t at = 0; at < d.width; at += config_.burst_bytes) {
      if (in_flight.size() == config_.max_outstanding) {
        issue = std::max(issue, in_flight.top());
        in_flight.pop();
      }
      sync(issue);
      const unsigned length = std::min(config_.burst_bytes, d.width - at);
      const uint64_t src = d.src + uint64_t{row} * d.src_stride + at;
      const uint64_t dst = d.dst + uint64_t{row} * d.dst_stride + at;
      const Access read = access(tlm::TLM_READ_COMMAND, src, buffer_.data(), length, issue);
      if (!read.ok)
        return failure(std::max(end, read.done), ENGINE_ERR_ADDRESS, static_cast<uint32_t>(src));
      const Access write = access(tlm::TLM_WRITE_COMMAND, dst, buffer_.data(), length, read.done);
      if (!write.ok)
        return failure(std::max(end, write.done), ENGINE_ERR_ADDRESS, static_cast<uint32_t>(dst));
      in_flight.push(write.done);
      end = std::max(end, write.done);
      stats_.bytes += length;
      ++stats_.bursts;
      ++issue;
    }
  }
  return success(end, false);
}

bool Dma::read_unit(uint64_t offset, unsigned length, uint64_t& value) {
  const std::array<uint64_t, 3> counters{stats_.bytes, stats_.bursts, stats_.descriptors};
  if (read_counters(counters, DMA_STAT_BYTES, offset, length, value)) return true;
  if (length != 4) return false;
  switch (offset) {
    case DMA_BURST_BYTES:
      value = config_.burst_bytes;
      return true;
    case DMA_MAX_OUTSTANDING:
      value = config_.max_outstanding;
      return true;
    default:
      return false;
  }
}

void Dma::report(std::ostream& out) const {
  const std::string key = name();
  out << key << ".busy_cycles: " << busy_cycles() << "\n"
      << key << ".descriptors: " << stats_.descriptors << "\n"
      << key << ".bursts: " << stats_.bursts << "\n"
      << key << ".bytes: " << stats_.bytes << "\n";
}

}  // namespace tessera
