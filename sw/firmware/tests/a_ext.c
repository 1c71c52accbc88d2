/* A extension: LR/SC success and the failures the spec guarantees, every AMO's old value
 * and result, and misaligned atomics trapping. */
#include <stdint.h>

#include "fw/check.h"
#include "fw/csr.h"
#include "fw/trap.h"

/* Far apart, so that no reservation granule can hold both. */
static volatile uint32_t word __attribute__((aligned(256)));
static volatile uint32_t other_word __attribute__((aligned(256)));

static uint32_t lr(volatile uint32_t* addr) {
  uint32_t value;
  __asm__ volatile("lr.w %0, (%1)" : "=r"(value) : "r"(addr) : "memory");
  return value;
}

/* 0 on success. */
static uint32_t sc(volatile uint32_t* addr, uint32_t value) {
  uint32_t failed;
  __asm__ volatile("sc.w %0, %2, (%1)" : "=&r"(failed) : "r"(addr), "r"(value) : "memory");
  return failed;
}

static void test_lr_sc(void) {
  word = 5;
  CHECK_EQ(lr(&word), 5u);
  CHECK_EQ(sc(&word, 6), 0u);
  CHECK_EQ(word, 6u);

  /* The SC above used up the reservation. */
  CHECK(sc(&word, 7) != 0);
  CHECK_EQ(word, 6u);

  /* An SC must fail outside the reservation set of the most recent LR. */
  other_word = 1;
  (void)lr(&word);
  CHECK(sc(&other_word, 2) != 0);
  CHECK_EQ(other_word, 1u);
  CHECK(sc(&word, 8) != 0); /* and the failed SC cleared the reservation on word too */
  CHECK_EQ(word, 6u);

  /* The usual retry loop: with no other hart it succeeds at once. */
  uint32_t attempts = 0;
  uint32_t old;
  do {
    attempts++;
    old = lr(&word);
  } while (sc(&word, old + 10) != 0 && attempts < 100);
  CHECK_EQ(attempts, 1u);
  CHECK_EQ(word, 16u);
}

#define DEFINE_AMO(name, insn)                                                              \
  static uint32_t name(volatile uint32_t* addr, uint32_t value) {                           \
    uint32_t old;                                                                           \
    __asm__ volatile(insn " %0, %2, (%1)" : "=&r"(old) : "r"(addr), "r"(value) : "memory"); \
    return old;                                                                             \
  }
DEFINE_AMO(amoswap, "amoswap.w")
DEFINE_AMO(amoadd, "amoadd.w")
DEFINE_AMO(amoand, "amoand.w")
DEFINE_AMO(amoor, "amoor.w")
DEFINE_AMO(amoxor, "amoxor.w")
DEFINE_AMO(amomin, "amomin.w")
DEFINE_AMO(amomax, "amomax.w")
DEFINE_AMO(amominu, "amominu.w")
DEFINE_AMO(amomaxu, "amomaxu.w")
DEFINE_AMO(amoadd_aqrl, "amoadd.w.aqrl")

#define CHECK_AMO(op, before, operand, after) \
  do {                                        \
    word = (before);                          \
    CHECK_EQ(op(&word, (operand)), (before)); \
    CHECK_EQ(word, (after));                  \
  } while (0)

static void test_amo(void) {
  CHECK_AMO(amoswap, 0x11111111u, 0x22222222u, 0x22222222u);
  CHECK_AMO(amoadd, 0xffffffffu, 2u, 1u);
  CHECK_AMO(amoadd_aqrl, 40u, 2u, 42u);
  CHECK_AMO(amoand, 0xff00f0f0u, 0x0ff0ff00u, 0x0f00f000u);
  CHECK_AMO(amoor, 0xff00f0f0u, 0x0ff0ff00u, 0xfff0fff0u);
  CHECK_AMO(amoxor, 0xff00f0f0u, 0x0ff0ff00u, 0xf0f00ff0u);
  CHECK_AMO(amomin, 0xfffffffbu, 3u, 0xfffffffbu); /* -5 < 3 */
  CHECK_AMO(amomin, 3u, 0xfffffffbu, 0xfffffffbu);
  CHECK_AMO(amomax, 0xfffffffbu, 3u, 3u);
  CHECK_AMO(amomax, 0x80000000u, 0x7fffffffu, 0x7fffffffu);
  CHECK_AMO(amominu, 0xfffffffbu, 3u, 3u);
  CHECK_AMO(amominu, 3u, 0xfffffffbu, 3u);
  CHECK_AMO(amomaxu, 0xfffffffbu, 3u, 0xfffffffbu);
  CHECK_AMO(amomaxu, 0x80000000u, 0x7fffffffu, 0x80000000u);
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
  test_misaligned();
  return 0;
}
