/* The ABI's fixed registers as values, for tests of what crt0 sets up. */
#ifndef FW_REGS_H
#define FW_REGS_H

#include <stdint.h>

#define FW_DEFINE_REG_READ(reg)                     \
  static inline uintptr_t reg_##reg(void) {         \
    uintptr_t value;                                \
    __asm__ volatile("mv %0, " #reg : "=r"(value)); \
    return value;                                   \
  }
FW_DEFINE_REG_READ(sp)
FW_DEFINE_REG_READ(gp)
FW_DEFINE_REG_READ(tp)

#endif
