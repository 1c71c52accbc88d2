// Bus: an address-decoding TLM-2.0 interconnect for the control cluster.
//
// Sockets: `targets_in` (multi_passthrough_target_socket) takes any number of initiators;
// `initiators_out` (multi_passthrough_initiator_socket) binds to the targets, each mapped at a
// base address with map(). Payload addresses are rebased to the target's window on the way
// out; DMI grants are rebased and clipped to the window on the way back, and invalidations
// from a target reach every initiator in global addresses.
// An access no window covers answers TLM_ADDRESS_ERROR_RESPONSE (a bus error, never a crash).
// Timing: a fixed decode latency per b_transport.
#pragma once

#include <cstdint>
#include <string>
#include <systemc>
#include <tlm>
#include <tlm_utils/multi_passthrough_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <vector>

#include "../common/socket_types.h"

namespace tessera {

class Bus : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<Bus> targets_in;
  tlm_utils::multi_passthrough_initiator_socket<Bus> initiators_out;

  Bus(sc_core::sc_module_name name, sc_core::sc_time decode_latency);

  // Binds `target` to the next output and maps it at [base, base + size).
  void map(TargetSocketBase& target, uint64_t base, uint64_t size, const std::string& name);

  struct Window {
    uint64_t base, size;
    std::string name;
  };
  // The window holding `address`, or nullptr.
  const Window* find(uint64_t address) const;

 private:
  void b_transport(int port, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  bool get_direct_mem_ptr(int port, tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi);
  unsigned transport_dbg(int port, tlm::tlm_generic_payload& payload);
  void invalidate_direct_mem_ptr(int target, sc_dt::uint64 start, sc_dt::uint64 end);
  // Rebases the payload to the window's target; returns its output index, or -1.
  int route(tlm::tlm_generic_payload& payload, uint64_t& base) const;

  std::vector<Window> windows_;  // index = output socket index
  sc_core::sc_time decode_latency_;
};

}  // namespace tessera
