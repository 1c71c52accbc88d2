#include "soc.h"

#include "block_configs.h"
#include "common/data_access.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <tlm_utils/simple_initiator_socket.h>

#include "mxu_rtl/rtl_gemm.h"
#include "riscv/isa.h"
#include "riscv/isa/encoding.h"
#include "tessera/hw/memory_map.h"
#include "tessera/hw/plic_regs.h"

namespace tessera {

using sc_core::sc_time;

// Loader and debugger access to memory: transport_dbg through the bus, as any initiator.
class Soc::DebugInitiator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<DebugInitiator> socket;
  explicit DebugInitiator(sc_core::sc_module_name name) : sc_module(name), socket("socket") {}
};

Soc::Soc(const PlatformConfig& config, std::ostream& uart_out)
    : config_(config), clock_period_(clock_period(config)), reservations_(config.num_harts()) {
  tlm::tlm_global_quantum::instance().set(sc_time(config.sim.quantum_ns, sc_core::SC_NS));
  if (config.sim.timeout_s > 0) control_.set_wall_timeout(config.sim.timeout_s);

  mesh_ = std::make_unique<Mesh>("mesh", noc_config(config));

  for (uint32_t h = 0; h < config.num_harts(); ++h) add_hart(h);
  build_control_cluster(uart_out);
  build_tiles();
  build_dram();

  debug_ = std::make_unique<DebugInitiator>("debug");
  debug_->socket.bind(control_bus_->targets_in);
}

riscv::Hart& Soc::add_hart(uint32_t id) {
  riscv::HartConfig hc;
  hc.core.hart_id = id;
  hc.core.reset_pc = TESSERA_BOOTROM_BASE;
  hc.core.reservations = &reservations_;
  hc.core.decode_cache_entries = config_.sim.decode_cache_entries;
  hc.core.timing.mul_extra_cycles = config_.core.mul_extra_cycles;
  hc.core.timing.div_extra_cycles = config_.core.div_extra_cycles;
  hc.clock_period = clock_period_;
  hc.max_instructions = config_.sim.max_instructions;
  hc.start_running = false;  // hart 0 is released by run(), the others by firmware
  hc.dmi = config_.sim.dmi;
  hc.sync_on_mmio = config_.sim.sync_on_mmio;
  hc.mtime = [this](const sc_time& t) { return clint_->mtime_at(t); };
  harts_.push_back(
      std::make_unique<riscv::Hart>(("hart" + std::to_string(id)).c_str(), hc, control_));
  return *harts_.back();
}

void Soc::build_control_cluster(std::ostream& uart_out) {
  const MeshNode node{0, 0};
  control_bus_ = std::make_unique<Bus>("control_bus", cycles(config_.core.bus_latency_cycles));
  bootrom_ = std::make_unique<Memory>("bootrom", TESSERA_BOOTROM_SIZE, true, cycles(1));

  std::vector<Clint::HartLines> clint_lines;
  std::vector<Plic::IrqLine> plic_contexts;
  for (auto& hart : harts_) {
    riscv::Hart* h = hart.get();
    clint_lines.push_back({[h](bool l) { h->set_interrupt(riscv::kMachineSoftware, l); },
                           [h](bool l) { h->set_interrupt(riscv::kMachineTimer, l); }});
    plic_contexts.push_back([h](bool l) { h->set_interrupt(riscv::kMachineExternal, l); });
  }
  const sc_time mmio = cycles(config_.core.mmio_latency_cycles);
  const sc_time timebase(1.0 / config_.timebase_hz, sc_core::SC_SEC);
  clint_ = std::make_unique<Clint>("clint", std::move(clint_lines), timebase, mmio);
  plic_ = std::make_unique<Plic>("plic", PLIC_NUM_SOURCES(config_.num_tiles()),
                                 std::move(plic_contexts), mmio);
  uart_ = std::make_unique<Uart>("uart", uart_out, mmio);

  const ChipInfo info{config_.num_harts(),
                      static_cast<uint32_t>(config_.clock_hz / 1e6),
                      static_cast<uint32_t>(config_.timebase_hz),
                      static_cast<uint32_t>(config_.dram.size_bytes),
                      config_.mesh.x,
                      config_.mesh.y,
                      static_cast<uint32_t>(config_.tile.sram_bytes),
                      config_.tile.sram_banks,
                      config_.dram.channels};
  SysCtrlLines lines;
  lines.release_hart = [this](unsigned h) { harts_[h]->release(); };
  lines.hart_running = [this](unsigned h) { return harts_[h]->running(); };
  lines.test_irq = [this](bool l) { plic_->set_source(PLIC_SOURCE_TEST, l); };
  sysctrl_ = std::make_unique<SysCtrl>("sysctrl", info, std::move(lines), control_, mmio);

  const HostInterfaceConfig host{clock_period_, mmio, config_.host.dma_bytes_per_cycle,
                                 config_.host.dma_latency_cycles};
  host_ = std::make_unique<HostInterface>(
      "host_interface", host, [this](bool l) { plic_->set_source(PLIC_SOURCE_HOST, l); });

  harts_[0]->socket.bind(control_bus_->targets_in);
  host_->dma_socket.bind(control_bus_->targets_in);
  control_bus_->map(bootrom_->socket, TESSERA_BOOTROM_BASE, TESSERA_BOOTROM_SIZE, "bootrom");
  control_bus_->map(clint_->socket, TESSERA_CLINT_BASE, TESSERA_CLINT_SIZE, "clint");
  control_bus_->map(plic_->socket, TESSERA_PLIC_BASE, TESSERA_PLIC_SIZE, "plic");
  control_bus_->map(uart_->socket, TESSERA_UART_BASE, TESSERA_UART_SIZE, "uart");
  control_bus_->map(sysctrl_->socket, TESSERA_SYSCTRL_BASE, TESSERA_SYSCTRL_SIZE, "sysctrl");
  control_bus_->map(host_->socket, TESSERA_HOSTIF_BASE, TESSERA_HOSTIF_SIZE, "host interface");
  control_bus_->map_interconnect(mesh_->initiator_port(node), TESSERA_TILE_BASE,
                                 uint64_t{config_.num_tiles()} * TESSERA_TILE_STRIDE,
                                 "mesh (tiles)");
  control_bus_->map_interconnect(mesh_->initiator_port(node), TESSERA_DRAM_BASE,
                                 config_.dram.size_bytes, "mesh (dram)");
  // Tile cores reach the control cluster's devices through the mesh.
  mesh_->map(control_bus_->targets_in, node, 0, TESSERA_UNMAPPED_BASE, "control cluster");
}

void Soc::build_tiles() {
  const ScratchpadConfig sram = scratchpad_config(config_);
  const DmaConfig dma = dma_config(config_);
  const auto irq = [this](unsigned source) {
    return [this, source](bool level) { plic_->set_source(source, level); };
  };
  for (uint32_t t = 0; t < config_.num_tiles(); ++t) {
    const std::string name = "tile" + std::to_string(t);
    const uint32_t base = TESSERA_TILE_ADDR(t);
    const ScratchpadEngine::Window window{base, sram.size_bytes};
    MxuConfig mxu_settings = mxu_config(config_, window);
    mxu_settings.impl = mxu_impl(config_, t);
    std::unique_ptr<MxuCores> mxu_cores;
    if (mxu_settings.impl != mxu::Impl::kTlm) {
      try {
        mxu_cores = std::make_unique<MxuCores>(name + "_mxu_rtl", config_.mxu.rows,
                                               config_.mxu.cols, mxu_settings.impl, clock_period_);
      } catch (const std::invalid_argument& e) {
        throw ConfigError(name + ": mxu.impl " +
                          (mxu_settings.impl == mxu::Impl::kRtl ? "rtl" : "lockstep") + ": " +
                          e.what());
      }
    }
    // The message goes to stderr too: a front end reports a stop's reason only for limits.
    const auto stop = [this](const std::string& message) {
      std::cerr << message << "\n";
      control_.finish(SimControl::kExitModelMismatch, message);
    };
    GemmCore* core = mxu_cores ? &mxu_cores->core() : nullptr;
    Tile tile{
        {t % config_.mesh.x, t / config_.mesh.x},
        std::make_unique<Bus>((name + "_bus").c_str(), cycles(config_.core.bus_latency_cycles)),
        std::make_unique<Scratchpad>((name + "_sram").c_str(), sram),
        std::move(mxu_cores),
        std::make_unique<Mxu>((name + "_mxu").c_str(), mxu_settings, irq(PLIC_SOURCE_MXU(t)), core,
                              core ? Mxu::CoreFailure(stop) : Mxu::CoreFailure()),
        std::make_unique<Vpu>((name + "_vpu").c_str(), vpu_config(config_, window),
                              irq(PLIC_SOURCE_VPU(t))),
        std::make_unique<Dma>((name + "_dma").c_str(), dma, irq(PLIC_SOURCE_DMA(t))),
        std::make_unique<Bus>((name + "_engines").c_str(), sc_core::SC_ZERO_TIME)};
    harts_[1 + t]->socket.bind(tile.bus->targets_in);
    tile.mxu->memory.bind(tile.sram->socket);
    tile.vpu->memory.bind(tile.sram->socket);
    tile.dma->memory.bind(tile.bus->targets_in);

    // The engines' registers sit behind one port of the tile, which the tile bus and the mesh
    // (for the manager core and other tiles) both reach; it decodes in no time.
    const uint64_t sram_end = base + sram.size_bytes;
    const uint64_t engines = base + TESSERA_TILE_MXU_OFFSET;
    const uint64_t engines_size =
        TESSERA_TILE_DMA_OFFSET + TESSERA_TILE_ENGINE_SIZE - TESSERA_TILE_MXU_OFFSET;
    const std::pair<CommandEngine*, uint32_t> tile_engines[] = {
        {tile.mxu.get(), TESSERA_TILE_MXU_OFFSET},
        {tile.vpu.get(), TESSERA_TILE_VPU_OFFSET},
        {tile.dma.get(), TESSERA_TILE_DMA_OFFSET}};
    for (const auto& [engine, offset] : tile_engines)
      tile.engine_port->map(engine->socket, offset - TESSERA_TILE_MXU_OFFSET,
                            TESSERA_TILE_ENGINE_SIZE, engine->basename());

    // The tile bus: its scratchpad and engines, the mesh below, between and above them.
    tile.bus->map(tile.sram->socket, base, sram.size_bytes, "scratchpad");
    tile.bus->map(tile.engine_port->targets_in, engines, engines_size, "engines");
    tile.bus->map_interconnect(mesh_->initiator_port(tile.node), 0, base, "mesh (below)");
    tile.bus->map_interconnect(mesh_->initiator_port(tile.node), sram_end, engines - sram_end,
                               "mesh (tile window)");
    tile.bus->map_interconnect(mesh_->initiator_port(tile.node), engines + engines_size,
                               (1ull << 32) - engines - engines_size, "mesh (above)");
    mesh_->map(tile.sram->socket, tile.node, base, sram.size_bytes, name + " scratchpad");
    mesh_->map(tile.engine_port->targets_in, tile.node, engines, engines_size, name + " engines");
    tiles_.push_back(std::move(tile));
  }
}

void Soc::build_dram() {
  const DramConfig dram = dram_config(config_);
  dram_ = std::make_unique<Dram>("dram", dram);
  // Channels sit on the east edge, spread over its routers.
  std::vector<std::pair<TargetSocketBase*, MeshNode>> channels;
  for (uint32_t c = 0; c < dram.channels; ++c)
    channels.push_back(
        {&dram_->channel_socket(c), {config_.mesh.x - 1, c * config_.mesh.y / dram.channels}});
  mesh_->map_interleaved(channels, TESSERA_DRAM_BASE, dram.size_bytes, dram.interleave_bytes,
                         "dram");
}

Soc::~Soc() = default;

void Soc::record_mxu_vcd(const std::string& path, sc_time start, sc_time end) {
  if (elaborated_) throw std::logic_error("record_mxu_vcd: the simulation has started");
  std::vector<MxuRtl*> models;
  for (const Tile& tile : tiles_)
    if (tile.mxu_cores) models.push_back(&tile.mxu_cores->rtl());
  if (models.empty())
    throw ConfigError(
        "an MXU waveform needs an RTL MXU: set mxu.impl (or mxu.impl_tiles) to "
        "rtl or lockstep");
  mxu_vcd_ = std::make_unique<RtlVcd>("mxu_vcd", path, start, end);
  for (MxuRtl* model : models) mxu_vcd_->add(*model);
}

void Soc::trace_to(TraceWriter& writer) {
  harts_.front()->trace_to(writer.track("control", "core"));
  for (uint32_t t = 0; t < tiles_.size(); ++t) {
    const std::string process = "tile " + std::to_string(t);
    harts_[1 + t]->trace_to(writer.track(process, "core"));
    tiles_[t].mxu->trace_to(writer.track(process, "mxu"));
    tiles_[t].vpu->trace_to(writer.track(process, "vpu"));
    tiles_[t].dma->trace_to(writer.track(process, "dma"));
  }
  std::vector<TraceTrack> channels;
  for (unsigned c = 0; c < dram_->config().channels; ++c)
    channels.push_back(writer.track("dram", "channel " + std::to_string(c)));
  dram_->trace_to(channels);
}

sc_time Soc::cycles(uint32_t n) const {
  return clock_period_ * static_cast<double>(n);
}

void Soc::elaborate() {
  // Multi-socket bindings complete at the end of elaboration; harts are still held in reset.
  if (!elaborated_) sc_core::sc_start(sc_core::SC_ZERO_TIME);
  elaborated_ = true;
}

bool Soc::debug_access(bool write, uint32_t address, void* data, uint32_t len) {
  elaborate();
  tlm::tlm_generic_payload p;
  set_data_access(p, write, address, data, len);
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
    // The contents, then the zero-filled tail (.bss) a piece at a time.
    bool ok = seg.bytes.empty() ||
              write_memory(seg.address, seg.bytes.data(), static_cast<uint32_t>(seg.bytes.size()));
    std::vector<uint8_t> zeros(std::min<uint64_t>(seg.size - seg.bytes.size(), 64 * 1024));
    for (uint64_t at = seg.bytes.size(); ok && at < seg.size; at += zeros.size())
      ok = debug_access(true, static_cast<uint32_t>(seg.address + at), zeros.data(),
                        static_cast<uint32_t>(std::min<uint64_t>(seg.size - at, zeros.size())));
    if (!ok) {
      std::ostringstream msg;
      msg << image.path() << ": segment at 0x" << std::hex << seg.address << " (0x" << seg.size
          << " bytes) lies outside the chip's memory";
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

void Soc::finish_trace() {
  for (auto& hart : harts_) hart->finish_trace();
  dram_->finish_trace();
}

RunResult Soc::run() {
  elaborate();
  harts_.front()->release();  // the manager core boots; it releases the others
  if (config_.sim.max_time_ns > 0) {
    // Out of events before the limit is "no progress", below, as without a limit.
    sc_core::sc_start(sc_time(config_.sim.max_time_ns, sc_core::SC_NS),
                      sc_core::SC_EXIT_ON_STARVATION);
    if (!control_.stop_requested() && sc_core::sc_pending_activity()) {
      std::ostringstream why;
      why << "simulated-time limit of " << std::setprecision(15) << config_.sim.max_time_ns
          << " ns reached";
      control_.stop_at_limit(why.str());
    }
  } else {
    sc_core::sc_start();
  }
  // Also when it ran out of things to do, which ends it without end_of_simulation().
  finish_trace();
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
    out << "hart " << core.hart_id() << ": pc=0x" << std::hex << std::setw(8) << std::setfill('0')
        << core.pc() << std::dec << " instructions=" << core.instret() << " state="
        << (!hart->running()               ? "held in reset"
            : core.waiting_for_interrupt() ? "waiting for interrupt"
                                           : "running")
        << std::hex << " mcause=0x" << core.mcause() << " mepc=0x" << core.mepc() << " mtval=0x"
        << core.mtval() << std::dec << "\n";
  }
  return out.str();
}

void Soc::report(std::ostream& out) const {
  mesh_->report(out);
  dram_->report(out);
  for (const Tile& tile : tiles_) {
    tile.sram->report(out);
    tile.mxu->report(out);
    tile.vpu->report(out);
    tile.dma->report(out);
  }
}

}  // namespace tessera
