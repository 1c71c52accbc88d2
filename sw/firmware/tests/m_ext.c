/* M extension: products' high halves for every signedness, and the division corner cases
 * the spec defines instead of trapping (divide by zero, INT_MIN / -1). */
#include <stdint.h>

#include "fw/check.h"

/* Inline asm so that the instruction under test runs, never a constant the compiler folded. */
#define DEFINE_RR(op)                                                    \
  static uint32_t op(uint32_t a, uint32_t b) {                           \
    uint32_t result;                                                     \
    __asm__ volatile(#op " %0, %1, %2" : "=r"(result) : "r"(a), "r"(b)); \
    return result;                                                       \
  }
DEFINE_RR(mul)
DEFINE_RR(mulh)
DEFINE_RR(mulhsu)
DEFINE_RR(mulhu)
DEFINE_RR(div)
DEFINE_RR(divu)
DEFINE_RR(rem)
DEFINE_RR(remu)

#define INT_MIN_BITS 0x80000000u
#define MINUS(n) ((uint32_t) - (n))

static void test_multiply(void) {
  CHECK_EQ(mul(7, MINUS(3)), MINUS(21));
  CHECK_EQ(mul(0xffffffffu, 0xffffffffu), 1u);
  CHECK_EQ(mul(0x12345678u, 0x9abcdef0u), 0x242d2080u);
  CHECK_EQ(mul(INT_MIN_BITS, 0xffffffffu), INT_MIN_BITS);

  CHECK_EQ(mulh(INT_MIN_BITS, INT_MIN_BITS), 0x40000000u);
  CHECK_EQ(mulh(INT_MIN_BITS, 0x7fffffffu), 0xc0000000u);
  CHECK_EQ(mulh(0xffffffffu, 0xffffffffu), 0u);
  CHECK_EQ(mulh(0xffffffffu, 1), 0xffffffffu);
  CHECK_EQ(mulh(0x12345678u, 0x9abcdef0u), 0xf8cc93d6u);
  CHECK_EQ(mulh(2, INT_MIN_BITS), 0xffffffffu);

  /* rs1 signed, rs2 unsigned. */
  CHECK_EQ(mulhsu(INT_MIN_BITS, INT_MIN_BITS), 0xc0000000u);
  CHECK_EQ(mulhsu(0xffffffffu, 0xffffffffu), 0xffffffffu);
  CHECK_EQ(mulhsu(INT_MIN_BITS, 0xffffffffu), INT_MIN_BITS);
  CHECK_EQ(mulhsu(2, INT_MIN_BITS), 1u);
  CHECK_EQ(mulhsu(0x12345678u, 0x9abcdef0u), 0x0b00ea4eu);

  CHECK_EQ(mulhu(0xffffffffu, 0xffffffffu), 0xfffffffeu);
  CHECK_EQ(mulhu(INT_MIN_BITS, 0x7fffffffu), 0x3fffffffu);
  CHECK_EQ(mulhu(2, INT_MIN_BITS), 1u);
  CHECK_EQ(mulhu(0xffffffffu, 1), 0u);
}

static void test_divide(void) {
  /* Signed division truncates toward zero; the remainder takes the dividend's sign. */
  CHECK_EQ(div(7, MINUS(2)), MINUS(3));
  CHECK_EQ(rem(7, MINUS(2)), 1u);
  CHECK_EQ(div(MINUS(7), 2), MINUS(3));
  CHECK_EQ(rem(MINUS(7), 2), MINUS(1));
  CHECK_EQ(div(MINUS(7), MINUS(2)), 3u);
  CHECK_EQ(rem(MINUS(7), MINUS(2)), MINUS(1));
  CHECK_EQ(divu(0xffffffffu, 7), 0x24924924u);
  CHECK_EQ(remu(0xffffffffu, 7), 3u);
  CHECK_EQ(divu(MINUS(7), 2), 0x7ffffffcu);

  CHECK_EQ(div(1234, 0), 0xffffffffu);
  CHECK_EQ(div(MINUS(1234), 0), 0xffffffffu);
  CHECK_EQ(divu(1234, 0), 0xffffffffu);
  CHECK_EQ(rem(MINUS(1234), 0), MINUS(1234));
  CHECK_EQ(remu(1234, 0), 1234u);

  CHECK_EQ(div(INT_MIN_BITS, MINUS(1)), INT_MIN_BITS);
  CHECK_EQ(rem(INT_MIN_BITS, MINUS(1)), 0u);
  CHECK_EQ(divu(INT_MIN_BITS, MINUS(1)), 0u);
  CHECK_EQ(remu(INT_MIN_BITS, MINUS(1)), INT_MIN_BITS);
}

int main(void) {
  test_multiply();
  test_divide();
  return 0;
}
