// Event: a point in a stream, complete once everything the stream ran before it is. Stream::
// record places one; Stream::launch can hand back the launch's own, which also carries what
// the device measured per op. Times are device time: the chip's CLINT mtime, in nanoseconds
// since the device booted. Copies of an Event share one point.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

#include "tessera/driver/status.h"

namespace tessera::driver {

namespace detail {
class Context;
struct Submission;
}  // namespace detail

// One op as the device ran it.
struct OpProfile {
  uint32_t opcode;
  uint32_t tiles;        // the tiles that ran it; 0 for an op of the manager core
  uint64_t start_cycle;  // the manager core's mcycle when it dispatched the op
  uint64_t cycles;       // from dispatch until the last of its tiles finished
};

class Event {
 public:
  Event() = default;  // not recorded: every call but recorded() is kInvalidValue

  bool recorded() const { return submission_ != nullptr; }
  // kNotReady until complete; then kSuccess, or how the work it marks failed.
  Status query() const;
  Status synchronize(std::chrono::milliseconds timeout) const;

  // When the list began and ended on the device; 0 until complete.
  uint64_t start_ns() const;
  uint64_t end_ns() const;
  // The ops of a launch that ran: all of them, or up to and including the one that failed.
  std::vector<OpProfile> ops() const;

  // end.end_ns() - start.end_ns() in milliseconds; both must be complete.
  static Status elapsed_ms(const Event& start, const Event& end, double* ms);

 private:
  friend class Stream;
  std::shared_ptr<detail::Context> context_;
  std::shared_ptr<detail::Submission> submission_;
};

}  // namespace tessera::driver
