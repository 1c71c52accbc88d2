// tessera-vp's firmware-debugging options and what they set up around a run: the instruction
// trace (--trace, --trace-format, --trace-from, --trace-to, --trace-pc) and the GDB stub
// (--gdb). docs/debugging.md describes both.
#pragma once

#include <boost/program_options.hpp>
#include <fstream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "gdb_server.h"
#include "riscv/commit_log.h"
#include "soc.h"
#include "soc_debugger.h"

namespace tessera {

// A trace file that cannot be written, a GDB port that cannot be listened on.
class DebugSetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct DebugOptions {
  std::string trace_path;  // empty: no trace
  bool trace_disassembly = false;
  riscv::TraceWindow trace_window;
  std::optional<uint16_t> gdb_port;
};

void add_debug_options(boost::program_options::options_description& options);
// Throws boost::program_options::error for a bad value or a trace option without --trace.
DebugOptions read_debug_options(const boost::program_options::variables_map& vm);

class DebugSession {
 public:
  // Opens the trace file and, with --gdb, listens and waits for GDB to connect (saying where
  // on stderr). Throws DebugSetupError naming what failed. The Soc must be loaded.
  DebugSession(Soc& soc, const DebugOptions& options);
  ~DebugSession();
  DebugSession(const DebugSession&) = delete;
  DebugSession& operator=(const DebugSession&) = delete;
  // After the run: GDB learns how it ended, and the trace is complete.
  void finish(const RunResult& result);

 private:
  Soc& soc_;
  std::vector<char> trace_buffer_;  // before the file, which writes through it until closed
  std::ofstream trace_file_;
  std::unique_ptr<riscv::CommitLog> trace_;
  std::unique_ptr<gdb::GdbServer> gdb_server_;
  std::unique_ptr<SocDebugger> debugger_;
};

}  // namespace tessera
