#include "isa.h"

#include <array>
#include <string>

namespace tessera::riscv {
namespace {

// Table names are C identifiers too: '_' stands for the mnemonic's '.', and a trailing '_'
// keeps and/or/xor clear of C++'s alternative tokens.
template <size_t N>
std::array<std::string, N> mnemonics(const std::array<const char*, N>& ids) {
  std::array<std::string, N> out;
  for (size_t i = 0; i < N; ++i) {
    out[i] = ids[i];
    if (out[i].back() == '_') out[i].pop_back();
    for (char& c : out[i])
      if (c == '_') c = '.';
  }
  return out;
}

constexpr size_t kOps = static_cast<size_t>(Op::count);
constexpr size_t kCompressedOps = static_cast<size_t>(CompressedOp::count);

const std::array<std::string, kOps>& op_names() {
  static const std::array<std::string, kOps> names = mnemonics<kOps>({
#define INSN(name, match, mask, fmt) #name,
#include "isa/instructions.def"
#undef INSN
      "illegal"});
  return names;
}

const std::array<std::string, kCompressedOps>& compressed_names() {
  static const std::array<std::string, kCompressedOps> names = mnemonics<kCompressedOps>({
#define CINSN(name, match, mask, base) #name,
#include "isa/compressed.def"
#undef CINSN
      "none"});
  return names;
}

// Function-local statics: other translation units' static initialisers (the decoder's
// opcode buckets) read these tables.
const std::array<InsnInfo, kOps>& insns() {
  static const std::array<InsnInfo, kOps> table = [] {
    std::array<InsnInfo, kOps> t{{
#define INSN(name, match, mask, fmt) {nullptr, match, mask, Format::fmt},
#include "isa/instructions.def"
#undef INSN
        {nullptr, 0, 0, Format::NONE}}};
    for (size_t i = 0; i < kOps; ++i) t[i].name = op_names()[i].c_str();
    return t;
  }();
  return table;
}

const std::array<CompressedInfo, kCompressedOps>& compressed() {
  static const std::array<CompressedInfo, kCompressedOps> table = [] {
    std::array<CompressedInfo, kCompressedOps> t{{
#define CINSN(name, match, mask, base) {nullptr, match, mask, Op::base},
#include "isa/compressed.def"
#undef CINSN
        {nullptr, 0, 0, Op::illegal}}};
    for (size_t i = 0; i < kCompressedOps; ++i) t[i].name = compressed_names()[i].c_str();
    return t;
  }();
  return table;
}

}  // namespace

const InsnInfo& info(Op op) {
  return insns()[static_cast<size_t>(op)];
}
const CompressedInfo& info(CompressedOp op) {
  return compressed()[static_cast<size_t>(op)];
}

}  // namespace tessera::riscv
