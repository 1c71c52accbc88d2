// Status: what every call of the driver runtime API returns. A code to branch on and a
// message that says what went wrong and where (the stream, the list, the command, the tile).
// No call throws.
#pragma once

#include <string>

namespace tessera::driver {

enum class ErrorCode {
  kSuccess = 0,
  kInvalidValue,     // a bad argument: null pointer, zero size, a range outside an allocation
  kOutOfMemory,      // the device heap cannot hold the allocation
  kTimeout,          // a wait ran out of time; the work may still finish (see Device::reset)
  kDeviceFault,      // the device failed the work: a tile trapped, a DMA failed, a tile offline
  kUnsupported,      // the firmware has no such op, or speaks another ABI version
  kNotReady,         // the call needs a booted device; or an event that is not complete yet
  kAborted,          // the work was abandoned by Device::reset
  kDeviceLost,       // the simulation ended (or the firmware stopped answering): close it
  kAlreadyOpen,      // one device per process, opened once
  kInvalidFirmware,  // the firmware file is missing, malformed, or does not fit
};

// "TIMEOUT", "OUT_OF_MEMORY", ...
const char* error_name(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // success
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  bool ok() const { return code_ == ErrorCode::kSuccess; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "TIMEOUT: stream 1: ..." or "SUCCESS".
  std::string to_string() const;

 private:
  ErrorCode code_ = ErrorCode::kSuccess;
  std::string message_;
};

}  // namespace tessera::driver
