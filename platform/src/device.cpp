#include "device.h"

#include <atomic>

namespace tessera {

namespace {

std::atomic<bool> device_built{false};

// Checks before anything is built: SystemC cannot take a second design, nor a first one
// after a failed attempt left half of it elaborated.
const PlatformConfig& checked(const PlatformConfig& config) {
  if (config.sim.max_instructions != 0)
    throw ConfigError(
        "sim.max_instructions: a device runs until it is closed; the host's waits time out "
        "instead");
  if (config.sim.timeout_s != 0)
    throw ConfigError(
        "sim.timeout_s: a device runs until it is closed; the host's waits time out instead");
  validate(config, "device");
  if (device_built.exchange(true))
    throw DeviceError(
        "a device already exists in this process: SystemC elaborates one design per process, "
        "so there is one device per process, opened once");
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  return config;
}

}  // namespace

Device::Device(const PlatformConfig& config, std::ostream& console)
    : config_(checked(config)), soc_(config_, console) {}

Device::~Device() {
  if (!started()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  if (!ended()) soc_.host_interface().call([] { sc_core::sc_stop(); });
  soc_.host_interface().detach_host();
  thread_.join();
}

void Device::load(const ElfImage& image) {
  soc_.load(image);
}

void Device::start() {
  // Attached before the kernel starts, so that it waits for the host when the firmware sleeps.
  soc_.host_interface().attach_host();
  thread_ = std::thread([this] {
    const RunResult result = soc_.run();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!stopping_) ended_ = result;
  });
}

std::optional<RunResult> Device::ended() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return ended_;
}

bool Device::in_kernel(const std::function<void()>& request) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (ended_ || stopping_) return false;
  }
  if (started())
    soc_.host_interface().call(request);
  else
    request();
  return true;
}

bool Device::wait_until_idle(std::chrono::milliseconds timeout) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    bool busy = true;
    if (!in_kernel([&] { busy = sc_core::sc_pending_activity(); })) return false;
    if (!busy) return true;
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::yield();
  }
}

bool Device::read_memory(uint32_t address, void* data, uint32_t len) {
  bool ok = false;
  return in_kernel([&] { ok = soc_.read_memory(address, data, len); }) && ok;
}

bool Device::write_memory(uint32_t address, const void* data, uint32_t len) {
  bool ok = false;
  return in_kernel([&] { ok = soc_.write_memory(address, data, len); }) && ok;
}

}  // namespace tessera
