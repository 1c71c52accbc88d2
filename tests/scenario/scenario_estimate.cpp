// scenario-estimate: the analytic model over a scenario of synthetic layers, written the way a
// simulated run writes its results (report.json, report.csv, the text table, a trace). It
// drives scripts/plot and scripts/sweep end to end before the simulated runs exist, and puts
// numbers next to theirs once they do.
//
//   scenario-estimate --scenario FILE [--report-dir DIR] [--trace FILE] [--set key=value]...
//
// Exit code 2: bad input (the message names the file and field).
#include <boost/program_options.hpp>
#include <iostream>
#include <systemc>

#include "common/trace_writer.h"
#include "config_entries.h"
#include "report.h"
#include "scenario.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitBadInput = 2;

// The estimated schedule: layers back to back, and for each what its compute, DRAM and NoC
// time would be, on one track each, so the bound is the longest bar.
void write_trace(const std::string& path, const tessera::Report& report,
                 const std::vector<tessera::Layer>& layers) {
  using sc_core::sc_time;
  tessera::TraceWriter trace(path, {{"scenario", report.scenario}, {"mode", "analytic"}});
  const tessera::TraceTrack layer_track = trace.track("chip", "layers");
  const tessera::TraceTrack compute = trace.track("chip", "compute (MXU)");
  const tessera::TraceTrack dram = trace.track("chip", "DRAM");
  const tessera::TraceTrack noc = trace.track("chip", "NoC");
  const sc_time cycle(1.0 / report.machine.clock_hz, sc_core::SC_SEC);
  sc_time start = sc_core::SC_ZERO_TIME;
  for (size_t i = 0; i < layers.size(); ++i) {
    const tessera::LayerResult& r = report.layers[i];
    const tessera::LayerEstimate e = tessera::estimate_layer(layers[i], report.machine);
    layer_track.slice(
        r.name, start, cycle * double(r.cycles),
        {{"kind", r.kind}, {"shape", r.shape}, {"macs", r.macs}, {"bound", r.model_bound}});
    compute.slice(r.name, start, cycle * double(e.compute_cycles));
    dram.slice(r.name, start, cycle * double(e.dram_cycles), {{"bytes", r.dram_bytes}});
    noc.slice(r.name, start, cycle * double(e.noc_cycles), {{"bytes", r.noc_bytes}});
    layer_track.counter("utilization", start, {{"mxu", report.utilization(r)}});
    start += cycle * double(r.cycles);
  }
  layer_track.counter("utilization", start, {{"mxu", 0.0}});
  trace.close();
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  std::string scenario_path, report_dir, trace_path;
  std::vector<std::string> settings;
  po::options_description options("scenario-estimate: the analytic model over a scenario");
  auto add = options.add_options();
  add("help,h", "this text");
  add("scenario", po::value(&scenario_path)->required(), "scenario file (synthetic layers)");
  add("report-dir", po::value(&report_dir), "write report.json and report.csv there");
  add("trace", po::value(&trace_path), "write the estimated schedule as a trace-event file");
  add("set", po::value(&settings)->composing(), "override a configuration key (repeatable)");

  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, options), vm);
    if (vm.count("help")) {
      std::cout << options;
      return 0;
    }
    po::notify(vm);
    const tessera::Scenario scenario = tessera::load_scenario(scenario_path, settings);
    const auto* workload = std::get_if<tessera::LayersWorkload>(&scenario.workload);
    if (!workload)
      throw std::invalid_argument(scenario_path + ": the estimate needs a layers workload");
    const tessera::Report report = tessera::analytic_report(
        scenario.name, workload->layers, tessera::machine_of(scenario.config),
        tessera::config_entries(scenario.config));
    tessera::write_text(report, std::cout);
    if (!report_dir.empty()) tessera::write_report_files(report, report_dir);
    if (!trace_path.empty()) write_trace(trace_path, report, workload->layers);
  } catch (const po::error& e) {
    std::cerr << "scenario-estimate: " << e.what() << "\n" << options;
    return kExitBadInput;
  } catch (const std::exception& e) {  // ConfigError, ScenarioError, bad arguments, files
    std::cerr << "scenario-estimate: " << e.what() << "\n";
    return kExitBadInput;
  }
  return 0;
}
