// One handler per row of isa/instructions.def: exec_<name>(core, decoded) -> next pc.
#pragma once

#include "../core.h"

namespace tessera::riscv::exec {

#define INSN(name, match, mask, fmt) uint32_t exec_##name(Core& core, const DecodedInsn& d);
#include "../isa/instructions.def"
#undef INSN
uint32_t exec_illegal(Core& core, const DecodedInsn& d);

inline uint32_t next_pc(const DecodedInsn& d) {
  return d.pc + d.length;
}

}  // namespace tessera::riscv::exec
