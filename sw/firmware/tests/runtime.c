/* The C runtime that every program relies on: crt0's stack, gp, tp and bss set-up,
 * initialised data, constructors, picolibc's TLS errno, heap and formatted output. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fw/check.h"
#include "fw/csr.h"
#include "fw/regs.h"
#include "fw/trap.h"

extern char __tls_blocks[], __tls_block_size[], __tdata_source[], __tdata_size[];
extern char __bss_end[], __stacks_start[], __hart_stack_size[];
extern char __heap_start[], __heap_end[], __global_pointer$[];

static uint32_t initialised = 0x600dda7au;
static uint32_t zeroed[64];
static __thread uint32_t tls_initialised = 42;
static __thread uint32_t tls_zeroed;
static volatile uint32_t constructor_ran;

__attribute__((constructor)) static void constructor(void) {
  constructor_ran = 1;
}

static void test_startup(void) {
  uintptr_t stack_base = (uintptr_t)__stacks_start;
  uintptr_t sp = reg_sp();
  CHECK(sp > stack_base && sp <= stack_base + (uintptr_t)__hart_stack_size);
  CHECK_EQ(reg_gp(), (uintptr_t)__global_pointer$);
  CHECK_EQ(reg_tp(), (uintptr_t)__tls_blocks); /* hart 0's own block, the first */
  CHECK_EQ(csr_read(mtvec), (uintptr_t)trap_entry);
  CHECK_EQ(initialised, 0x600dda7au);
  for (unsigned i = 0; i < 64; i++) CHECK_EQ(zeroed[i], 0u);
  CHECK_EQ(constructor_ran, 1u);
}

static void test_tls(void) {
  CHECK_EQ(tls_initialised, 42u);
  CHECK_EQ(tls_zeroed, 0u);
  /* The TLS block must not share bytes with ordinary data. */
  tls_zeroed = UINT32_MAX;
  tls_initialised = UINT32_MAX;
  for (unsigned i = 0; i < 64; i++) CHECK_EQ(zeroed[i], 0u);
  CHECK_EQ(initialised, 0x600dda7au);

  errno = 0;
  CHECK_EQ(strtol("99999999999", NULL, 10), 0x7fffffffl);
  CHECK_EQ(errno, ERANGE);
  uintptr_t tp = reg_tp();
  CHECK((uintptr_t)&errno >= tp && (uintptr_t)&errno < tp + (uintptr_t)__tls_block_size);

  /* The template that harts released later copy is untouched. */
  const uint32_t* template_initialised =
      (const uint32_t*)(__tdata_source + ((uintptr_t)&tls_initialised - tp));
  CHECK((uintptr_t)&tls_initialised - tp < (uintptr_t)__tdata_size);
  CHECK_EQ(*template_initialised, 42u);
}

static void test_heap(void) {
  const size_t size = 1024 * 1024;
  uint8_t* block = malloc(size);
  CHECK(block != NULL);
  CHECK((uintptr_t)block >= (uintptr_t)__heap_start);
  CHECK((uintptr_t)block + size <= (uintptr_t)__heap_end);
  memset(block, 0x5a, size);
  CHECK_EQ(block[size - 1], 0x5a);
  free(block);
}

static void test_printf(void) {
  char text[64];
  snprintf(text, sizeof text, "%d %u %x %s %c %lld", -42, 42u, 0xbeefu, "ok", 'z', -(1ll << 40));
  CHECK_EQ(strcmp(text, "-42 42 beef ok z -1099511627776"), 0);
  printf("runtime: stdout works\n");
}

int main(void) {
  test_startup();
  test_tls();
  test_heap();
  test_printf();
  return 0;
}
