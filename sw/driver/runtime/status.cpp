#include "tessera/driver/status.h"

namespace tessera::driver {

const char* error_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kSuccess:
      return "SUCCESS";
    case ErrorCode::kInvalidValue:
      return "INVALID_VALUE";
    case ErrorCode::kOutOfMemory:
      return "OUT_OF_MEMORY";
    case ErrorCode::kTimeout:
      return "TIMEOUT";
    case ErrorCode::kDeviceFault:
      return "DEVICE_FAULT";
    case ErrorCode::kUnsupported:
      return "UNSUPPORTED";
    case ErrorCode::kNotReady:
      return "NOT_READY";
    case ErrorCode::kAborted:
      return "ABORTED";
    case ErrorCode::kDeviceLost:
      return "DEVICE_LOST";
    case ErrorCode::kAlreadyOpen:
      return "ALREADY_OPEN";
    case ErrorCode::kInvalidFirmware:
      return "INVALID_FIRMWARE";
  }
  return "UNKNOWN";
}

std::string Status::to_string() const {
  if (message_.empty()) return error_name(code_);
  return std::string(error_name(code_)) + ": " + message_;
}

}  // namespace tessera::driver
