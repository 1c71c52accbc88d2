/* System controller: chip identity, configuration discovery, hart release, test registers. */
#ifndef FW_SYSCTRL_H
#define FW_SYSCTRL_H

#include <stdint.h>

#include "fw/mmio.h"
#include "tessera/hw/memory_map.h"
#include "tessera/hw/sysctrl_regs.h"

static inline uint32_t sysctrl_read(uint32_t reg) {
  return mmio_read32(TESSERA_SYSCTRL_BASE + reg);
}
static inline void sysctrl_write(uint32_t reg, uint32_t value) {
  mmio_write32(TESSERA_SYSCTRL_BASE + reg, value);
}

#endif
