// The instruction set as data: ids, names, formats and match/mask values, generated from
// isa/instructions.def and isa/compressed.def.
#pragma once

#include <cstdint>

namespace tessera::riscv {

enum class Format : uint8_t { R, I, S, B, U, J, SHIFT, CSR, NONE };

enum class Op : uint16_t {
#define INSN(name, match, mask, fmt) name,
#include "isa/instructions.def"
#undef INSN
  illegal,
  count
};

enum class CompressedOp : uint16_t {
#define CINSN(name, match, mask, base) name,
#include "isa/compressed.def"
#undef CINSN
  none,
  count
};

struct InsnInfo {
  const char* name;  // assembler mnemonic, e.g. "fence.i"
  uint32_t match;
  uint32_t mask;
  Format format;
};

struct CompressedInfo {
  const char* name;  // e.g. "c.addi4spn"
  uint16_t match;
  uint16_t mask;
  Op base;  // the base instruction it expands to
};

const InsnInfo& info(Op op);
const CompressedInfo& info(CompressedOp op);

namespace match {
#define INSN(name, m, mask, fmt) constexpr uint32_t name = m;
#include "isa/instructions.def"
#undef INSN
}  // namespace match

}  // namespace tessera::riscv
