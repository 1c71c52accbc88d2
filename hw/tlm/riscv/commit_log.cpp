#include "commit_log.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "core.h"
#include "csr.h"
#include "disasm.h"
#include "exec/amo.h"

namespace tessera::riscv {
namespace {

constexpr int kDisassemblyColumn = 64;

// A line under construction, from the few kinds of field the format has. (printf would be
// most of the trace's cost.)
class Line {
 public:
  Line& text(std::string_view s) {
    for (char c : s) put(c);
    return *this;
  }
  // 0x and `digits` hex digits.
  Line& hex(uint32_t v, int digits) {
    text("0x");
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4)
      put("0123456789abcdef"[(v >> shift) & 15]);
    return *this;
  }
  // Right-aligned in `width` columns (printf's %*u).
  Line& decimal(unsigned v, int width) {
    const std::string digits = std::to_string(v);
    return pad(width - static_cast<int>(digits.size())).text(digits);
  }
  // Left-aligned in `width` columns (printf's %-*u).
  Line& decimal_left(unsigned v, int width) {
    const std::string digits = std::to_string(v);
    return text(digits).pad(width - static_cast<int>(digits.size()));
  }
  Line& pad(int spaces) {
    for (int i = 0; i < spaces; ++i) put(' ');
    return *this;
  }
  int length() const { return length_; }
  void write(std::ostream& out) {
    text_[length_++] = '\n';
    out.write(text_, length_);
  }

 private:
  void put(char c) {
    if (length_ < static_cast<int>(sizeof text_) - 1) text_[length_++] = c;
  }
  char text_[256];
  int length_ = 0;
};

// Spike's names for exceptions (trap_t::name()); interrupts are "interrupt #<cause>".
const char* exception_name(uint32_t cause) {
  switch (cause) {
    case 0:
      return "trap_instruction_address_misaligned";
    case kInsnAccessFault:
      return "trap_instruction_access_fault";
    case kIllegalInsn:
      return "trap_illegal_instruction";
    case kBreakpoint:
      return "trap_breakpoint";
    case kLoadMisaligned:
      return "trap_load_address_misaligned";
    case kLoadAccessFault:
      return "trap_load_access_fault";
    case kStoreMisaligned:
      return "trap_store_address_misaligned";
    case kStoreAccessFault:
      return "trap_store_access_fault";
    case kEcallFromM:
      return "trap_machine_ecall";
    default:
      return nullptr;
  }
}

// The CSR an instruction wrote, or -1: CSR instructions that write (csrrw/csrrwi always,
// the set and clear forms when their source is not zero), and mret (mstatus).
int written_csr(const DecodedInsn& d) {
  if (d.op == Op::mret) return csr::mstatus;
  if (info(d.op).format != Format::CSR) return -1;
  const bool swaps = ((info(d.op).match >> 12) & 3) == 1;
  return swaps || d.rs1 != 0 ? d.imm : -1;
}

}  // namespace

CommitLog::CommitLog(std::ostream& out, const TraceWindow& window, bool disassembly)
    : out_(out), window_(window), disassembly_(disassembly) {}

CommitLog::Pending& CommitLog::pending(const Core& core) {
  if (core.hart_id() >= pending_.size()) pending_.resize(core.hart_id() + 1);
  return pending_[core.hart_id()];
}

void CommitLog::executing(Core& core, const DecodedInsn& d) {
  Pending& p = pending(core);
  p.traced = window_.contains(core.instret(), d.pc);
  if (!p.traced) return;
  p.access = memory_access(core, d);
  p.store_operand = core.reg(d.rs2);
}

void CommitLog::retired(Core& core, const DecodedInsn& d) {
  Pending& p = pending(core);
  if (!p.traced) return;
  p.traced = false;
  Line line;
  line.text("core").decimal(core.hart_id(), 4).text(": 3 ").hex(d.pc, 8).text(" (");
  line.hex(d.raw, d.length * 2).text(")");
  if (d.rd != 0 && d.rd != Core::kSinkReg)
    line.text(" x").decimal_left(d.rd, 2).text(" ").hex(core.reg(d.rd), 8);
  const int csr = written_csr(d);
  if (csr >= 0) {
    const auto number = static_cast<uint32_t>(csr);
    line.text(" c").decimal(number, 0).text("_").text(csr::name(number)).text(" ");
    line.hex(core.csr_read(number), 8);
  }
  if (p.access.load) line.text(" mem ").hex(p.access.addr, 8);
  // The rd of an AMO holds the old value; sc.w's is 0 when it stored. The x0 sink holds them
  // too when rd is x0.
  const uint32_t result = core.x_[d.rd];
  const bool stored = p.access.store && (d.op != Op::sc_w || result == 0);
  if (stored) {
    const uint32_t value = p.access.load ? amo::combine(d.op, result, p.store_operand)
                                         : p.store_operand & (~0u >> (32 - 8 * p.access.size));
    line.text(" mem ").hex(p.access.addr, 8).text(" ");
    line.hex(value, static_cast<int>(p.access.size * 2));
  }
  if (disassembly_)
    line.pad(std::max(1, kDisassemblyColumn - line.length())).text("# ").text(disassemble(d));
  line.write(out_);
}

void CommitLog::trapped(Core& core, const Trap& trap, uint32_t epc) {
  pending(core).traced = false;
  if (!window_.contains(core.instret(), epc)) return;
  const unsigned hart = core.hart_id();
  const bool interrupt = trap.cause & kInterruptBit;
  const char* name = interrupt ? nullptr : exception_name(trap.cause);
  Line line;
  line.text("core").decimal(hart, 4).text(": exception ");
  if (name)
    line.text(name);
  else
    line.text(interrupt ? "interrupt #" : "trap #").decimal(trap.cause & ~kInterruptBit, 0);
  line.text(", epc ").hex(epc, 8).write(out_);
  // Spike shows mtval for every exception but ecall.
  if (interrupt || trap.cause == kEcallFromM) return;
  Line().text("core").decimal(hart, 4).text(":           tval ").hex(trap.tval, 8).write(out_);
}

}  // namespace tessera::riscv
