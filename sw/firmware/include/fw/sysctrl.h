/* System controller: chip identity, configuration discovery, hart release, test registers. */
#ifndef FW_SYSCTRL_H
#define FW_SYSCTRL_H

#include <stdint.h>

#include "fw/csr.h"
#include "fw/mmio.h"
#include "tessera/hw/memory_map.h"
#include "tessera/hw/sysctrl_regs.h"

static inline uint32_t sysctrl_read(uint32_t reg) {
  return mmio_read32(TESSERA_SYSCTRL_BASE + reg);
}
static inline void sysctrl_write(uint32_t reg, uint32_t value) {
  mmio_write32(TESSERA_SYSCTRL_BASE + reg, value);
}

/* Trace markers: a slice `name` on this hart's core track of the trace, from trace_begin to the
 * matching trace_end (docs/scenarios.md, "Traces"); they nest. The name is read at the begin. */
static inline void trace_begin(const char* name) {
  sysctrl_write(SYSCTRL_TRACE_BEGIN(csr_read(mhartid)), (uint32_t)(uintptr_t)name);
}
static inline void trace_end(void) {
  sysctrl_write(SYSCTRL_TRACE_END(csr_read(mhartid)), 0);
}

#endif
