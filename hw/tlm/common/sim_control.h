// SimControl: how a run ends. Any model may request the stop (test-exit register, `tohost`,
// an instruction limit, a fault it cannot recover from); the first request wins and its exit
// code becomes the simulator's. Also watches the wall-clock timeout.
#pragma once

#include <chrono>
#include <string>

namespace tessera {

class SimControl {
 public:
  // Exit codes of the simulator itself (the firmware chooses its own through the stop).
  static constexpr int kExitBadInput = 2;
  static constexpr int kExitLimit = 3;          // timeout, instruction limit, no progress
  static constexpr int kExitModelMismatch = 4;  // two models of a block disagreed (lockstep)

  // The firmware (or what it ran into) ends the run with its own exit code.
  void finish(int exit_code, const std::string& reason);
  // A limit ends the run: timeout, instruction limit, no progress.
  void stop_at_limit(const std::string& reason);
  bool stop_requested() const { return stopped_; }
  bool limit_reached() const { return limit_reached_; }
  int exit_code() const { return exit_code_; }
  const std::string& reason() const { return reason_; }

  void set_wall_timeout(double seconds);
  // Cheap enough to call at every quantum; requests the stop when the deadline passed.
  void poll_wall_clock();

 private:
  bool stopped_ = false;
  bool limit_reached_ = false;
  int exit_code_ = 0;
  std::string reason_;
  bool has_deadline_ = false;
  std::chrono::steady_clock::time_point deadline_;
  unsigned polls_ = 0;
};

}  // namespace tessera
