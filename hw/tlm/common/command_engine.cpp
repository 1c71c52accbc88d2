#include "command_engine.h"

#include "data_access.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "tessera/hw/memory_map.h"

namespace tessera {

using sc_core::sc_time;

CommandEngine::CommandEngine(sc_core::sc_module_name name, Identity identity, sc_time clock_period,
                             sc_time register_latency, IrqLine irq)
    : RegisterTarget(name, TESSERA_TILE_ENGINE_SIZE, register_latency),
      memory("memory"),
      identity_(identity),
      period_(clock_period.value()),
      irq_(std::move(irq)),
      descriptor_(identity.descriptor_bytes) {
  if (period_ == 0) throw std::invalid_argument(std::string(this->name()) + ": zero clock period");
  SC_HAS_PROCESS(CommandEngine);
  SC_THREAD(thread);
}

uint32_t CommandEngine::status() const {
  const bool busy = !halted_ && !idle();
  return status_ | (busy ? ENGINE_STATUS_BUSY : 0);
}

CommandEngine::Cycle CommandEngine::now() const {
  return (sc_core::sc_time_stamp().value() + period_ - 1) / period_;
}

void CommandEngine::wait_until(Cycle cycle) {
  const uint64_t at = cycle * period_, stamp = sc_core::sc_time_stamp().value();
  if (at > stamp) sc_core::wait(sc_time::from_value(at - stamp));
}

void CommandEngine::sync(Cycle cycle) {
  if (cycle > now() + quantum_) wait_until(cycle);
}

CommandEngine::Access CommandEngine::access(tlm::tlm_command command, uint64_t address, void* data,
                                            unsigned length, Cycle earliest) {
  tlm::tlm_generic_payload& p = payload_;
  set_data_access(p, command, address, data, length);
  const uint64_t stamp = sc_core::sc_time_stamp().value();
  sc_time delay = sc_time::from_value(std::max(earliest, now()) * period_ - stamp);
  memory->b_transport(p, delay);
  const uint64_t done = sc_core::sc_time_stamp().value() + delay.value();
  return {p.is_response_ok(), (done + period_ - 1) / period_};
}

CommandEngine::Access CommandEngine::fetch(uint32_t address, void* bytes, unsigned length,
                                           Cycle earliest) {
  return access(tlm::TLM_READ_COMMAND, address, bytes, length, earliest);
}

void CommandEngine::signal_done(Cycle cycle) {
  wait_until(cycle);
  status_ |= ENGINE_STATUS_DONE;
  update_irq();
}

void CommandEngine::update_irq() {
  const bool level = (status_ & irq_enable_ & (ENGINE_STATUS_DONE | ENGINE_STATUS_ERROR)) != 0;
  if (level == irq_level_) return;
  irq_level_ = level;
  if (irq_) irq_(level);
}

void CommandEngine::thread() {
  quantum_ = tlm::tlm_global_quantum::instance().get().value() / period_;
  for (;;) {
    while (halted_ || head_ == tail_) sc_core::wait(doorbell_);
    running_ = true;
    const Cycle start = std::max(now(), submitted_[head_]);
    const uint32_t address = queue_base_ + head_ * identity_.descriptor_bytes;
    Outcome outcome = failure(start, ENGINE_ERR_DESCRIPTOR);
    bool fetched = false;
    if (address % 4 == 0) {
      const Access read = fetch(address, descriptor_.data(), identity_.descriptor_bytes, start);
      fetched = read.ok;
      outcome = read.ok ? execute(descriptor_.data(), {address, start, read.done})
                        : failure(read.done, ENGINE_ERR_DESCRIPTOR);
    }
    wait_until(outcome.end);
    busy_cycles_ += outcome.end - start;
    if (tracing()) trace_slot(fetched, start, outcome);
    running_ = false;
    if (outcome.error != ENGINE_ERR_NONE) {
      halted_ = true;
      status_ |= ENGINE_STATUS_ERROR;
      error_code_ = outcome.error;
      error_descriptor_ = outcome.error_descriptor ? outcome.error_descriptor : address;
      error_address_ = outcome.error_address;
    } else {
      head_ = (head_ + 1) % entries_;
      ++completed_;
      if (outcome.interrupt) status_ |= ENGINE_STATUS_DONE;
    }
    update_irq();
  }
}

void CommandEngine::trace_slice(std::string_view name, Cycle start, Cycle end,
                                const TraceArgs& args) const {
  track_.slice(name, sc_time::from_value(start * period_),
               sc_time::from_value((end - start) * period_), args);
}

std::string CommandEngine::hex(uint64_t value) {
  char text[19];
  std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(value));
  return text;
}

void CommandEngine::trace_slot(bool fetched, Cycle start, const Outcome& outcome) const {
  TraceArgs args;
  const std::string_view name =
      fetched ? describe(descriptor_.data(), outcome, args) : std::string_view("fetch");
  if (outcome.error != ENGINE_ERR_NONE) {
    args.emplace_back("error", engine_error_name(outcome.error));
    if (outcome.error == ENGINE_ERR_ADDRESS)
      args.emplace_back("error_address", hex(outcome.error_address));
  }
  trace_slice(name, start, outcome.end, args);
}

bool CommandEngine::read_counter(uint64_t counter, uint64_t offset_in_counter, unsigned length,
                                 uint64_t& value) {
  if (length == 8 && offset_in_counter == 0) {
    value = counter;
    return true;
  }
  if (length == 4 && offset_in_counter % 4 == 0) {
    value = static_cast<uint32_t>(counter >> (8 * offset_in_counter));
    return true;
  }
  return false;
}

bool CommandEngine::read(uint64_t offset, unsigned len, uint64_t& value, const sc_time&) {
  if (offset >= ENGINE_UNIT_REGS) return read_unit(offset, len, value);
  if (offset == ENGINE_BUSY_CYCLES || offset == ENGINE_BUSY_CYCLES + 4)
    return read_counter(busy_cycles_, offset - ENGINE_BUSY_CYCLES, len, value);
  if (len != 4) return false;
  switch (offset) {
    case ENGINE_ID:
      value = identity_.engine_id;
      return true;
    case ENGINE_STATUS:
      value = status();
      return true;
    case ENGINE_IRQ_ENABLE:
      value = irq_enable_;
      return true;
    case ENGINE_ERROR_CODE:
      value = error_code_;
      return true;
    case ENGINE_ERROR_DESC:
      value = error_descriptor_;
      return true;
    case ENGINE_ERROR_ADDR:
      value = error_address_;
      return true;
    case ENGINE_QUEUE_BASE:
      value = queue_base_;
      return true;
    case ENGINE_QUEUE_ENTRIES:
      value = entries_;
      return true;
    case ENGINE_QUEUE_HEAD:
      value = head_;
      return true;
    case ENGINE_QUEUE_TAIL:
      value = tail_;
      return true;
    case ENGINE_COMPLETED:
      value = completed_;
      return true;
    default:
      return false;
  }
}

bool CommandEngine::write(uint64_t offset, unsigned len, uint64_t value, const sc_time& now) {
  if (len != 4) return false;
  const auto word = static_cast<uint32_t>(value);
  switch (offset) {
    case ENGINE_STATUS:
      status_ &= ~(word & (ENGINE_STATUS_DONE | ENGINE_STATUS_ERROR));
      if ((word & ENGINE_STATUS_ERROR) && halted_) {
        halted_ = false;  // what was queued behind the failed descriptor is dropped
        head_ = tail_;
      }
      update_irq();
      return true;
    case ENGINE_IRQ_ENABLE:
      irq_enable_ = word & (ENGINE_STATUS_DONE | ENGINE_STATUS_ERROR);
      update_irq();
      return true;
    case ENGINE_QUEUE_BASE:
    case ENGINE_QUEUE_ENTRIES:
      if (!idle()) return false;  // the ring moves only while nothing is queued
      if (offset == ENGINE_QUEUE_BASE) {
        queue_base_ = word;
      } else {
        if (word == 0 || word > ENGINE_QUEUE_MAX_ENTRIES) return false;
        entries_ = word;
        submitted_.assign(word, 0);
      }
      head_ = tail_ = 0;
      return true;
    case ENGINE_QUEUE_TAIL: {
      if (word >= entries_) return false;
      const Cycle rang = (now.value() + period_ - 1) / period_;
      for (uint32_t slot = tail_; slot != word; slot = (slot + 1) % entries_)
        submitted_[slot] = rang;
      tail_ = word;
      doorbell_.notify(now - sc_core::sc_time_stamp());
      return true;
    }
    case ENGINE_STATS_CLEAR:
      if (word & 1) {
        busy_cycles_ = 0;
        clear_unit_statistics();
      }
      return true;
    default:
      return false;
  }
}

ScratchpadEngine::ScratchpadEngine(sc_core::sc_module_name name, Identity identity, Window window,
                                   sc_time clock_period, sc_time register_latency, IrqLine irq)
    : CommandEngine(name, identity, clock_period, register_latency, std::move(irq)),
      window_(window) {}

bool ScratchpadEngine::local(uint64_t address, uint64_t length, uint64_t& offset) const {
  if (address < window_.base) return false;
  offset = address - window_.base;
  return offset <= window_.bytes && length <= window_.bytes - offset;
}

uint8_t* ScratchpadEngine::host(uint64_t offset) {
  if (!dmi_) {
    tlm::tlm_generic_payload p;
    p.set_command(tlm::TLM_READ_COMMAND);
    p.set_address(0);
    tlm::tlm_dmi dmi;
    if (!memory->get_direct_mem_ptr(p, dmi) || dmi.get_start_address() != 0 ||
        dmi.get_end_address() + 1 < window_.bytes || !dmi.is_read_write_allowed())
      throw std::logic_error(std::string(name()) + ": the scratchpad must grant DMI to all of it");
    dmi_ = dmi.get_dmi_ptr();
  }
  return dmi_ + offset;
}

CommandEngine::Access ScratchpadEngine::fetch(uint32_t address, void* bytes, unsigned length,
                                              Cycle earliest) {
  uint64_t offset = 0;
  if (!local(address, length, offset)) return {false, std::max(earliest, now())};
  return access(tlm::TLM_READ_COMMAND, offset, bytes, length, earliest);
}

}  // namespace tessera
