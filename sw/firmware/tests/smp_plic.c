/* PLIC routing across harts: PLIC_SOURCE_TEST is enabled for one context only, the last
 * hart's. While its priority does not exceed that context's threshold the raised line is only
 * pending; once the threshold drops, that hart alone takes the external interrupt, claims
 * the source, lowers the line (SYSCTRL_TEST_IRQ) and completes. Every hart listens meanwhile,
 * and none other may be interrupted. Claims with nothing to claim give 0. */
#include <stdint.h>

#include "fw/atomic.h"
#include "fw/check.h"
#include "fw/clint.h"
#include "fw/csr.h"
#include "fw/irq.h"
#include "fw/plic.h"
#include "fw/smp.h"
#include "fw/sysctrl.h"
#include "fw/trap.h"

#define SOURCE PLIC_SOURCE_TEST
#define PRIORITY 3u

enum phase { PHASE_SETUP, PHASE_MASKED, PHASE_DELIVERED, PHASE_DONE };

static uint32_t target; /* the hart that must take the interrupt */
static volatile uint32_t phase = PHASE_SETUP;
static volatile uint32_t listening; /* harts with the interrupt enabled */
static volatile uint32_t masked_checked;
static volatile uint32_t taken[SMP_MAX_HARTS];
static volatile uint32_t taken_mcause, claimed;

/* One handler for all harts (the table is shared). */
static void on_external(struct trap_frame* frame) {
  uint32_t hart = smp_hart_id();
  taken[hart]++;
  if (hart != target) {
    /* Misrouted: counted; masked for good so that the level cannot trap again and again. */
    csr_clear(mie, MIE_MEIE);
    return;
  }
  taken_mcause = frame->mcause;
  claimed = plic_claim(hart);
  /* Lower the level before completing, or the source would be pending again at once. */
  sysctrl_write(SYSCTRL_TEST_IRQ, 0);
  plic_complete(hart, claimed);
}

static void configure(uint32_t harts) {
  sysctrl_write(SYSCTRL_TEST_IRQ, 0);
  plic_set_priority(SOURCE, PRIORITY);
  for (uint32_t context = 0; context < harts; context++) {
    plic_set_enabled(context, SOURCE, context == target);
    plic_set_threshold(context, context == target ? PRIORITY : 0); /* priority <= threshold */
  }
}

/* Well over the time a level takes to reach a hart: 10 us of mtime. */
static void linger(void) {
  uint64_t until = clint_mtime() + sysctrl_read(SYSCTRL_TIMEBASE_HZ) / 100000;
  while (clint_mtime() < until) cpu_relax();
}

static void run_target(uint32_t hart) {
  CHECK_EQ(plic_claim(hart), 0u); /* nothing pending */
  CHECK_EQ(csr_read(mip) & MIP_MEIP, 0u);
  (void)amoor_w_aqrl(&listening, 1u << hart);

  smp_wait_for(&phase, PHASE_MASKED);
  irq_enable();
  linger();
  irq_disable();
  CHECK_EQ(taken[hart], 0u);
  CHECK_EQ(csr_read(mip) & MIP_MEIP, 0u);
  masked_checked = 1;

  irq_wait_for(&taken[hart]); /* hart 0 lowers the threshold */
  CHECK_EQ(taken[hart], 1u);
  CHECK_EQ(taken_mcause, MCAUSE_INTERRUPT | IRQ_M_EXT);
  CHECK_EQ(claimed, SOURCE);
  CHECK_EQ(csr_read(mip) & MIP_MEIP, 0u);
  CHECK_EQ(plic_claim(hart), 0u); /* completed, and the line is low */
  phase = PHASE_DELIVERED;
}

/* Every other hart listens with interrupts enabled until the end (hart 0 in main). */
static void listen(uint32_t hart) {
  irq_enable();
  (void)amoor_w_aqrl(&listening, 1u << hart);
  smp_wait_for(&phase, PHASE_DONE);
  irq_disable();
}

void secondary_main(uint32_t hartid) {
  csr_set(mie, MIE_MEIE);
  if (hartid == target) {
    run_target(hartid);
  } else {
    listen(hartid);
  }
  csr_clear(mie, MIE_MEIE);
}

int main(void) {
  uint32_t harts = smp_num_harts();
  CHECK(harts >= 2);
  target = harts - 1;
  trap_set_handler(MCAUSE_INTERRUPT | IRQ_M_EXT, on_external);
  configure(harts);
  CHECK(!plic_pending(SOURCE));
  csr_set(mie, MIE_MEIE);
  irq_enable();
  (void)amoor_w_aqrl(&listening, 1u);
  smp_release_all();
  smp_wait_for(&listening, smp_hart_mask(harts));

  /* Priority <= threshold: pending in the PLIC, but no hart is interrupted. */
  sysctrl_write(SYSCTRL_TEST_IRQ, 1);
  CHECK_EQ(sysctrl_read(SYSCTRL_TEST_IRQ) & 1u, 1u);
  CHECK(plic_pending(SOURCE));
  CHECK_EQ(plic_claim(0), 0u); /* not enabled for hart 0's context */
  phase = PHASE_MASKED;
  smp_wait_for(&masked_checked, 1);

  /* Threshold below the priority: the target takes it. */
  plic_set_threshold(target, 0);
  smp_wait_for(&phase, PHASE_DELIVERED);
  CHECK_EQ(sysctrl_read(SYSCTRL_TEST_IRQ) & 1u, 0u);
  CHECK(!plic_pending(SOURCE));
  phase = PHASE_DONE;
  irq_disable();
  csr_clear(mie, MIE_MEIE);

  int status = smp_join();
  if (status != 0) return status;
  for (uint32_t hart = 0; hart < harts; hart++) {
    CHECK_EQ(taken[hart], hart == target ? 1u : 0u);
  }
  plic_set_priority(SOURCE, 0);
  plic_set_enabled(target, SOURCE, false);
  return 0;
}
