// The disassembler: one decoded instruction as text, driven by the instruction table (the
// mnemonic and operand format of its row, isa/instructions.def and isa/compressed.def).
//
// The syntax is `objdump -M no-aliases` (binutils), so the two can be compared:
//   addi a0, a0, 1         lw a5, 8(sp)           csrrw zero, mscratch, t0
//   slli a0, a0, 0x3       lui a0, 0x80000        beq a0, zero, 0x80000010
//   lr.w.aq a0, (a1)       fence iorw, iorw       c.addi a0, 1
// with these choices:
// - no pseudo-instructions (no li, mv, ret, csrr): what you read is the encoded instruction;
// - ABI register names (x8 is s0); CSRs by name when the core implements them, else in hex;
// - ", " between operands (objdump writes ","), and branch and jump targets as absolute
//   addresses in hex (objdump adds the symbol);
// - a compressed instruction prints as its c.* form with that form's operands
//   (c.addi a0, 1), not as the base instruction it expands to;
// - an unknown or reserved encoding prints as data: .word 0x0000007f, .short 0x1001;
// - fence's pause hint (Zihintpause) prints as pause.
#pragma once

#include <string>

#include "decoded_insn.h"

namespace tessera::riscv {

// `d` as the table decoded it; branch targets come from d.pc.
std::string disassemble(const DecodedInsn& d);

// x0..x31 by ABI name ("zero", "ra", ..., "t6"); the x0 sink (Core::kSinkReg) is "zero".
const char* abi_name(unsigned reg);

}  // namespace tessera::riscv
