// Exception and interrupt causes (privileged spec, mcause values) and the Trap an instruction
// raises. Instructions throw Trap; the core's run loop catches it and enters the handler.
#pragma once

#include <cstdint>

namespace tessera::riscv {

enum Cause : uint32_t {
  kInsnAccessFault = 1,
  kIllegalInsn = 2,
  kBreakpoint = 3,
  kLoadMisaligned = 4,
  kLoadAccessFault = 5,
  kStoreMisaligned = 6,
  kStoreAccessFault = 7,
  kEcallFromM = 11,
};

constexpr uint32_t kInterruptBit = 0x80000000u;
enum Interrupt : uint32_t { kMachineSoftware = 3, kMachineTimer = 7, kMachineExternal = 11 };
constexpr uint32_t irq_mask(Interrupt i) {
  return 1u << i;
}

struct Trap {
  uint32_t cause;
  uint32_t tval;
};

}  // namespace tessera::riscv
