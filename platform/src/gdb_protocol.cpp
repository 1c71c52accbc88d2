#include "gdb_protocol.h"

#include <cstdio>
#include <vector>

#include "gdb_packet.h"
#include "gdb_riscv.h"

namespace tessera::gdb {
namespace {

const std::string kOk = "OK";
const std::string kError = "E01";
const std::string kUnsupported;

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Splits "a<sep>b" at the first `sep`; nullopt without one.
std::optional<std::pair<std::string_view, std::string_view>> split(std::string_view s, char sep) {
  const size_t at = s.find(sep);
  if (at == std::string_view::npos) return std::nullopt;
  return std::make_pair(s.substr(0, at), s.substr(at + 1));
}

// "addr,len" in hex.
std::optional<std::pair<uint64_t, uint64_t>> address_and_length(std::string_view s) {
  const auto parts = split(s, ',');
  if (!parts) return std::nullopt;
  const auto addr = parse_hex(parts->first), len = parse_hex(parts->second);
  if (!addr || !len || *addr > UINT32_MAX) return std::nullopt;
  return std::make_pair(*addr, *len);
}

const char* reason_key(StopEvent::Reason reason) {
  switch (reason) {
    case StopEvent::Reason::kSoftwareBreak:
      return "swbreak";
    case StopEvent::Reason::kHardwareBreak:
      return "hwbreak";
    case StopEvent::Reason::kWatch:
      return "watch";
    case StopEvent::Reason::kReadWatch:
      return "rwatch";
    case StopEvent::Reason::kAccessWatch:
      return "awatch";
    case StopEvent::Reason::kNone:
      break;
  }
  return nullptr;
}

}  // namespace

Protocol::Outcome Protocol::handle(std::string_view packet) {
  if (packet.empty()) return {kUnsupported, {}};
  const std::string_view args = packet.substr(1);
  switch (packet[0]) {
    case '?':
      return {stop_reply(), {}};
    case 'g':
      return {read_registers(), {}};
    case 'G':
      return {write_registers(args), {}};
    case 'p':
      return {read_register(args), {}};
    case 'P':
      return {write_register(args), {}};
    case 'm':
      return {read_memory(args), {}};
    case 'M':
      return {write_memory(args, false), {}};
    case 'X':
      return {write_memory(args, true), {}};
    case 'Z':
      return {breakpoint(args, true), {}};
    case 'z':
      return {breakpoint(args, false), {}};
    case 'H':
      return {set_thread(args), {}};
    case 'T':
      return {parse_thread(args) ? kOk : kError, {}};
    case 'c':
    case 'C':
    case 's':
    case 'S':
    case 'D':
    case 'k':
    case 'v':
      return resume_packet(packet);
    case 'q':
    case 'Q':
      return {query(packet), {}};
    default:
      return {kUnsupported, {}};
  }
}

std::optional<std::string> Protocol::stopped(const StopEvent& event) {
  last_stop_ = event;
  general_thread_ = event.thread;
  if (!running_) return std::nullopt;
  running_ = false;
  return stop_reply();
}

std::optional<std::string> Protocol::exited(int exit_code) {
  if (!running_) return std::nullopt;
  running_ = false;
  char text[8];
  std::snprintf(text, sizeof text, "W%02x", exit_code & 0xff);
  return std::string(text);
}

std::string Protocol::stop_reply() const {
  char text[64];
  std::snprintf(text, sizeof text, "T%02xthread:%x;", last_stop_.signal & 0xff, last_stop_.thread);
  std::string reply = text;
  if (const char* key = reason_key(last_stop_.reason)) {
    const bool watch = last_stop_.reason != StopEvent::Reason::kSoftwareBreak &&
                       last_stop_.reason != StopEvent::Reason::kHardwareBreak;
    std::snprintf(text, sizeof text, watch ? "%s:%x;" : "%s:;", key, last_stop_.data_address);
    reply += text;
  }
  return reply;
}

// ---- registers and memory ----

std::string Protocol::read_registers() {
  std::string out;
  for (unsigned r = 0; r < riscv32::kGeneralRegisters; ++r) {
    const auto value = target_.read_register(general_thread_, r);
    out += value ? register_hex(*value) : "xxxxxxxx";
  }
  return out;
}

std::string Protocol::write_registers(std::string_view hex) {
  if (hex.size() < 8 * riscv32::kGeneralRegisters) return kError;
  for (unsigned r = 0; r < riscv32::kGeneralRegisters; ++r) {
    const auto value = parse_register_hex(hex.substr(8 * r, 8));
    if (!value || !target_.write_register(general_thread_, r, *value)) return kError;
  }
  return kOk;
}

std::string Protocol::read_register(std::string_view args) {
  const auto regnum = parse_hex(args);
  const auto value = regnum ? target_.read_register(general_thread_, static_cast<unsigned>(*regnum))
                            : std::nullopt;
  return value ? register_hex(*value) : kError;
}

std::string Protocol::write_register(std::string_view args) {
  const auto parts = split(args, '=');
  const auto regnum = parts ? parse_hex(parts->first) : std::nullopt;
  const auto value = parts ? parse_register_hex(parts->second) : std::nullopt;
  if (!regnum || !value) return kError;
  return target_.write_register(general_thread_, static_cast<unsigned>(*regnum), *value) ? kOk
                                                                                         : kError;
}

std::string Protocol::read_memory(std::string_view args) {
  const auto range = address_and_length(args);
  if (!range) return kError;
  std::vector<uint8_t> data(std::min<uint64_t>(range->second, kPacketSize / 2));
  const size_t got =
      target_.read_memory(static_cast<uint32_t>(range->first), data.data(), data.size());
  return got == 0 && !data.empty() ? kError : to_hex(data.data(), got);
}

std::string Protocol::write_memory(std::string_view args, bool binary) {
  const auto parts = split(args, ':');
  const auto range = parts ? address_and_length(parts->first) : std::nullopt;
  if (!range) return kError;
  std::vector<uint8_t> data;
  if (binary) {
    const std::string bytes = unescape(parts->second);
    data.assign(bytes.begin(), bytes.end());
  } else if (auto decoded = from_hex(parts->second)) {
    data = std::move(*decoded);
  } else {
    return kError;
  }
  if (data.size() != range->second) return kError;
  if (data.empty()) return kOk;  // GDB probes X support with an empty write
  return target_.write_memory(static_cast<uint32_t>(range->first), data.data(), data.size())
             ? kOk
             : kError;
}

std::string Protocol::breakpoint(std::string_view args, bool insert) {
  // type,addr,kind
  const auto type_rest = split(args, ',');
  const auto type = type_rest ? parse_hex(type_rest->first) : std::nullopt;
  const auto range = type_rest ? address_and_length(type_rest->second) : std::nullopt;
  if (!type || *type > 4) return kUnsupported;
  if (!range) return kError;
  const auto kind = static_cast<BreakpointType>(*type);
  const auto addr = static_cast<uint32_t>(range->first);
  const auto len = static_cast<uint32_t>(range->second);
  const bool done = insert ? target_.insert_breakpoint(kind, addr, len)
                           : target_.remove_breakpoint(kind, addr, len);
  return done ? kOk : kError;
}

// ---- threads and queries ----

std::optional<unsigned> Protocol::parse_thread(std::string_view id) const {
  const auto thread = parse_hex(id);
  if (!thread || *thread == 0 || *thread > target_.thread_count()) return std::nullopt;
  return static_cast<unsigned>(*thread);
}

std::string Protocol::set_thread(std::string_view args) {
  if (args.empty()) return kError;
  const std::string_view id = args.substr(1);
  const bool any = id == "0" || id == "-1";
  const std::optional<unsigned> thread = any ? std::nullopt : parse_thread(id);
  if (!any && !thread) return kError;
  if (args[0] == 'g')
    general_thread_ = thread.value_or(last_stop_.thread);
  else if (args[0] == 'c')
    continue_thread_ = thread;
  else
    return kError;
  return kOk;
}

std::string Protocol::query(std::string_view packet) {
  if (starts_with(packet, "qSupported")) {
    char text[128];
    std::snprintf(text, sizeof text,
                  "PacketSize=%zx;qXfer:features:read+;vContSupported+;swbreak+;hwbreak+;"
                  "QStartNoAckMode+",
                  kPacketSize);
    return text;
  }
  if (packet == "QStartNoAckMode") {
    ack_mode_ = false;
    return kOk;
  }
  if (starts_with(packet, "qXfer:features:read:target.xml:")) {
    const auto range = address_and_length(packet.substr(31));
    const std::string xml = target_.description_xml();
    if (!range || range->first > xml.size()) return kError;
    const std::string chunk = xml.substr(range->first, range->second);
    return (range->first + chunk.size() < xml.size() ? "m" : "l") + chunk;
  }
  if (packet == "qAttached") return "1";  // GDB detaches, not kills, when it quits
  if (packet == "qC") {
    char text[16];
    std::snprintf(text, sizeof text, "QC%x", last_stop_.thread);
    return text;
  }
  if (packet == "qfThreadInfo") {
    std::string list = "m";
    char id[16];
    for (unsigned t = 1; t <= target_.thread_count(); ++t) {
      std::snprintf(id, sizeof id, t == 1 ? "%x" : ",%x", t);
      list += id;
    }
    return list;
  }
  if (packet == "qsThreadInfo") return "l";
  if (starts_with(packet, "qThreadExtraInfo,")) {
    const auto thread = parse_thread(packet.substr(17));
    return thread ? to_hex(target_.thread_description(*thread)) : kError;
  }
  if (starts_with(packet, "qSymbol")) return kOk;  // no symbols wanted
  return kUnsupported;
}

// ---- resumption ----

Protocol::Outcome Protocol::resume_packet(std::string_view packet) {
  if (packet == "vCont?") return {"vCont;c;C;s;S", {}};
  if (starts_with(packet, "vCont;")) {
    // Actions ';'-separated, each c, Csig, s or Ssig with an optional :thread. In all-stop
    // mode a step action names the one thread to step, and the rest stay where they are. A
    // continue runs every thread unless all the continue actions name the same one.
    std::optional<unsigned> only;
    bool all = false;
    std::string_view actions = packet.substr(6);
    while (!actions.empty()) {
      const auto more = split(actions, ';');
      const std::string_view action = more ? more->first : actions;
      actions = more ? more->second : std::string_view();
      const auto target = split(action, ':');
      const std::optional<unsigned> thread = target ? parse_thread(target->second) : std::nullopt;
      if (action.empty()) continue;
      if (action[0] == 's' || action[0] == 'S') return resume(Resume::Kind::kStep, thread);
      all = all || !thread || (only && *only != *thread);
      only = thread;
    }
    return resume(Resume::Kind::kContinue, all ? std::nullopt : only);
  }
  if (starts_with(packet, "vKill")) {
    running_ = false;
    return {kOk, Resume{Resume::Kind::kKill}};
  }
  switch (packet[0]) {
    case 'c':
    case 'C':
      return resume(Resume::Kind::kContinue, continue_thread_);
    case 's':
    case 'S':
      return resume(Resume::Kind::kStep, continue_thread_);
    case 'D':
      running_ = false;
      return {kOk, Resume{Resume::Kind::kDetach}};
    case 'k':
      running_ = false;
      return {std::nullopt, Resume{Resume::Kind::kKill}};
    default:
      return {kUnsupported, {}};
  }
}

Protocol::Outcome Protocol::resume(Resume::Kind kind, std::optional<unsigned> thread) {
  running_ = true;
  // A step without a thread steps the one that stopped; a continue without one runs all.
  const unsigned default_thread = kind == Resume::Kind::kStep ? last_stop_.thread : 0;
  return {std::nullopt, Resume{kind, thread.value_or(default_thread)}};
}

}  // namespace tessera::gdb
