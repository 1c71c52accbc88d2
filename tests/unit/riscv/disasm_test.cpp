// The disassembler against binutils: disasm_reference.txt holds objdump's text for random
// encodings of every table row (regenerate it with disasm_reference.py after a table change).
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "assembler.h"
#include "riscv/core.h"
#include "riscv/disasm.h"

namespace tessera::riscv {
namespace {

namespace rv = testing::rv;

struct Reference {
  uint32_t address;
  uint32_t bits;
  std::string text;
};

std::vector<Reference> LoadReference() {
  std::ifstream in(TESSERA_DISASM_REFERENCE);
  std::vector<Reference> out;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string address, bits;
    fields >> address >> bits >> std::ws;
    std::string text;
    std::getline(fields, text);
    out.push_back({static_cast<uint32_t>(std::stoul(address, nullptr, 16)),
                   static_cast<uint32_t>(std::stoul(bits, nullptr, 16)), text});
  }
  return out;
}

DecodedInsn Decode(uint32_t bits, uint32_t pc = 0x80000000) {
  DecodedInsn d;
  decode(bits, d);
  d.pc = pc;
  return d;
}

TEST(Disassembler, MatchesObjdumpOnTheReference) {
  const std::vector<Reference> reference = LoadReference();
  ASSERT_GT(reference.size(), 400u) << "cannot read " << TESSERA_DISASM_REFERENCE;
  for (const Reference& r : reference)
    EXPECT_EQ(disassemble(Decode(r.bits, r.address)), r.text)
        << std::hex << "bits 0x" << r.bits << " at 0x" << r.address;
}

TEST(Disassembler, ReferenceCoversEveryTableRow) {
  std::set<Op> ops;
  std::set<CompressedOp> compressed;
  for (const Reference& r : LoadReference()) {
    const DecodedInsn d = Decode(r.bits);
    if (d.compressed != CompressedOp::none)
      compressed.insert(d.compressed);
    else
      ops.insert(d.op);
  }
  for (size_t i = 0; i < static_cast<size_t>(Op::count); ++i)
    EXPECT_TRUE(ops.count(static_cast<Op>(i))) << info(static_cast<Op>(i)).name;
  for (size_t i = 0; i < static_cast<size_t>(CompressedOp::none); ++i)
    EXPECT_TRUE(compressed.count(static_cast<CompressedOp>(i)))
        << info(static_cast<CompressedOp>(i)).name;
}

TEST(Disassembler, UsesAbiNamesAndTheCoresCsrNames) {
  EXPECT_EQ(disassemble(Decode(rv::addi(10, 10, 1))), "addi a0, a0, 1");
  EXPECT_EQ(disassemble(Decode(rv::lw(15, 2, 8))), "lw a5, 8(sp)");
  EXPECT_EQ(disassemble(Decode(rv::csrrw(0, 0x340, 5))), "csrrw zero, mscratch, t0");
  EXPECT_EQ(disassemble(Decode(rv::csrrs(10, 0xB05, 0))), "csrrs a0, mhpmcounter5, zero");
  EXPECT_EQ(disassemble(Decode(rv::csrrs(10, 0x7C0, 0))), "csrrs a0, 0x7c0, zero");
  EXPECT_EQ(disassemble(Decode(rv::jal(0, -8), 0x80000010)), "jal zero, 0x80000008");
}

TEST(Disassembler, CompressedFormsPrintTheirOwnOperands) {
  EXPECT_EQ(disassemble(Decode(0x0505)), "c.addi a0, 1");
  EXPECT_EQ(disassemble(Decode(0x8082)), "c.jr ra");
  EXPECT_EQ(disassemble(Decode(0x852e)), "c.mv a0, a1");
  EXPECT_EQ(disassemble(Decode(0x0808)), "c.addi4spn a0, sp, 16");
}

TEST(Disassembler, AbiNamesCoverTheSinkRegister) {
  EXPECT_STREQ(abi_name(0), "zero");
  EXPECT_STREQ(abi_name(8), "s0");
  EXPECT_STREQ(abi_name(31), "t6");
  EXPECT_STREQ(abi_name(Core::kSinkReg), "zero");
}

}  // namespace
}  // namespace tessera::riscv
