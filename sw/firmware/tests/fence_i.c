/* Zifencei: code written as data runs as written once fence.i has executed, also when the
 * same address has run (and may have been cached or pre-decoded) before. */
#include <stdint.h>

#include "fw/check.h"

#define REG_A0 10u
#define OPCODE_OP_IMM 0x13u
#define INSN_RET 0x00008067u /* jalr x0, 0(ra) */

static uint32_t code[2] __attribute__((aligned(4)));

static uint32_t encode_li_a0(uint32_t imm12) {
  return imm12 << 20 | REG_A0 << 7 | OPCODE_OP_IMM;
}

static uint32_t run(void) {
  uint32_t (*function)(void) = (uint32_t(*)(void))(uintptr_t)code;
  return function();
}

int main(void) {
  code[1] = INSN_RET;
  for (uint32_t value = 1; value <= 5; value++) {
    code[0] = encode_li_a0(value * 100);
    __asm__ volatile("fence.i" ::: "memory");
    /* Several calls, so that whatever the simulator caches about this address is warm. */
    for (int call = 0; call < 3; call++) CHECK_EQ(run(), value * 100);
  }
  return 0;
}
