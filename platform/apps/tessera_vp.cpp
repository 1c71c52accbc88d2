// tessera-vp: runs firmware on the Tessera virtual platform.
#include <sys/resource.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <systemc>
#include <vector>

#include "debug_session.h"
#include "elf_image.h"
#include "scenario_run.h"
#include "tessera/driver/error.h"
#include "soc.h"

namespace po = boost::program_options;
using tessera::SimControl;

namespace {

double peak_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // Linux reports KiB
}

int write_signature(tessera::Soc& soc, const tessera::ElfImage& image, const std::string& path) {
  const auto begin = image.symbol("begin_signature"), end = image.symbol("end_signature");
  if (!begin || !end || *end < *begin) {
    std::cerr << "tessera-vp: " << image.path()
              << ": --signature needs the symbols begin_signature and end_signature\n";
    return SimControl::kExitBadInput;
  }
  std::ofstream out(path);
  if (!out) {
    std::cerr << "tessera-vp: " << path << ": cannot open for writing\n";
    return SimControl::kExitBadInput;
  }
  for (uint32_t a = *begin; a + 4 <= *end; a += 4) {
    uint32_t word = 0;
    if (!soc.read_memory(a, &word, 4)) {
      std::cerr << "tessera-vp: signature word at 0x" << std::hex << a << " is unreadable\n";
      return SimControl::kExitBadInput;
    }
    out << std::hex << std::setw(8) << std::setfill('0') << word << "\n";
  }
  return 0;
}

// A workload the chip cannot run (a bad model or ELF) is bad input; a run that failed on the
// way (a device error, an unwritable file) is exit code 1.
int run_scenario_command(const tessera::Scenario& scenario,
                         const tessera::ScenarioRunOptions& options) {
  try {
    return tessera::run_scenario(scenario, options, std::cout);
  } catch (const tessera::ConfigError& e) {
    std::cerr << "tessera-vp: " << e.what() << "\n";
  } catch (const tessera::ElfError& e) {
    std::cerr << "tessera-vp: " << e.what() << "\n";
  } catch (const tessera::driver::Error& e) {
    std::cerr << "tessera-vp: " << scenario.path << ": " << e.what() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "tessera-vp: " << scenario.path << ": " << e.what() << "\n";
    return 1;
  }
  return SimControl::kExitBadInput;
}

}  // namespace

int sc_main(int argc, char* argv[]) {
  sc_core::sc_report_handler::set_actions(sc_core::SC_INFO, sc_core::SC_DO_NOTHING);
  tessera::PlatformConfig config;
  std::string elf_path, signature_path, uart_path, config_path, report_path, vcd_path;
  std::vector<std::string> overrides;
  po::options_description options("tessera-vp: run firmware on the Tessera virtual platform");
  std::string scenario_path, report_dir;
  options.add_options()("help,h", "this text")("elf", po::value(&elf_path),
                                               "ELF32 RISC-V image to load and run")(
      "scenario", po::value(&scenario_path),
      "run a scenario (docs/scenarios.md): its chip and workload, instead of --elf")(
      "report-dir", po::value(&report_dir),
      "with --scenario: where report.json, report.csv and trace.json go (default: "
      "reports/NAME)")("no-trace", "with --scenario: do not write trace.json")(
      "config", po::value(&config_path), "platform configuration (YAML)")(
      "set", po::value(&overrides)->composing(),
      "override one configuration key: --set noc.link_bytes=16 (repeatable)")(
      "print-config", "print the effective configuration (YAML) and exit")(
      "max-instructions", po::value<uint64_t>(),
      "stop each hart after N instructions (exit code 3); as --set sim.max_instructions=N")(
      "timeout", po::value<double>(),
      "stop after SECONDS of wall-clock time (exit code 3); as --set sim.timeout_s=S")(
      "max-sim-time", po::value<double>(),
      "stop after NS of simulated time (exit code 3); as --set sim.max_time_ns=NS")(
      "quantum-ns", po::value<double>(),
      "temporal-decoupling quantum in simulated ns; as --set sim.quantum_ns=NS")(
      "signature", po::value(&signature_path),
      "write the words between begin_signature and end_signature to FILE")(
      "uart-out", po::value(&uart_path), "write UART output to FILE instead of stdout")(
      "stats", "print run statistics (key: value) on stderr at the end")(
      "report", po::value(&report_path),
      "write every block's statistics (NoC links and routes, DRAM channels, engines) to FILE")(
      "vcd", po::value(&vcd_path),
      "dump the RTL matrix engines' waveforms (mxu.impl rtl|lockstep)")(
      "vcd-start", po::value<double>()->default_value(0), "VCD window start, simulated ns")(
      "vcd-end", po::value<double>()->default_value(0),
      "VCD window end, simulated ns (0: the end)");
  tessera::add_debug_options(options);
  tessera::DebugOptions debug;
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    if (vm.count("help")) {
      std::cout << options
                << "\nExit code: the firmware's; 2 bad input; 3 a limit was reached; 4 two models "
                   "of a block disagreed (lockstep).\n";
      return 0;
    }
    po::notify(vm);
    if (!scenario_path.empty()) {
      if (!elf_path.empty() || !config_path.empty())
        throw po::error("--scenario names its own chip and workload: no --elf or --config");
      const tessera::Scenario scenario = tessera::load_scenario(scenario_path, overrides);
      if (vm.count("print-config")) {
        tessera::print_config(scenario.config, std::cout);
        return 0;
      }
      return run_scenario_command(
          scenario,
          {report_dir.empty() ? "reports/" + scenario.name : report_dir, !vm.count("no-trace")});
    }
    if (!config_path.empty()) tessera::apply_config_file(config, config_path);
    for (const std::string& o : overrides) tessera::apply_override(config, o);
    // The shortcuts are --set of the sim keys, so they are validated the same way.
    if (vm.count("max-instructions"))
      tessera::apply_override(
          config, "sim.max_instructions=" + std::to_string(vm["max-instructions"].as<uint64_t>()),
          "--max-instructions");
    if (vm.count("timeout"))
      tessera::apply_override(config, "sim.timeout_s=" + std::to_string(vm["timeout"].as<double>()),
                              "--timeout");
    if (vm.count("quantum-ns"))
      tessera::apply_override(config,
                              "sim.quantum_ns=" + std::to_string(vm["quantum-ns"].as<double>()),
                              "--quantum-ns");
    if (vm.count("max-sim-time"))
      tessera::apply_override(config,
                              "sim.max_time_ns=" + std::to_string(vm["max-sim-time"].as<double>()),
                              "--max-sim-time");
    debug = tessera::read_debug_options(vm);
    if (vm.count("print-config")) {
      tessera::print_config(config, std::cout);
      return 0;
    }
    if (elf_path.empty()) throw po::error("the option '--elf' is required but missing");
  } catch (const po::error& e) {
    std::cerr << "tessera-vp: " << e.what() << "\n" << options;
    return SimControl::kExitBadInput;
  } catch (const tessera::ConfigError& e) {
    std::cerr << "tessera-vp: " << e.what() << "\n";
    return SimControl::kExitBadInput;
  }

  std::ofstream uart_file;
  if (!uart_path.empty()) {
    uart_file.open(uart_path);
    if (!uart_file) {
      std::cerr << "tessera-vp: " << uart_path << ": cannot open for writing\n";
      return SimControl::kExitBadInput;
    }
  }
  std::ostream& uart_out = uart_path.empty() ? std::cout : uart_file;

  try {
    const tessera::ElfImage image = tessera::ElfImage::load(elf_path);
    tessera::Soc soc(config, uart_out);
    if (!vcd_path.empty())
      soc.record_mxu_vcd(vcd_path, sc_core::sc_time(vm["vcd-start"].as<double>(), sc_core::SC_NS),
                         sc_core::sc_time(vm["vcd-end"].as<double>(), sc_core::SC_NS));
    soc.load(image);
    tessera::DebugSession debug_session(soc, debug);

    const auto wall_start = std::chrono::steady_clock::now();
    const tessera::RunResult result = soc.run();
    const double wall_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    uart_out.flush();
    debug_session.finish(result);

    int exit_code = result.exit_code;
    if (result.limit_reached || result.exit_code == SimControl::kExitModelMismatch)
      std::cerr << "tessera-vp: stopped: " << result.reason << " after " << result.instructions
                << " instructions\n"
                << soc.hart_report();
    if (!report_path.empty()) {
      std::ofstream report(report_path);
      soc.report(report);
      if (!report) {
        std::cerr << "tessera-vp: " << report_path << ": cannot write the report\n";
        exit_code = SimControl::kExitBadInput;
      }
    }
    if (!signature_path.empty() && !result.limit_reached) {
      const int sig = write_signature(soc, image, signature_path);
      if (sig != 0) exit_code = sig;
    }
    if (vm.count("stats")) {
      std::cerr << "instructions: " << result.instructions << "\n"
                << "sim_time_ns: " << std::fixed << std::setprecision(0) << result.sim_time_ns
                << "\n"
                << "wall_s: " << std::setprecision(3) << wall_s << "\n"
                << "mips: " << std::setprecision(1) << result.instructions / wall_s / 1e6 << "\n"
                << "sim_cycles_per_s: " << std::setprecision(0)
                << result.sim_time_ns * config.clock_hz / 1e9 / wall_s << "\n"
                << "peak_rss_mb: " << std::setprecision(1) << peak_rss_mb() << "\n"
                << "exit_reason: " << result.reason << "\n";
    }
    return exit_code;
  } catch (const tessera::ElfError& e) {
    std::cerr << "tessera-vp: " << e.what() << "\n";
    return SimControl::kExitBadInput;
  } catch (const tessera::DebugSetupError& e) {  // an unwritable trace, a port in use
    std::cerr << "tessera-vp: " << e.what() << "\n";
    return SimControl::kExitBadInput;
  } catch (const tessera::ConfigError& e) {  // e.g. an array size with no RTL built
    std::cerr << "tessera-vp: " << e.what() << "\n";
    return SimControl::kExitBadInput;
  } catch (const std::runtime_error& e) {  // an unwritable VCD file
    std::cerr << "tessera-vp: " << e.what() << "\n";
    return SimControl::kExitBadInput;
  }
}
