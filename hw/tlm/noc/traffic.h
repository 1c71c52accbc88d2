// SyntheticTraffic: NoC characterisation traffic driven straight into a MeshNetwork (the same
// latency model and link timelines as Mesh, without SystemC processes). tessera-noc and the
// NoC tests use it.
//
// Every cycle each source node injects a packet with probability `rate` (Bernoulli), to a
// destination the pattern picks:
//   uniform    any other node, uniformly at random;
//   transpose  node (x, y) sends to (y, x): square meshes only, the diagonal does not inject;
//   hotspot    every node sends to one node (by default the centre), which does not inject.
// A packet waits in its source's unbounded queue (the injection port's timeline), so latency
// counts queueing. A run injects for warmup_cycles + measure_cycles: latency statistics cover
// the packets injected in the measurement window, throughput is the packets delivered in that
// window per source node per cycle. The random sequence is fixed by the seed: runs repeat.
//
// Saturation: a rate saturates the network when its average latency exceeds
// kSaturationLatencyFactor x the pattern's zero-load latency, or its throughput falls below
// kSaturationAcceptance x the rate offered. The saturation throughput is the throughput at the
// lowest saturating rate: past saturation, the network delivers its capacity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mesh_network.h"

namespace tessera {

enum class TrafficPattern { kUniform, kTranspose, kHotspot };
// "uniform", "transpose" or "hotspot"; nullopt for anything else.
std::optional<TrafficPattern> parse_traffic_pattern(const std::string& name);
const char* traffic_pattern_name(TrafficPattern pattern);

struct TrafficConfig {
  TrafficPattern pattern = TrafficPattern::kUniform;
  unsigned packet_bytes = 64;  // on the wire, header included
  uint64_t warmup_cycles = 2000, measure_cycles = 20000;
  uint64_t seed = 1;
  std::optional<MeshNode> hotspot;  // default: (mesh_x / 2, mesh_y / 2)
};

struct RatePoint {
  double rate;  // offered: packets per source node per cycle
  double avg_latency_cycles;
  uint64_t p99_latency_cycles;
  double throughput;  // accepted: packets per source node per cycle
  uint64_t packets;   // simulated, warm-up included
};

class SyntheticTraffic {
 public:
  static constexpr double kSaturationLatencyFactor = 3.0;
  static constexpr double kSaturationAcceptance = 0.95;

  // Throws std::invalid_argument for a pattern the mesh cannot carry (transpose on a
  // rectangle, a hotspot outside the mesh, a single node) or an empty packet or window.
  SyntheticTraffic(const NocConfig& noc, const TrafficConfig& traffic);

  unsigned sources() const { return static_cast<unsigned>(sources_.size()); }
  // Mean zero-load packet latency over the pattern's routes, weighted as the pattern draws them.
  double zero_load_latency_cycles() const;
  // One run at `rate` (0 < rate <= 1) on a fresh network.
  RatePoint run(double rate) const;
  bool saturated(const RatePoint& point) const;
  // The throughput at the lowest saturating rate among `points`, if any saturates.
  std::optional<double> saturation_throughput(const std::vector<RatePoint>& points) const;

 private:
  unsigned fixed_destination(unsigned source) const;  // of transpose and hotspot traffic

  TrafficConfig traffic_;
  MeshNetwork shape_;  // node arithmetic and zero-load latency; each run has its own network
  std::vector<unsigned> sources_;
  unsigned hotspot_ = 0;
};

}  // namespace tessera
