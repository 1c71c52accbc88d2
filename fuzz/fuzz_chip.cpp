#include "fuzz_chip.h"

#include "common/data_access.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "tessera/hw/clint_regs.h"
#include "tessera/hw/hostif_regs.h"
#include "tessera/hw/memory_map.h"
#include "tessera/hw/plic_regs.h"
#include "tessera/hw/sysctrl_regs.h"
#include "tessera/hw/uart_regs.h"

namespace tessera::fuzz {

using sc_core::sc_time;

const sc_time FuzzChip::kClock(1, sc_core::SC_NS);

namespace {
constexpr unsigned kPlicSources = PLIC_NUM_SOURCES(FuzzChip::kTiles);
constexpr unsigned kPlicWords = (kPlicSources + 31) / 32;
}  // namespace

class FuzzChip::ExitLatch : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<ExitLatch> socket;
  tlm_utils::simple_initiator_socket<ExitLatch> to_sysctrl;
  bool exited = false;

  explicit ExitLatch(sc_core::sc_module_name name)
      : sc_module(name), socket("socket"), to_sysctrl("to_sysctrl") {
    socket.register_b_transport(this, &ExitLatch::b_transport);
    socket.register_transport_dbg(this, &ExitLatch::transport_dbg);
  }

 private:
  bool latch(tlm::tlm_generic_payload& p) {
    if (!p.is_write() || p.get_address() != SYSCTRL_TEST_EXIT || p.get_data_length() != 4)
      return false;
    exited = true;
    p.set_response_status(tlm::TLM_OK_RESPONSE);
    return true;
  }
  void b_transport(tlm::tlm_generic_payload& p, sc_time& delay) {
    if (!latch(p)) to_sysctrl->b_transport(p, delay);
  }
  unsigned transport_dbg(tlm::tlm_generic_payload& p) {
    return latch(p) ? p.get_data_length() : to_sysctrl->transport_dbg(p);
  }
};

FuzzChip& FuzzChip::instance() {
  // Never destroyed: at exit, SystemC's own globals may already be gone.
  static FuzzChip* chip = [] {
    auto* c = new FuzzChip("chip");
    // Targets run the kernel in slices, some with nothing to do: that is no cause for a warning.
    sc_core::sc_report_handler::set_actions(sc_core::SC_ID_NO_SC_START_ACTIVITY_,
                                            sc_core::SC_DO_NOTHING);
    // Registering host memory is a host request, which the kernel serves: make it from a host
    // thread while this one runs delta cycles (the first one elaborates) until it is served.
    std::atomic<bool> registered{false};
    std::thread host([&] {
      c->host_->register_host_memory(kHostAddress, c->host_memory_.data(), kHostBytes);
      registered = true;
    });
    while (!registered) sc_core::sc_start(sc_core::SC_ZERO_TIME);
    host.join();
    return c;
  }();
  return *chip;
}

FuzzChip::FuzzChip(sc_core::sc_module_name name)
    : sc_module(name),
      control_port("control_port"),
      tile_port("tile_port"),
      host_memory_(kHostBytes) {
  const sc_time mmio = kClock * 2;
  mesh_ = std::make_unique<Mesh>("mesh", NocConfig{kTiles, 1, 32, 2, 8, kClock});
  bus_ = std::make_unique<Bus>("control_bus", kClock);

  std::vector<Clint::HartLines> clint_lines;
  std::vector<Plic::IrqLine> plic_contexts;
  for (unsigned h = 0; h < kHarts; ++h) {
    const auto line = [this, h](riscv::Interrupt irq) {
      return [this, h, irq](bool level) {
        if (on_interrupt) on_interrupt(h, irq, level);
      };
    };
    clint_lines.push_back({line(riscv::kMachineSoftware), line(riscv::kMachineTimer)});
    plic_contexts.push_back(line(riscv::kMachineExternal));
  }
  clint_ = std::make_unique<Clint>("clint", std::move(clint_lines), kClock * 10, mmio);
  plic_ = std::make_unique<Plic>("plic", kPlicSources, std::move(plic_contexts), mmio);
  uart_ = std::make_unique<Uart>("uart", discard_, mmio);
  const ChipInfo info{kHarts, 1000, 100000000, kDramBytes, kTiles, 1, kSramBytes, 8, 2};
  SysCtrlLines lines;
  lines.release_hart = [](unsigned) {};
  lines.hart_running = [](unsigned h) { return h == 0; };
  lines.test_irq = [this](bool l) { plic_->set_source(PLIC_SOURCE_TEST, l); };
  sysctrl_ = std::make_unique<SysCtrl>("sysctrl", info, std::move(lines), control_, mmio);
  exit_latch_ = std::make_unique<ExitLatch>("exit_latch");
  exit_latch_->to_sysctrl.bind(sysctrl_->socket);
  host_ =
      std::make_unique<HostInterface>("host_interface", HostInterfaceConfig{kClock, mmio, 16, 500},
                                      [this](bool l) { plic_->set_source(PLIC_SOURCE_HOST, l); });

  control_port.register_invalidate_direct_mem_ptr(this, &FuzzChip::invalidate);
  tile_port.register_invalidate_direct_mem_ptr(this, &FuzzChip::invalidate);
  control_port.bind(bus_->targets_in);
  host_->dma_socket.bind(bus_->targets_in);
  tile_port.bind(mesh_->initiator_port({1, 0}));

  const MeshNode control_node{0, 0};
  bus_->map(clint_->socket, TESSERA_CLINT_BASE, TESSERA_CLINT_SIZE, "clint");
  bus_->map(plic_->socket, TESSERA_PLIC_BASE, TESSERA_PLIC_SIZE, "plic");
  bus_->map(uart_->socket, TESSERA_UART_BASE, TESSERA_UART_SIZE, "uart");
  bus_->map(exit_latch_->socket, TESSERA_SYSCTRL_BASE, TESSERA_SYSCTRL_SIZE, "sysctrl");
  bus_->map(host_->socket, TESSERA_HOSTIF_BASE, TESSERA_HOSTIF_SIZE, "host interface");
  bus_->map_interconnect(mesh_->initiator_port(control_node), TESSERA_TILE_BASE,
                         uint64_t{kTiles} * TESSERA_TILE_STRIDE, "mesh (tiles)");
  bus_->map_interconnect(mesh_->initiator_port(control_node), TESSERA_DRAM_BASE, kDramBytes,
                         "mesh (dram)");
  mesh_->map(bus_->targets_in, control_node, 0, TESSERA_UNMAPPED_BASE, "control cluster");

  for (unsigned t = 0; t < kTiles; ++t) {
    const std::string tile = "tile" + std::to_string(t);
    sram_[t] = std::make_unique<Scratchpad>((tile + "_sram").c_str(),
                                            ScratchpadConfig{kSramBytes, 8, 16, 1, kClock});
    mesh_->map(sram_[t]->socket, {t, 0}, TESSERA_TILE_ADDR(t), kSramBytes, tile + " scratchpad");
  }
  dram_ = std::make_unique<Dram>("dram", DramConfig{kDramBytes, 2, 256, 16, 100, kClock});
  mesh_->map_interleaved({{&dram_->channel_socket(0), {1, 0}}, {&dram_->channel_socket(1), {1, 0}}},
                         TESSERA_DRAM_BASE, kDramBytes, 256, "dram");
}

void FuzzChip::invalidate(sc_dt::uint64 start, sc_dt::uint64 end) {
  if (on_invalidate) on_invalidate(start, end);
}

uint32_t FuzzChip::debug(bool write, uint32_t address, uint64_t value, unsigned len) {
  tlm::tlm_generic_payload p;
  set_data_access(p, write, address, &value, len);
  control_port->transport_dbg(p);
  return static_cast<uint32_t>(value);
}

bool FuzzChip::load(uint32_t base, const void* data, uint32_t size) {
  tlm::tlm_generic_payload p;
  set_data_access(p, true, base, const_cast<void*>(data), size);
  return control_port->transport_dbg(p) == size;
}

bool FuzzChip::clear(uint32_t base, uint32_t size) {
  const std::vector<unsigned char> zeros(size);
  return load(base, zeros.data(), size);
}

void FuzzChip::reset() {
  while (debug(false, TESSERA_HOSTIF_BASE + HOSTIF_DMA_STATUS, 0, 4) & HOSTIF_DMA_BUSY)
    sc_core::sc_start(kClock * 1000.0);
  for (unsigned r : {HOSTIF_IRQ_STATUS, HOSTIF_DMA_STATUS})  // write 1 to clear
    debug(true, TESSERA_HOSTIF_BASE + r, ~0u, 4);
  for (unsigned r : {HOSTIF_DMA_HOST_LO, HOSTIF_DMA_HOST_HI, HOSTIF_DMA_DEVICE, HOSTIF_DMA_LENGTH})
    debug(true, TESSERA_HOSTIF_BASE + r, 0, 4);
  for (unsigned i = 0; i < HOSTIF_MAILBOX_WORDS; ++i)
    debug(true, TESSERA_HOSTIF_BASE + HOSTIF_REPLY(i), 0, 4);
  for (uint32_t msi; host_->wait_msi(msi, std::chrono::milliseconds(0));) {
  }
  for (unsigned h = 0; h < kHarts; ++h) {
    debug(true, TESSERA_CLINT_BASE + CLINT_MSIP(h), 0, 4);
    debug(true, TESSERA_CLINT_BASE + CLINT_MTIMECMP(h), ~0ull, 8);
  }
  debug(true, TESSERA_CLINT_BASE + CLINT_MTIME, 0, 8);

  // PLIC: drop the test line, claim everything pending and complete everything claimed (the
  // only way to clear pending and in-service bits), then zero priorities, enables, thresholds.
  debug(true, TESSERA_SYSCTRL_BASE + SYSCTRL_TEST_IRQ, 0, 4);
  for (unsigned s = 1; s < kPlicSources; ++s)
    debug(true, TESSERA_PLIC_BASE + PLIC_PRIORITY(s), 1, 4);
  for (unsigned h = 0; h < kHarts; ++h) debug(true, TESSERA_PLIC_BASE + PLIC_THRESHOLD(h), 0, 4);
  for (unsigned w = 0; w < kPlicWords; ++w)
    debug(true, TESSERA_PLIC_BASE + PLIC_ENABLE(0, w), ~0u, 4);
  while (debug(false, TESSERA_PLIC_BASE + PLIC_CLAIM(0), 0, 4) != 0) {
  }
  for (unsigned s = 1; s < kPlicSources; ++s) {
    debug(true, TESSERA_PLIC_BASE + PLIC_CLAIM(0), s, 4);
    debug(true, TESSERA_PLIC_BASE + PLIC_PRIORITY(s), 0, 4);
  }
  for (unsigned h = 0; h < kHarts; ++h)
    for (unsigned w = 0; w < kPlicWords; ++w)
      debug(true, TESSERA_PLIC_BASE + PLIC_ENABLE(h, w), 0, 4);

  debug(true, TESSERA_UART_BASE + UART_LCR, UART_LCR_DLAB, 1);
  debug(true, TESSERA_UART_BASE + UART_DLL, 0, 1);
  debug(true, TESSERA_UART_BASE + UART_DLM, 0, 1);
  for (unsigned r : {UART_LCR, UART_IER, UART_FCR, UART_MCR, UART_SCR})
    debug(true, TESSERA_UART_BASE + r, 0, 1);

  exit_latch_->exited = false;
}

bool FuzzChip::exited() const {
  return exit_latch_->exited;
}

}  // namespace tessera::fuzz
