// mxu-bench: the MXU model's simulation speed, in simulated MACs per wall second.
//
//   mxu-bench [--gemm MxNxK] [--repeat N] [--set key=value ...]
//
// One MXU on its scratchpad (the chip's configuration; --set changes any key, e.g.
// mxu.rows=32, mxu.timing_only=true, tile.sram_bytes=4194304) runs N copies of one GEMM with
// random resident operands through its queue. Wall time covers the simulation only: the
// descriptors' arithmetic, their timing (every operand row a scratchpad access) and SystemC.
#include <boost/program_options.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "engine_bench.h"
#include "gemm_case.h"

namespace po = boost::program_options;
using namespace tessera;

int sc_main(int argc, char* argv[]) {
  std::string gemm = "256x256x256";
  unsigned repeat = 20;
  std::vector<std::string> sets;
  po::options_description options("mxu-bench options");
  options.add_options()("help", "this text")("gemm", po::value(&gemm)->default_value(gemm),
                                             "M x N x K of each GEMM")(
      "repeat", po::value(&repeat)->default_value(repeat), "GEMMs to run")(
      "set", po::value(&sets)->composing(), "a configuration key=value (repeatable)");
  PlatformConfig config;
  unsigned m = 0, n = 0, k = 0;
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << options;
      return 0;
    }
    for (const std::string& s : sets) apply_override(config, s);
    if (std::sscanf(gemm.c_str(), "%ux%ux%u", &m, &n, &k) != 3 || !m || !n || !k)
      throw std::invalid_argument("--gemm expects MxNxK, got '" + gemm + "'");
    if (repeat == 0) throw std::invalid_argument("--repeat must be at least 1");
  } catch (const std::exception& e) {
    std::cerr << "mxu-bench: " << e.what() << "\n";
    return 2;
  }

  testing::EngineBench<Mxu> bench(config, mxu_config);
  const uint32_t ring = testing::EngineBench<Mxu>::kBase;
  const uint32_t entries = std::min(repeat + 1, ENGINE_QUEUE_MAX_ENTRIES);
  const uint64_t needed = uint64_t{entries} * MXU_DESC_BYTES + uint64_t{m} * k + uint64_t{k} * n +
                          4ull * m * n + 3 * 128;  // 3 aligned matrices
  if (needed > config.tile.sram_bytes) {
    std::cerr << "mxu-bench: the GEMM needs " << needed
              << " bytes of scratchpad; raise tile.sram_bytes\n";
    return 2;
  }
  uint32_t address = ring + entries * MXU_DESC_BYTES;
  std::mt19937 rng(1);
  const testing::GemmCase g = testing::packed_gemm(rng, m, n, k, address);
  g.place(bench);
  bench.setup_queue(ring, entries, MXU_DESC_BYTES);

  const auto started = std::chrono::steady_clock::now();
  for (unsigned done = 0; done < repeat;) {
    const unsigned batch = std::min(repeat - done, entries - 1);
    for (unsigned i = 0; i < batch; ++i) bench.submit(g.descriptor());
    bench.run();
    done += batch;
  }
  const double wall =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const MxuStatistics& s = bench.engine.statistics();
  const bool checked = config.mxu.timing_only || g.result(bench) == g.reference();
  std::printf("array: %ux%u %s%s%s\n", config.mxu.rows, config.mxu.cols,
              config.mxu.dataflow == mxu::Dataflow::kWeightStationary ? "weight_stationary"
                                                                      : "output_stationary",
              config.mxu.double_buffer_weights ? "" : " single-buffered",
              config.mxu.timing_only ? " timing-only" : "");
  std::printf("gemm: %ux%ux%u x %u\n", m, n, k, repeat);
  std::printf("result: %s\n", config.mxu.timing_only ? "not computed"
                              : checked              ? "checked"
                                                     : "WRONG");
  std::printf("simulated_cycles: %llu\n",
              static_cast<unsigned long long>(bench.engine.busy_cycles()));
  std::printf("utilization: %.4f\n", bench.engine.utilization());
  std::printf(
      "cycles: load %llu, compute %llu, fill_drain %llu, stalls: weights %llu, "
      "operands %llu, output %llu\n",
      static_cast<unsigned long long>(s.load_cycles),
      static_cast<unsigned long long>(s.compute_cycles),
      static_cast<unsigned long long>(s.fill_drain_cycles),
      static_cast<unsigned long long>(s.stall_weights_cycles),
      static_cast<unsigned long long>(s.stall_operands_cycles),
      static_cast<unsigned long long>(s.stall_output_cycles));
  std::printf("wall_seconds: %.4f\n", wall);
  std::printf("simulated_macs_per_second: %.3g\n", static_cast<double>(s.macs) / wall);
  std::printf("simulated_cycles_per_second: %.3g\n",
              static_cast<double>(bench.engine.busy_cycles()) / wall);
  return checked ? 0 : 1;
}
