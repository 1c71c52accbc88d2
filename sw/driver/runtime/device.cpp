#include "tessera/driver/device.h"

#include "context.h"

namespace tessera::driver {

std::string default_firmware_path() {
  return TESSERA_DEFAULT_FIRMWARE;
}

Status Device::open(const DeviceOptions& options, std::unique_ptr<Device>* device) {
  if (device == nullptr) return {ErrorCode::kInvalidValue, "open needs a device to fill"};
  std::shared_ptr<detail::Context> context;
  Status status = detail::Context::open(options, &context);
  if (status.ok()) device->reset(new Device(std::move(context)));
  return status;
}

Device::Device(std::shared_ptr<detail::Context> context) : context_(std::move(context)) {}

Device::~Device() {
  context_->close();
}

Status Device::boot(const std::string& firmware) {
  return context_->boot(firmware);
}

DeviceProperties Device::properties() const {
  return context_->properties();
}

Status Device::malloc(DevicePtr* ptr, uint64_t bytes) {
  return context_->allocate(ptr, bytes);
}

Status Device::free(DevicePtr ptr) {
  return context_->release(ptr);
}

// A stream of its own for each synchronous copy: it waits for its copy alone, and reports
// no one else's failure.
Status Device::memcpy_to_device(DevicePtr dst, const void* src, uint64_t bytes) {
  Stream stream;
  Status status = create_stream(&stream);
  if (status.ok()) status = stream.memcpy_to_device(dst, src, bytes);
  return status.ok() ? stream.synchronize(context_->options().timeout) : status;
}

Status Device::memcpy_to_host(void* dst, DevicePtr src, uint64_t bytes) {
  Stream stream;
  Status status = create_stream(&stream);
  if (status.ok()) status = stream.memcpy_to_host(dst, src, bytes);
  return status.ok() ? stream.synchronize(context_->options().timeout) : status;
}

Status Device::create_stream(Stream* stream) {
  if (stream == nullptr) return {ErrorCode::kInvalidValue, "create_stream needs a stream to fill"};
  stream->context_ = context_;
  stream->state_ = context_->create_stream();
  return {};
}

Status Device::synchronize(std::chrono::milliseconds timeout) {
  return context_->synchronize_all(timeout);
}

Status Device::reset(std::chrono::milliseconds timeout, size_t* abandoned) {
  return context_->reset(timeout, abandoned);
}

}  // namespace tessera::driver
