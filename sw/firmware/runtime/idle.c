#include "idle.h"

#include "fw/clint.h"
#include "fw/csr.h"
#include "fw/irq.h"
#include "fw/sysctrl.h"

void idle_init(void) {
  csr_write(mie, MIE_MSIE | MIE_MEIE | MIE_MTIE);
}

void idle_clear(void) {
  clint_set_msip(0, false);
}

void idle_sleep(uint64_t deadline) {
  /* Without a deadline the comparator goes out of reach, so MTIP falls. */
  clint_set_mtimecmp(0, deadline != 0 ? deadline : UINT64_MAX);
  wfi();
}

uint64_t idle_deadline_us(uint32_t us) {
  return clint_mtime() + (uint64_t)us * sysctrl_read(SYSCTRL_TIMEBASE_HZ) / 1000000u;
}

bool idle_expired(uint64_t deadline) {
  return clint_mtime() >= deadline;
}
