// Stream: an in-order queue of work on the device. Calls return once the work is queued; the
// host memory an async copy reads or writes must stay alive and untouched until the stream
// (or an event after the copy) is synchronized. Failures of queued work surface when the
// stream is synchronized (each once), and through the events of that work. The device runs
// lists one at a time in the order they were submitted, whatever their stream: streams order
// work and let the host wait for parts of it, they do not run concurrently on the device.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "tessera/driver/command_list.h"
#include "tessera/driver/device_ptr.h"
#include "tessera/driver/event.h"
#include "tessera/driver/status.h"

namespace tessera::driver {

namespace detail {
class Context;
struct StreamState;
}  // namespace detail

class Stream {
 public:
  Stream() = default;  // no stream yet: Device::create_stream makes one

  bool valid() const { return state_ != nullptr; }
  uint32_t id() const;

  // Copies through the device's host DMA, driven by the firmware.
  Status memcpy_to_device(DevicePtr dst, const void* src, uint64_t bytes);
  Status memcpy_to_host(void* dst, DevicePtr src, uint64_t bytes);
  // Runs the list's commands in order. `completion`, if given, becomes the launch's event.
  Status launch(const CommandList& list, Event* completion = nullptr);
  Status record(Event* event);
  // Waits for everything queued so far: kTimeout if it does not finish in time (it stays
  // queued), else the first failure not reported yet, or kSuccess.
  Status synchronize(std::chrono::milliseconds timeout);

 private:
  friend class Device;
  std::shared_ptr<detail::Context> context_;
  std::shared_ptr<detail::StreamState> state_;
};

}  // namespace tessera::driver
