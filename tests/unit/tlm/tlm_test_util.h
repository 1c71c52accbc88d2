// Helpers for driving TLM-2.0 targets from a test: a socket-owning initiator with one-call
// read, write, DMI and debug accesses.
#pragma once

#include <cstdint>
#include <cstring>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_initiator_socket.h>

#include "common/data_access.h"

namespace tessera::testing {

class TestInitiator : public sc_core::sc_module {
 public:
  tlm_utils::simple_initiator_socket<TestInitiator> socket;
  sc_dt::uint64 invalidated_start = 0, invalidated_end = 0;
  unsigned invalidations = 0;

  explicit TestInitiator(sc_core::sc_module_name name) : sc_module(name), socket("socket") {
    socket.register_invalidate_direct_mem_ptr(this, &TestInitiator::invalidate);
  }

  // `start`: how far the initiator runs ahead of sc_time_stamp() (temporal decoupling).
  tlm::tlm_response_status access(bool write, uint64_t addr, void* data, unsigned len,
                                  sc_core::sc_time* delay_out = nullptr,
                                  sc_core::sc_time start = sc_core::SC_ZERO_TIME) {
    tlm::tlm_generic_payload p;
    set_data_access(p, write, addr, data, len);
    sc_core::sc_time delay = start;
    socket->b_transport(p, delay);
    if (delay_out) *delay_out = delay;
    return p.get_response_status();
  }
  uint64_t read(uint64_t addr, unsigned len, tlm::tlm_response_status* status = nullptr) {
    uint64_t v = 0;
    const auto s = access(false, addr, &v, len);
    if (status) *status = s;
    return v;
  }
  tlm::tlm_response_status write(uint64_t addr, uint64_t value, unsigned len) {
    return access(true, addr, &value, len);
  }
  bool dmi(uint64_t addr, bool write, tlm::tlm_dmi& out) {
    tlm::tlm_generic_payload p;
    p.set_command(write ? tlm::TLM_WRITE_COMMAND : tlm::TLM_READ_COMMAND);
    p.set_address(addr);
    return socket->get_direct_mem_ptr(p, out);
  }
  unsigned debug(bool write, uint64_t addr, void* data, unsigned len) {
    tlm::tlm_generic_payload p;
    set_data_access(p, write, addr, data, len);
    return socket->transport_dbg(p);
  }

 private:
  void invalidate(sc_dt::uint64 start, sc_dt::uint64 end) {
    ++invalidations;
    invalidated_start = start;
    invalidated_end = end;
  }
};

// Completes elaboration so multi-sockets are bound, without running any process far.
inline void elaborate() {
  sc_core::sc_start(sc_core::SC_ZERO_TIME);
}

}  // namespace tessera::testing
