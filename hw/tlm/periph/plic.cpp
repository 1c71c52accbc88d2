#include "plic.h"

#include "tessera/hw/memory_map.h"
#include "tessera/hw/plic_regs.h"

namespace tessera {

Plic::Plic(sc_core::sc_module_name name, unsigned sources, std::vector<IrqLine> contexts,
           sc_core::sc_time latency)
    : RegisterTarget(name, TESSERA_PLIC_SIZE, latency),
      sources_(sources),
      priority_(sources, 0),
      pending_(words(), 0),
      level_(words(), 0),
      in_service_(words(), 0) {
  for (IrqLine& line : contexts) {
    contexts_.push_back({std::move(line), std::vector<uint32_t>(words(), 0), 0, false});
  }
}

void Plic::set_source(unsigned id, bool level) {
  if (id == 0 || id >= sources_) return;
  set_bit(level_, id, level);
  if (level && !bit(in_service_, id)) set_bit(pending_, id, true);
  update_lines();
}

unsigned Plic::best_source(const Context& c) const {
  unsigned best = 0;
  uint32_t best_priority = c.threshold;
  for (unsigned id = 1; id < sources_; ++id) {
    if (bit(pending_, id) && bit(c.enable, id) && priority_[id] > best_priority) {
      best = id;
      best_priority = priority_[id];
    }
  }
  return best;  // ties go to the lowest id: only a strictly higher priority replaces it
}

void Plic::update_lines() {
  for (Context& c : contexts_) {
    const bool assert_line = best_source(c) != 0;
    if (assert_line != c.asserted) {
      c.asserted = assert_line;
      if (c.line) c.line(assert_line);
    }
  }
}

bool Plic::read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time&) {
  if (len != 4) return false;
  const uint64_t n = contexts_.size();
  if (offset < PLIC_PRIORITY(sources_)) {
    value = priority_[offset / 4];
    return true;
  }
  if (offset >= PLIC_PENDING(0) && offset < PLIC_PENDING(words())) {
    value = pending_[(offset - PLIC_PENDING(0)) / 4];
    return true;
  }
  if (offset >= PLIC_ENABLE(0, 0) && offset < PLIC_ENABLE(n, 0)) {
    const uint64_t rel = offset - PLIC_ENABLE(0, 0);
    if ((rel % 0x80) / 4 >= words()) return false;
    value = contexts_[rel / 0x80].enable[(rel % 0x80) / 4];
    return true;
  }
  if (offset >= PLIC_THRESHOLD(0) && offset < PLIC_THRESHOLD(n)) {
    Context& c = contexts_[(offset - PLIC_THRESHOLD(0)) / 0x1000];
    switch (offset % 0x1000) {
      case PLIC_THRESHOLD(0) % 0x1000:
        value = c.threshold;
        return true;
      case PLIC_CLAIM(0) % 0x1000: {
        const unsigned id = best_source(c);
        if (id != 0) {
          set_bit(pending_, id, false);
          set_bit(in_service_, id, true);
          update_lines();
        }
        value = id;
        return true;
      }
    }
  }
  return false;
}

bool Plic::write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time&) {
  if (len != 4) return false;
  const uint64_t n = contexts_.size();
  const uint32_t v = static_cast<uint32_t>(value);
  if (offset < PLIC_PRIORITY(sources_)) {
    if (offset != 0) priority_[offset / 4] = v > PLIC_MAX_PRIORITY ? PLIC_MAX_PRIORITY : v;
  } else if (offset >= PLIC_PENDING(0) && offset < PLIC_PENDING(words())) {
    return true;  // read-only; writes ignored
  } else if (offset >= PLIC_ENABLE(0, 0) && offset < PLIC_ENABLE(n, 0)) {
    const uint64_t rel = offset - PLIC_ENABLE(0, 0);
    const uint64_t word = (rel % 0x80) / 4;
    if (word >= words()) return false;
    contexts_[rel / 0x80].enable[word] = word == 0 ? (v & ~1u) : v;  // source 0 does not exist
  } else if (offset >= PLIC_THRESHOLD(0) && offset < PLIC_THRESHOLD(n)) {
    Context& c = contexts_[(offset - PLIC_THRESHOLD(0)) / 0x1000];
    switch (offset % 0x1000) {
      case PLIC_THRESHOLD(0) % 0x1000:
        c.threshold = v > PLIC_MAX_PRIORITY ? PLIC_MAX_PRIORITY : v;
        break;
      case PLIC_CLAIM(0) % 0x1000:
        // Completion re-arms the gateway: a line still high becomes pending again.
        if (v != 0 && v < sources_ && bit(in_service_, v)) {
          set_bit(in_service_, v, false);
          if (bit(level_, v)) set_bit(pending_, v, true);
        }
        break;
      default:
        return false;
    }
  } else {
    return false;
  }
  update_lines();
  return true;
}

}  // namespace tessera
