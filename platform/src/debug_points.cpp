#include "debug_points.h"

#include <algorithm>

namespace tessera {

using gdb::BreakpointType;
using Reason = gdb::StopEvent::Reason;

bool DebugPoints::insert(BreakpointType type, uint32_t addr, uint32_t len) {
  switch (type) {
    case BreakpointType::kSoftware:
      software_.insert(addr);
      return true;
    case BreakpointType::kHardware:
      hardware_.insert(addr);
      return true;
    default:
      if (len == 0) return false;
      watchpoints_.push_back({type, addr, len});
      return true;
  }
}

bool DebugPoints::remove(BreakpointType type, uint32_t addr, uint32_t len) {
  switch (type) {
    case BreakpointType::kSoftware:
      return software_.erase(addr) != 0;
    case BreakpointType::kHardware:
      return hardware_.erase(addr) != 0;
    default: {
      const auto it = std::find_if(watchpoints_.begin(), watchpoints_.end(), [&](const auto& w) {
        return w.type == type && w.addr == addr && w.len == len;
      });
      if (it == watchpoints_.end()) return false;
      watchpoints_.erase(it);
      return true;
    }
  }
}

void DebugPoints::clear() {
  software_.clear();
  hardware_.clear();
  watchpoints_.clear();
}

std::optional<Reason> DebugPoints::breakpoint_at(uint32_t pc) const {
  if (!software_.empty() && software_.count(pc)) return Reason::kSoftwareBreak;
  if (!hardware_.empty() && hardware_.count(pc)) return Reason::kHardwareBreak;
  return std::nullopt;
}

std::optional<DebugPoints::WatchHit> DebugPoints::watch_hit(
    const riscv::MemoryAccess& access) const {
  if (access.size == 0) return std::nullopt;
  for (const Watchpoint& w : watchpoints_) {
    const bool kind = w.type == BreakpointType::kAccess ||
                      (w.type == BreakpointType::kWrite ? access.store : access.load);
    // The ranges overlap (64-bit: a range may end at 2^32).
    const uint64_t start = std::max(access.addr, w.addr);
    const uint64_t end = std::min(uint64_t{access.addr} + access.size, uint64_t{w.addr} + w.len);
    if (!kind || start >= end) continue;
    const Reason reason = w.type == BreakpointType::kWrite  ? Reason::kWatch
                          : w.type == BreakpointType::kRead ? Reason::kReadWatch
                                                            : Reason::kAccessWatch;
    return WatchHit{reason, static_cast<uint32_t>(start)};
  }
  return std::nullopt;
}

}  // namespace tessera
