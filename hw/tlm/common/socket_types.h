// The socket base types that interconnects bind to, whatever the concrete socket
// (simple_target_socket, multi_passthrough_target_socket, ...).
#pragma once

#include <tlm>

namespace tessera {

using TargetSocketBase =
    tlm::tlm_base_target_socket_b<32, tlm::tlm_fw_transport_if<>, tlm::tlm_bw_transport_if<>>;
using InitiatorSocketBase =
    tlm::tlm_base_initiator_socket_b<32, tlm::tlm_fw_transport_if<>, tlm::tlm_bw_transport_if<>>;

}  // namespace tessera
