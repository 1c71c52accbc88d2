#include "tessera/driver/stream.h"

#include "context.h"

namespace tessera::driver {

namespace {

const Status kNoStream{ErrorCode::kInvalidValue,
                       "the stream was not created by Device::create_stream"};

}  // namespace

uint32_t Stream::id() const {
  return state_ ? state_->id : 0;
}

Status Stream::memcpy_to_device(DevicePtr dst, const void* src, uint64_t bytes) {
  if (!valid()) return kNoStream;
  // The device only reads host memory in this direction.
  return context_->copy(*state_, dst, const_cast<void*>(src), bytes, false);
}

Status Stream::memcpy_to_host(void* dst, DevicePtr src, uint64_t bytes) {
  if (!valid()) return kNoStream;
  return context_->copy(*state_, src, dst, bytes, true);
}

Status Stream::launch(const CommandList& list, Event* completion) {
  if (!valid()) return kNoStream;
  std::shared_ptr<detail::Submission> submission;
  Status status = context_->launch(*state_, list, &submission);
  if (status.ok() && completion != nullptr) {
    completion->context_ = context_;
    completion->submission_ = submission;
  }
  return status;
}

Status Stream::record(Event* event) {
  if (!valid()) return kNoStream;
  if (event == nullptr) return {ErrorCode::kInvalidValue, "record needs an event to fill"};
  std::shared_ptr<detail::Submission> submission;
  Status status = context_->record(*state_, &submission);
  if (status.ok()) {
    event->context_ = context_;
    event->submission_ = submission;
  }
  return status;
}

Status Stream::synchronize(std::chrono::milliseconds timeout) {
  if (!valid()) return kNoStream;
  return context_->synchronize(*state_, timeout);
}

}  // namespace tessera::driver
