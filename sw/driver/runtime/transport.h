// Transport: how the driver reaches a device. The in-process transport runs the virtual
// platform on a thread of this process; a transport to a VP in another process would carry
// the same calls over a socket and share host memory for the device DMA. Every call may come
// from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "tessera/driver/status.h"

namespace tessera::driver::detail {

struct ChipInfo {
  uint32_t tiles;
  uint64_t dram_bytes;
  double clock_hz;
  double timebase_hz;
};

class Transport {
 public:
  virtual ~Transport() = default;

  virtual ChipInfo chip() const = 0;
  // Before start(): loads the ELF, whose segments must lie in [begin, end) of device memory.
  virtual Status load_firmware(const std::string& path, uint64_t begin, uint64_t end) = 0;
  // Runs the chip from the firmware's entry.
  virtual Status start() = 0;

  // The window into device memory (the BAR path): untimed, for control data.
  virtual Status write(uint64_t address, const void* data, uint64_t bytes) = 0;
  virtual Status read(uint64_t address, void* data, uint64_t bytes) = 0;

  // The host interface's registers, from the host side.
  virtual Status write_mailbox(unsigned index, uint32_t value) = 0;
  virtual Status read_reply(unsigned index, uint32_t* value) = 0;
  virtual Status ring_doorbell() = 0;
  // Host memory the device DMA may reach at `bus_address` until unmapped.
  virtual Status map_host(uint64_t bus_address, void* data, uint64_t bytes) = 0;
  virtual Status unmap_host(uint64_t bus_address) = 0;
  // The next MSI's vector; false if none came within `timeout`.
  virtual bool wait_msi(uint32_t* vector, std::chrono::milliseconds timeout) = 0;

  // kSuccess while the device runs; kDeviceLost, saying why, once it has stopped.
  virtual Status health() const = 0;
};

}  // namespace tessera::driver::detail
