// Mesh: the 2D-mesh network-on-chip as a TLM-2.0 interconnect.
//
// Sockets: an initiator at node N binds its socket to initiator_port(N), a target socket the
// call creates for it (so the mesh knows every port's node, whatever the binding order). Targets
// are bound by map() (one target at one node) and map_interleaved() (channels at several nodes,
// address a to channel ((a - base) / granule) % channels, each channel seeing offset a - base,
// not compacted: for channels over one store, like Dram's). Payload addresses are rebased to
// the window on the way out; DMI grants are translated back to global addresses and clipped
// to the window; a target's DMI invalidation reaches every initiator in global addresses.
// An access no window covers is TLM_ADDRESS_ERROR_RESPONSE.
//
// Timing (MeshNetwork has the link model: H x router_latency_cycles + ceil(B / link_bytes)
// at zero load, links booked on reservation timelines). b_transport sends a request packet of
// header_bytes (+ the data of a write) from the initiator's node to the target's, starting at
// the initiator's local time sc_time_stamp() + delay; the target sees the request's arrival
// as its local time and adds its own delay; a response packet of header_bytes (+ the data of
// a successful read) comes back, and delay returns as the time it arrives. An access that
// spans granules of an interleaved window is split at granule boundaries into one such
// transaction per piece, all issued at once (the injection port serialises them); it ends
// when the last response arrives. DMI and debug accesses cost no NoC time.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <systemc>
#include <tlm>
#include <memory>
#include <tlm_utils/simple_initiator_socket.h>
#include <tlm_utils/simple_target_socket.h>
#include <utility>
#include <vector>

#include "common/socket_types.h"
#include "mesh_network.h"

namespace tessera {

class Mesh : public sc_core::sc_module {
 public:
  // Throws std::invalid_argument for an impossible configuration (see MeshNetwork).
  Mesh(sc_core::sc_module_name name, const NocConfig& config);

  // The socket an initiator at `node` binds to, immediately after this call.
  TargetSocketBase& initiator_port(MeshNode node);
  // Binds `target` at `node` and maps it at [base, base + size).
  void map(TargetSocketBase& target, MeshNode node, uint64_t base, uint64_t size,
           const std::string& name);
  // Binds each channel at its node and interleaves [base, base + size) over them by `granule`.
  void map_interleaved(const std::vector<std::pair<TargetSocketBase*, MeshNode>>& channels,
                       uint64_t base, uint64_t size, uint64_t granule, const std::string& name);

  struct Window {
    uint64_t base, size;
    uint64_t granule;               // 0: not interleaved
    std::vector<unsigned> outputs;  // output socket index per channel
    std::string name;
    unsigned output_for(uint64_t offset) const {
      return outputs[granule ? offset / granule % outputs.size() : 0];
    }
  };
  // The window holding `address`, or nullptr.
  const Window* find(uint64_t address) const;

  uint64_t zero_load_latency_cycles(MeshNode from, MeshNode to, unsigned packet_bytes) const {
    return network_.zero_load_latency_cycles(from, to, packet_bytes);
  }
  const MeshNetwork& network() const { return network_; }
  // Link and route statistics as `key: value` lines, keys prefixed with the module name.
  void report(std::ostream& out) const;

 private:
  using Ticks = MeshNetwork::Ticks;
  struct Output {
    unsigned node;  // index in the mesh
    uint64_t window_base, window_size;
  };

  void add_window(const std::vector<std::pair<TargetSocketBase*, MeshNode>>& targets, uint64_t base,
                  uint64_t size, uint64_t granule, const std::string& name);
  void check_node(MeshNode node, const std::string& what) const;
  // The window holding all of [address, address + length), or nullptr.
  const Window* decode(uint64_t address, uint64_t length) const;
  // Request packet, the target's b_transport on `output`, response packet: returns when the
  // response has arrived at `from`. The payload's address is already the window offset.
  Ticks transact(unsigned from, unsigned output, tlm::tlm_generic_payload& payload, Ticks start);
  Ticks transact_pieces(unsigned from, const Window& window, tlm::tlm_generic_payload& payload,
                        Ticks start);

  void b_transport(int port, tlm::tlm_generic_payload& payload, sc_core::sc_time& delay);
  bool get_direct_mem_ptr(int port, tlm::tlm_generic_payload& payload, tlm::tlm_dmi& dmi);
  unsigned transport_dbg(int port, tlm::tlm_generic_payload& payload);
  void invalidate_direct_mem_ptr(int output, sc_dt::uint64 start, sc_dt::uint64 end);

  using InputSocket = tlm_utils::simple_target_socket_tagged<Mesh>;
  using OutputSocket = tlm_utils::simple_initiator_socket_tagged<Mesh>;
  std::vector<std::unique_ptr<InputSocket>> inputs_;    // one per initiator_port() call
  std::vector<std::unique_ptr<OutputSocket>> outputs_;  // one per mapped target
  MeshNetwork network_;
  std::vector<unsigned> port_nodes_;  // node index per input
  std::vector<Window> windows_;       // sorted by base
  std::vector<Output> output_nodes_;  // per output
  bool invalidating_ = false;
};

}  // namespace tessera
