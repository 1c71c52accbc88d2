#include <stdint.h>
#include <unistd.h>

#include "fw/sysctrl.h"

void _exit(int status) {
  mmio_write32(TESSERA_SYSCTRL_BASE + SYSCTRL_TEST_EXIT, (uint32_t)status);
  /* The simulation ends at the VP's next synchronisation point, not at the store. */
  for (;;) __asm__ volatile("wfi");
}
