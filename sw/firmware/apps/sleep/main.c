/* Waits for an interrupt that nothing will raise: the simulator must notice no hart can make
 * progress and stop with a report instead of hanging. */
#include "fw/csr.h"

int main(void) {
  csr_write(mie, 0);
  for (;;) __asm__ volatile("wfi");
}
