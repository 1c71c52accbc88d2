#include "common/trace_writer.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace tessera {
namespace {

// Perfetto's JSON reader refuses \uXXXX escapes, so control characters other than the five
// with short escapes become '?' (they have no business in a name anyway).
void write_string(std::ostream& out, std::string_view text) {
  out << '"';
  for (const char c : text) {
    switch (c) {
      case '"':
      case '\\':
        out << '\\' << c;
        break;
      case '\n':
        out << "\\n";
        break;
      case '\t':
        out << "\\t";
        break;
      case '\r':
        out << "\\r";
        break;
      case '\b':
        out << "\\b";
        break;
      case '\f':
        out << "\\f";
        break;
      default:
        out << (static_cast<unsigned char>(c) < 0x20 ? '?' : c);  // UTF-8 passes through
    }
  }
  out << '"';
}

// Shortest text that reads back as the same double: the same value always prints the same.
void write_double(std::ostream& out, double value) {
  if (!std::isfinite(value)) {
    out << "null";  // JSON has no NaN or infinity
    return;
  }
  char text[32];
  const auto result = std::to_chars(text, text + sizeof text, value);
  out.write(text, result.ptr - text);
}

void write_value(std::ostream& out, const TraceArg::Value& value) {
  std::visit(
      [&out](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>)
          write_string(out, v);
        else if constexpr (std::is_same_v<T, double>)
          write_double(out, v);
        else if constexpr (std::is_same_v<T, bool>)
          out << (v ? "true" : "false");
        else
          out << v;
      },
      value);
}

}  // namespace

void TraceTrack::slice(std::string_view name, const sc_core::sc_time& start,
                       const sc_core::sc_time& duration, const TraceArgs& args) const {
  if (writer_) writer_->event('X', pid_, tid_, name, start, &duration, args);
}

void TraceTrack::instant(std::string_view name, const sc_core::sc_time& at,
                         const TraceArgs& args) const {
  if (writer_) writer_->event('i', pid_, tid_, name, at, nullptr, args);
}

void TraceTrack::counter(std::string_view name, const sc_core::sc_time& at,
                         const TraceArgs& series) const {
  if (!writer_) return;
  for (const TraceArg& s : series)
    if (std::holds_alternative<std::string>(s.value))
      throw std::invalid_argument("trace counter " + std::string(name) + ": series " + s.key +
                                  " is not a number");
  writer_->event('C', pid_, tid_, name, at, nullptr, series);
}

TraceWriter::TraceWriter(const std::string& path, TraceArgs metadata)
    : file_(std::make_unique<std::ofstream>(path)),
      path_(path),
      out_(file_.get()),
      metadata_(std::move(metadata)) {
  if (!*file_) throw std::runtime_error(path + ": cannot open for writing");
  begin();
}

TraceWriter::TraceWriter(std::ostream& out, TraceArgs metadata)
    : path_("trace stream"), out_(&out), metadata_(std::move(metadata)) {
  begin();
}

TraceWriter::~TraceWriter() {
  try {
    close();
  } catch (const std::exception&) {
    // A destructor must not throw; close() explicitly to see write errors.
  }
}

void TraceWriter::begin() {
  // Timestamps are written exactly: ticks / ticks_per_us with the decimals one tick needs.
  const double resolution_s = sc_core::sc_get_time_resolution().to_seconds();
  ticks_per_us_ = static_cast<uint64_t>(std::llround(1e-6 / resolution_s));
  fraction_digits_ = 0;
  uint64_t power = 1;
  while (power < ticks_per_us_) {
    power *= 10;
    ++fraction_digits_;
  }
  if (ticks_per_us_ == 0 || power != ticks_per_us_)
    throw std::invalid_argument(path_ +
                                ": SystemC time resolution must be a power of ten up to 1 us");

  // traceEvents comes first: Perfetto stops reading at a top-level key it does not know.
  // No displayTimeUnit: Perfetto takes it as the unit of every timestamp, not of the display.
  *out_ << "{\"traceEvents\":[";
}

TraceTrack TraceWriter::track(const std::string& process, const std::string& thread) {
  if (closed_) return {};
  auto [process_entry, new_process] =
      pids_.emplace(process, static_cast<uint32_t>(pids_.size() + 1));
  const uint32_t pid = process_entry->second;
  if (new_process) {
    write_metadata("process_name", pid, 0, {"name", process});
    write_metadata("process_sort_index", pid, 0, {"sort_index", pid});
  }
  auto [thread_entry, new_thread] = tids_.emplace(std::make_pair(pid, thread), next_tid_);
  const uint32_t tid = thread_entry->second;
  if (new_thread) {
    ++next_tid_;
    write_metadata("thread_name", pid, tid, {"name", thread});
    write_metadata("thread_sort_index", pid, tid, {"sort_index", tid});
  }
  return TraceTrack(this, pid, tid);
}

void TraceWriter::close() {
  if (closed_) return;
  closed_ = true;
  *out_ << "\n],\n\"otherData\":{";
  write_members(metadata_);
  *out_ << "}}\n";
  out_->flush();
  if (file_) file_->close();
  if (!*out_) throw std::runtime_error(path_ + ": writing the trace failed");
}

void TraceWriter::event(char phase, uint32_t pid, uint32_t tid, std::string_view name,
                        const sc_core::sc_time& at, const sc_core::sc_time* duration,
                        const TraceArgs& args) {
  if (closed_) return;
  open_event(name, phase, pid, tid);
  if (phase == 'i') *out_ << ",\"s\":\"t\"";  // thread scope: drawn on its track
  *out_ << ",\"ts\":";
  write_time(at);
  if (duration) {
    *out_ << ",\"dur\":";
    write_time(*duration);
  }
  write_args(args);
  *out_ << '}';
}

void TraceWriter::open_event(std::string_view name, char phase, uint32_t pid, uint32_t tid) {
  *out_ << (events_++ ? ",\n" : "\n") << "{\"name\":";
  write_string(*out_, name);
  *out_ << ",\"ph\":\"" << phase << "\",\"pid\":" << pid << ",\"tid\":" << tid;
}

void TraceWriter::write_time(const sc_core::sc_time& t) {
  const uint64_t ticks = t.value();
  *out_ << ticks / ticks_per_us_;
  uint64_t fraction = ticks % ticks_per_us_;
  if (fraction == 0) return;
  int digits = fraction_digits_;
  while (fraction % 10 == 0) {  // 1.5 rather than 1.500000
    fraction /= 10;
    --digits;
  }
  const std::string text = std::to_string(fraction);
  *out_ << '.' << std::string(digits - text.size(), '0') << text;
}

void TraceWriter::write_args(const TraceArgs& args) {
  if (args.empty()) return;
  *out_ << ",\"args\":{";
  write_members(args);
  *out_ << '}';
}

void TraceWriter::write_members(const TraceArgs& members) {
  for (size_t i = 0; i < members.size(); ++i) {
    if (i) *out_ << ',';
    write_string(*out_, members[i].key);
    *out_ << ':';
    write_value(*out_, members[i].value);
  }
}

void TraceWriter::write_metadata(std::string_view kind, uint32_t pid, uint32_t tid,
                                 const TraceArg& arg) {
  open_event(kind, 'M', pid, tid);
  write_args({arg});
  *out_ << '}';
}

}  // namespace tessera
