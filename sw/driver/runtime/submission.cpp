#include "submission.h"

#include <algorithm>
#include <cstring>

#include "tessera/driver/command_list.h"
#include "text.h"

namespace tessera::driver::detail {

namespace {

const char* exception_name(uint32_t mcause) {
  static const char* const names[] = {"instruction address misaligned",
                                      "instruction access fault",
                                      "illegal instruction",
                                      "breakpoint",
                                      "load address misaligned",
                                      "load access fault",
                                      "store address misaligned",
                                      "store access fault"};
  return mcause < sizeof(names) / sizeof(names[0]) ? names[mcause] : "exception";
}

std::string invalid_reason(uint32_t which) {
  switch (which) {
    case TSR_INVALID_FLAGS:
      return "its flags must be 0";
    case TSR_INVALID_TILE_MASK:
      return "its tile mask does not suit the op (a tile op needs tiles of the chip, an op of "
             "the manager core none)";
    default:
      return "the kernel refused its operands (sizes or alignment)";
  }
}

// The code and the words for an op's failure.
Status op_failure(const tsr_status& s) {
  const uint32_t* d = s.detail;
  switch (s.error) {
    case TSR_ERR_BAD_LIST:
      return {ErrorCode::kDeviceFault, "the firmware rejected the list: magic " + hex(d[0]) + ", " +
                                           std::to_string(d[1]) + " commands"};
    case TSR_ERR_UNSUPPORTED_OP:
      return {ErrorCode::kUnsupported, "the firmware has no op " + opcode_name(d[0])};
    case TSR_ERR_INVALID_COMMAND:
      return {ErrorCode::kInvalidValue, "the device rejected it: " + invalid_reason(d[0])};
    case TSR_ERR_TILE_FAULT:
      return {ErrorCode::kDeviceFault,
              "tile " + std::to_string(d[0]) + " trapped in the kernel: " + exception_name(d[1]) +
                  " (mcause " + hex(d[1]) + ") at pc " + hex(d[2]) + ", mtval " + hex(d[3])};
    case TSR_ERR_HOST_DMA:
      return {ErrorCode::kDeviceFault, "the host DMA of " + std::to_string(d[3]) +
                                           " bytes between host bus address " +
                                           hex(uint64_t{d[1]} << 32 | d[0]) +
                                           " and device address " + hex(d[2]) + " failed"};
    case TSR_ERR_ABORTED:
      return {ErrorCode::kAborted, "abandoned by a device reset"};
    case TSR_ERR_TILE_OFFLINE:
      return {ErrorCode::kDeviceFault, "tiles " + hex(d[0]) +
                                           " are offline (they did not stop when a reset "
                                           "abandoned their work)"};
    case TSR_ERR_ENGINE_FAULT:
      return {ErrorCode::kDeviceFault, "a tile engine (MXU, VPU or DMA) stopped on an error"};
    default:
      return {ErrorCode::kDeviceFault, "the firmware reported error " + hex(s.error)};
  }
}

}  // namespace

std::string Submission::name() const {
  std::string text =
      "stream " + std::to_string(stream_id) + ", list " + std::to_string(list_id) + " (";
  for (size_t i = 0; i < commands.size(); ++i) {
    if (i == 3) {
      text += ", ... " + std::to_string(commands.size()) + " commands";
      break;
    }
    text += (i ? ", " : "") + opcode_name(commands[i].opcode);
  }
  return text + ")";
}

void complete_from_record(Submission& submission, const std::vector<uint8_t>& record,
                          double timebase_hz) {
  tsr_status status;
  std::memcpy(&status, record.data(), sizeof(status));
  const double ns_per_tick = 1e9 / timebase_hz;
  submission.start_ns = static_cast<uint64_t>(status.start_time * ns_per_tick);
  submission.end_ns = static_cast<uint64_t>(status.end_time * ns_per_tick);

  // Every op of a list that is DONE ran; otherwise those before the failed one, and the
  // failed one itself unless it never started (a list abandoned while queued).
  const size_t count = submission.commands.size();
  const size_t last =
      status.state == TSR_STATE_DONE ? count : std::min<size_t>(status.failed_op + 1, count);
  submission.ops.clear();
  for (size_t i = 0; i < last; ++i) {
    tsr_op_record op;
    std::memcpy(&op, record.data() + sizeof(status) + i * sizeof(op), sizeof(op));
    if (op.start_cycle == 0) break;
    submission.ops.push_back({submission.commands[i].opcode, op.tiles, op.start_cycle, op.cycles});
  }

  if (status.state == TSR_STATE_DONE) {
    submission.result = {};
    return;
  }
  if (status.state != TSR_STATE_FAILED && status.state != TSR_STATE_ABORTED) {
    submission.result = {ErrorCode::kDeviceFault,
                         submission.name() +
                             ": the firmware signalled completion but left the "
                             "status record in state " +
                             std::to_string(status.state)};
    return;
  }
  const Status failure = op_failure(status);
  std::string where = submission.name();
  if (status.failed_op < count) {
    const tsr_command& c = submission.commands[status.failed_op];
    where += ", command " + std::to_string(status.failed_op) + " (" + opcode_name(c.opcode) +
             (c.tile_mask ? " on tiles " + hex(c.tile_mask) : std::string()) + ")";
  }
  submission.result = {failure.code(), where + ": " + failure.message()};
  submission.abandoned = status.state == TSR_STATE_ABORTED;
}

}  // namespace tessera::driver::detail
