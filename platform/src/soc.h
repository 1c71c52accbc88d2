// Soc: the chip assembled from a PlatformConfig.
//
//   control cluster (mesh node 0,0): manager hart 0, boot ROM, CLINT, PLIC, UART, system
//     controller on the control bus; the bus sends tile and DRAM addresses into the mesh.
//   tile t at mesh node (t % X, t / X): hart 1 + t, its banked scratchpad and its engines (MXU,
//     VPU, DMA, registers at TESSERA_TILE_*_OFFSET behind one engine port) on a tile bus; the
//     tile's own scratchpad and engines are local, every other address goes into the mesh,
//     which maps the scratchpad and the engine port too. The MXU and VPU read and write the
//     scratchpad directly; the DMA goes through the tile bus. Their interrupts are PLIC sources
//     PLIC_SOURCE_MXU/VPU/DMA(t).
//   device DRAM: channels interleaved over the address range, on the east edge routers.
//
// Each tile's MXU computes on the core mxu.impl / mxu.impl_tiles pick (docs/mxu-rtl.md): the
// TLM model, the Verilated RTL, or both in lockstep (a mismatch stops the run with
// SimControl::kExitModelMismatch).
//
// It loads an ELF image, runs until something requests the stop, and reports.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "bus/bus.h"
#include "common/sim_control.h"
#include "config.h"
#include "dma/dma.h"
#include "dram/dram.h"
#include "elf_image.h"
#include "host/host_interface.h"
#include "memory/memory.h"
#include "mxu/mxu.h"
#include "noc/mesh.h"
#include "periph/clint.h"
#include "periph/plic.h"
#include "periph/sysctrl.h"
#include "periph/uart.h"
#include "riscv/hart.h"
#include "riscv/reservations.h"
#include "sram/scratchpad.h"
#include "vpu/vpu.h"

namespace tessera {

class MxuCores;
class RtlVcd;

struct RunResult {
  int exit_code;
  std::string reason;
  bool limit_reached;  // stopped by a limit or by lack of progress, not by the firmware
  uint64_t instructions;
  double sim_time_ns;
};

class Soc {
 public:
  Soc(const PlatformConfig& config, std::ostream& uart_out);
  ~Soc();

  // Records the RTL MXUs' waveforms (every tile with mxu.impl rtl or lockstep) to a VCD file
  // between simulated times start and end (end == SC_ZERO_TIME: to the end of the run). Call
  // before load() or anything else that starts the simulation. Throws ConfigError when no tile
  // has an RTL MXU, std::runtime_error when the file cannot be written, std::logic_error when
  // the simulation has started.
  void record_mxu_vcd(const std::string& path, sc_core::sc_time start = sc_core::SC_ZERO_TIME,
                      sc_core::sc_time end = sc_core::SC_ZERO_TIME);

  // Traces every block's activity to `writer` (docs/scenarios.md, "Traces"): process "control"
  // with thread "core", per tile "tile N" with "core", "mxu", "vpu", "dma", then "dram" with
  // "channel N", created in that order. Call before the simulation starts; `writer` must
  // outlive the run, and is closed by the caller after it.
  void trace_to(TraceWriter& writer);
  // Writes what the blocks still hold open (a core's sleep, DRAM windows): before the trace is
  // closed while the simulation runs on. run() calls it when the simulation ends.
  void finish_trace();

  // Copies the image into memory (throws ElfError naming the segment that does not fit),
  // points the boot ROM at its entry, and wires the `tohost` convention if it has the symbol.
  void load(const ElfImage& image);
  RunResult run();

  // Debug access through the interconnect; false if no target covers [address, address+len).
  bool read_memory(uint32_t address, void* data, uint32_t len);
  bool write_memory(uint32_t address, const void* data, uint32_t len);

  const std::vector<std::unique_ptr<riscv::Hart>>& harts() const { return harts_; }
  std::string hart_report() const;  // a line per hart: pc, instructions, state, last trap
  // Every block's statistics as `key: value` lines: NoC links and routes, DRAM channels,
  // scratchpad banks, and each tile's engines.
  void report(std::ostream& out) const;
  const PlatformConfig& config() const { return config_; }
  const Dram& dram() const { return *dram_; }
  const Mesh& mesh() const { return *mesh_; }
  const Mxu& mxu(uint32_t tile) const { return *tiles_[tile].mxu; }
  const Vpu& vpu(uint32_t tile) const { return *tiles_[tile].vpu; }
  const Dma& dma(uint32_t tile) const { return *tiles_[tile].dma; }
  HostInterface& host_interface() { return *host_; }
  SimControl& control() { return control_; }

 private:
  class DebugInitiator;
  struct Tile {
    MeshNode node;
    std::unique_ptr<Bus> bus;
    std::unique_ptr<Scratchpad> sram;
    std::unique_ptr<MxuCores> mxu_cores;  // mxu.impl rtl or lockstep; outlives the MXU
    std::unique_ptr<Mxu> mxu;
    std::unique_ptr<Vpu> vpu;
    std::unique_ptr<Dma> dma;
    std::unique_ptr<Bus> engine_port;  // the engines' registers
  };

  void build_control_cluster(std::ostream& uart_out);
  void build_tiles();
  void build_dram();
  riscv::Hart& add_hart(uint32_t id);
  void elaborate();
  void write_boot_trampoline(uint32_t entry);
  bool debug_access(bool write, uint32_t address, void* data, uint32_t len);
  sc_core::sc_time cycles(uint32_t n) const;

  PlatformConfig config_;
  SimControl control_;
  sc_core::sc_time clock_period_;
  riscv::Reservations reservations_;
  std::vector<std::unique_ptr<riscv::Hart>> harts_;
  std::unique_ptr<Mesh> mesh_;
  std::unique_ptr<Bus> control_bus_;
  std::unique_ptr<Memory> bootrom_;
  std::unique_ptr<Clint> clint_;
  std::unique_ptr<Plic> plic_;
  std::unique_ptr<Uart> uart_;
  std::unique_ptr<SysCtrl> sysctrl_;
  std::unique_ptr<HostInterface> host_;
  std::vector<Tile> tiles_;
  std::unique_ptr<Dram> dram_;
  std::unique_ptr<DebugInitiator> debug_;
  std::unique_ptr<RtlVcd> mxu_vcd_;  // after tiles_: closed before the models go
  bool elaborated_ = false;
};

}  // namespace tessera
