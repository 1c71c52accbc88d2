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
  tlm::tlm_generic_payload p;
  p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
  p.set_address(address);
  p.set_data_ptr(static_cast<unsigned char*>(data));
  p.set_data_length(length);
  p.set_streaming_width(length);
  p.set_response_status(tlm::TLM_INCOMPLETE_RESPONSE);
  sc_core::sc_time delay = start;
  initiator.socket->b_transport(p, delay);
  return {p.get_response_status(), delay};
}

}  // namespace tessera::testing
