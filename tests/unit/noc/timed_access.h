// A b_transport issued at a chosen local time, for tests that place accesses in time: the
// initiator is `start` ahead of sc_time_stamp() (as under temporal decoupling) and learns when
// its access completed.
#pragma once

#include <cstdint>
#include <systemc>
#include <tlm>

#include "../tlm/tlm_test_util.h"

namespace tessera::testing {

struct TimedResult {
  tlm::tlm_response_status status;
  sc_core::sc_time end;  // local time at completion: start + the latency
};

inline TimedResult timed_access(TestInitiator& initiator, bool write, uint64_t address, void* data,
                                unsigned length, sc_core::sc_time start) {
  sc_core::sc_time end;
  const tlm::tlm_response_status status =
      initiator.access(write, address, data, length, &end, start);
  return {status, end};
}

// The tests' clock is 1 GHz.
inline sc_core::sc_time cycles(double n) {
  return sc_core::sc_time(n, sc_core::SC_NS);
}

}  // namespace tessera::testing
