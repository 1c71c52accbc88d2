// Fuzz target `iss`: the instruction-set simulator running arbitrary code against the real
// register files and memories of a FuzzChip.
//
// Input: one flags byte, then the image, copied to the start of DRAM: the reset pc and the
// trap vector of every hart, so a trap restarts the image with mcause and mepc telling why.
//   flags bit 0: no DMI, every access takes the TLM path (bus, mesh, the targets' timing);
//   flags bit 1: a second hart (mhartid 1) runs the same image through the mesh port, sharing
//                LR/SC reservations with hart 0.
// The harts take turns of kTurnCycles, SystemC time advancing after each round so that CLINT
// timers fire; when every hart sleeps in wfi, time jumps to the next event. A hart stops at
// kMaxCycles (time asleep included) or when a whole turn retires no instruction: it is caught
// in a trap loop, the usual fate of random code. An input ends when every hart has stopped,
// when the test-exit register is written, or when nothing can wake a sleeping hart.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "common/data_access.h"
#include "fuzz_chip.h"
#include "fuzz_input.h"
#include "riscv/bus_port.h"
#include "riscv/core.h"
#include "riscv/csr.h"
#include "riscv/reservations.h"
#include "tessera/hw/memory_map.h"

namespace tessera::fuzz {
namespace {

constexpr uint64_t kMaxCycles = 10000;
constexpr uint64_t kTurnCycles = 500;
constexpr unsigned kMaxRounds = 1000;  // a backstop: every round should use up cycles

using Socket = tlm_utils::simple_initiator_socket<FuzzChip>;

// A hart without SystemC: its Core's bus accesses become b_transport and DMI requests on one
// of the chip's initiator sockets, issued at the kernel time plus the hart's offset.
class FuzzHart : public riscv::BusPort {
 public:
  FuzzHart(FuzzChip& chip, Socket& socket, bool dmi, const riscv::CoreConfig& config)
      : chip_(chip), socket_(socket), dmi_(dmi), core_(config, *this) {}

  riscv::Core& core() { return core_; }
  bool done() const { return stuck_ || core_.cycles() >= kMaxCycles; }
  bool asleep() const { return !done() && core_.waiting_for_interrupt(); }
  bool can_run() const { return !done() && !core_.waiting_for_interrupt(); }

  void take_turn() {
    const uint64_t retired = core_.instret();
    core_.run(std::min(kTurnCycles, kMaxCycles - core_.cycles()));
    stuck_ = core_.instret() == retired && !core_.waiting_for_interrupt();
  }

  bool transport(bool write, uint32_t addr, void* data, unsigned len, uint64_t offset_cycles,
                 uint64_t& latency_cycles) override {
    tlm::tlm_generic_payload p;
    tessera::set_data_access(p, write, addr, data, len);
    const sc_core::sc_time issued = FuzzChip::kClock * static_cast<double>(offset_cycles);
    sc_core::sc_time delay = issued;
    socket_->b_transport(p, delay);
    latency_cycles += static_cast<uint64_t>((delay - issued) / FuzzChip::kClock);
    if (chip_.exited()) core_.end_batch();
    return p.is_response_ok();
  }

  riscv::DmiGrant request_dmi(uint32_t addr, bool write) override {
    if (!dmi_) return {};
    tlm::tlm_generic_payload p;
    p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    p.set_address(addr);
    tlm::tlm_dmi dmi;
    if (!socket_->get_direct_mem_ptr(p, dmi)) return {};
    if (write ? !dmi.is_write_allowed() : !dmi.is_read_allowed()) return {};
    const uint64_t start = dmi.get_start_address(), end = dmi.get_end_address();
    if (end > 0xffffffffull || end < start) return {};
    return {static_cast<uint32_t>(start), static_cast<uint32_t>(end - start + 1), dmi.get_dmi_ptr(),
            dmi.is_write_allowed()};
  }

  uint64_t read_time(uint64_t offset_cycles) override {
    return chip_.mtime_at(sc_core::sc_time_stamp() +
                          FuzzChip::kClock * static_cast<double>(offset_cycles));
  }

 private:
  FuzzChip& chip_;
  Socket& socket_;
  bool dmi_;
  riscv::Core core_;
  bool stuck_ = false;
};

void run(FuzzInput in) {
  FuzzChip& chip = FuzzChip::instance();
  const auto flags = in.take<uint8_t>();
  const bool dmi = !(flags & 1);
  const unsigned harts = (flags & 2) ? 2 : 1;

  chip.reset();
  chip.clear(TESSERA_DRAM_BASE, FuzzChip::kDramBytes);
  for (unsigned t = 0; t < FuzzChip::kTiles; ++t)
    chip.clear(TESSERA_TILE_ADDR(t), FuzzChip::kSramBytes);
  chip.load(TESSERA_DRAM_BASE, in.data(),
            static_cast<uint32_t>(std::min<size_t>(in.size(), FuzzChip::kDramBytes)));

  riscv::Reservations reservations(harts);
  std::vector<std::unique_ptr<FuzzHart>> hart;
  for (unsigned h = 0; h < harts; ++h) {
    riscv::CoreConfig config;
    config.hart_id = h;
    config.reservations = &reservations;
    config.reset_pc = TESSERA_DRAM_BASE;
    config.decode_cache_entries = 1024;
    config.timing.div_extra_cycles = 32;  // the chip's default: divides take the stall path
    hart.push_back(
        std::make_unique<FuzzHart>(chip, h == 0 ? chip.control_port : chip.tile_port, dmi, config));
    hart.back()->core().csr_write(riscv::csr::mtvec, TESSERA_DRAM_BASE);
  }
  chip.on_interrupt = [&](unsigned h, riscv::Interrupt irq, bool level) {
    if (h < hart.size()) hart[h]->core().set_interrupt(irq, level);
  };
  chip.on_invalidate = [&](uint64_t start, uint64_t end) {
    for (auto& h : hart)
      h->core().invalidate_dmi(static_cast<uint32_t>(std::min<uint64_t>(start, 0xffffffffu)),
                               static_cast<uint32_t>(std::min<uint64_t>(end, 0xffffffffu)));
  };

  for (unsigned round = 0; round < kMaxRounds && !chip.exited(); ++round) {
    bool ran = false;
    for (auto& h : hart) {
      if (!h->can_run() || chip.exited()) continue;
      h->take_turn();
      ran = true;
    }
    sc_core::sc_time step = FuzzChip::kClock * static_cast<double>(kTurnCycles);
    if (!ran) {
      // Only a pending event (a CLINT timer) can wake a sleeping hart.
      const bool sleeping =
          std::any_of(hart.begin(), hart.end(), [](auto& h) { return h->asleep(); });
      if (!sleeping || !sc_core::sc_pending_activity_at_future_time()) break;
      step = sc_core::sc_time_to_pending_activity();
    }
    sc_core::sc_start(step);
    for (auto& h : hart)
      if (h->asleep()) h->core().add_idle_cycles(static_cast<uint64_t>(step / FuzzChip::kClock));
  }
  chip.on_interrupt = nullptr;
  chip.on_invalidate = nullptr;
}

}  // namespace
}  // namespace tessera::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tessera::fuzz::run(tessera::fuzz::FuzzInput(data, size));
  return 0;
}
