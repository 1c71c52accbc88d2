// RV32C: the 16-bit forms and their expansion into base instructions.
#pragma once

#include <cstdint>

#include "isa.h"

namespace tessera::riscv {

struct Expansion {
  CompressedOp op = CompressedOp::none;
  uint32_t insn = 0;  // the base encoding; 0 when the form is reserved or unknown
};

Expansion expand_compressed(uint16_t bits);

}  // namespace tessera::riscv
