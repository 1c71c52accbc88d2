#include <array>
#include <vector>

#include "compressed.h"
#include "core.h"
#include "exec/handlers.h"
#include "isa/encoding.h"

namespace tessera::riscv {
namespace {

constexpr ExecFn kHandlers[] = {
#define INSN(name, match, mask, fmt) exec::exec_##name,
#include "isa/instructions.def"
#undef INSN
    exec::exec_illegal};

// The rows of the table that can match, per major opcode (bits 6:0), in table order.
const std::array<std::vector<Op>, 128> kByOpcode = [] {
  std::array<std::vector<Op>, 128> buckets;
  for (size_t i = 0; i < static_cast<size_t>(Op::illegal); ++i) {
    const Op op = static_cast<Op>(i);
    buckets[info(op).match & 0x7f].push_back(op);
  }
  return buckets;
}();

Op lookup(uint32_t bits) {
  for (Op op : kByOpcode[bits & 0x7f]) {
    const InsnInfo& row = info(op);
    if ((bits & row.mask) == row.match) return op;
  }
  return Op::illegal;
}

uint8_t dest(uint32_t bits) {
  const unsigned rd = enc::rd(bits);
  return static_cast<uint8_t>(rd == 0 ? Core::kSinkReg : rd);
}

}  // namespace

void decode(uint32_t bits, DecodedInsn& d) {
  d.raw = bits;
  d.length = 4;
  d.compressed = CompressedOp::none;
  if ((bits & 3) != 3) {
    const Expansion e = expand_compressed(static_cast<uint16_t>(bits));
    d.raw = bits & 0xffff;
    d.length = 2;
    d.compressed = e.op;
    bits = e.insn;  // 0 is illegal: its low bits are not 0b11
  }
  d.op = (bits & 3) == 3 ? lookup(bits) : Op::illegal;
  d.exec = kHandlers[static_cast<size_t>(d.op)];
  d.rd = d.rs1 = d.rs2 = 0;
  d.imm = 0;
  switch (info(d.op).format) {
    case Format::R:
      d.rd = dest(bits), d.rs1 = enc::rs1(bits), d.rs2 = enc::rs2(bits);
      break;
    case Format::I:
      d.rd = dest(bits), d.rs1 = enc::rs1(bits), d.imm = enc::imm_i(bits);
      break;
    case Format::SHIFT:
      d.rd = dest(bits), d.rs1 = enc::rs1(bits), d.imm = static_cast<int32_t>(enc::rs2(bits));
      break;
    case Format::CSR:
      d.rd = dest(bits), d.rs1 = enc::rs1(bits), d.imm = static_cast<int32_t>(bits >> 20);
      break;
    case Format::S:
      d.rs1 = enc::rs1(bits), d.rs2 = enc::rs2(bits), d.imm = enc::imm_s(bits);
      break;
    case Format::B:
      d.rs1 = enc::rs1(bits), d.rs2 = enc::rs2(bits), d.imm = enc::imm_b(bits);
      break;
    case Format::U:
      d.rd = dest(bits), d.imm = enc::imm_u(bits);
      break;
    case Format::J:
      d.rd = dest(bits), d.imm = enc::imm_j(bits);
      break;
    case Format::NONE:
      break;
  }
}

}  // namespace tessera::riscv
