/* A extension on one hart: LR/SC success and the failures the spec guarantees, every AMO's
 * old value and result, and misaligned atomics trapping. The smp_* tests cover the harts
 * racing each other. */
#include <stdint.h>

#include "fw/atomic.h"
#include "fw/check.h"
#include "fw/csr.h"
#include "fw/trap.h"

/* Far apart, so that no reservation granule can hold both. */
static volatile uint32_t word __attribute__((aligned(256)));
static volatile uint32_t other_word __attribute__((aligned(256)));

static void test_lr_sc(void) {
  word = 5;
  CHECK_EQ(lr_w(&word), 5u);
  CHECK_EQ(sc_w(&word, 6), 0u);
  CHECK_EQ(word, 6u);

  /* The SC above used up the reservation. */
  CHECK(sc_w(&word, 7) != 0);
  CHECK_EQ(word, 6u);

  /* An SC must fail outside the reservation set of the most recent LR. */
  other_word = 1;
  (void)lr_w(&word);
  CHECK(sc_w(&other_word, 2) != 0);
  CHECK_EQ(other_word, 1u);
  CHECK(sc_w(&word, 8) != 0); /* and the failed SC cleared the reservation on word too */
  CHECK_EQ(word, 6u);

  /* The usual retry loop: with no other hart it succeeds at once. */
  uint32_t attempts = 0;
  uint32_t old;
  do {
    attempts++;
    old = lr_w(&word);
  } while (sc_w(&word, old + 10) != 0 && attempts < 100);
  CHECK_EQ(attempts, 1u);
  CHECK_EQ(word, 16u);
}

#define CHECK_AMO(op, before, operand, after) \
  do {                                        \
    word = (before);                          \
    CHECK_EQ(op(&word, (operand)), (before)); \
    CHECK_EQ(word, (after));                  \
  } while (0)

static void test_amo(void) {
  CHECK_AMO(amoswap_w, 0x11111111u, 0x22222222u, 0x22222222u);
  CHECK_AMO(amoadd_w, 0xffffffffu, 2u, 1u);
  CHECK_AMO(amoadd_w_aqrl, 40u, 2u, 42u);
  CHECK_AMO(amoand_w, 0xff00f0f0u, 0x0ff0ff00u, 0x0f00f000u);
  CHECK_AMO(amoor_w, 0xff00f0f0u, 0x0ff0ff00u, 0xfff0fff0u);
  CHECK_AMO(amoxor_w, 0xff00f0f0u, 0x0ff0ff00u, 0xf0f00ff0u);
  CHECK_AMO(amomin_w, 0xfffffffbu, 3u, 0xfffffffbu); /* -5 < 3 */
  CHECK_AMO(amomin_w, 3u, 0xfffffffbu, 0xfffffffbu);
  CHECK_AMO(amomax_w, 0xfffffffbu, 3u, 3u);
  CHECK_AMO(amomax_w, 0x80000000u, 0x7fffffffu, 0x7fffffffu);
  CHECK_AMO(amominu_w, 0xfffffffbu, 3u, 3u);
  CHECK_AMO(amominu_w, 3u, 0xfffffffbu, 3u);
  CHECK_AMO(amomaxu_w, 0xfffffffbu, 3u, 0xfffffffbu);
  CHECK_AMO(amomaxu_w, 0x80000000u, 0x7fffffffu, 0x80000000u);
}

/* cas_w, the runtime's compare-and-swap built from LR/SC. */
static void test_cas(void) {
  word = 3;
  CHECK_EQ(cas_w(&word, 4, 9), 3u);
  CHECK_EQ(word, 3u);
  CHECK_EQ(cas_w(&word, 3, 9), 3u);
  CHECK_EQ(word, 9u);
}

/* Misaligned LR is a load-address-misaligned exception, a misaligned AMO or SC a
 * store/AMO-address-misaligned one; mtval is the address. */
static void test_misaligned(void) {
  uintptr_t addr = (uintptr_t)&word + 2;
  word = 0x12345678u;

  trap_catch(CAUSE_MISALIGNED_LOAD);
  uint32_t pc = EXEC_AT("lr.w zero, (%1)", "r"(addr));
  CHECK_EQ(trap_caught.count, 1u);
  CHECK_EQ(trap_caught.mepc, pc);
  CHECK_EQ(trap_caught.mtval, addr);

  trap_catch(CAUSE_MISALIGNED_STORE);
  pc = EXEC_AT("amoadd.w zero, %2, (%1)", "r"(addr), "r"(1));
  CHECK_EQ(trap_caught.count, 2u);
  CHECK_EQ(trap_caught.mcause, CAUSE_MISALIGNED_STORE);
  CHECK_EQ(trap_caught.mepc, pc);
  CHECK_EQ(trap_caught.mtval, addr);
  CHECK_EQ(word, 0x12345678u);
}

int main(void) {
  test_lr_sc();
  test_amo();
  test_cas();
  test_misaligned();
  return 0;
}
