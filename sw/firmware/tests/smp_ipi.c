/* Inter-processor interrupts through the CLINT's msip: hart 0 interrupts each other hart in
 * turn; that hart's handler clears its msip, counts it and answers with hart 0's msip. Only
 * the hart addressed may take it, and everyone sleeps in wfi while waiting. */
#include <stdint.h>

#include "fw/atomic.h"
#include "fw/check.h"
#include "fw/clint.h"
#include "fw/csr.h"
#include "fw/irq.h"
#include "fw/smp.h"
#include "fw/trap.h"

/* Software interrupts taken, per hart; hart 0's are the answers. */
static volatile uint32_t taken[SMP_MAX_HARTS];
static volatile uint32_t listening; /* harts with the interrupt enabled */

static uint32_t msip_of(uint32_t hart) {
  return mmio_read32(TESSERA_CLINT_BASE + CLINT_MSIP(hart));
}

/* One handler for all harts (the table is shared). */
static void on_software(struct trap_frame* frame) {
  (void)frame;
  uint32_t hart = smp_hart_id();
  clint_set_msip(hart, false);
  taken[hart]++;
  if (hart != 0) clint_set_msip(0, true);
}

/* With MIE clear and MSIE set, wfi wakes on the request and the brief MIE window takes it. */
static void sleep_until_taken(uint32_t hart, uint32_t count) {
  while (taken[hart] < count) {
    wfi();
    irq_enable();
    irq_disable();
  }
}

void secondary_main(uint32_t hartid) {
  csr_set(mie, MIE_MSIE);
  (void)amoor_w_aqrl(&listening, 1u << hartid);
  sleep_until_taken(hartid, 1);
  CHECK_EQ(taken[hartid], 1u);
  CHECK_EQ(msip_of(hartid), 0u);
  csr_clear(mie, MIE_MSIE);
}

int main(void) {
  uint32_t harts = smp_num_harts();
  CHECK(harts >= 2);
  trap_set_handler(MCAUSE_INTERRUPT | IRQ_M_SOFT, on_software);
  csr_set(mie, MIE_MSIE);
  smp_release_all();
  smp_wait_for(&listening, smp_hart_mask(harts) & ~1u);

  for (uint32_t hart = 1; hart < harts; hart++) {
    clint_set_msip(hart, true);
    sleep_until_taken(0, hart);
    /* A failing hart wakes hart 0 with an msip too: leave before the counts mislead. */
    smp_abort_if_failed();
    CHECK_EQ(taken[0], hart);
    for (uint32_t other = 1; other < harts; other++) {
      CHECK_EQ(taken[other], other <= hart ? 1u : 0u);
    }
  }

  int status = smp_join();
  if (status != 0) return status;
  csr_clear(mie, MIE_MSIE);
  CHECK_EQ(taken[0], harts - 1);
  CHECK_EQ(msip_of(0), 0u);
  return 0;
}
