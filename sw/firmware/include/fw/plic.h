/* PLIC (SiFive layout): source priorities, and per context (hart h's machine mode is context
 * h) the enables, the threshold and claim/complete. A source interrupts a context when it is
 * pending, enabled there and its priority is above the context's threshold. */
#ifndef FW_PLIC_H
#define FW_PLIC_H

#include <stdbool.h>
#include <stdint.h>

#include "fw/mmio.h"
#include "tessera/hw/memory_map.h"
#include "tessera/hw/plic_regs.h"

static inline void plic_set_priority(uint32_t source, uint32_t priority) {
  mmio_write32(TESSERA_PLIC_BASE + PLIC_PRIORITY(source), priority);
}

/* A read-modify-write of the context's enable word: one hart at a time per context. */
static inline void plic_set_enabled(uint32_t context, uint32_t source, bool enabled) {
  uintptr_t reg = TESSERA_PLIC_BASE + PLIC_ENABLE(context, source / 32);
  uint32_t bit = 1u << (source % 32);
  uint32_t word = mmio_read32(reg);
  mmio_write32(reg, enabled ? word | bit : word & ~bit);
}

static inline void plic_set_threshold(uint32_t context, uint32_t threshold) {
  mmio_write32(TESSERA_PLIC_BASE + PLIC_THRESHOLD(context), threshold);
}

static inline bool plic_pending(uint32_t source) {
  return (mmio_read32(TESSERA_PLIC_BASE + PLIC_PENDING(source / 32)) >> (source % 32)) & 1u;
}

/* The highest-priority source interrupting the context, now claimed; 0 if there is none. */
static inline uint32_t plic_claim(uint32_t context) {
  return mmio_read32(TESSERA_PLIC_BASE + PLIC_CLAIM(context));
}

static inline void plic_complete(uint32_t context, uint32_t source) {
  mmio_write32(TESSERA_PLIC_BASE + PLIC_CLAIM(context), source);
}

#endif
