// FuzzChip: a small chip built from the real TLM blocks, for the fuzz targets that drive
// register files and memories (iss, mmio).
//
//   control bus at mesh node (0,0): CLINT, PLIC, UART (output discarded), system controller,
//     host interface (its DMA reaches kHostBytes of host memory at kHostAddress, and the bus);
//     tile and DRAM addresses go on into the mesh, as in the Soc.
//   2x1 mesh: tile t's scratchpad at node (t,0); DRAM's channels at node (1,0); the control
//     cluster's addresses [0, TESSERA_UNMAPPED_BASE) lead back to the control bus.
//
// The system controller sits behind an ExitLatch: a write to its test-exit register would
// have SimControl stop the SystemC kernel for good (sc_stop), so the latch answers it itself
// and records it (exited()) instead.
//
// There are no harts. Two initiator sockets stand where cores would: `control_port` into the
// control bus (hart 0's path) and `tile_port` into the mesh at node (1,0) (a tile core's path
// past its tile bus). Every hart's interrupt lines (CLINT, PLIC context) go to `on_interrupt`.
//
// SystemC elaborates once per process, so the chip is built once (instance()) and reset()
// between inputs: it lets a started host DMA finish, writes every peripheral register back to
// its reset value through the register files themselves, drops MSIs nobody collected, and
// forgets the test exit. Memory contents, the doorbell count and the timing models' bookings
// are not reset: a target clears what memory it depends on.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <vector>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>

#include "bus/bus.h"
#include "common/sim_control.h"
#include "dram/dram.h"
#include "host/host_interface.h"
#include "noc/mesh.h"
#include "periph/clint.h"
#include "periph/plic.h"
#include "periph/sysctrl.h"
#include "periph/uart.h"
#include "riscv/trap.h"
#include "sram/scratchpad.h"

namespace tessera::fuzz {

class FuzzChip : public sc_core::sc_module {
 public:
  static constexpr unsigned kTiles = 2, kHarts = 1 + kTiles;
  static constexpr uint32_t kSramBytes = 16 * 1024, kDramBytes = 256 * 1024;
  static constexpr uint64_t kHostAddress = 0x100000000ull;
  static constexpr uint32_t kHostBytes = 64 * 1024;
  static const sc_core::sc_time kClock;

  // The one chip of this process, elaborated on first use.
  static FuzzChip& instance();

  tlm_utils::simple_initiator_socket<FuzzChip> control_port, tile_port;
  // Interrupt lines (MSIP, MTIP, MEIP) of each hart.
  std::function<void(unsigned hart, riscv::Interrupt, bool level)> on_interrupt;
  // DMI invalidations reaching either port.
  std::function<void(uint64_t start, uint64_t end)> on_invalidate;

  void reset();
  // Whether the test-exit register was written since the last reset().
  bool exited() const;
  // Writes memory through debug transport; false if no target covers all of it.
  bool load(uint32_t base, const void* data, uint32_t size);
  bool clear(uint32_t base, uint32_t size);
  uint64_t mtime_at(const sc_core::sc_time& t) const { return clint_->mtime_at(t); }

 private:
  explicit FuzzChip(sc_core::sc_module_name name);
  void invalidate(sc_dt::uint64 start, sc_dt::uint64 end);
  // A debug access to a register; its side effects (a PLIC claim) are the point.
  uint32_t debug(bool write, uint32_t address, uint64_t value, unsigned len);

  class ExitLatch;

  SimControl control_;
  std::ostream discard_{nullptr};  // a stream without a buffer drops what is written
  std::unique_ptr<Mesh> mesh_;
  std::unique_ptr<Bus> bus_;
  std::unique_ptr<Clint> clint_;
  std::unique_ptr<Plic> plic_;
  std::unique_ptr<Uart> uart_;
  std::unique_ptr<SysCtrl> sysctrl_;
  std::unique_ptr<ExitLatch> exit_latch_;
  std::unique_ptr<HostInterface> host_;
  std::vector<uint8_t> host_memory_;
  std::unique_ptr<Scratchpad> sram_[kTiles];
  std::unique_ptr<Dram> dram_;
};

}  // namespace tessera::fuzz
