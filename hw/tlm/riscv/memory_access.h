// The data access an instruction is about to make, worked out from its decoded operands and
// the registers before it executes: the trace's "mem" column, the debugger's watchpoints.
#pragma once

#include <cstdint>

#include "decoded_insn.h"

namespace tessera::riscv {

class Core;

struct MemoryAccess {
  uint32_t addr = 0;
  uint32_t size = 0;  // bytes; 0 when the instruction touches no data memory
  bool load = false;
  bool store = false;  // an AMO loads and stores; sc.w stores only if it succeeds
};

MemoryAccess memory_access(const Core& core, const DecodedInsn& d);

}  // namespace tessera::riscv
