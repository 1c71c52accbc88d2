#include "tiles.h"

#include <setjmp.h>

#include "fw/atomic.h"
#include "fw/clint.h"
#include "fw/csr.h"
#include "fw/irq.h"
#include "fw/smp.h"
#include "fw/sysctrl.h"
#include "fw/trace.h"
#include "fw/trap.h"
#include "idle.h"
#include "ops.h"

#define TILES_MAX (SMP_MAX_HARTS - 1)
#define TILE_START_US 100 /* device time the tiles get to come up */

/* A tile's mailbox. The manager writes the job, then bumps `posted`; the tile writes the
 * outcome, then sets `finished` to the job's number. */
struct tile_slot {
  const struct tsr_command* command;
  uint32_t rank, ranks;
  uint32_t posted;
  uint32_t abandon; /* the job number the manager wants abandoned */
  uint32_t finished;
  uint32_t error;
  uint32_t detail[4];
  uint32_t up; /* the tile waits for jobs */
};
static volatile struct tile_slot slots[TILES_MAX];

/* The running tile's own state (each hart has its TLS block). */
static _Thread_local jmp_buf abandon_point;
static _Thread_local volatile uint32_t in_kernel;
static _Thread_local uint32_t abandon_error, abandon_detail[4];

/* Called by a tile on its hart 0 wake-up line: orders what it wrote before the manager looks. */
static void wake_manager(void) {
  __asm__ volatile("fence w, o" ::: "memory");
  clint_set_msip(0, true);
}

/* Entered through mret from a handler below, on the kernel's stack: longjmp drops that stack
 * and returns to run_kernel's setjmp. */
_Noreturn static void abandon_job(void) {
  longjmp(abandon_point, 1);
}

static void abandon_from_trap(struct trap_frame* frame, uint32_t error, const uint32_t detail[4]) {
  abandon_error = error;
  for (int i = 0; i < 4; i++) abandon_detail[i] = detail[i];
  frame->mepc = (uint32_t)(uintptr_t)abandon_job;
}

/* Only tiles take this interrupt, and only while a kernel runs: the manager keeps MIE clear
 * (idle.h), and so does a tile between jobs. */
static void on_software_interrupt(struct trap_frame* frame) {
  uint32_t hart = smp_hart_id();
  if (hart == 0) trap_unexpected(frame);
  clint_set_msip(hart, false);
  volatile struct tile_slot* slot = &slots[hart - 1];
  static const uint32_t no_detail[4];
  if (in_kernel && slot->abandon == slot->posted)
    abandon_from_trap(frame, TSR_ERR_ABORTED, no_detail);
}

/* A kernel's fault fails its job, not the chip; anywhere else a fault is a firmware bug. */
static void on_exception(struct trap_frame* frame) {
  uint32_t hart = smp_hart_id();
  if (hart == 0 || !in_kernel) trap_unexpected(frame);
  const uint32_t detail[4] = {hart - 1, frame->mcause, frame->mepc, frame->mtval};
  abandon_from_trap(frame, TSR_ERR_TILE_FAULT, detail);
}

static uint32_t run_kernel(tile_kernel kernel, const struct tile_job* job, uint32_t detail[4]) {
  if (setjmp(abandon_point) != 0) {
    irq_disable();
    in_kernel = 0;
    for (int i = 0; i < 4; i++) detail[i] = abandon_detail[i];
    return abandon_error;
  }
  /* Interrupts on while the kernel runs, so that an abandon request reaches it. */
  in_kernel = 1;
  irq_enable();
  uint32_t error = kernel(job);
  irq_disable();
  in_kernel = 0;
  return error;
}

void secondary_main(uint32_t hartid) {
  uint32_t tile = hartid - 1;
  volatile struct tile_slot* slot = &slots[tile];
  csr_write(mie, MIE_MSIE);
  slot->up = 1;
  wake_manager();
  for (;;) {
    /* Clear before looking: a job posted after the look keeps msip pending for the wfi. */
    clint_set_msip(hartid, false);
    uint32_t number = slot->posted;
    if (number == slot->finished) {
      wfi();
      continue;
    }
    fence_acquire();
    const struct tile_job job = {slot->command, tile, slot->rank, slot->ranks};
    uint32_t detail[4] = {0, 0, 0, 0};
    trace_begin(runtime_op_names[job.command->opcode]);
    uint32_t error = run_kernel(runtime_ops[job.command->opcode].on_tiles, &job, detail);
    trace_end();
    slot->error = error;
    for (int i = 0; i < 4; i++) slot->detail[i] = detail[i];
    __asm__ volatile("fence rw, w" ::: "memory"); /* the outcome before the number */
    slot->finished = number;
    wake_manager();
  }
}

uint32_t tiles_in_chip(void) {
  return sysctrl_read(SYSCTRL_NUM_TILES);
}

uint32_t tiles_start(void) {
  trap_set_handler(MCAUSE_INTERRUPT | IRQ_M_SOFT, on_software_interrupt);
  for (uint32_t cause = CAUSE_MISALIGNED_FETCH; cause <= CAUSE_STORE_ACCESS; cause++)
    trap_set_handler(cause, on_exception);
  uint32_t tiles = smp_num_harts() - 1, wanted = smp_hart_mask(tiles), up = 0;
  for (uint32_t t = 0; t < tiles; t++) (void)smp_release(1 + t);
  uint64_t deadline = idle_deadline_us(TILE_START_US);
  for (;;) {
    idle_clear();
    for (uint32_t t = 0; t < tiles; t++)
      if (slots[t].up) up |= 1u << t;
    if (up == wanted || idle_expired(deadline)) return up;
    idle_sleep(deadline);
  }
}

void tile_post(uint32_t tile, const struct tsr_command* command, uint32_t rank, uint32_t ranks) {
  volatile struct tile_slot* slot = &slots[tile];
  slot->command = command;
  slot->rank = rank;
  slot->ranks = ranks;
  __asm__ volatile("fence w, w" ::: "memory"); /* the job before its number */
  slot->posted = slot->posted + 1;
  __asm__ volatile("fence w, o" ::: "memory");
  clint_set_msip(1 + tile, true);
}

bool tile_done(uint32_t tile, uint32_t* error, uint32_t detail[4]) {
  volatile struct tile_slot* slot = &slots[tile];
  if (slot->finished != slot->posted) return false;
  fence_acquire();
  *error = slot->error;
  for (int i = 0; i < 4; i++) detail[i] = slot->detail[i];
  return true;
}

void tile_abandon(uint32_t tile) {
  volatile struct tile_slot* slot = &slots[tile];
  slot->abandon = slot->posted;
  __asm__ volatile("fence w, o" ::: "memory");
  clint_set_msip(1 + tile, true);
}
