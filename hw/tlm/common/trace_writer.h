// TraceWriter: simulated activity as a Chrome trace-event JSON file, which Perfetto
// (ui.perfetto.dev, "Open trace file") and chrome://tracing open.
//
// Each block emits on its own track (a "thread" of a "process" in the format: process "tile 0",
// threads "core", "mxu", "vpu", "dma"; process "dram", threads "channel 0"...): complete slices
// for work with a duration, instant events for moments, counters for values over time (e.g.
// utilization). Times are SIMULATED time, written in microseconds with as many decimals as
// the SystemC time resolution needs (6 at the default 1 ps), so nothing is rounded.
//
// Events go straight to the stream, one per line, in call order: memory stays bounded by the
// number of tracks, whatever the length of the run. Viewers sort events by time, so
// temporally decoupled blocks may emit out of time order. Slices on one track must nest
// (viewers drop a slice that partly overlaps another): a block that overlaps work uses one
// track per lane. The same calls give the same bytes: ids are handed out in order of first
// use and numbers are printed exactly.
//
// Not thread-safe: call from SystemC processes (one OS thread).
#pragma once

#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <systemc>
#include <utility>
#include <variant>
#include <vector>

namespace tessera {

// A named value attached to an event (the viewer's details pane) or a counter's series.
struct TraceArg {
  using Value = std::variant<int64_t, uint64_t, double, bool, std::string>;

  TraceArg(std::string key, int value) : key(std::move(key)), value(int64_t{value}) {}
  TraceArg(std::string key, int64_t value) : key(std::move(key)), value(value) {}
  TraceArg(std::string key, uint32_t value) : key(std::move(key)), value(uint64_t{value}) {}
  TraceArg(std::string key, uint64_t value) : key(std::move(key)), value(value) {}
  TraceArg(std::string key, double value) : key(std::move(key)), value(value) {}
  TraceArg(std::string key, bool value) : key(std::move(key)), value(value) {}
  TraceArg(std::string key, std::string value) : key(std::move(key)), value(std::move(value)) {}
  TraceArg(std::string key, const char* value) : key(std::move(key)), value(std::string(value)) {}

  std::string key;
  Value value;
};
using TraceArgs = std::vector<TraceArg>;

class TraceWriter;

// One row of the viewer. A default-constructed track is disabled and ignores every call, so a
// block keeps one and emits unconditionally; TraceWriter::track() hands out enabled ones. A
// track must not outlive its writer.
class TraceTrack {
 public:
  TraceTrack() = default;
  bool enabled() const { return writer_ != nullptr; }

  // Work from `start` for `duration` ("ph":"X").
  void slice(std::string_view name, const sc_core::sc_time& start, const sc_core::sc_time& duration,
             const TraceArgs& args = {}) const;
  // A moment on this track ("ph":"i").
  void instant(std::string_view name, const sc_core::sc_time& at, const TraceArgs& args = {}) const;
  // Values of the counter `name` from `at` on ("ph":"C"): one series per entry, numeric.
  // Counters belong to the track's process in the format (the viewer shows them there).
  void counter(std::string_view name, const sc_core::sc_time& at, const TraceArgs& series) const;

 private:
  friend class TraceWriter;
  TraceTrack(TraceWriter* writer, uint32_t pid, uint32_t tid)
      : writer_(writer), pid_(pid), tid_(tid) {}

  TraceWriter* writer_ = nullptr;
  uint32_t pid_ = 0, tid_ = 0;
};

class TraceWriter {
 public:
  // Writes to `path`; throws std::runtime_error naming it when it cannot be opened.
  // `metadata` goes to the file's otherData (e.g. the scenario's name).
  explicit TraceWriter(const std::string& path, TraceArgs metadata = {});
  // Writes to a stream the caller keeps open until close().
  explicit TraceWriter(std::ostream& out, TraceArgs metadata = {});
  // Finishes the file if close() was not called (errors are then lost: call close()).
  ~TraceWriter();
  TraceWriter(const TraceWriter&) = delete;
  TraceWriter& operator=(const TraceWriter&) = delete;

  // The track `thread` of `process`, created (with its names) on first use. Processes and
  // threads are shown in order of creation.
  TraceTrack track(const std::string& process, const std::string& thread);

  // Ends the JSON document and flushes; throws std::runtime_error if any write failed.
  // Events after close() are ignored.
  void close();
  uint64_t events_written() const { return events_; }

 private:
  friend class TraceTrack;

  void begin();
  // One timed event ("X" with a duration, "i", "C"); ignored once closed.
  void event(char phase, uint32_t pid, uint32_t tid, std::string_view name,
             const sc_core::sc_time& at, const sc_core::sc_time* duration, const TraceArgs& args);
  // Starts an event object up to its last common field; the caller appends the rest and "}".
  void open_event(std::string_view name, char phase, uint32_t pid, uint32_t tid);
  void write_time(const sc_core::sc_time& t);
  void write_args(const TraceArgs& args);  // ,"args":{...} unless empty
  void write_members(const TraceArgs& members);
  void write_metadata(std::string_view kind, uint32_t pid, uint32_t tid, const TraceArg& arg);

  std::unique_ptr<std::ofstream> file_;  // when the writer opened the file itself
  std::string path_;                     // for error messages
  std::ostream* out_;
  TraceArgs metadata_;     // written at close(), after the events
  uint64_t ticks_per_us_;  // SystemC time resolution: ticks in one microsecond
  int fraction_digits_;    // decimals that represent one tick exactly
  std::map<std::string, uint32_t> pids_;
  std::map<std::pair<uint32_t, std::string>, uint32_t> tids_;
  uint32_t next_tid_ = 1;  // unique across processes: some viewers key threads by tid alone
  uint64_t events_ = 0;
  bool closed_ = false;
};

}  // namespace tessera
