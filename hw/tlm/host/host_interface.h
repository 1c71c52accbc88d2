// HostInterface: the PCIe-like endpoint between a host program and the chip.
//
// Device side: `socket` (RegisterTarget) exposes tessera/hw/hostif_regs.h at
// TESSERA_HOSTIF_BASE: doorbell count and interrupt status (PLIC source PLIC_SOURCE_HOST),
// mailbox words from the host, reply words to it, an MSI register, and a DMA engine whose
// initiator `dma_socket` moves data between registered host memory and device memory.
// Host side: HostPort, callable from any host thread. Every host request runs inside the
// simulation (posted through an sc_prim_channel's async update and awaited), so host threads
// never race the SystemC kernel; while a host is attached the kernel waits for it instead of
// ending when firmware sleeps.
// Timing: register accesses take `register_latency`; DMA moves `dma_bytes_per_cycle` after
// `dma_latency`, and its device-memory side crosses the interconnect with its own timing.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <tlm_utils/simple_initiator_socket.h>

#include "../common/register_target.h"
#include "tessera/hw/hostif_regs.h"

namespace tessera {

struct HostInterfaceConfig {
  sc_core::sc_time clock_period;
  sc_core::sc_time register_latency;
  double dma_bytes_per_cycle;
  uint32_t dma_latency_cycles;
};

class HostInterface : public RegisterTarget {
 public:
  tlm_utils::simple_initiator_socket<HostInterface> dma_socket;

  HostInterface(sc_core::sc_module_name name, const HostInterfaceConfig& config,
                std::function<void(bool)> doorbell_irq);

  // ---- the host's side (any thread) ----
  // Keeps the kernel alive while the host may still post requests.
  void attach_host();
  void detach_host();
  // Runs `request` inside the simulation and returns once it has run.
  void call(const std::function<void()>& request);
  void ring_doorbell();
  void write_mailbox(unsigned index, uint32_t value);
  uint32_t read_reply(unsigned index);
  // Memory the device DMA may touch: [host_address, +bytes) maps to `data`.
  void register_host_memory(uint64_t host_address, void* data, uint64_t bytes);
  void unregister_host_memory(uint64_t host_address);
  // Waits for the next MSI; false on timeout.
  bool wait_msi(uint32_t& vector, std::chrono::milliseconds timeout);

 protected:
  bool read(uint64_t offset, unsigned len, uint64_t& value, const sc_core::sc_time& now) override;
  bool write(uint64_t offset, unsigned len, uint64_t value, const sc_core::sc_time& now) override;

 private:
  // Carries host requests into the kernel: post() from any thread, update() in the kernel.
  class RequestChannel : public sc_core::sc_prim_channel {
   public:
    RequestChannel() : sc_prim_channel(sc_core::sc_gen_unique_name("host_requests")) {}
    void post(std::function<void()> request);
    using sc_prim_channel::async_attach_suspending;
    using sc_prim_channel::async_detach_suspending;

   private:
    void update() override;
    std::mutex mutex_;
    std::deque<std::function<void()>> requests_;
  };

  void dma_thread();
  uint8_t* host_bytes(uint64_t host_address, uint64_t bytes);

  HostInterfaceConfig config_;
  std::function<void(bool)> doorbell_irq_;
  RequestChannel requests_;

  // Kernel-side state: touched only inside the simulation.
  uint32_t doorbells_ = 0, irq_status_ = 0;
  uint32_t mailbox_[HOSTIF_MAILBOX_WORDS] = {}, reply_[HOSTIF_MAILBOX_WORDS] = {};
  uint64_t dma_host_ = 0;
  uint32_t dma_device_ = 0, dma_length_ = 0, dma_status_ = 0;
  bool dma_to_host_ = false;
  sc_core::sc_event dma_start_;
  std::map<uint64_t, std::pair<uint8_t*, uint64_t>> host_memory_;  // by host address

  // Shared with host threads.
  std::mutex msi_mutex_;
  std::condition_variable msi_ready_;
  std::deque<uint32_t> msi_;
};

}  // namespace tessera
