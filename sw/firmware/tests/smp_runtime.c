/* What crt0 gives a released hart: its own stack, its own TLS block initialised from the
 * template (not from hart 0's live copy, which hart 0 changes before releasing anyone), gp,
 * mtvec, and data and bss as hart 0 left them. And what the runtime shares: errno stays per
 * hart, malloc and free work from all harts at once. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

#include "fw/barrier.h"
#include "fw/check.h"
#include "fw/csr.h"
#include "fw/regs.h"
#include "fw/smp.h"
#include "fw/trap.h"

#define BSS_MARK 0x0b55u
#define DATA_MARK 0x600dda7au
#define TLS_INITIAL 42u
#define BLOCKS 16u
#define ALLOCATION_ROUNDS 8u

extern char __tls_blocks[], __tls_block_size[], __stacks_start[], __hart_stack_size[];
extern char __global_pointer$[];

static uint32_t data_word = DATA_MARK;
static uint32_t bss_word;
static __thread uint32_t tls_initialised = TLS_INITIAL;
static __thread uint32_t tls_zeroed;
static struct smp_barrier barrier;

static void check_start(uint32_t hart) {
  uintptr_t stack_size = (uintptr_t)__hart_stack_size;
  uintptr_t stack = (uintptr_t)__stacks_start + hart * stack_size;
  uintptr_t sp = reg_sp();
  CHECK(sp > stack && sp <= stack + stack_size);
  CHECK_EQ(reg_gp(), (uintptr_t)__global_pointer$);
  CHECK_EQ(csr_read(mtvec), (uintptr_t)trap_entry);
  CHECK_EQ(reg_tp(), (uintptr_t)__tls_blocks + hart * (uintptr_t)__tls_block_size);
  CHECK_EQ(tls_initialised, TLS_INITIAL);
  CHECK_EQ(tls_zeroed, 0u);
  CHECK_EQ(data_word, DATA_MARK);
}

/* Each hart's blocks carry its own pattern: overlapping allocations would mix them. */
static void check_allocations(uint32_t hart) {
  uint8_t pattern = (uint8_t)(0xa0u + hart);
  for (uint32_t round = 0; round < ALLOCATION_ROUNDS; round++) {
    uint8_t* blocks[BLOCKS];
    for (uint32_t i = 0; i < BLOCKS; i++) {
      size_t size = 16 + 24 * ((hart + i + round) % 7);
      blocks[i] = malloc(size);
      CHECK(blocks[i] != NULL);
      for (size_t j = 0; j < size; j++) blocks[i][j] = pattern;
      blocks[i][size - 1] = (uint8_t)size;
    }
    smp_barrier_wait(&barrier);
    for (uint32_t i = 0; i < BLOCKS; i++) {
      size_t size = 16 + 24 * ((hart + i + round) % 7);
      for (size_t j = 0; j + 1 < size; j++) CHECK_EQ(blocks[i][j], pattern);
      CHECK_EQ(blocks[i][size - 1], (uint8_t)size);
      free(blocks[i]);
    }
  }
}

static void run(uint32_t hart) {
  CHECK_EQ(bss_word, BSS_MARK); /* nobody cleared bss again */
  tls_initialised = hart;
  tls_zeroed = ~hart;
  errno = (int)hart;
  smp_barrier_wait(&barrier); /* every hart has written its own copies */
  CHECK_EQ(tls_initialised, hart);
  CHECK_EQ(tls_zeroed, ~hart);
  CHECK_EQ(errno, (int)hart);
  check_allocations(hart);
}

void secondary_main(uint32_t hartid) {
  check_start(hartid);
  run(hartid);
}

int main(void) {
  check_start(0);
  /* Changed before anyone starts: the others must still begin with the template's values. */
  tls_initialised = 7;
  tls_zeroed = 9;
  bss_word = BSS_MARK;
  smp_barrier_init(&barrier, smp_num_harts());
  smp_release_all();
  run(0);
  return smp_join();
}
