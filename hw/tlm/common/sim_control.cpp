#include "sim_control.h"

#include <systemc>

namespace tessera {

void SimControl::finish(int exit_code, const std::string& reason) {
  if (stopped_) return;
  stopped_ = true;
  exit_code_ = exit_code;
  reason_ = reason;
  sc_core::sc_stop();
}

void SimControl::stop_at_limit(const std::string& reason) {
  if (stopped_) return;
  finish(kExitLimit, reason);
  limit_reached_ = true;
}

void SimControl::set_wall_timeout(double seconds) {
  has_deadline_ = true;
  deadline_ = std::chrono::steady_clock::now() +
              std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                  std::chrono::duration<double>(seconds));
}

void SimControl::poll_wall_clock() {
  // Reading the clock costs ~20 ns; every 64th quantum is plenty for a seconds-scale limit.
  if (!has_deadline_ || (++polls_ & 63) != 0) return;
  if (std::chrono::steady_clock::now() >= deadline_) stop_at_limit("wall-clock timeout");
}

}  // namespace tessera
