#include <stdint.h>
#include <unistd.h>

#include "fw/console.h"
#include "fw/irq.h"
#include "fw/smp.h"
#include "fw/sysctrl.h"

/* Hart 0's exit ends the program; any other hart's only ends that hart (fw/smp.h). */
void _exit(int status) {
  console_flush();
  if (smp_hart_id() != 0) smp_hart_exit(status);
  sysctrl_write(SYSCTRL_TEST_EXIT, (uint32_t)status);
  /* The simulation ends at the VP's next synchronisation point, not at the store. */
  for (;;) wfi();
}
