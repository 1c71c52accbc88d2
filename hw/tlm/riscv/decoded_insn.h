// One entry of the decoded-instruction cache: what the run loop needs to execute an
// instruction without looking at its bits again.
#pragma once

#include <cstdint>

#include "isa.h"

namespace tessera::riscv {

class Core;
struct DecodedInsn;
// Executes the instruction and returns the pc of the next one.
using ExecFn = uint32_t (*)(Core&, const DecodedInsn&);

struct DecodedInsn {
  static constexpr uint32_t kEmpty = 1;  // odd: never a pc
  uint32_t pc = kEmpty;
  ExecFn exec = nullptr;
  int32_t imm = 0;  // immediate, shift amount, or CSR number
  uint8_t rd = 0, rs1 = 0, rs2 = 0;
  uint8_t length = 4;  // 2 for a compressed instruction
  Op op = Op::illegal;
  CompressedOp compressed = CompressedOp::none;
  uint32_t raw = 0;  // the instruction bits as fetched (16 of them when compressed)
};

// Decodes the instruction bits (a 16-bit form in the low half when (bits & 3) != 3) into `d`,
// leaving d.pc alone. Unknown and reserved encodings decode to Op::illegal.
void decode(uint32_t bits, DecodedInsn& d);

}  // namespace tessera::riscv
