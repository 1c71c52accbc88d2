#include "disasm.h"

#include <cstdio>
#include <initializer_list>

#include "core.h"
#include "csr.h"

namespace tessera::riscv {
namespace {

// Major opcodes whose operands print differently from the rest of their format.
constexpr uint32_t kOpcodeLoad = 0x03, kOpcodeJalr = 0x67;
constexpr uint32_t kOpcodeAmo = 0x2f;
constexpr uint32_t kRs2Field = 0x1f << 20;
constexpr uint32_t kCsrImmediateForm = 4 << 12;  // funct3 bit 2: csrrwi, csrrsi, csrrci
constexpr uint32_t kPause = 0x0100000f;          // fence w, 0
constexpr uint32_t kFenceTso = 0x8330000f;       // fence with fm = TSO, rw, rw

std::string hex(uint32_t v) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%x", v);
  return text;
}

std::string join(std::initializer_list<std::string> operands) {
  std::string out;
  for (const std::string& o : operands) out += (out.empty() ? "" : ", ") + o;
  return out;
}

std::string reg(unsigned r) {
  return abi_name(r);
}
std::string imm(const DecodedInsn& d) {
  return std::to_string(d.imm);
}
std::string upper_imm(const DecodedInsn& d) {
  return hex(static_cast<uint32_t>(d.imm) >> 12);
}
std::string target(const DecodedInsn& d) {
  return hex(d.pc + static_cast<uint32_t>(d.imm));
}
std::string memory(const DecodedInsn& d) {
  return imm(d) + "(" + reg(d.rs1) + ")";
}
std::string csr_operand(const DecodedInsn& d) {
  const std::string name = csr::name(static_cast<uint32_t>(d.imm));
  return name.empty() ? hex(static_cast<uint32_t>(d.imm)) : name;
}

// A fence's predecessor or successor set, as objdump prints it.
std::string fence_set(uint32_t set) {
  std::string out;
  for (unsigned bit = 0; bit < 4; ++bit)
    if (set & (8u >> bit)) out += "iorw"[bit];
  return out.empty() ? "unknown" : out;
}

std::string amo_suffix(uint32_t raw) {
  const bool aq = raw & (1u << 26), rl = raw & (1u << 25);
  return aq && rl ? ".aqrl" : aq ? ".aq" : rl ? ".rl" : "";
}

// The operands of a 32-bit instruction, by its row's format.
std::string base_operands(const DecodedInsn& d) {
  const InsnInfo& row = info(d.op);
  const uint32_t opcode = row.match & 0x7f;
  switch (row.format) {
    case Format::R:
      if (opcode != kOpcodeAmo) return join({reg(d.rd), reg(d.rs1), reg(d.rs2)});
      if (row.mask & kRs2Field) return join({reg(d.rd), "(" + reg(d.rs1) + ")"});  // lr.w
      return join({reg(d.rd), reg(d.rs2), "(" + reg(d.rs1) + ")"});
    case Format::I:
      if (opcode == kOpcodeLoad || opcode == kOpcodeJalr) return join({reg(d.rd), memory(d)});
      return join({reg(d.rd), reg(d.rs1), imm(d)});
    case Format::SHIFT:
      return join({reg(d.rd), reg(d.rs1), hex(static_cast<uint32_t>(d.imm))});
    case Format::CSR:
      return join({reg(d.rd), csr_operand(d),
                   row.match & kCsrImmediateForm ? std::to_string(d.rs1) : reg(d.rs1)});
    case Format::S:
      return join({reg(d.rs2), memory(d)});
    case Format::B:
      return join({reg(d.rs1), reg(d.rs2), target(d)});
    case Format::U:
      return join({reg(d.rd), upper_imm(d)});
    case Format::J:
      return join({reg(d.rd), target(d)});
    case Format::NONE:
      if (d.op != Op::fence) return "";
      return join({fence_set((d.raw >> 24) & 15), fence_set((d.raw >> 20) & 15)});
  }
  return "";
}

// The operands of a compressed form: its base instruction's, less those the form implies (a
// destination that is also the first source, x0, ra, a zero offset).
std::string compressed_operands(const DecodedInsn& d) {
  const InsnInfo& row = info(d.op);
  const uint32_t opcode = row.match & 0x7f;
  switch (row.format) {
    case Format::R:
      return join({reg(d.rd), reg(d.rs2)});
    case Format::I:
      if (opcode == kOpcodeLoad) return join({reg(d.rd), memory(d)});
      if (opcode == kOpcodeJalr) return reg(d.rs1);
      // c.addi4spn is the one form that names its source (sp).
      if (d.compressed == CompressedOp::c_addi4spn) return join({reg(d.rd), reg(d.rs1), imm(d)});
      return join({reg(d.rd), imm(d)});
    case Format::SHIFT:
      return join({reg(d.rd), hex(static_cast<uint32_t>(d.imm))});
    case Format::B:
      return join({reg(d.rs1), target(d)});
    case Format::J:
      return target(d);
    default:  // S, U, NONE: as the base instruction
      return base_operands(d);
  }
}

std::string mnemonic(const DecodedInsn& d) {
  if (d.compressed != CompressedOp::none) return info(d.compressed).name;
  const InsnInfo& row = info(d.op);
  if ((row.match & 0x7f) == kOpcodeAmo) return row.name + amo_suffix(d.raw);
  return row.name;
}

}  // namespace

const char* abi_name(unsigned reg) {
  static constexpr const char* kNames[32] = {"zero", "ra", "sp",  "gp",  "tp", "t0", "t1", "t2",
                                             "s0",   "s1", "a0",  "a1",  "a2", "a3", "a4", "a5",
                                             "a6",   "a7", "s2",  "s3",  "s4", "s5", "s6", "s7",
                                             "s8",   "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
  return reg == Core::kSinkReg ? kNames[0] : kNames[reg & 31];
}

std::string disassemble(const DecodedInsn& d) {
  if (d.op == Op::illegal) return (d.length == 2 ? ".2byte " : ".4byte ") + hex(d.raw);
  if (d.raw == kPause) return "pause";
  if (d.raw == kFenceTso) return "fence.tso";
  const std::string operands =
      d.compressed != CompressedOp::none ? compressed_operands(d) : base_operands(d);
  return operands.empty() ? mnemonic(d) : mnemonic(d) + " " + operands;
}

}  // namespace tessera::riscv
