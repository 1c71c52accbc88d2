// The machine-mode CSR file.
#include "core.h"
#include "csr.h"

namespace tessera::riscv {
namespace {

constexpr uint32_t kMisa = (1u << 30) | (1u << ('I' - 'A')) | (1u << ('M' - 'A')) |
                           (1u << ('A' - 'A')) | (1u << ('C' - 'A'));
constexpr uint32_t kInterruptBits =
    irq_mask(kMachineSoftware) | irq_mask(kMachineTimer) | irq_mask(kMachineExternal);
constexpr uint32_t lo(uint64_t v) {
  return static_cast<uint32_t>(v);
}
constexpr uint32_t hi(uint64_t v) {
  return static_cast<uint32_t>(v >> 32);
}
constexpr uint64_t with_lo(uint64_t v, uint32_t l) {
  return (v & ~0xffffffffull) | l;
}
constexpr uint64_t with_hi(uint64_t v, uint32_t h) {
  return (v & 0xffffffffull) | (uint64_t{h} << 32);
}
bool is_hpm_counter(uint32_t csr) {
  return (csr >= csr::mhpmcounter3 && csr <= csr::mhpmcounter31) ||
         (csr >= csr::mhpmcounter3h && csr <= csr::mhpmcounter31h) ||
         (csr >= csr::mhpmevent3 && csr <= csr::mhpmevent31) ||
         (csr >= csr::hpmcounter3 && csr <= csr::hpmcounter31) ||
         (csr >= csr::hpmcounter3h && csr <= csr::hpmcounter31h);
}

}  // namespace

uint32_t Core::csr_read(uint32_t csr) {
  const uint64_t mcycle = cycles() + static_cast<uint64_t>(cycle_offset_);
  const uint64_t minstret = retired_ + static_cast<uint64_t>(instret_offset_);
  switch (csr) {
    case csr::mstatus:
      return mstatus_;
    case csr::mstatush:
      return 0;
    case csr::misa:
      return kMisa;
    case csr::mie:
      return mie_;
    case csr::mip:
      return mip_;
    case csr::mtvec:
      return mtvec_;
    case csr::mscratch:
      return mscratch_;
    case csr::mepc:
      return mepc_;
    case csr::mcause:
      return mcause_;
    case csr::mtval:
      return mtval_;
    case csr::mcountinhibit:
      return 0;
    case csr::mvendorid:
    case csr::marchid:
    case csr::mimpid:
    case csr::mconfigptr:
      return 0;
    case csr::mhartid:
      return config_.hart_id;
    case csr::mcycle:
    case csr::cycle:
      return lo(mcycle);
    case csr::mcycleh:
    case csr::cycleh:
      return hi(mcycle);
    case csr::minstret:
    case csr::instret:
      return lo(minstret);
    case csr::minstreth:
    case csr::instreth:
      return hi(minstret);
    case csr::time:
      return lo(bus_.read_time(cycles() - batch_start_cycles_));
    case csr::timeh:
      return hi(bus_.read_time(cycles() - batch_start_cycles_));
    default:
      if (is_hpm_counter(csr)) return 0;  // no hardware performance monitors
      throw Trap{kIllegalInsn, 0};
  }
}

void Core::csr_write(uint32_t csr, uint32_t value) {
  if ((csr >> 10) == 3) throw Trap{kIllegalInsn, 0};  // read-only by its number
  // A counter write lands after the writing instruction, which therefore does not count itself.
  const uint64_t mcycle = cycles() + static_cast<uint64_t>(cycle_offset_) + 1;
  const uint64_t minstret = retired_ + static_cast<uint64_t>(instret_offset_) + 1;
  switch (csr) {
    case csr::mstatus:
      mstatus_ = (value & (kMstatusMie | kMstatusMpie)) | kMstatusMpp;
      break;
    case csr::mie:
      mie_ = value & kInterruptBits;
      break;
    case csr::mtvec:
      mtvec_ = value & ~2u;  // modes 0 (direct) and 1 (vectored)
      break;
    case csr::mscratch:
      mscratch_ = value;
      break;
    case csr::mepc:
      mepc_ = value & ~1u;
      break;
    case csr::mcause:
      mcause_ = value;
      break;
    case csr::mtval:
      mtval_ = value;
      break;
    case csr::mcycle:
      cycle_offset_ += static_cast<int64_t>(with_lo(mcycle, value) - mcycle);
      break;
    case csr::mcycleh:
      cycle_offset_ += static_cast<int64_t>(with_hi(mcycle, value) - mcycle);
      break;
    case csr::minstret:
      instret_offset_ += static_cast<int64_t>(with_lo(minstret, value) - minstret);
      break;
    case csr::minstreth:
      instret_offset_ += static_cast<int64_t>(with_hi(minstret, value) - minstret);
      break;
    case csr::misa:           // WARL, fixed
    case csr::mstatush:       // little-endian M mode only
    case csr::mip:            // MSIP/MTIP/MEIP are driven by the CLINT and PLIC
    case csr::mcountinhibit:  // counters always run
      break;
    default:
      if (is_hpm_counter(csr)) break;
      throw Trap{kIllegalInsn, 0};
  }
  if (interrupt_pending()) end_batch();
}

}  // namespace tessera::riscv
