#include "mesh_network.h"

#include <algorithm>
#include <iomanip>
#include <stdexcept>

namespace tessera {

MeshNetwork::MeshNetwork(const NocConfig& config)
    : config_(config),
      cycle_(config.clock_period.value()),
      router_latency_(config.router_latency_cycles * cycle_) {
  if (config.mesh_x == 0 || config.mesh_y == 0)
    throw std::invalid_argument("noc: the mesh needs at least one node in each dimension");
  if (config.link_bytes == 0) throw std::invalid_argument("noc: link_bytes must be at least 1");
  if (cycle_ == 0) throw std::invalid_argument("noc: the clock period must be positive");
  links_.resize(nodes() * kPorts);
}

unsigned MeshNetwork::hops(MeshNode from, MeshNode to) {
  const auto distance = [](unsigned a, unsigned b) { return a > b ? a - b : b - a; };
  return distance(from.x, to.x) + distance(from.y, to.y);
}

uint64_t MeshNetwork::zero_load_latency_cycles(MeshNode from, MeshNode to,
                                               unsigned packet_bytes) const {
  return uint64_t{hops(from, to)} * config_.router_latency_cycles +
         serialization_cycles(packet_bytes);
}

MeshNetwork::Ticks MeshNetwork::send(unsigned from, unsigned to, unsigned packet_bytes, Ticks ready,
                                     Ticks now) {
  const Ticks occupancy = serialization_cycles(packet_bytes) * cycle_;
  Ticks head = ready;
  route(from, to, [&](unsigned node, Port port) {
    head = links_[node * kPorts + port].book(head, occupancy, packet_bytes, now);
    if (port != kInject && port != kEject) head += router_latency_;
  });
  const Ticks arrival = head + occupancy;
  record(from, to, arrival - ready);
  return arrival;
}

const MeshNetwork::RouteStats& MeshNetwork::route_stats(MeshNode from, MeshNode to) const {
  static const RouteStats kUnused;
  return routes_.empty() ? kUnused : routes_[index(from) * nodes() + index(to)];
}

void MeshNetwork::record(unsigned from, unsigned to, Ticks latency) {
  if (routes_.empty()) routes_.resize(nodes() * nodes());
  RouteStats& r = routes_[from * nodes() + to];
  const uint64_t cycles = latency / cycle_;
  ++r.packets;
  r.total_cycles += cycles;
  r.max_cycles = std::max(r.max_cycles, cycles);
  const unsigned bucket = cycles == 0 ? 0 : 64 - __builtin_clzll(cycles);
  ++r.histogram[std::min(bucket, kHistogramBuckets - 1)];
}

const char* MeshNetwork::port_name(Port port) {
  static const char* const names[kPorts] = {"east", "west", "south", "north", "inject", "eject"};
  return names[port];
}

void MeshNetwork::report(std::ostream& out, const std::string& prefix, Ticks now) const {
  const auto node_name = [this](unsigned n) {
    return std::to_string(n % config_.mesh_x) + "_" + std::to_string(n / config_.mesh_x);
  };
  const std::ios_base::fmtflags flags = out.flags();
  out << std::fixed << std::setprecision(4);
  for (unsigned i = 0; i < links_.size(); ++i) {
    if (links_[i].uses == 0) continue;
    links_[i].report(
        out,
        prefix + ".link." + node_name(i / kPorts) + "." + port_name(static_cast<Port>(i % kPorts)),
        "packets", now, cycle_);
  }
  for (unsigned i = 0; i < routes_.size(); ++i) {
    const RouteStats& r = routes_[i];
    if (r.packets == 0) continue;
    const std::string key =
        prefix + ".route." + node_name(i / nodes()) + "-" + node_name(i % nodes());
    out << key << ".packets: " << r.packets << "\n"
        << key << ".latency_avg_cycles: " << static_cast<double>(r.total_cycles) / r.packets << "\n"
        << key << ".latency_max_cycles: " << r.max_cycles << "\n"
        << key << ".latency_histogram:";
    for (unsigned b = 0; b < kHistogramBuckets; ++b) {
      if (r.histogram[b] == 0) continue;
      const uint64_t low = b == 0 ? 0 : uint64_t{1} << (b - 1);
      out << " [" << low << ",";
      if (b + 1 < kHistogramBuckets)
        out << (uint64_t{1} << b);
      else
        out << "inf";
      out << "):" << r.histogram[b];
    }
    out << "\n";
  }
  out.flags(flags);
}

}  // namespace tessera
