#include "traffic.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tessera {

namespace {

// splitmix64: small, fast, and the same sequence on every host.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }

 private:
  uint64_t state_;
};

// Packets are counted per latency in cycles, so p99 is exact and recording allocates only
// when a latency longer than any before appears.
class LatencyCounts {
 public:
  void add(uint64_t cycles) {
    if (cycles >= counts_.size())
      counts_.resize(std::max<uint64_t>(cycles + 1, 2 * counts_.size()));
    ++counts_[cycles];
    ++packets_;
    total_ += cycles;
  }
  double mean() const { return packets_ ? static_cast<double>(total_) / packets_ : 0.0; }
  uint64_t percentile(double fraction) const {
    if (packets_ == 0) return 0;
    const uint64_t rank = std::max<uint64_t>(1, std::ceil(fraction * packets_));
    uint64_t seen = 0, cycles = 0;
    while ((seen += counts_[cycles]) < rank) ++cycles;
    return cycles;
  }

 private:
  std::vector<uint64_t> counts_ = std::vector<uint64_t>(256);
  uint64_t packets_ = 0, total_ = 0;
};

}  // namespace

std::optional<TrafficPattern> parse_traffic_pattern(const std::string& name) {
  for (TrafficPattern p :
       {TrafficPattern::kUniform, TrafficPattern::kTranspose, TrafficPattern::kHotspot})
    if (name == traffic_pattern_name(p)) return p;
  return std::nullopt;
}

const char* traffic_pattern_name(TrafficPattern pattern) {
  switch (pattern) {
    case TrafficPattern::kUniform:
      return "uniform";
    case TrafficPattern::kTranspose:
      return "transpose";
    case TrafficPattern::kHotspot:
      return "hotspot";
  }
  return "?";
}

SyntheticTraffic::SyntheticTraffic(const NocConfig& noc, const TrafficConfig& traffic)
    : traffic_(traffic), shape_(noc) {
  const auto reject = [](const std::string& why) {
    throw std::invalid_argument("traffic: " + why);
  };
  if (traffic.packet_bytes == 0) reject("packets need at least one byte");
  if (traffic.measure_cycles == 0) reject("the measurement window is empty");
  if (shape_.nodes() < 2) reject("a single node has no one to send to");
  switch (traffic.pattern) {
    case TrafficPattern::kUniform:
      for (unsigned n = 0; n < shape_.nodes(); ++n) sources_.push_back(n);
      break;
    case TrafficPattern::kTranspose:
      if (noc.mesh_x != noc.mesh_y) reject("transpose traffic needs a square mesh");
      for (unsigned n = 0; n < shape_.nodes(); ++n)
        if (shape_.node(n).x != shape_.node(n).y) sources_.push_back(n);
      break;
    case TrafficPattern::kHotspot: {
      const MeshNode spot = traffic.hotspot.value_or(MeshNode{noc.mesh_x / 2, noc.mesh_y / 2});
      if (!shape_.contains(spot)) reject("the hotspot is outside the mesh");
      hotspot_ = shape_.index(spot);
      for (unsigned n = 0; n < shape_.nodes(); ++n)
        if (n != hotspot_) sources_.push_back(n);
      break;
    }
  }
}

unsigned SyntheticTraffic::fixed_destination(unsigned source) const {
  if (traffic_.pattern == TrafficPattern::kHotspot) return hotspot_;
  const MeshNode from = shape_.node(source);
  return shape_.index({from.y, from.x});  // transpose
}

double SyntheticTraffic::zero_load_latency_cycles() const {
  const unsigned nodes = shape_.nodes(), bytes = traffic_.packet_bytes;
  double total = 0;
  for (unsigned s : sources_) {
    const MeshNode from = shape_.node(s);
    if (traffic_.pattern == TrafficPattern::kUniform) {
      double to_all = 0;
      for (unsigned d = 0; d < nodes; ++d)
        if (d != s) to_all += shape_.zero_load_latency_cycles(from, shape_.node(d), bytes);
      total += to_all / (nodes - 1);
    } else {
      total += shape_.zero_load_latency_cycles(from, shape_.node(fixed_destination(s)), bytes);
    }
  }
  return total / sources_.size();
}

RatePoint SyntheticTraffic::run(double rate) const {
  if (!(rate > 0 && rate <= 1))
    throw std::invalid_argument("traffic: a rate is packets per node per cycle, in (0, 1]");
  // Bernoulli trial: a 64-bit draw below rate x 2^64.
  const uint64_t threshold =
      rate >= 1 ? UINT64_MAX : static_cast<uint64_t>(rate * 18446744073709551616.0);

  MeshNetwork network(shape_.config());
  const MeshNetwork::Ticks cycle_ticks = network.cycle_ticks();
  const unsigned nodes = network.nodes();
  const uint64_t warmup = traffic_.warmup_cycles, end = warmup + traffic_.measure_cycles;
  Random random(traffic_.seed);
  LatencyCounts latency;
  uint64_t packets = 0, delivered_in_window = 0;
  for (uint64_t cycle = 0; cycle < end; ++cycle) {
    for (unsigned source : sources_) {
      if (random.next() >= threshold) continue;
      unsigned destination;
      if (traffic_.pattern == TrafficPattern::kUniform) {
        destination = static_cast<unsigned>(random.below(nodes - 1));
        destination += destination >= source;  // any node but the source
      } else {
        destination = fixed_destination(source);
      }
      // Every time is a whole number of cycles: ready, router latency and serialisation are.
      const MeshNetwork::Ticks now = cycle * cycle_ticks;
      const uint64_t arrival =
          network.send(source, destination, traffic_.packet_bytes, now, now) / cycle_ticks;
      ++packets;
      if (arrival >= warmup && arrival < end) ++delivered_in_window;
      if (cycle >= warmup) latency.add(arrival - cycle);
    }
  }
  return {rate, latency.mean(), latency.percentile(0.99),
          static_cast<double>(delivered_in_window) / sources_.size() / traffic_.measure_cycles,
          packets};
}

bool SyntheticTraffic::saturated(const RatePoint& p) const {
  return p.avg_latency_cycles > kSaturationLatencyFactor * zero_load_latency_cycles() ||
         p.throughput < kSaturationAcceptance * p.rate;
}

std::optional<double> SyntheticTraffic::saturation_throughput(
    const std::vector<RatePoint>& points) const {
  const RatePoint* lowest = nullptr;
  for (const RatePoint& p : points)
    if (saturated(p) && (!lowest || p.rate < lowest->rate)) lowest = &p;
  if (!lowest) return std::nullopt;
  return lowest->throughput;
}

}  // namespace tessera
