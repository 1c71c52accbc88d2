#include "soc.h"

#include <iomanip>
#include <sstream>
#include <tlm_utils/simple_initiator_socket.h>

#include "riscv/isa.h"
#include "riscv/isa/encoding.h"
#include "tessera/hw/memory_map.h"

namespace tessera {

using sc_core::sc_time;

// Loader and debugger access to memory: transport_dbg through the bus, as any initiator.
class Soc::DebugInitiator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<DebugInitiator> socket;
  explicit DebugInitiator(sc_core::sc_module_name name) : sc_module(name), socket("socket") {}
};

Soc::Soc(const PlatformConfig& config, std::ostream& uart_out)
    : config_(config), clock_period_(sc_time(1.0 / config.clock_hz, sc_core::SC_SEC)) {
  tlm::tlm_global_quantum::instance().set(sc_time(config.quantum_ns, sc_core::SC_NS));
  if (config.timeout_s > 0) control_.set_wall_timeout(config.timeout_s);

  bus_ = std::make_unique<Bus>("bus", cycles(config.bus_latency_cycles));
  bootrom_ = std::make_unique<Memory>("bootrom", TESSERA_BOOTROM_SIZE, true, cycles(1));
  dram_ = std::make_unique<Memory>("dram", config.dram_size, false,
                                   cycles(config.dram_latency_cycles));

  const sc_time timebase(1.0 / config.timebase_hz, sc_core::SC_SEC);
  std::vector<Clint::HartLines> lines;
  for (uint32_t h = 0; h < config.num_harts; ++h) {
    riscv::HartConfig hc;
    hc.core.hart_id = h;
    hc.core.reset_pc = TESSERA_BOOTROM_BASE;
    hc.core.decode_cache_entries = config.decode_cache_entries;
    hc.core.timing.mul_extra_cycles = config.mul_extra_cycles;
    hc.core.timing.div_extra_cycles = config.div_extra_cycles;
    hc.clock_period = clock_period_;
    hc.max_instructions = config.max_instructions;
    hc.start_running = false;  // released by run()
    hc.mtime = [this](const sc_time& t) { return clint_->mtime_at(t); };
    harts_.push_back(std::make_unique<riscv::Hart>(
        sc_core::sc_gen_unique_name("hart"), hc, control_));
    riscv::Hart* hart = harts_.back().get();
    lines.push_back({[hart](bool l) { hart->set_interrupt(riscv::kMachineSoftware, l); },
                     [hart](bool l) { hart->set_interrupt(riscv::kMachineTimer, l); }});
    hart->socket.bind(bus_->targets_in);
  }
  clint_ = std::make_unique<Clint>("clint", std::move(lines), timebase,
                                   cycles(config.mmio_latency_cycles));
  uart_ = std::make_unique<Uart>("uart", uart_out, cycles(config.mmio_latency_cycles));
  const ChipInfo info{config.num_harts, static_cast<uint32_t>(config.clock_hz / 1e6),
                      static_cast<uint32_t>(config.timebase_hz),
                      static_cast<uint32_t>(config.dram_size)};
  sysctrl_ = std::make_unique<SysCtrl>("sysctrl", info, control_, cycles(config.mmio_latency_cycles));

  bus_->map(bootrom_->socket, TESSERA_BOOTROM_BASE, TESSERA_BOOTROM_SIZE, "bootrom");
  bus_->map(clint_->socket, TESSERA_CLINT_BASE, TESSERA_CLINT_SIZE, "clint");
  bus_->map(uart_->socket, TESSERA_UART_BASE, TESSERA_UART_SIZE, "uart");
  bus_->map(sysctrl_->socket, TESSERA_SYSCTRL_BASE, TESSERA_SYSCTRL_SIZE, "sysctrl");
  bus_->map(dram_->socket, TESSERA_DRAM_BASE, config.dram_size, "dram");

  debug_ = std::make_unique<DebugInitiator>("debug");
  debug_->socket.bind(bus_->targets_in);
}

Soc::~Soc() = default;

sc_time Soc::cycles(uint32_t n) const { return clock_period_ * static_cast<double>(n); }

void Soc::elaborate() {
  // Multi-socket bindings complete at the end of elaboration; harts are still held in reset.
  if (!elaborated_) sc_core::sc_start(sc_core::SC_ZERO_TIME);
  elaborated_ = true;
}

bool Soc::debug_access(bool write, uint32_t address, void* data, uint32_t len) {
  elaborate();
  tlm::tlm_generic_payload p;
  p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  p.set_address(address);
  p.set_data_ptr(static_cast<unsigned char*>(data));
  p.set_data_length(len);
  p.set_streaming_width(len);
  return debug_->socket->transport_dbg(p) == len;
}

bool Soc::read_memory(uint32_t address, void* data, uint32_t len) {
  return debug_access(false, address, data, len);
}

bool Soc::write_memory(uint32_t address, const void* data, uint32_t len) {
  if (!debug_access(true, address, const_cast<void*>(data), len)) return false;
  for (auto& hart : harts_) hart->core().flush_decode_cache();
  return true;
}

void Soc::write_boot_trampoline(uint32_t entry) {
  namespace enc = riscv::enc;
  namespace match = riscv::match;
  constexpr unsigned t0 = 5, a0 = 10;
  const uint32_t hi = (entry + 0x800) & 0xfffff000u;  // addi sign-extends the low 12 bits
  const uint32_t code[] = {
      enc::u_type(match::lui, t0, static_cast<int32_t>(hi)),
      enc::i_type(match::addi, t0, t0, static_cast<int32_t>(entry - hi)),
      enc::i_type(match::csrrs, a0, 0, 0xF14),  // csrr a0, mhartid
      enc::i_type(match::jalr, 0, t0, 0),
  };
  write_memory(TESSERA_BOOTROM_BASE, code, sizeof(code));
}

void Soc::load(const ElfImage& image) {
  for (const ElfSegment& seg : image.segments()) {
    if (!write_memory(seg.address, seg.bytes.data(), static_cast<uint32_t>(seg.bytes.size()))) {
      std::ostringstream msg;
      msg << image.path() << ": segment at 0x" << std::hex << seg.address << " (0x"
          << seg.bytes.size() << " bytes) lies outside the chip's memory";
      throw ElfError(msg.str());
    }
  }
  if (image.entry() != TESSERA_BOOTROM_BASE) write_boot_trampoline(image.entry());

  if (auto tohost = image.symbol("tohost")) {
    for (auto& hart : harts_) {
      riscv::Core& core = hart->core();
      core.add_store_watch(*tohost, 4, [this, &core](uint32_t, uint32_t value) {
        if (value == 0) return;
        if (value & 1)
          control_.finish(static_cast<int>(value >> 1), "firmware wrote tohost");
        else
          control_.finish(1, "firmware wrote tohost a syscall request (not supported)");
        core.end_batch();
      });
    }
  }
}

RunResult Soc::run() {
  elaborate();
  harts_.front()->release();  // the manager core boots; it releases the others
  sc_core::sc_start();
  RunResult result{};
  if (control_.stop_requested()) {
    result.exit_code = control_.exit_code();
    result.reason = control_.reason();
    result.limit_reached = control_.limit_reached();
  } else {
    result.exit_code = SimControl::kExitLimit;
    result.reason = "no progress: every hart waits for an interrupt and none can come";
    result.limit_reached = true;
  }
  double latest_ns = sc_core::sc_time_stamp().to_seconds() * 1e9;
  for (auto& hart : harts_) {
    result.instructions += hart->core().instret();
    latest_ns = std::max(latest_ns, hart->local_time().to_seconds() * 1e9);
  }
  result.sim_time_ns = latest_ns;
  return result;
}

std::string Soc::hart_report() const {
  std::ostringstream out;
  for (const auto& hart : harts_) {
    const riscv::Core& core = hart->core();
    out << "hart " << core.hart_id() << ": pc=0x" << std::hex << std::setw(8)
        << std::setfill('0') << core.pc() << std::dec << " instructions=" << core.instret()
        << " state="
        << (!hart->running() ? "held in reset"
                             : core.waiting_for_interrupt() ? "waiting for interrupt" : "running")
        << std::hex << " mcause=0x" << core.mcause() << " mepc=0x"
        << core.mepc() << " mtval=0x" << core.mtval()
        << std::dec << "\n";
  }
  return out.str();
}

}  // namespace tessera
