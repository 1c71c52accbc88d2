#include "trace_check.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace tessera::testing {
namespace {

using Json = nlohmann::json;

struct Slice {
  int64_t start, end;  // picoseconds: comparing the doubles would see rounding as overlap
  std::string name;
};

int64_t picoseconds(const Json& microseconds) {
  return std::llround(microseconds.get<double>() * 1e6);
}

bool is_id(const Json& event, const char* key) {
  return event.contains(key) && event[key].is_number_integer();
}
bool is_time(const Json& event, const char* key) {
  return event.contains(key) && event[key].is_number() && event[key].get<double>() >= 0;
}

// Slices on one track must nest: sorted by start (longest first on a tie), each one must end
// within every slice still open when it starts.
void check_nesting(std::vector<Slice> slices, const std::string& track,
                   std::vector<std::string>& problems) {
  std::sort(slices.begin(), slices.end(), [](const Slice& a, const Slice& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::vector<Slice> open;
  for (const Slice& s : slices) {
    while (!open.empty() && open.back().end <= s.start) open.pop_back();
    if (!open.empty() && s.end > open.back().end)
      problems.push_back(track + ": slice " + s.name + " partly overlaps " + open.back().name);
    open.push_back(s);
  }
}

}  // namespace

std::vector<std::string> trace_problems(const Json& trace) {
  std::vector<std::string> problems;
  if (!trace.is_object() || !trace.contains("traceEvents") || !trace["traceEvents"].is_array())
    return {"not an object with a traceEvents array"};

  std::set<int64_t> named_processes;
  std::set<std::pair<int64_t, int64_t>> named_threads;
  std::set<std::pair<int64_t, int64_t>> used_tracks;
  std::map<std::pair<int64_t, int64_t>, std::vector<Slice>> slices;
  size_t index = 0;
  for (const Json& e : trace["traceEvents"]) {
    const std::string at = "event " + std::to_string(index++);
    if (!e.is_object() || !e.contains("ph") || !e["ph"].is_string() || !e.contains("name") ||
        !e["name"].is_string() || !is_id(e, "pid") || !is_id(e, "tid")) {
      problems.push_back(at + ": lacks a string ph and name, or integer pid and tid");
      continue;
    }
    const std::string ph = e["ph"], name = e["name"];
    const std::pair<int64_t, int64_t> track{e["pid"], e["tid"]};
    if (ph == "M") {
      const bool sort = name == "process_sort_index" || name == "thread_sort_index";
      if (name != "process_name" && name != "thread_name" && !sort)
        problems.push_back(at + ": unknown metadata " + name);
      else if (!e.contains("args") || !(sort ? e["args"]["sort_index"].is_number_integer()
                                             : e["args"]["name"].is_string()))
        problems.push_back(at + ": metadata " + name + " lacks its argument");
      if (name == "process_name") named_processes.insert(track.first);
      if (name == "thread_name") named_threads.insert(track);
      continue;
    }
    used_tracks.insert(track);
    if (!is_time(e, "ts")) problems.push_back(at + ": lacks a non-negative ts");
    if (e.contains("args") && !e["args"].is_object())
      problems.push_back(at + ": args is not an object");
    if (ph == "X") {
      if (!is_time(e, "dur")) {
        problems.push_back(at + ": complete event lacks a non-negative dur");
        continue;
      }
      const int64_t start = picoseconds(e["ts"]);
      slices[track].push_back({start, start + picoseconds(e["dur"]), name});
    } else if (ph == "i") {
      if (!e.contains("s") || (e["s"] != "t" && e["s"] != "p" && e["s"] != "g"))
        problems.push_back(at + ": instant event lacks a scope s of t, p or g");
    } else if (ph == "C") {
      if (!e.contains("args") || e["args"].empty())
        problems.push_back(at + ": counter without series");
      else
        for (const auto& [key, value] : e["args"].items())
          if (!value.is_number())
            problems.push_back(at + ": counter series " + key + " not numeric");
    } else {
      problems.push_back(at + ": phase " + ph + " is not one the writer emits");
    }
  }
  for (const auto& track : used_tracks) {
    const std::string id = std::to_string(track.first) + "/" + std::to_string(track.second);
    if (!named_processes.count(track.first)) problems.push_back("process of " + id + " unnamed");
    if (!named_threads.count(track)) problems.push_back("thread " + id + " unnamed");
  }
  for (const auto& [track, list] : slices)
    check_nesting(list, std::to_string(track.first) + "/" + std::to_string(track.second), problems);
  return problems;
}

}  // namespace tessera::testing
