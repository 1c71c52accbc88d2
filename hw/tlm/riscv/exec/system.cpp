// Zicsr, Zifencei and the machine-mode privileged instructions.
#include "handlers.h"

namespace tessera::riscv::exec {
namespace {

// A missing or read-only CSR is an illegal instruction; mtval carries the instruction bits.
template <typename Access>
uint32_t with_insn_bits_on_fault(const DecodedInsn& d, Access access) {
  try {
    return access();
  } catch (Trap& trap) {
    if (trap.cause == kIllegalInsn) trap.tval = d.raw;
    throw;
  }
}

// csrrw/csrrwi with rd = x0 must not read the CSR; csrrs/csrrc with a zero source must not
// write it (so read-only CSRs can be read with them).
template <typename Update>
uint32_t csr_op(Core& c, const DecodedInsn& d, uint32_t operand, bool writes, Update update) {
  return with_insn_bits_on_fault(d, [&] {
    const uint32_t csr = static_cast<uint32_t>(d.imm);
    const uint32_t old = c.csr_read(csr);
    if (writes) c.csr_write(csr, update(old, operand));
    c.x_[d.rd] = old;
    return next_pc(d);
  });
}
uint32_t csr_swap(Core& c, const DecodedInsn& d, uint32_t operand) {
  return with_insn_bits_on_fault(d, [&] {
    const uint32_t csr = static_cast<uint32_t>(d.imm);
    if (d.rd == Core::kSinkReg) {
      c.csr_write(csr, operand);
    } else {
      const uint32_t old = c.csr_read(csr);
      c.csr_write(csr, operand);
      c.x_[d.rd] = old;
    }
    return next_pc(d);
  });
}
uint32_t set_bits(uint32_t old, uint32_t v) {
  return old | v;
}
uint32_t clear_bits(uint32_t old, uint32_t v) {
  return old & ~v;
}

}  // namespace

uint32_t exec_csrrw(Core& c, const DecodedInsn& d) {
  return csr_swap(c, d, c.x_[d.rs1]);
}
uint32_t exec_csrrs(Core& c, const DecodedInsn& d) {
  return csr_op(c, d, c.x_[d.rs1], d.rs1 != 0, set_bits);
}
uint32_t exec_csrrc(Core& c, const DecodedInsn& d) {
  return csr_op(c, d, c.x_[d.rs1], d.rs1 != 0, clear_bits);
}
uint32_t exec_csrrwi(Core& c, const DecodedInsn& d) {
  return csr_swap(c, d, d.rs1);
}
uint32_t exec_csrrsi(Core& c, const DecodedInsn& d) {
  return csr_op(c, d, d.rs1, d.rs1 != 0, set_bits);
}
uint32_t exec_csrrci(Core& c, const DecodedInsn& d) {
  return csr_op(c, d, d.rs1, d.rs1 != 0, clear_bits);
}

uint32_t exec_fence_i(Core& c, const DecodedInsn& d) {
  const uint32_t next = next_pc(d);
  c.flush_decode_cache();
  return next;
}
uint32_t exec_trace_begin(Core& c, const DecodedInsn& d) {
  c.trace_marker(true, c.reg(d.rs1));
  return next_pc(d);
}
uint32_t exec_trace_end(Core& c, const DecodedInsn& d) {
  c.trace_marker(false, 0);
  return next_pc(d);
}
uint32_t exec_mret(Core& c, const DecodedInsn&) {
  return c.mret();
}
uint32_t exec_wfi(Core& c, const DecodedInsn& d) {
  c.wait_for_interrupt();
  return next_pc(d);
}

}  // namespace tessera::riscv::exec
