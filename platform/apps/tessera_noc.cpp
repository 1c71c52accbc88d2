// tessera-noc: characterises the mesh NoC under synthetic traffic: average and p99 packet
// latency and accepted throughput per injection rate, and the saturation throughput.
#include <boost/program_options.hpp>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <systemc>
#include <vector>

#include "block_configs.h"
#include "config.h"
#include "noc/traffic.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitBadInput = 2;

// "WxH" -> mesh dimensions.
void parse_mesh(const std::string& text, tessera::NocConfig& noc) {
  unsigned x = 0, y = 0;
  char by = 0, rest = 0;
  std::istringstream in(text);
  if (!(in >> x >> by >> y) || by != 'x' || in >> rest || x == 0 || y == 0)
    throw std::invalid_argument("--mesh " + text + ": expected WxH, e.g. 8x8");
  noc.mesh_x = x;
  noc.mesh_y = y;
}

// "X,Y" -> a node.
tessera::MeshNode parse_node(const std::string& text) {
  unsigned x = 0, y = 0;
  char comma = 0, rest = 0;
  std::istringstream in(text);
  if (!(in >> x >> comma >> y) || comma != ',' || in >> rest)
    throw std::invalid_argument("--hotspot " + text + ": expected X,Y, e.g. 2,2");
  return {x, y};
}

std::vector<double> parse_rates(const std::string& text) {
  std::vector<double> rates;
  std::istringstream in(text);
  for (std::string item; std::getline(in, item, ',');) {
    std::size_t used = 0;
    double rate = 0;
    try {
      rate = std::stod(item, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != item.size() || !(rate > 0 && rate <= 1))
      throw std::invalid_argument("--rates: " + item +
                                  " is not a rate in (0, 1] packets per node per cycle");
    rates.push_back(rate);
  }
  if (rates.empty()) throw std::invalid_argument("--rates: no rates given");
  return rates;
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  tessera::PlatformConfig platform;
  tessera::NocConfig noc;
  tessera::TrafficConfig traffic;
  std::string mesh_text = "4x4", traffic_text = "uniform", hotspot_text, csv_path, config_path;
  std::string rates_text = "0.01,0.02,0.05,0.1,0.15,0.2,0.25,0.3,0.4,0.5";
  std::vector<std::string> settings;

  po::options_description options(
      "tessera-noc: mesh NoC latency and throughput under synthetic traffic");
  auto add = options.add_options();
  add("help,h", "this text");
  add("mesh", po::value(&mesh_text)->default_value(mesh_text), "mesh size WxH");
  add("traffic", po::value(&traffic_text)->default_value(traffic_text),
      "uniform | transpose | hotspot");
  add("packet-bytes", po::value(&traffic.packet_bytes)->default_value(traffic.packet_bytes),
      "bytes per packet on the wire, header included");
  add("rates", po::value(&rates_text)->default_value(rates_text),
      "injection rates to sweep, packets per source node per cycle");
  add("warmup", po::value(&traffic.warmup_cycles)->default_value(traffic.warmup_cycles),
      "cycles injected before measuring");
  add("cycles", po::value(&traffic.measure_cycles)->default_value(traffic.measure_cycles),
      "cycles measured per rate");
  add("seed", po::value(&traffic.seed)->default_value(traffic.seed), "random seed");
  add("hotspot", po::value(&hotspot_text), "hotspot node X,Y (default: the centre)");
  add("csv", po::value(&csv_path),
      "also write rate,avg_latency_cycles,p99_latency_cycles,throughput to FILE");
  add("config", po::value(&config_path), "platform configuration (YAML), as for tessera-vp");
  add("set", po::value(&settings)->composing(),
      "override a configuration key, e.g. noc.link_bytes=16 (repeatable)");

  std::vector<double> rates;
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, options), vm);
    if (vm.count("help")) {
      std::cout << options << "\nSaturation: the lowest rate swept whose average latency exceeds "
                << tessera::SyntheticTraffic::kSaturationLatencyFactor
                << "x zero-load or whose throughput is below "
                << tessera::SyntheticTraffic::kSaturationAcceptance
                << "x the offered rate;\nthe saturation throughput is the throughput there."
                   " Exit code 2: bad input.\n";
      return 0;
    }
    po::notify(vm);
    if (!config_path.empty()) tessera::apply_config_file(platform, config_path);
    for (const std::string& s : settings) tessera::apply_override(platform, s);
    noc = tessera::noc_config(platform);
    parse_mesh(mesh_text, noc);
    const auto pattern = tessera::parse_traffic_pattern(traffic_text);
    if (!pattern)
      throw std::invalid_argument("--traffic " + traffic_text +
                                  ": expected uniform, transpose or hotspot");
    traffic.pattern = *pattern;
    if (!hotspot_text.empty()) traffic.hotspot = parse_node(hotspot_text);
    rates = parse_rates(rates_text);
  } catch (const po::error& e) {
    std::cerr << "tessera-noc: " << e.what() << "\n" << options;
    return kExitBadInput;
  } catch (const std::invalid_argument& e) {
    std::cerr << "tessera-noc: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const tessera::ConfigError& e) {
    std::cerr << "tessera-noc: " << e.what() << "\n";
    return kExitBadInput;
  }

  std::ofstream csv;
  if (!csv_path.empty()) {
    csv.open(csv_path);
    if (!csv) {
      std::cerr << "tessera-noc: " << csv_path << ": cannot open for writing\n";
      return kExitBadInput;
    }
    csv << "rate,avg_latency_cycles,p99_latency_cycles,throughput\n" << std::fixed;
  }

  try {
    const tessera::SyntheticTraffic generator(noc, traffic);
    std::cout << "mesh " << noc.mesh_x << "x" << noc.mesh_y << ", "
              << tessera::traffic_pattern_name(traffic.pattern) << " traffic from "
              << generator.sources() << " nodes, " << traffic.packet_bytes << "-byte packets, link "
              << noc.link_bytes << " B/cycle, router " << noc.router_latency_cycles << " cycles, "
              << traffic.warmup_cycles << " warm-up + " << traffic.measure_cycles
              << " measured cycles, seed " << traffic.seed << "\n"
              << std::fixed << std::setprecision(2)
              << "zero-load latency: " << generator.zero_load_latency_cycles() << " cycles\n\n"
              << "    rate  avg_latency_cycles  p99_latency_cycles  throughput\n";

    std::vector<tessera::RatePoint> points;
    uint64_t packets = 0;
    const auto wall_start = std::chrono::steady_clock::now();
    for (double rate : rates) {
      const tessera::RatePoint p = generator.run(rate);
      points.push_back(p);
      packets += p.packets;
      std::cout << std::setprecision(4) << std::setw(8) << p.rate << std::setprecision(2)
                << std::setw(20) << p.avg_latency_cycles << std::setw(20) << p.p99_latency_cycles
                << std::setprecision(4) << std::setw(12) << p.throughput
                << (generator.saturated(p) ? "  saturated" : "") << "\n";
      if (csv)
        csv << std::setprecision(4) << p.rate << "," << std::setprecision(2) << p.avg_latency_cycles
            << "," << p.p99_latency_cycles << "," << std::setprecision(4) << p.throughput << "\n";
    }
    const double wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

    const auto saturation = generator.saturation_throughput(points);
    if (saturation)
      std::cout << "\nsaturation throughput: " << std::setprecision(4) << *saturation
                << " packets/node/cycle (" << std::setprecision(2)
                << *saturation * traffic.packet_bytes * platform.clock_hz / 1e9
                << " GB/s per node)\n";
    else
      std::cout << "\nsaturation throughput: not reached at the rates swept\n";
    std::cout << "simulated " << packets << " packets in " << std::setprecision(3) << wall_s
              << " s: " << std::setprecision(0) << packets / wall_s << " packets per wall second\n";
  } catch (const std::invalid_argument& e) {
    std::cerr << "tessera-noc: " << e.what() << "\n";
    return kExitBadInput;
  }
  return 0;
}
