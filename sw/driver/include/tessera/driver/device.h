// Device: the context of everything else: a Tessera chip, its memory, its firmware, its
// streams. The default transport runs the virtual platform in this process, on a thread of its
// own; one device per process, opened once (SystemC elaborates one design per process).
//
//   std::unique_ptr<Device> device;
//   Status s = Device::open(DeviceOptions{}, &device);   // the chip, not running yet
//   s = device->boot();                                  // load and start the runtime firmware
//   DevicePtr p; s = device->malloc(&p, bytes);
//
// Every call is thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "tessera/driver/device_ptr.h"
#include "tessera/driver/status.h"
#include "tessera/driver/stream.h"

namespace tessera {
class Device;  // the virtual platform's chip (platform/src/device.h)
}  // namespace tessera

namespace tessera::driver {

struct DeviceOptions {
  std::string config_file;                    // platform YAML (docs/configuration.md); "": defaults
  std::vector<std::string> config_overrides;  // "key=value", as tessera-vp --set
  std::chrono::milliseconds boot_timeout{10000};
  // Of the synchronous copies (Device::memcpy_*), and of waiting for room in the device queue.
  std::chrono::milliseconds timeout{60000};
  // The firmware's UART output; it must outlive the device. nullptr: std::cerr.
  std::ostream* console = nullptr;
  // Tools that observe the chip of the in-process transport (tessera-vp --scenario: its
  // counters, a trace) get it once it is built, before it starts (platform/src/device.h).
  std::function<void(tessera::Device& chip)> on_chip_built;
};

struct DeviceProperties {
  uint32_t tiles;         // in the chip
  uint32_t tiles_online;  // mask of those the firmware runs (all, unless a reset lost some)
  uint64_t dram_bytes;
  uint64_t heap_bytes;  // what malloc hands out: DRAM above the firmware's reservation
  uint64_t heap_free_bytes;
  double clock_hz;
  double timebase_hz;  // of the device timestamps' source, the CLINT mtime
  bool booted;
};

// The runtime firmware of this build (devrt.elf).
std::string default_firmware_path();

class Device {
 public:
  static Status open(const DeviceOptions& options, std::unique_ptr<Device>* device);
  ~Device();  // abandons what is still queued and stops the chip
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  // Loads the firmware ELF into the DRAM it reserves and starts it; returns once it reports
  // ready. A file that cannot be loaded changes nothing (boot again with another); firmware
  // that started but did not come up leaves a device that cannot boot again.
  Status boot(const std::string& firmware = default_firmware_path());
  DeviceProperties properties() const;

  // First fit in device DRAM, 256-byte aligned.
  Status malloc(DevicePtr* ptr, uint64_t bytes);
  Status free(DevicePtr ptr);

  // Synchronous copies: a stream of their own, waited for up to DeviceOptions::timeout.
  Status memcpy_to_device(DevicePtr dst, const void* src, uint64_t bytes);
  Status memcpy_to_host(void* dst, DevicePtr src, uint64_t bytes);

  Status create_stream(Stream* stream);
  // Synchronizes every stream: the first failure among them, or kTimeout.
  Status synchronize(std::chrono::milliseconds timeout);

  // Abandons the list the device is running (its tiles are interrupted) and every list
  // queued behind it; they end kAborted (their events say so; streams do not report them
  // again). Afterwards the device takes new work. `abandoned` counts the lists. kTimeout if
  // the firmware does not answer: the device is then lost.
  Status reset(std::chrono::milliseconds timeout, size_t* abandoned = nullptr);

 private:
  explicit Device(std::shared_ptr<detail::Context> context);
  std::shared_ptr<detail::Context> context_;
};

}  // namespace tessera::driver
