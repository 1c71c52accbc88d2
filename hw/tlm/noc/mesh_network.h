// MeshNetwork: the routers and links of a 2D-mesh NoC as a timing model, in plain C++ over
// ReservationTimelines (no SystemC processes). Mesh, the TLM-2.0 interconnect, and the
// synthetic traffic of tessera-noc both drive it: one latency model, one set of statistics.
//
// Nodes: (x, y) with 0 <= x < mesh_x, 0 <= y < mesh_y; node index y * mesh_x + x. East is +x,
// south is +y. Each router has four outputs to its neighbours plus the node's injection port
// (node to router) and ejection port (router to node); each is a link of link_bytes per cycle.
//
// Latency model (virtual cut-through, buffers never full): a packet of B bytes on the wire
// (header included) occupies each link it crosses for F = ceil(B / link_bytes) cycles. XY
// routing gives its links: the source's injection port, H = |dx| + |dy| router-to-router links
// (all of X first, then Y), the destination's ejection port. The head enters each link at the
// first time that link is free for F cycles at or after the head reaches it. Crossing a
// router-to-router link (router pipeline and wire) takes the head router_latency_cycles; the
// injection and ejection ports take none. The packet has arrived when its tail leaves the
// ejection port, so at zero load
//     latency = H x router_latency_cycles + F cycles,
// local delivery (H = 0) included: F cycles through the node's own injection and ejection.
#pragma once

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <systemc>
#include <vector>

#include "common/reservation_timeline.h"

namespace tessera {

struct MeshNode {
  unsigned x, y;
  bool operator==(const MeshNode& other) const { return x == other.x && y == other.y; }
};

struct NocConfig {
  // Values come from PlatformConfig (platform/src/block_configs.h), the one place of defaults.
  unsigned mesh_x, mesh_y;
  unsigned link_bytes;  // per cycle, every link
  unsigned router_latency_cycles;
  // A packet's header on the wire: Mesh adds it to every request and response packet (address,
  // command, length, source and route: 8 bytes). The network itself only sees packet sizes.
  unsigned header_bytes;
  sc_core::sc_time clock_period;
};

class MeshNetwork {
 public:
  using Ticks = ReservationTimeline::Ticks;
  enum Port : unsigned { kEast, kWest, kSouth, kNorth, kInject, kEject, kPorts };

  using Link = BookedResource;  // uses: packets
  // Packet latency in cycles, per source/destination pair. Bucket 0 holds 0 cycles, bucket k
  // holds [2^(k-1), 2^k), the last bucket everything longer.
  static constexpr unsigned kHistogramBuckets = 20;
  struct RouteStats {
    uint64_t packets = 0, total_cycles = 0, max_cycles = 0;
    std::array<uint64_t, kHistogramBuckets> histogram{};
  };

  // Throws std::invalid_argument naming a zero dimension, link width or clock period.
  explicit MeshNetwork(const NocConfig& config);

  const NocConfig& config() const { return config_; }
  unsigned nodes() const { return config_.mesh_x * config_.mesh_y; }
  bool contains(MeshNode n) const { return n.x < config_.mesh_x && n.y < config_.mesh_y; }
  unsigned index(MeshNode n) const { return n.y * config_.mesh_x + n.x; }
  MeshNode node(unsigned index) const { return {index % config_.mesh_x, index / config_.mesh_x}; }
  Ticks cycle_ticks() const { return cycle_; }

  static unsigned hops(MeshNode from, MeshNode to);
  unsigned serialization_cycles(unsigned packet_bytes) const {
    return (packet_bytes + config_.link_bytes - 1) / config_.link_bytes;
  }
  // H x router_latency_cycles + F: what send() takes on an idle network.
  uint64_t zero_load_latency_cycles(MeshNode from, MeshNode to, unsigned packet_bytes) const;

  // Sends one packet of `packet_bytes` (header included) from node index `from` to node index
  // `to`, ready to leave at `ready`; books its links and returns when its tail arrives. `now`
  // is the current time: no packet will ever be ready before it.
  Ticks send(unsigned from, unsigned to, unsigned packet_bytes, Ticks ready, Ticks now);

  // Calls visit(node_index, port) for each link of the XY route from `from` to `to`, in order.
  template <typename Visit>
  void route(unsigned from, unsigned to, Visit&& visit) const;

  const Link& link(MeshNode n, Port port) const { return links_[index(n) * kPorts + port]; }
  const RouteStats& route_stats(MeshNode from, MeshNode to) const;
  // `key: value` lines, each key starting with `prefix`: bytes, packets and busy fraction of
  // every link that carried traffic (busy over max(now, the link's last booking)), and packet
  // count, latency and latency histogram of every route used.
  void report(std::ostream& out, const std::string& prefix, Ticks now) const;

  static const char* port_name(Port port);

 private:
  void record(unsigned from, unsigned to, Ticks latency);

  NocConfig config_;
  Ticks cycle_, router_latency_;
  std::vector<Link> links_;  // index node * kPorts + port
  // Index from * nodes() + to; sized by the first packet, so a network used only for its
  // arithmetic costs no nodes() x nodes() table.
  std::vector<RouteStats> routes_;
};

template <typename Visit>
void MeshNetwork::route(unsigned from, unsigned to, Visit&& visit) const {
  const unsigned width = config_.mesh_x;
  unsigned n = from;
  visit(n, kInject);
  const unsigned to_x = to % width, to_y = to / width;
  for (unsigned x = n % width; x < to_x; ++x) visit(n++, kEast);
  for (unsigned x = n % width; x > to_x; --x) visit(n--, kWest);
  for (unsigned y = n / width; y < to_y; ++y, n += width) visit(n, kSouth);
  for (unsigned y = n / width; y > to_y; --y, n -= width) visit(n, kNorth);
  visit(n, kEject);
}

}  // namespace tessera
