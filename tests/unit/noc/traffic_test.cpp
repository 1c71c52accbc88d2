#include "noc/traffic.h"

#include <gtest/gtest.h>

#include "block_configs.h"

#include <utility>
#include <vector>

namespace tessera {
namespace {

NocConfig mesh_config(unsigned x, unsigned y, unsigned link_bytes = 32) {
  NocConfig c = noc_config(PlatformConfig{});
  c.mesh_x = x;
  c.mesh_y = y;
  c.link_bytes = link_bytes;
  return c;
}

// N - 1 sources into one node share its ejection port: together they can deliver one
// link-cycle's worth of bytes per cycle, so each saturates at
//     link_bytes / packet_bytes / (N - 1)  packets per cycle.
void expect_hotspot_saturates_where_the_arithmetic_says(const NocConfig& noc,
                                                        unsigned packet_bytes) {
  TrafficConfig traffic;
  traffic.pattern = TrafficPattern::kHotspot;
  traffic.packet_bytes = packet_bytes;
  const SyntheticTraffic generator(noc, traffic);
  const unsigned sources = noc.mesh_x * noc.mesh_y - 1;
  ASSERT_EQ(generator.sources(), sources);
  const double capacity = double(noc.link_bytes) / packet_bytes / sources;

  std::vector<RatePoint> points;
  for (double load : {0.5, 0.8, 1.25, 1.5, 2.0}) points.push_back(generator.run(load * capacity));
  for (const RatePoint& p : points) {
    SCOPED_TRACE("offered " + std::to_string(p.rate / capacity) + " x capacity");
    if (p.rate < capacity) {
      EXPECT_FALSE(generator.saturated(p));
      EXPECT_NEAR(p.throughput, p.rate, 0.03 * p.rate);  // all of it gets through
    } else {
      EXPECT_TRUE(generator.saturated(p));
      EXPECT_NEAR(p.throughput, capacity, 0.01 * capacity);  // the port delivers its maximum
    }
  }
  const auto saturation = generator.saturation_throughput(points);
  ASSERT_TRUE(saturation.has_value());
  EXPECT_NEAR(*saturation, capacity, 0.01 * capacity);
}

TEST(Traffic, HotspotSaturatesWhereTheArithmeticSaysOn4x4) {
  expect_hotspot_saturates_where_the_arithmetic_says(mesh_config(4, 4), 64);  // 1/30
}

TEST(Traffic, HotspotSaturatesWhereTheArithmeticSaysOn8x8WithNarrowLinks) {
  expect_hotspot_saturates_where_the_arithmetic_says(mesh_config(8, 8, 16), 64);  // 1/252
}

// On meshes where every route of the pattern is equally long, so the average cannot depend on
// which sources happened to inject: uniform on 2x1, transpose on 2x2, hotspot on 3x1.
TEST(Traffic, LightLoadSeesTheZeroLoadLatency) {
  const std::pair<TrafficPattern, NocConfig> cases[] = {
      {TrafficPattern::kUniform, mesh_config(2, 1)},
      {TrafficPattern::kTranspose, mesh_config(2, 2)},
      {TrafficPattern::kHotspot, mesh_config(3, 1)}};
  for (const auto& [pattern, noc] : cases) {
    SCOPED_TRACE(traffic_pattern_name(pattern));
    TrafficConfig traffic;
    traffic.pattern = pattern;
    traffic.measure_cycles = 200000;
    const SyntheticTraffic generator(noc, traffic);
    const RatePoint p = generator.run(0.001);
    const double zero_load = generator.zero_load_latency_cycles();
    // Packets rarely meet at 0.1% load: the analytic latency, plus a trace of queueing.
    EXPECT_GE(p.avg_latency_cycles, zero_load);
    EXPECT_LT(p.avg_latency_cycles, 1.005 * zero_load);
    EXPECT_EQ(p.p99_latency_cycles, zero_load);
    EXPECT_NEAR(p.throughput, 0.001, 0.0001);
  }
}

TEST(Traffic, ZeroLoadLatencyOfUniformTrafficIsTheMeanOverAllPairs) {
  // 2x2, 64-byte packets on 32-byte links: 2 cycles + 2 per hop. From each node: two
  // neighbours at 1 hop, one at 2 hops, so (4 + 4 + 6) / 3.
  const SyntheticTraffic generator(mesh_config(2, 2), TrafficConfig{});
  EXPECT_DOUBLE_EQ(generator.zero_load_latency_cycles(), 14.0 / 3);
}

TEST(Traffic, RunsRepeatForASeedAndDifferForAnother) {
  TrafficConfig traffic;
  const SyntheticTraffic a(mesh_config(4, 4), traffic);
  const RatePoint first = a.run(0.3), again = a.run(0.3);
  EXPECT_EQ(first.packets, again.packets);
  EXPECT_EQ(first.avg_latency_cycles, again.avg_latency_cycles);
  EXPECT_EQ(first.p99_latency_cycles, again.p99_latency_cycles);
  EXPECT_EQ(first.throughput, again.throughput);
  traffic.seed = 2;
  EXPECT_NE(SyntheticTraffic(mesh_config(4, 4), traffic).run(0.3).packets, first.packets);
}

TEST(Traffic, RejectsWhatTheMeshCannotCarry) {
  TrafficConfig transpose;
  transpose.pattern = TrafficPattern::kTranspose;
  EXPECT_THROW(SyntheticTraffic(mesh_config(4, 2), transpose), std::invalid_argument);
  TrafficConfig hotspot;
  hotspot.pattern = TrafficPattern::kHotspot;
  hotspot.hotspot = MeshNode{4, 0};
  EXPECT_THROW(SyntheticTraffic(mesh_config(4, 4), hotspot), std::invalid_argument);
  EXPECT_THROW(SyntheticTraffic(mesh_config(1, 1), TrafficConfig{}), std::invalid_argument);
  const SyntheticTraffic uniform(mesh_config(2, 2), TrafficConfig{});
  EXPECT_THROW(uniform.run(0), std::invalid_argument);
  EXPECT_THROW(uniform.run(1.5), std::invalid_argument);
  EXPECT_EQ(parse_traffic_pattern("transpose"), TrafficPattern::kTranspose);
  EXPECT_EQ(parse_traffic_pattern("random"), std::nullopt);
}

}  // namespace
}  // namespace tessera
