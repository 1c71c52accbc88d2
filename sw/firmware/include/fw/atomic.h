/* The A extension's instructions as functions, for code that must use one exactly (locks, the
 * SMP runtime, tests) rather than whatever the compiler picks for a __atomic builtin. Every
 * one clobbers "memory", so the compiler neither keeps shared data in registers across it
 * nor moves other accesses over it; the .aq/.rl suffixes order them for the other harts. */
#ifndef FW_ATOMIC_H
#define FW_ATOMIC_H

#include <stdint.h>

/* Each AMO returns the old value of *addr. */
#define FW_DEFINE_AMO(name, insn)                                                           \
  static inline uint32_t name(volatile uint32_t* addr, uint32_t value) {                    \
    uint32_t old;                                                                           \
    __asm__ volatile(insn " %0, %2, (%1)" : "=&r"(old) : "r"(addr), "r"(value) : "memory"); \
    return old;                                                                             \
  }
FW_DEFINE_AMO(amoswap_w, "amoswap.w")
FW_DEFINE_AMO(amoswap_w_aq, "amoswap.w.aq")
FW_DEFINE_AMO(amoswap_w_rl, "amoswap.w.rl")
FW_DEFINE_AMO(amoadd_w, "amoadd.w")
FW_DEFINE_AMO(amoadd_w_aqrl, "amoadd.w.aqrl")
FW_DEFINE_AMO(amoand_w, "amoand.w")
FW_DEFINE_AMO(amoor_w, "amoor.w")
FW_DEFINE_AMO(amoor_w_aqrl, "amoor.w.aqrl")
FW_DEFINE_AMO(amoxor_w, "amoxor.w")
FW_DEFINE_AMO(amomin_w, "amomin.w")
FW_DEFINE_AMO(amomax_w, "amomax.w")
FW_DEFINE_AMO(amominu_w, "amominu.w")
FW_DEFINE_AMO(amomaxu_w, "amomaxu.w")

static inline uint32_t lr_w(volatile uint32_t* addr) {
  uint32_t value;
  __asm__ volatile("lr.w %0, (%1)" : "=r"(value) : "r"(addr) : "memory");
  return value;
}

/* 0 on success. */
static inline uint32_t sc_w(volatile uint32_t* addr, uint32_t value) {
  uint32_t failed;
  __asm__ volatile("sc.w %0, %2, (%1)" : "=&r"(failed) : "r"(addr), "r"(value) : "memory");
  return failed;
}

/* Compare-and-swap: stores desired if *addr == expected; returns the old value. One asm block,
 * so that nothing the compiler adds can sit between the LR and the SC (the spec guarantees
 * progress only for such short, constrained loops). */
static inline uint32_t cas_w(volatile uint32_t* addr, uint32_t expected, uint32_t desired) {
  uint32_t old, failed;
  __asm__ volatile(
      "1: lr.w.aqrl %0, (%2)\n"
      "   bne %0, %3, 2f\n"
      "   sc.w.rl %1, %4, (%2)\n"
      "   bnez %1, 1b\n"
      "2:"
      : "=&r"(old), "=&r"(failed)
      : "r"(addr), "r"(expected), "r"(desired)
      : "memory");
  return old;
}

/* Later loads and stores wait for earlier loads: pairs with a release on another hart. */
static inline void fence_acquire(void) {
  __asm__ volatile("fence r, rw" ::: "memory");
}

/* The hint for a spin-wait iteration: Zihintpause's pause, a FENCE encoding that cores
 * without the extension run as a no-op (spelled as a word: GCC 12's -march here lacks it). */
static inline void cpu_relax(void) {
  __asm__ volatile(".word 0x0100000f" ::: "memory");
}

#endif
