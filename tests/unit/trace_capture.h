// A TraceWriter into memory for the blocks' trace tests, and the events it wrote, found by
// track. Times come back in picoseconds (the default SystemC resolution), exactly.
#pragma once

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "common/trace_writer.h"
#include "trace_check.h"

namespace tessera::testing {

class TraceCapture {
  std::ostringstream out_;  // before the writer, which writes to it

 public:
  TraceWriter writer{out_};

  // Closes the writer and parses what it wrote.
  const nlohmann::json& finish() {
    writer.close();
    trace_ = nlohmann::json::parse(out_.str());
    return trace_;
  }
  // What trace-check finds wrong.
  std::vector<std::string> problems() const { return trace_problems(trace_); }

  // The events of phase `phase` on the track `thread` of `process`, in file order.
  std::vector<nlohmann::json> events(char phase, const std::string& process,
                                     const std::string& thread) const {
    int pid = -1, tid = -1;
    for (const nlohmann::json& e : trace_["traceEvents"]) {
      if (e["ph"] != "M") continue;
      if (e["name"] == "process_name" && e["args"]["name"] == process) pid = e["pid"];
      if (e["name"] == "thread_name" && e["args"]["name"] == thread && e["pid"] == pid)
        tid = e["tid"];
    }
    std::vector<nlohmann::json> found;
    for (const nlohmann::json& e : trace_["traceEvents"])
      if (e["ph"] == std::string(1, phase) && e["pid"] == pid && e["tid"] == tid)
        found.push_back(e);
    return found;
  }

  static uint64_t picoseconds(const nlohmann::json& microseconds) {
    return static_cast<uint64_t>(std::llround(microseconds.get<double>() * 1e6));
  }

 private:
  nlohmann::json trace_;
};

}  // namespace tessera::testing
