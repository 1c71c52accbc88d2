#include "debug_session.h"

#include <iostream>

namespace po = boost::program_options;

namespace tessera {
namespace {

constexpr size_t kTraceBufferBytes = 1 << 20;  // a trace line per instruction: write in bulk

// A number as C writes it: decimal, or hex after 0x.
uint64_t parse_number(const std::string& text, const std::string& option) {
  size_t used = 0;
  uint64_t value = 0;
  try {
    const bool hex = text.rfind("0x", 0) == 0 || text.rfind("0X", 0) == 0;
    value = std::stoull(text, &used, hex ? 16 : 10);
  } catch (const std::logic_error&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || text[0] == '-')
    throw po::error("option '--" + option + "': '" + text + "' is not a number");
  return value;
}

}  // namespace

void add_debug_options(po::options_description& options) {
  options.add_options()("trace", po::value<std::string>(),
                        "write an instruction trace (Spike's commit-log format) to FILE")(
      "trace-format", po::value<std::string>()->default_value("spike"),
      "spike, or full: each line also ends in the instruction's disassembly")(
      "trace-from", po::value<std::string>(),
      "trace each hart from its Nth instruction on (counting from 0)")(
      "trace-to", po::value<std::string>(), "trace each hart up to (not including) instruction N")(
      "trace-pc", po::value<std::string>(),
      "trace only instructions at START <= pc < END, given as START:END (hex with 0x)")(
      "gdb", po::value<uint16_t>(),
      "wait for GDB on 127.0.0.1:PORT before the first instruction (0: any free port)");
}

DebugOptions read_debug_options(const po::variables_map& vm) {
  DebugOptions out;
  if (vm.count("gdb")) out.gdb_port = vm["gdb"].as<uint16_t>();
  const bool windowed = vm.count("trace-from") || vm.count("trace-to") || vm.count("trace-pc");
  if (!vm.count("trace")) {
    if (windowed || !vm["trace-format"].defaulted())
      throw po::error("the --trace-* options need --trace FILE");
    return out;
  }
  out.trace_path = vm["trace"].as<std::string>();
  const std::string format = vm["trace-format"].as<std::string>();
  if (format != "spike" && format != "full")
    throw po::error("option '--trace-format': '" + format + "' is neither spike nor full");
  out.trace_disassembly = format == "full";
  riscv::TraceWindow& window = out.trace_window;
  if (vm.count("trace-from"))
    window.from = parse_number(vm["trace-from"].as<std::string>(), "trace-from");
  if (vm.count("trace-to")) window.to = parse_number(vm["trace-to"].as<std::string>(), "trace-to");
  if (window.to <= window.from) throw po::error("--trace-to must be above --trace-from");
  if (vm.count("trace-pc")) {
    const std::string range = vm["trace-pc"].as<std::string>();
    const size_t colon = range.find(':');
    if (colon == std::string::npos) throw po::error("option '--trace-pc' expects START:END");
    window.pc_start = parse_number(range.substr(0, colon), "trace-pc");
    window.pc_end = parse_number(range.substr(colon + 1), "trace-pc");
    if (window.pc_end <= window.pc_start || window.pc_end > (uint64_t{1} << 32))
      throw po::error("option '--trace-pc': " + range + " is not a range of 32-bit addresses");
  }
  return out;
}

DebugSession::DebugSession(Soc& soc, const DebugOptions& options) : soc_(soc) {
  // The debugger observes the cores first: it may stop them and change what they run next.
  if (options.gdb_port) {
    try {
      gdb_server_ = std::make_unique<gdb::GdbServer>(*options.gdb_port);
    } catch (const std::runtime_error& e) {
      throw DebugSetupError(e.what());
    }
    std::cerr << "tessera-vp: waiting for gdb on 127.0.0.1:" << gdb_server_->port()
              << " (target remote :" << gdb_server_->port() << ")" << std::endl;
    gdb_server_->accept_connection();
    debugger_ = std::make_unique<SocDebugger>(soc, *gdb_server_);
  }
  if (!options.trace_path.empty()) {
    trace_buffer_.resize(kTraceBufferBytes);
    trace_file_.rdbuf()->pubsetbuf(trace_buffer_.data(), trace_buffer_.size());
    trace_file_.open(options.trace_path);
    if (!trace_file_) throw DebugSetupError(options.trace_path + ": cannot open for writing");
    trace_ = std::make_unique<riscv::CommitLog>(trace_file_, options.trace_window,
                                                options.trace_disassembly);
    for (const auto& hart : soc.harts()) hart->core().add_observer(trace_.get());
  }
}

DebugSession::~DebugSession() {
  if (trace_)
    for (const auto& hart : soc_.harts()) hart->core().remove_observer(trace_.get());
}

void DebugSession::finish(const RunResult& result) {
  if (debugger_) debugger_->finish(result.exit_code);
  if (trace_) trace_file_.flush();
}

}  // namespace tessera
