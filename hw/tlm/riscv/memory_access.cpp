#include "memory_access.h"

#include "core.h"

namespace tessera::riscv {
namespace {

constexpr uint32_t kOpcodeLoad = 0x03, kOpcodeStore = 0x23, kOpcodeAmo = 0x2f;

// funct3 bits 1:0 of a load or store: log2 of its size.
uint32_t access_size(Op op) {
  return 1u << ((info(op).match >> 12) & 3);
}

}  // namespace

MemoryAccess memory_access(const Core& core, const DecodedInsn& d) {
  const uint32_t base = core.reg(d.rs1);
  const uint32_t offset = static_cast<uint32_t>(d.imm);
  switch (info(d.op).match & 0x7f) {
    case kOpcodeLoad:
      return {base + offset, access_size(d.op), true, false};
    case kOpcodeStore:
      return {base + offset, access_size(d.op), false, true};
    case kOpcodeAmo:
      return {base, 4, d.op != Op::sc_w, d.op != Op::lr_w};
    default:
      return {};
  }
}

}  // namespace tessera::riscv
