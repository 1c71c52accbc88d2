// Where each node of a model ran and its device cycles, as tessera-run and tessera-classify print
// them for backends that measure it.
#pragma once

#include <cstdint>
#include <cstdio>

#include "tessera/driver/backend.h"

namespace tessera::driver::tools {

// One line per node; cycles are per run (`runs` of them summed, divided back). Returns the device
// cycles of every run.
inline uint64_t print_profile(const LoadedModel& model) {
  uint64_t total = 0, runs = 1;
  for (const NodeProfile& node : model.profile()) {
    runs = node.runs ? node.runs : 1;
    std::printf(
        "  %-24s %-14s %s %12llu cycles/run%s%s\n", node.node.c_str(), node.op_type.c_str(),
        node.on_device ? "device" : "host  ",
        static_cast<unsigned long long>(node.device_cycles / runs),
        node.fallback_reason.empty() ? "" : "  host fallback: ", node.fallback_reason.c_str());
    total += node.device_cycles;
  }
  if (!model.profile().empty())
    std::printf("device cycles per run: %llu\n", static_cast<unsigned long long>(total / runs));
  return total;
}

}  // namespace tessera::driver::tools
