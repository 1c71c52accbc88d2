/* Every hart says hello: all smp_num_harts() harts start when released, in their own right
 * (mhartid, argument), and hart 0 waits for the last of them. */
#include <inttypes.h>
#include <stdio.h>

#include "fw/atomic.h"
#include "fw/check.h"
#include "fw/smp.h"
#include "fw/sysctrl.h"

static volatile uint32_t greeted;

static void greet(uint32_t hart) {
  CHECK_EQ(hart, smp_hart_id());
  printf("hart %" PRIu32 " of %" PRIu32 "\n", hart, smp_num_harts());
  (void)amoor_w_aqrl(&greeted, 1u << hart);
}

void secondary_main(uint32_t hartid) {
  greet(hartid);
}

int main(void) {
  uint32_t tiles = sysctrl_read(SYSCTRL_NUM_TILES);
  CHECK_EQ(tiles, sysctrl_read(SYSCTRL_MESH_X) * sysctrl_read(SYSCTRL_MESH_Y));
  CHECK_EQ(sysctrl_read(SYSCTRL_NUM_HARTS), 1u + tiles); /* the manager, then one per tile */
  uint32_t all = smp_hart_mask(smp_num_harts());

  /* Only hart 0 runs out of reset. */
  CHECK_EQ(sysctrl_read(SYSCTRL_HART_RUNNING), 1u);
  smp_release_all();
  greet(0);
  int status = smp_join();
  if (status != 0) return status;

  CHECK_EQ(greeted, all);
  CHECK_EQ(sysctrl_read(SYSCTRL_HART_RUNNING), all);
  return 0;
}
