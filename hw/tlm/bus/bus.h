// Bus: an address-decoding TLM-2.0 interconnect for the control cluster.
//
// Sockets: `targets_in` (multi_passthrough_target_socket) takes any number of initiators;
// map() creates one initiator socket per window and binds it to the window's target (one
// socket per window, not a multi socket: a multi-to-multi binding orders its ports by
// elaboration, not by bind call, and would scramble the windows). Payload addresses are rebased to
// the target's window on the way out; DMI grants are rebased and clipped to the window on the way
// back, and invalidations from a target reach every initiator in global addresses. An access no
// window covers answers TLM_ADDRESS_ERROR_RESPONSE (a bus error, never a crash). Timing: a fixed
// decode latency per b_transport.
#pragma once

#include <cstdint>
#include <string>
#include <systemc>
#include <tlm>
#include <memory>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/multi_passthrough_target_socket.h>
#include <vector>

#include "../common/socket_types.h"

namespace tessera {

class Bus : public sc_core::sc_module {
 public:
  tlm_utils::multi_passthrough_target_socket<Bus> targets_in;

  Bus(sc_core::sc_module_name name, sc_core::sc_time decode_latency);

  // Binds `target` to a new output and maps it at [base, base + size); the target sees
  // offsets from `base`.
  void map(TargetSocketBase& target, uint64_t base, uint64_t size, const std::string& name);
  // The same for another interconnect, which needs the global address: no rebasing.
  void map_interconnect(TargetSocketBase& target, uint64_t base, uint64_t size,
                        const std::string& name);

  struct Window {
    uint64_t base, size;
    std::string name;
    uint64_t rebase;  // subtracted from addresses on the way out: base, or 0
  };
  // The window holding `address`, or nullptr.
  const Window* find(uint64_t address) const;

 private:
  void b_transport(int port, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  bool get_direct_mem_ptr(int port, tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi);
  unsigned transport_dbg(int port, tlm::tlm_generic_payload& payload);
  void invalidate_direct_mem_ptr(int target, sc_dt::uint64 start, sc_dt::uint64 end);
  void add_window(TargetSocketBase& target, const Window& window);
  // Rebases the payload to the window's target; returns its output index, or -1.
  int route(tlm::tlm_generic_payload& payload, uint64_t& base) const;

  using OutputSocket = tlm_utils::simple_initiator_socket_tagged<Bus>;
  std::vector<Window> windows_;                         // index = output index
  std::vector<std::unique_ptr<OutputSocket>> outputs_;  // one per window
  sc_core::sc_time decode_latency_;
};

}  // namespace tessera
