/* Machine timer: mip.MTIP follows mtime >= mtimecmp, wfi wakes on it whether or not MIE is
 * set, and with MIE set the interrupt is taken with mcause 0x80000007. */
#include <stdint.h>

#include "fw/check.h"
#include "fw/clint.h"
#include "fw/csr.h"
#include "fw/irq.h"
#include "fw/sysctrl.h"
#include "fw/trap.h"

static volatile uint32_t timer_irqs;
static volatile uint32_t irq_mcause;

static void on_timer(struct trap_frame* frame) {
  irq_mcause = frame->mcause;
  clint_set_mtimecmp(0, UINT64_MAX); /* the only way to clear MTIP */
  timer_irqs++;
}

int main(void) {
  /* 10 us: far more than the few instructions between arming and wfi. */
  uint64_t delay = sysctrl_read(SYSCTRL_TIMEBASE_HZ) / 100000;
  CHECK(delay > 0);
  trap_set_handler(MCAUSE_INTERRUPT | IRQ_M_TIMER, on_timer);

  clint_set_mtimecmp(0, UINT64_MAX);
  CHECK_EQ(csr_read(mip) & MIP_MTIP, 0u);

  /* MIE clear: wfi still wakes once the enabled timer is pending, and nothing is taken. */
  csr_set(mie, MIE_MTIE);
  uint64_t deadline = clint_mtime() + delay;
  clint_set_mtimecmp(0, deadline);
  while (!(csr_read(mip) & MIP_MTIP)) wfi();
  CHECK(clint_mtime() >= deadline);
  CHECK_EQ(timer_irqs, 0u);

  /* Setting MIE takes the pending interrupt at once. */
  irq_enable();
  irq_disable();
  CHECK_EQ(timer_irqs, 1u);
  CHECK_EQ(irq_mcause, MCAUSE_INTERRUPT | IRQ_M_TIMER);
  CHECK_EQ(csr_read(mip) & MIP_MTIP, 0u);

  /* MIE set: wfi sleeps until the interrupt, which is taken before wfi's successor runs. */
  deadline = clint_mtime() + delay;
  clint_set_mtimecmp(0, deadline);
  irq_enable();
  wfi();
  irq_disable();
  CHECK_EQ(timer_irqs, 2u);
  CHECK(clint_mtime() >= deadline);

  csr_clear(mie, MIE_MTIE);
  return 0;
}
