// Submission: one command list on its way through the device, from submit to completion.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "tessera/abi/commands.h"
#include "tessera/driver/device_ptr.h"
#include "tessera/driver/event.h"
#include "tessera/driver/status.h"

namespace tessera::driver::detail {

struct Submission {
  uint32_t list_id = 0;
  uint32_t stream_id = 0;
  std::vector<tsr_command> commands;
  DevicePtr buffer = 0;  // the list and its status record, in device memory
  uint64_t status_addr = 0;
  std::vector<uint64_t> host_mappings;  // bus addresses of host memory, unmapped at the end

  // The outcome; guarded by the context's mutex until `done`.
  bool done = false;
  bool abandoned = false;  // by a reset, which reported it: the stream does not
  Status result;
  uint64_t start_ns = 0, end_ns = 0;
  std::vector<OpProfile> ops;

  // "stream 2, list 17 (COPY, FILL)": how messages name it.
  std::string name() const;
};

struct StreamState {
  uint32_t id = 0;
  // Submitted and not synchronized yet, in order; guarded by the context's mutex.
  std::deque<std::shared_ptr<Submission>> pending;
};

// Fills the submission's outcome from its status record as the device wrote it
// (struct tsr_status, then one struct tsr_op_record per command).
void complete_from_record(Submission& submission, const std::vector<uint8_t>& record,
                          double timebase_hz);

}  // namespace tessera::driver::detail
