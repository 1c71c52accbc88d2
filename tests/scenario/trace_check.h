// Checks a parsed trace against the Chrome trace-event format as Perfetto and chrome://tracing
// read it: the fields each phase needs, names for every track, and slices that nest on each
// track (viewers drop one that partly overlaps another). Returns the problems found.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tessera::testing {

std::vector<std::string> trace_problems(const nlohmann::json& trace);

}  // namespace tessera::testing
