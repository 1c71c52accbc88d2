// The GDB remote serial protocol's commands, all-stop mode, over an abstract Target: the
// stub's side of a session without sockets or simulator, so it can be unit-tested.
//
// Threads are harts: thread t (from 1, as GDB wants) is hart t - 1. Supported: registers
// (g G p P, with the target description over qXfer), memory (m M X), breakpoints and
// watchpoints (Z0-Z4, z0-z4), resumption (c s vCont), thread queries (qfThreadInfo
// qsThreadInfo qC T qThreadExtraInfo H), stop replies (? T), detach (D) and kill (k vKill),
// QStartNoAckMode. Anything else gets the empty reply GDB reads as "not supported".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tessera::gdb {

constexpr int kSigInt = 2;   // stopped by Ctrl-C
constexpr int kSigTrap = 5;  // stopped by a breakpoint, watchpoint, step, or at the start

enum class BreakpointType { kSoftware = 0, kHardware = 1, kWrite = 2, kRead = 3, kAccess = 4 };

struct StopEvent {
  enum class Reason { kNone, kSoftwareBreak, kHardwareBreak, kWatch, kReadWatch, kAccessWatch };
  unsigned thread = 1;
  int signal = kSigTrap;
  Reason reason = Reason::kNone;
  uint32_t data_address = 0;  // the watched address the access touched (watch reasons)
};

// What GDB asked the target to do next.
struct Resume {
  enum class Kind { kContinue, kStep, kDetach, kKill };
  Kind kind;
  // kStep: the thread to step (the others stay stopped). kContinue: the one thread to run,
  // the others staying stopped (GDB's step over a breakpoint, scheduler-locking), or 0 for all.
  unsigned thread = 0;
};

class Target {
 public:
  virtual ~Target() = default;
  virtual unsigned thread_count() const = 0;
  virtual std::string thread_description(unsigned thread) const = 0;
  // Registers by GDB's number (gdb_riscv.h); nullopt or false for one the thread lacks.
  virtual std::optional<uint32_t> read_register(unsigned thread, unsigned regnum) = 0;
  virtual bool write_register(unsigned thread, unsigned regnum, uint32_t value) = 0;
  // Returns the bytes read, from the first: fewer than asked where memory ends.
  virtual size_t read_memory(uint32_t addr, uint8_t* data, size_t len) = 0;
  virtual bool write_memory(uint32_t addr, const uint8_t* data, size_t len) = 0;
  virtual bool insert_breakpoint(BreakpointType type, uint32_t addr, uint32_t len) = 0;
  virtual bool remove_breakpoint(BreakpointType type, uint32_t addr, uint32_t len) = 0;
  virtual std::string description_xml() const = 0;
};

class Protocol {
 public:
  static constexpr size_t kPacketSize = 0x4000;  // the largest packet we take, as qSupported says

  explicit Protocol(Target& target) : target_(target) {}

  struct Outcome {
    std::optional<std::string> reply;  // payload to send back (none for k)
    std::optional<Resume> resume;      // GDB resumed the target, detached or killed it
  };
  Outcome handle(std::string_view packet);

  // The target stopped. Returns the stop reply to send if GDB is waiting for one (it resumed
  // the target); else, as for the stop before GDB's first command, `?` reports it later.
  std::optional<std::string> stopped(const StopEvent& event);
  // The program ended: the exit reply (W) if GDB is waiting for the target.
  std::optional<std::string> exited(int exit_code);

  bool ack_mode() const { return ack_mode_; }

 private:
  std::string stop_reply() const;
  std::string read_registers();
  std::string write_registers(std::string_view hex);
  std::string read_register(std::string_view args);
  std::string write_register(std::string_view args);
  std::string read_memory(std::string_view args);
  std::string write_memory(std::string_view args, bool binary);
  std::string breakpoint(std::string_view args, bool insert);
  std::string query(std::string_view packet);
  std::string set_thread(std::string_view args);
  Outcome resume_packet(std::string_view packet);
  Outcome resume(Resume::Kind kind, std::optional<unsigned> thread);
  std::optional<unsigned> parse_thread(std::string_view id) const;

  Target& target_;
  StopEvent last_stop_;
  unsigned general_thread_ = 1;              // Hg: whose registers g/p/G/P access
  std::optional<unsigned> continue_thread_;  // Hc: the thread c/s act on (none: all)
  bool running_ = false;                     // GDB waits for a stop reply
  bool ack_mode_ = true;
};

}  // namespace tessera::gdb
