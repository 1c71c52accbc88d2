/* The first program a new platform runs: proves boot, UART and discovery registers. */
#include <inttypes.h>
#include <stdio.h>

#include "fw/csr.h"
#include "fw/sysctrl.h"

int main(void) {
  printf("Hello from Tessera! hart %" PRIu32 " of %" PRIu32 "\n", csr_read(mhartid),
         sysctrl_read(SYSCTRL_NUM_HARTS));
  printf("chip id 0x%08" PRIx32 "\n", sysctrl_read(SYSCTRL_CHIP_ID));
  return 0;
}
