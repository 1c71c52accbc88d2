/* CLINT: machine timer and software interrupts (SiFive layout). */
#ifndef FW_CLINT_H
#define FW_CLINT_H

#include <stdbool.h>
#include <stdint.h>

#include "fw/mmio.h"
#include "tessera/hw/clint_regs.h"
#include "tessera/hw/memory_map.h"

/* mtime is 64 bits read as two halves: retry if the low half wrapped in between. */
static inline uint64_t clint_mtime(void) {
  uint32_t hi, lo;
  do {
    hi = mmio_read32(TESSERA_CLINT_BASE + CLINT_MTIME + 4);
    lo = mmio_read32(TESSERA_CLINT_BASE + CLINT_MTIME);
  } while (hi != mmio_read32(TESSERA_CLINT_BASE + CLINT_MTIME + 4));
  return ((uint64_t)hi << 32) | lo;
}

/* The low half goes to all-ones first so that no intermediate value lies in the past and
 * fires a spurious interrupt. */
static inline void clint_set_mtimecmp(unsigned hart, uint64_t when) {
  uintptr_t reg = TESSERA_CLINT_BASE + CLINT_MTIMECMP(hart);
  mmio_write32(reg, UINT32_MAX);
  mmio_write32(reg + 4, (uint32_t)(when >> 32));
  mmio_write32(reg, (uint32_t)when);
}

static inline void clint_set_msip(unsigned hart, bool pending) {
  mmio_write32(TESSERA_CLINT_BASE + CLINT_MSIP(hart), pending ? 1u : 0u);
}

#endif
