/* System controller: chip identity and configuration discovery. */
#ifndef FW_SYSCTRL_H
#define FW_SYSCTRL_H

#include <stdint.h>

#include "fw/mmio.h"
#include "tessera/hw/memory_map.h"
#include "tessera/hw/sysctrl_regs.h"

static inline uint32_t sysctrl_read(uint32_t reg) {
  return mmio_read32(TESSERA_SYSCTRL_BASE + reg);
}

#endif
