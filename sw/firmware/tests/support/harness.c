#include "support/harness.h"

#include "fw/barrier.h"
#include "fw/clint.h"
#include "fw/smp.h"
#include "fw/sysctrl.h"

/* Every hart meets at the barrier twice per job: once to start it, once when it is done. */
static struct smp_barrier barrier;
static harness_job current_job;
static void* current_arg;
static uint32_t current_on_tiles;
/* Each tile's job in CLINT mtime, which every hart reads at its own local time: the op's span
 * to the timebase's resolution, where the manager's own view of it would be late by up to a
 * temporal-decoupling quantum. */
static uint64_t job_start[SMP_MAX_HARTS], job_end[SMP_MAX_HARTS];

uint32_t harness_tiles(void) {
  return smp_num_harts() - 1;
}

static void run(uint32_t hart) {
  uint32_t harts = smp_num_harts();
  if (current_on_tiles) {
    job_start[hart] = clint_mtime();
    current_job(hart - 1, harts - 1, current_arg);
    job_end[hart] = clint_mtime();
  } else {
    current_job(hart, harts, current_arg);
  }
}

void secondary_main(uint32_t hartid) {
  for (;;) {
    smp_barrier_wait(&barrier);
    if (!current_job) return;
    run(hartid);
    smp_barrier_wait(&barrier);
  }
}

void harness_start(void) {
  smp_barrier_init(&barrier, smp_num_harts());
  smp_release_all();
}

static void post(harness_job job, void* arg, uint32_t on_tiles) {
  current_job = job;
  current_arg = arg;
  current_on_tiles = on_tiles;
}

uint64_t harness_on_tiles(harness_job job, void* arg) {
  post(job, arg, 1);
  smp_barrier_wait(&barrier);
  smp_barrier_wait(&barrier);
  uint64_t first = UINT64_MAX, last = 0;
  for (uint32_t hart = 1; hart < smp_num_harts(); hart++) {
    if (job_start[hart] < first) first = job_start[hart];
    if (job_end[hart] > last) last = job_end[hart];
  }
  uint64_t cycles_per_tick =
      sysctrl_read(SYSCTRL_CLOCK_MHZ) * 1000000ull / sysctrl_read(SYSCTRL_TIMEBASE_HZ);
  return (last - first) * cycles_per_tick;
}

void harness_on_all(harness_job job, void* arg) {
  post(job, arg, 0);
  smp_barrier_wait(&barrier);
  run(0);
  smp_barrier_wait(&barrier);
}

int harness_stop(void) {
  post(0, 0, 0);
  smp_barrier_wait(&barrier);
  return smp_join();
}
