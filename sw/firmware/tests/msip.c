/* Software interrupt to self through the CLINT's msip register. */
#include <stdint.h>

#include "fw/check.h"
#include "fw/clint.h"
#include "fw/csr.h"
#include "fw/irq.h"
#include "fw/trap.h"

static volatile uint32_t software_irqs;
static volatile uint32_t irq_mcause;

static void on_software(struct trap_frame* frame) {
  irq_mcause = frame->mcause;
  clint_set_msip(0, false);
  software_irqs++;
}

/* main runs on hart 0 only. */
static uint32_t msip_register(void) {
  return mmio_read32(TESSERA_CLINT_BASE + CLINT_MSIP(0));
}

int main(void) {
  trap_set_handler(MCAUSE_INTERRUPT | IRQ_M_SOFT, on_software);
  CHECK_EQ(csr_read(mip) & MIP_MSIP, 0u);

  /* With mie.MSIE clear the request is only pending: visible in msip and mip. */
  clint_set_msip(0, true);
  CHECK_EQ(msip_register(), 1u);
  irq_enable();
  while (!(csr_read(mip) & MIP_MSIP)) {
  }
  irq_disable();
  CHECK_EQ(software_irqs, 0u);

  /* Enabling it with MIE clear: wfi wakes, nothing taken; then MIE takes it. */
  csr_set(mie, MIE_MSIE);
  wfi();
  CHECK_EQ(software_irqs, 0u);
  irq_wait_for(&software_irqs);
  CHECK_EQ(software_irqs, 1u);
  CHECK_EQ(irq_mcause, MCAUSE_INTERRUPT | IRQ_M_SOFT);
  CHECK_EQ(msip_register(), 0u);
  CHECK_EQ(csr_read(mip) & MIP_MSIP, 0u);

  /* A second request while enabled is taken without any wfi. */
  irq_enable();
  clint_set_msip(0, true);
  while (software_irqs < 2) {
  }
  irq_disable();

  csr_clear(mie, MIE_MSIE);
  return 0;
}
