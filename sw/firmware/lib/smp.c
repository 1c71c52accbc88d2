#include "fw/smp.h"

#include <stdlib.h>

#include "fw/atomic.h"
#include "fw/clint.h"
#include "fw/irq.h"
#include "fw/sysctrl.h"

/* Hart sets, bit h for hart h. Hart 0 runs from reset, so it counts as released. */
static volatile uint32_t released_harts = 1;
static volatile uint32_t finished_harts;
/* The first non-zero exit status of a hart other than 0; 0 while none has failed. */
static volatile uint32_t failure_status;

uint32_t smp_num_harts(void) {
  uint32_t harts = sysctrl_read(SYSCTRL_NUM_HARTS);
  return harts < SMP_MAX_HARTS ? harts : SMP_MAX_HARTS;
}

bool smp_release(uint32_t hartid) {
  if (hartid >= smp_num_harts() || hartid == smp_hart_id()) return false;
  (void)amoor_w_aqrl(&released_harts, 1u << hartid);
  /* The new hart reads what was written so far (bss, data, its work) straight away: order
   * those memory writes before the device write that starts it. */
  __asm__ volatile("fence w, o" ::: "memory");
  sysctrl_write(SYSCTRL_HART_RELEASE, hartid);
  return true;
}

void smp_release_all(void) {
  uint32_t harts = smp_num_harts();
  for (uint32_t hart = 0; hart < harts; hart++) (void)smp_release(hart);
}

int smp_join(void) {
  uint32_t others = released_harts & ~(1u << smp_hart_id());
  while ((finished_harts & others) != others && failure_status == 0) cpu_relax();
  fence_acquire(); /* what the finished harts wrote is visible to the caller */
  return (int)failure_status;
}

void smp_abort_if_failed(void) {
  if (failure_status != 0 && smp_hart_id() == 0) exit((int)failure_status);
}

void smp_wait_for(const volatile uint32_t* word, uint32_t value) {
  while (*word != value) {
    smp_abort_if_failed();
    cpu_relax();
  }
  fence_acquire();
}

void smp_hart_exit(int status) {
  if (status != 0) {
    (void)cas_w(&failure_status, 0, (uint32_t)status);
  }
  /* After the failure record, so that smp_join cannot see the hart finished but not failed. */
  (void)amoor_w_aqrl(&finished_harts, 1u << smp_hart_id());
  if (status != 0) clint_set_msip(0, true);
  csr_write(mie, 0);
  for (;;) wfi();
}

__attribute__((weak)) void secondary_main(uint32_t hartid) {
  (void)hartid;
  for (;;) wfi();
}
