#include "in_process_transport.h"

#include <iostream>
#include <sstream>

#include "device.h"
#include "text.h"

// libsystemc's main() calls sc_main, so the library needs one to link; a host program has its
// own main(), which wins, and this one never runs. A program that defines sc_main keeps its own.
extern "C" __attribute__((weak)) int sc_main(int, char*[]) {
  std::cerr << "a program using the Tessera driver defines main()\n";
  return 1;
}

namespace tessera::driver::detail {

namespace {

class InProcessTransport final : public Transport {
 public:
  explicit InProcessTransport(std::unique_ptr<tessera::Device> device)
      : device_(std::move(device)) {}

  ChipInfo chip() const override {
    const PlatformConfig& c = device_->config();
    return {c.num_tiles(), c.dram.size_bytes, c.clock_hz, c.timebase_hz};
  }

  Status load_firmware(const std::string& path, uint64_t begin, uint64_t end) override {
    try {
      const ElfImage image = ElfImage::load(path);
      for (const ElfSegment& segment : image.segments()) {
        if (segment.address < begin || segment.size > end - segment.address)
          return {ErrorCode::kInvalidFirmware,
                  path + ": segment " + range(segment.address, segment.size) +
                      " lies outside the device memory reserved for firmware " +
                      range(begin, end - begin)};
      }
      device_->load(image);
      return {};
    } catch (const ElfError& e) {
      return {ErrorCode::kInvalidFirmware, e.what()};
    }
  }

  Status start() override {
    device_->start();
    return {};
  }

  Status write(uint64_t address, const void* data, uint64_t bytes) override {
    return memory(true, address, const_cast<void*>(data), bytes);
  }
  Status read(uint64_t address, void* data, uint64_t bytes) override {
    return memory(false, address, data, bytes);
  }

  Status write_mailbox(unsigned index, uint32_t value) override {
    return if_running([&] { device_->host_interface().write_mailbox(index, value); });
  }
  Status read_reply(unsigned index, uint32_t* value) override {
    return if_running([&] { *value = device_->host_interface().read_reply(index); });
  }
  Status ring_doorbell() override {
    return if_running([&] { device_->host_interface().ring_doorbell(); });
  }
  Status map_host(uint64_t bus_address, void* data, uint64_t bytes) override {
    return if_running(
        [&] { device_->host_interface().register_host_memory(bus_address, data, bytes); });
  }
  Status unmap_host(uint64_t bus_address) override {
    return if_running([&] { device_->host_interface().unregister_host_memory(bus_address); });
  }
  bool wait_msi(uint32_t* vector, std::chrono::milliseconds timeout) override {
    return device_->host_interface().wait_msi(*vector, timeout);
  }

  Status health() const override {
    const auto ended = device_->ended();
    if (!ended) return {};
    std::ostringstream why;
    why << "the simulation has ended: " << ended->reason << " (exit code " << ended->exit_code
        << ")";
    return {ErrorCode::kDeviceLost, why.str()};
  }

 private:
  // The host interface's calls wait for the running simulation: not once it has ended.
  template <typename Request>
  Status if_running(Request request) {
    Status status = health();
    if (status.ok()) request();
    return status;
  }

  Status memory(bool write, uint64_t address, void* data, uint64_t bytes) {
    if (address > UINT32_MAX || bytes > UINT32_MAX - address)
      return {ErrorCode::kInvalidValue, range(address, bytes) + " is beyond the 32-bit device"};
    const uint32_t a = static_cast<uint32_t>(address), n = static_cast<uint32_t>(bytes);
    if (write ? device_->write_memory(a, data, n) : device_->read_memory(a, data, n)) return {};
    Status status = health();
    if (!status.ok()) return status;
    return {ErrorCode::kInvalidValue, range(address, bytes) + " is not device memory"};
  }

  std::unique_ptr<tessera::Device> device_;
};

}  // namespace

Status open_in_process(const DeviceOptions& options, std::unique_ptr<Transport>* transport) {
  PlatformConfig config;
  try {
    if (!options.config_file.empty()) apply_config_file(config, options.config_file);
    for (const std::string& assignment : options.config_overrides)
      apply_override(config, assignment, "config_overrides");
    std::ostream& console = options.console != nullptr ? *options.console : std::cerr;
    auto chip = std::make_unique<tessera::Device>(config, console);
    if (options.on_chip_built) options.on_chip_built(*chip);
    *transport = std::make_unique<InProcessTransport>(std::move(chip));
    return {};
  } catch (const ConfigError& e) {
    return {ErrorCode::kInvalidValue, e.what()};
  } catch (const DeviceError& e) {
    return {ErrorCode::kAlreadyOpen, e.what()};
  }
}

}  // namespace tessera::driver::detail
