// Device: the virtual platform as a device for a host program (the host driver's in-process
// transport). start() runs the chip on a thread of its own until the Device is destroyed; the
// host reaches it from any thread through host_interface() (doorbells, mailbox, MSI, host
// memory for the device DMA) and through read_memory/write_memory, a window into the chip's
// memory that takes no simulated time (the BAR-like path for small control data).
//
// One per process: SystemC elaborates one design per process, once, so constructing a second
// Device, even after the first is gone, is a DeviceError. The device runs until it is
// destroyed, so the simulator's own run limits (sim.max_instructions, sim.timeout_s) are
// refused: the host's waits carry the timeouts.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <thread>

#include "config.h"
#include "elf_image.h"
#include "soc.h"

namespace tessera {

class DeviceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Device {
 public:
  // Builds the chip (ConfigError for a configuration a device cannot run, DeviceError for a
  // second device). The firmware's UART output goes to `console`.
  Device(const PlatformConfig& config, std::ostream& console);
  ~Device();
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  // Before start(): copies the image into memory (ElfError naming what does not fit).
  void load(const ElfImage& image);
  // Releases the manager core and runs the simulation on the device's thread.
  void start();
  bool started() const { return thread_.joinable(); }

  // From any thread. False if no target covers the range, or the simulation has ended.
  bool read_memory(uint32_t address, void* data, uint32_t len);
  bool write_memory(uint32_t address, const void* data, uint32_t len);

  HostInterface& host_interface() { return soc_.host_interface(); }
  // The chip itself, for tools that observe it (tessera-vp --scenario: a trace, counters).
  // Before start() directly; afterwards only inside inspect().
  Soc& soc() { return soc_; }
  // Runs `request` inside the simulation, between two of its steps (before start(): at once),
  // and returns when it has run; false if the simulation has ended.
  bool inspect(const std::function<void(Soc&)>& request) {
    return in_kernel([&] { request(soc_); });
  }
  // Waits until the simulation has nothing left to do by itself (every core asleep, nothing in
  // flight), for at most `timeout` of wall-clock time; true if it got there. A host that waits
  // so before it rings the device makes its requests land at one simulated time, whatever its
  // own timing: the simulation's times no longer depend on the host's (tessera-vp --scenario).
  bool wait_until_idle(std::chrono::milliseconds timeout);
  const PlatformConfig& config() const { return config_; }
  // Once the simulation has ended by itself (the firmware exited or stopped at a fault it
  // cannot survive): how. Until then, and for a device that was never started, nothing.
  std::optional<RunResult> ended() const;

 private:
  // Runs `request` inside the simulation when it runs, else directly; false if it has ended.
  // A request posted at the very moment the firmware ends the simulation is never run, and
  // the caller waits for good: HostInterface::call cannot tell it apart from a slow one.
  bool in_kernel(const std::function<void()>& request);

  PlatformConfig config_;
  Soc soc_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::optional<RunResult> ended_;  // guarded by mutex_
  bool stopping_ = false;           // guarded by mutex_: the host asked the simulation to end
};

}  // namespace tessera
