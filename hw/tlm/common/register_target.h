// RegisterTarget: the TLM-2.0 target side shared by the memory-mapped peripherals. It checks
// each access (aligned, 1 to 8 bytes, inside the window), annotates the register access
// latency, and hands the peripheral a plain read/write of an offset. A peripheral rejects an
// access it has no register for by returning false, which becomes TLM_ADDRESS_ERROR_RESPONSE
// and so an access fault in the core.
#pragma once

#include <cstdint>
#include <systemc>
#include <tlm>
#include <tlm_utils/simple_target_socket.h>

namespace tessera {

class RegisterTarget : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<RegisterTarget> socket;

  RegisterTarget(sc_core::sc_module_name name, uint64_t window_bytes,
                 sc_core::sc_time access_latency);

 protected:
  // `now` is the initiator's local time: sc_time_stamp() plus its decoupling offset.
  virtual bool read(uint64_t offset, unsigned len, uint64_t& value,
                    const sc_core::sc_time& now) = 0;
  virtual bool write(uint64_t offset, unsigned len, uint64_t value,
                     const sc_core::sc_time& now) = 0;

 private:
  void b_transport(tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  unsigned transport_dbg(tlm::tlm_generic_payload& payload);
  bool access(tlm::tlm_generic_payload& payload, const sc_core::sc_time& now);

  uint64_t window_bytes_;
  sc_core::sc_time access_latency_;
};

}  // namespace tessera
