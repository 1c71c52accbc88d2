#include "noc/mesh.h"

#include <gtest/gtest.h>

#include "block_configs.h"

#include <memory>
#include <sstream>
#include <tlm_utils/simple_target_socket.h>
#include <utility>
#include <vector>

#include "dram/dram.h"
#include "memory/memory.h"
#include "timed_access.h"

namespace tessera {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;
using sc_core::SC_ZERO_TIME;
using testing::TestInitiator;
using testing::timed_access;

constexpr uint64_t kWindow = 0x1000;  // node n's memory is at n * kWindow

sc_time cycles(uint64_t n) {
  return testing::cycles(static_cast<double>(n));
}

NocConfig mesh_config(unsigned x, unsigned y) {
  NocConfig c = noc_config(PlatformConfig{});
  c.mesh_x = x;
  c.mesh_y = y;
  return c;  // 32-byte links, 2-cycle routers, 8-byte headers, 1 ns clock
}

// The model, written out independently of the code under test.
uint64_t formula_cycles(const NocConfig& c, MeshNode from, MeshNode to, unsigned bytes) {
  const auto distance = [](unsigned a, unsigned b) { return a > b ? a - b : b - a; };
  const uint64_t hops = distance(from.x, to.x) + distance(from.y, to.y);
  return hops * c.router_latency_cycles + (bytes + c.link_bytes - 1) / c.link_bytes;
}

// An initiator and a memory at every node.
struct MeshBench {
  MeshBench(unsigned x, unsigned y, unsigned memory_cycles = 3)
      : config(mesh_config(x, y)), mesh("mesh", config) {
    for (unsigned n = 0; n < x * y; ++n) {
      const std::string id = std::to_string(n);
      initiators.push_back(std::make_unique<TestInitiator>(("initiator" + id).c_str()));
      initiators.back()->socket.bind(mesh.initiator_port(node(n)));
      memories.push_back(
          std::make_unique<Memory>(("memory" + id).c_str(), kWindow, false, cycles(memory_cycles)));
      mesh.map(memories.back()->socket, node(n), n * kWindow, kWindow, "memory" + id);
    }
    testing::elaborate();
  }
  MeshNode node(unsigned n) const { return {n % config.mesh_x, n / config.mesh_x}; }

  NocConfig config = noc_config(PlatformConfig{});
  Mesh mesh;
  std::vector<std::unique_ptr<TestInitiator>> initiators;
  std::vector<std::unique_ptr<Memory>> memories;
};

void expect_zero_load_latency_of_every_pair(unsigned x, unsigned y) {
  constexpr unsigned kMemoryCycles = 3, kHeader = 8;
  MeshBench b(x, y, kMemoryCycles);
  sc_time start = SC_ZERO_TIME;
  for (unsigned s = 0; s < x * y; ++s) {
    for (unsigned d = 0; d < x * y; ++d) {
      const MeshNode from = b.node(s), to = b.node(d);
      SCOPED_TRACE("from node " + std::to_string(s) + " to node " + std::to_string(d));
      // A 4-byte write: the request carries the data, the response is a bare header.
      uint32_t word = s * 100 + d;
      auto r = timed_access(*b.initiators[s], true, d * kWindow + 16, &word, 4, start);
      ASSERT_EQ(r.status, tlm::TLM_OK_RESPONSE);
      EXPECT_EQ(r.end - start, cycles(formula_cycles(b.config, from, to, kHeader + 4) +
                                      kMemoryCycles + formula_cycles(b.config, to, from, kHeader)));
      EXPECT_EQ(b.mesh.zero_load_latency_cycles(from, to, kHeader + 4),
                formula_cycles(b.config, from, to, kHeader + 4));
      start = r.end + cycles(100);  // far enough apart that nothing contends
      // A 64-byte read: the response carries the data (72 bytes: three link cycles).
      uint8_t line[64] = {};
      r = timed_access(*b.initiators[s], false, d * kWindow + 64, line, 64, start);
      ASSERT_EQ(r.status, tlm::TLM_OK_RESPONSE);
      EXPECT_EQ(r.end - start, cycles(formula_cycles(b.config, from, to, kHeader) + kMemoryCycles +
                                      formula_cycles(b.config, to, from, kHeader + 64)));
      start = r.end + cycles(100);
    }
  }
}

TEST(Mesh, ZeroLoadLatencyOfEveryPairIsTheFormulaOn2x2) {
  expect_zero_load_latency_of_every_pair(2, 2);
}

TEST(Mesh, ZeroLoadLatencyOfEveryPairIsTheFormulaOn4x4) {
  expect_zero_load_latency_of_every_pair(4, 4);
}

TEST(Mesh, LocalDeliveryCostsOnlySerialisation) {
  MeshBench b(2, 2, 0);
  EXPECT_EQ(b.mesh.zero_load_latency_cycles({1, 1}, {1, 1}, 72), 3u);
  uint8_t line[64] = {};
  const auto r = timed_access(*b.initiators[3], false, 3 * kWindow, line, 64, SC_ZERO_TIME);
  EXPECT_EQ(r.end, cycles(1 + 3));  // header out, header + 64 bytes back
}

TEST(Mesh, RoutesXFirstThenY) {
  MeshNetwork network(mesh_config(4, 4));
  using Hop = std::pair<unsigned, MeshNetwork::Port>;
  std::vector<Hop> path;
  const auto record = [&](unsigned node, MeshNetwork::Port port) { path.push_back({node, port}); };
  network.route(network.index({0, 0}), network.index({2, 3}), record);
  EXPECT_EQ(path, (std::vector<Hop>{{0, MeshNetwork::kInject},
                                    {0, MeshNetwork::kEast},
                                    {1, MeshNetwork::kEast},
                                    {2, MeshNetwork::kSouth},
                                    {6, MeshNetwork::kSouth},
                                    {10, MeshNetwork::kSouth},
                                    {14, MeshNetwork::kEject}}));
  path.clear();
  network.route(network.index({2, 3}), network.index({0, 0}), record);
  EXPECT_EQ(path, (std::vector<Hop>{{14, MeshNetwork::kInject},
                                    {14, MeshNetwork::kWest},
                                    {13, MeshNetwork::kWest},
                                    {12, MeshNetwork::kNorth},
                                    {8, MeshNetwork::kNorth},
                                    {4, MeshNetwork::kNorth},
                                    {0, MeshNetwork::kEject}}));
}

TEST(Mesh, TransactionBooksExactlyTheLinksOfItsXyRoutes) {
  MeshBench b(4, 4);
  uint32_t word = 1;
  ASSERT_EQ(timed_access(*b.initiators[0], true, 14 * kWindow, &word, 4, SC_ZERO_TIME).status,
            tlm::TLM_OK_RESPONSE);
  const MeshNetwork& n = b.mesh.network();
  using P = MeshNetwork::Port;
  // Request (12 bytes) from (0,0) to (2,3): east along row 0, then south down column 2.
  const std::vector<std::pair<MeshNode, P>> request = {
      {{0, 0}, P::kInject}, {{0, 0}, P::kEast},  {{1, 0}, P::kEast}, {{2, 0}, P::kSouth},
      {{2, 1}, P::kSouth},  {{2, 2}, P::kSouth}, {{2, 3}, P::kEject}};
  // Response (8 bytes) back: west along row 3, then north up column 0.
  const std::vector<std::pair<MeshNode, P>> response = {
      {{2, 3}, P::kInject}, {{2, 3}, P::kWest},  {{1, 3}, P::kWest}, {{0, 3}, P::kNorth},
      {{0, 2}, P::kNorth},  {{0, 1}, P::kNorth}, {{0, 0}, P::kEject}};
  uint64_t on_route = 0;
  for (const auto& [node, port] : request) {
    EXPECT_EQ(n.link(node, port).bytes, 12u);
    on_route += 12;
  }
  for (const auto& [node, port] : response) {
    EXPECT_EQ(n.link(node, port).bytes, 8u);
    on_route += 8;
  }
  uint64_t everywhere = 0;
  for (unsigned i = 0; i < n.nodes(); ++i)
    for (unsigned p = 0; p < MeshNetwork::kPorts; ++p)
      everywhere += n.link(n.node(i), static_cast<P>(p)).bytes;
  EXPECT_EQ(everywhere, on_route);
  EXPECT_EQ(n.route_stats({0, 0}, {2, 3}).packets, 1u);
  EXPECT_EQ(n.route_stats({2, 3}, {0, 0}).packets, 1u);
}

// Offers packets of 64 bytes (2 link cycles) every 2 cycles on each flow, `packets` times,
// calls alternating between the flows; returns each flow's delivered packets per cycle.
std::vector<double> flow_rates(MeshBench& b,
                               const std::vector<std::pair<unsigned, unsigned>>& flows,
                               unsigned packets) {
  std::vector<sc_time> first(flows.size()), last(flows.size());
  uint8_t data[56] = {};  // + the 8-byte header: 64 bytes on the wire
  for (unsigned k = 0; k < packets; ++k) {
    for (unsigned f = 0; f < flows.size(); ++f) {
      const auto r = timed_access(*b.initiators[flows[f].first], true, flows[f].second * kWindow,
                                  data, sizeof data, cycles(2 * k));
      EXPECT_EQ(r.status, tlm::TLM_OK_RESPONSE);
      (k == 0 ? first : last)[f] = r.end;
    }
  }
  std::vector<double> rates;
  for (unsigned f = 0; f < flows.size(); ++f)
    rates.push_back((packets - 1) / ((last[f] - first[f]) / cycles(1)));
  return rates;
}

TEST(Mesh, OneFlowAloneGetsTheWholeLink) {
  MeshBench b(4, 1, 0);
  const auto rates = flow_rates(b, {{0, 2}}, 2000);
  EXPECT_NEAR(rates[0], 0.5, 0.005);  // one 2-cycle packet per 2 cycles
}

TEST(Mesh, TwoFlowsSharingALinkEachGetHalfItsBandwidth) {
  MeshBench b(4, 1, 0);
  // (0,0) -> (2,0) and (1,0) -> (3,0) share only the link (1,0) -> (2,0).
  const auto rates = flow_rates(b, {{0, 2}, {1, 3}}, 2000);
  EXPECT_NEAR(rates[0], 0.25, 0.0025);
  EXPECT_NEAR(rates[1], 0.25, 0.0025);
  const auto& shared = b.mesh.network().link({1, 0}, MeshNetwork::kEast);
  EXPECT_EQ(shared.bytes, 2u * 2000 * 64);
  EXPECT_GT(shared.timeline.busy_fraction(0), 0.99);  // busy from start to end
}

TEST(Mesh, UnmappedAddressIsAnAddressError) {
  MeshBench b(2, 2);
  tlm::tlm_response_status status;
  b.initiators[0]->read(4 * kWindow, 4, &status);
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  b.initiators[0]->read(kWindow - 2, 4, &status);  // straddles two windows
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  tlm::tlm_dmi dmi;
  EXPECT_FALSE(b.initiators[0]->dmi(4 * kWindow, false, dmi));
  uint32_t v = 0;
  EXPECT_EQ(b.initiators[0]->debug(false, 4 * kWindow, &v, 4), 0u);
}

TEST(Mesh, DmiAndDebugReachTheTargetInGlobalAddresses) {
  MeshBench b(2, 2);
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(b.initiators[0]->dmi(3 * kWindow + 4, true, dmi));
  EXPECT_EQ(dmi.get_start_address(), 3 * kWindow);
  EXPECT_EQ(dmi.get_end_address(), 4 * kWindow - 1);
  dmi.get_dmi_ptr()[4] = 0x5a;
  EXPECT_EQ(b.initiators[1]->read(3 * kWindow + 4, 1), 0x5au);
  uint32_t v = 0x12345678;
  EXPECT_EQ(b.initiators[2]->debug(true, 2 * kWindow + 8, &v, 4), 4u);
  EXPECT_EQ(b.initiators[0]->read(2 * kWindow + 8, 4), 0x12345678u);
}

// A target that invalidates DMI on request.
class InvalidatingTarget : public sc_core::sc_module {
 public:
  tlm_utils::simple_target_socket<InvalidatingTarget> socket;
  explicit InvalidatingTarget(sc_core::sc_module_name name) : sc_module(name), socket("socket") {
    socket.register_b_transport(this, &InvalidatingTarget::b_transport);
  }
  void invalidate(uint64_t start, uint64_t end) { socket->invalidate_direct_mem_ptr(start, end); }

 private:
  void b_transport(tlm::tlm_generic_payload& p, sc_time&) {
    p.set_response_status(tlm::TLM_OK_RESPONSE);
  }
};

TEST(Mesh, InvalidationReachesEveryInitiatorInGlobalAddresses) {
  Mesh mesh("mesh", mesh_config(2, 2));
  TestInitiator near("near"), far("far");
  near.socket.bind(mesh.initiator_port({1, 1}));
  far.socket.bind(mesh.initiator_port({0, 0}));
  InvalidatingTarget target("target");
  mesh.map(target.socket, {1, 1}, 0x10000, 0x1000, "target");
  testing::elaborate();
  target.invalidate(0x10, 0x20);
  for (const TestInitiator* i : {&near, &far}) {
    EXPECT_EQ(i->invalidations, 1u);
    EXPECT_EQ(i->invalidated_start, 0x10010u);
    EXPECT_EQ(i->invalidated_end, 0x10020u);
  }
  target.invalidate(0, ~0ull);  // everything: clipped to the window
  EXPECT_EQ(far.invalidated_start, 0x10000u);
  EXPECT_EQ(far.invalidated_end, 0x10fffu);
}

TEST(Mesh, InterleavedWindowSendsEachGranuleToItsChannel) {
  constexpr uint64_t kBase = 0x80000000, kGranule = 256;
  Mesh mesh("mesh", mesh_config(2, 2));
  DramConfig dc = dram_config(PlatformConfig{});
  dc.size_bytes = 1 << 20;
  dc.interleave_bytes = kGranule;
  Dram dram("dram", dc);
  TestInitiator initiator("initiator");
  initiator.socket.bind(mesh.initiator_port({0, 0}));
  mesh.map_interleaved({{&dram.channel_socket(0), {1, 0}}, {&dram.channel_socket(1), {1, 1}}},
                       kBase, dc.size_bytes, kGranule, "dram");
  testing::elaborate();

  const auto channel_bytes = [&] {
    return std::make_pair(dram.channel(0).bytes, dram.channel(1).bytes);
  };
  initiator.write(kBase + 8, 1, 8);  // granule 0
  EXPECT_EQ(channel_bytes(), std::make_pair(uint64_t{8}, uint64_t{0}));
  initiator.write(kBase + kGranule + 8, 2, 8);  // granule 1
  EXPECT_EQ(channel_bytes(), std::make_pair(uint64_t{8}, uint64_t{8}));
  initiator.write(kBase + 5 * kGranule, 3, 8);  // granule 5
  EXPECT_EQ(channel_bytes(), std::make_pair(uint64_t{8}, uint64_t{16}));
  EXPECT_EQ(dram.channel_of(5 * kGranule), 1u);
  // Not compacted: the channel sees offset a - base, so the byte is at its DRAM offset.
  tlm::tlm_dmi dmi;
  ASSERT_TRUE(initiator.dmi(kBase, false, dmi));
  EXPECT_EQ(dmi.get_start_address(), kBase);
  EXPECT_EQ(dmi.get_end_address(), kBase + dc.size_bytes - 1);
  EXPECT_EQ(dmi.get_dmi_ptr()[5 * kGranule], 3);

  // 512 bytes from the middle of granule 0: split into 128 + 256 + 128 bytes.
  std::vector<uint8_t> out(512), in(512);
  for (unsigned i = 0; i < out.size(); ++i) out[i] = static_cast<uint8_t>(i * 7);
  ASSERT_EQ(initiator.access(true, kBase + 128, out.data(), 512), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(channel_bytes(), std::make_pair(uint64_t{8 + 256}, uint64_t{16 + 256}));
  ASSERT_EQ(initiator.access(false, kBase + 128, in.data(), 512), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(in, out);

  // A split access cannot carry byte enables.
  tlm::tlm_generic_payload p;
  uint8_t enables[512] = {};
  p.set_command(tlm::TLM_WRITE_COMMAND);
  p.set_address(kBase + 128);
  p.set_data_ptr(out.data());
  p.set_data_length(512);
  p.set_streaming_width(512);
  p.set_byte_enable_ptr(enables);
  p.set_byte_enable_length(512);
  sc_time delay = SC_ZERO_TIME;
  initiator.socket->b_transport(p, delay);
  EXPECT_EQ(p.get_response_status(), tlm::TLM_BYTE_ENABLE_ERROR_RESPONSE);
}

TEST(Mesh, RejectsBadConfigurationsAndMaps) {
  NocConfig empty = mesh_config(0, 2);
  EXPECT_THROW(MeshNetwork{empty}, std::invalid_argument);
  Mesh mesh("mesh", mesh_config(2, 2));
  Memory a("a", 0x1000, false, SC_ZERO_TIME), b("b", 0x1000, false, SC_ZERO_TIME);
  EXPECT_THROW(mesh.initiator_port({2, 0}), std::invalid_argument);
  EXPECT_THROW(mesh.map(a.socket, {0, 2}, 0, 0x1000, "a"), std::invalid_argument);
  mesh.map(a.socket, {0, 0}, 0x1000, 0x1000, "a");
  EXPECT_THROW(mesh.map(b.socket, {1, 0}, 0x1800, 0x1000, "b"), std::invalid_argument);
  ASSERT_NE(mesh.find(0x1fff), nullptr);
  EXPECT_EQ(mesh.find(0x1fff)->name, "a");
  EXPECT_EQ(mesh.find(0x2000), nullptr);
}

TEST(Mesh, EachInitiatorKeepsItsNodeWhateverTheBindingOrder) {
  Mesh mesh("mesh", mesh_config(2, 2));
  TestInitiator near("near"), far("far");  // constructed in the opposite order to their binding
  far.socket.bind(mesh.initiator_port({0, 0}));
  near.socket.bind(mesh.initiator_port({1, 1}));
  Memory memory("memory", 0x1000, false, SC_ZERO_TIME);
  mesh.map(memory.socket, {1, 1}, 0, 0x1000, "memory");
  testing::elaborate();
  const unsigned header = mesh.network().config().header_bytes;
  uint32_t word = 0;
  const auto from_far = timed_access(far, false, 0, &word, 4, SC_ZERO_TIME);
  const auto from_near = timed_access(near, false, 0, &word, 4, SC_ZERO_TIME);
  EXPECT_EQ(from_far.end, cycles(mesh.zero_load_latency_cycles({0, 0}, {1, 1}, header) +
                                 mesh.zero_load_latency_cycles({1, 1}, {0, 0}, header + 4)));
  EXPECT_EQ(from_near.end, cycles(mesh.zero_load_latency_cycles({1, 1}, {1, 1}, header) +
                                  mesh.zero_load_latency_cycles({1, 1}, {1, 1}, header + 4)));
}

TEST(Mesh, ReportsLinksAndRoutes) {
  MeshBench b(2, 2);
  uint32_t word = 0;
  timed_access(*b.initiators[0], true, 1 * kWindow, &word, 4, SC_ZERO_TIME);
  std::ostringstream out;
  b.mesh.report(out);
  const std::string text = out.str();
  EXPECT_NE(text.find("mesh.link.0_0.east.bytes: 12\n"), std::string::npos) << text;
  EXPECT_NE(text.find("mesh.link.1_0.west.packets: 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("mesh.route.0_0-1_0.packets: 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("mesh.route.0_0-1_0.latency_histogram: [2,4):1\n"), std::string::npos)
      << text;
}

}  // namespace
}  // namespace tessera
