#include "scenario_run.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>

#include "block_configs.h"
#include "chip_counters.h"
#include "common/trace_writer.h"
#include "device.h"
#include "elf_image.h"
#include "layer_reference.h"
#include "soc.h"
#include "tessera/abi/kernel_args.h"
#include "tessera/driver/backend.h"
#include "tessera/driver/device.h"
#include "tessera/driver/error.h"
#include "tessera/driver/onnx_loader.h"
#include "tessera/driver/reference_evaluator.h"
#include "tessera/driver/tensor_compare.h"
#include "tessera/driver/tensor_io.h"

namespace tessera {

namespace {

namespace fs = std::filesystem;
namespace drv = tessera::driver;

// Fixed, so that a functional run computes the same data every time.
constexpr uint32_t kDataSeed = 20261128;
// How long the chip may take to settle after an op before the run goes on regardless (and its
// trace's times may then depend on the host's timing): far more than any runtime's wind-down.
constexpr std::chrono::milliseconds kIdleWait{10000};

std::ofstream open_output(const fs::path& path) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error(path.string() + ": cannot open for writing");
  return out;
}

// A layer's row: the layer's own facts and the model's estimate, then what the chip measured
// over `cycles`.
LayerResult measured(LayerResult row, uint64_t cycles, const ChipCounters& before,
                     const ChipCounters& after) {
  const CounterDelta delta = counter_delta(before, after, cycles);
  row.cycles = cycles;
  row.compute_cycles = delta.compute_cycles;
  row.mxu_descriptors = delta.mxu_descriptors;
  if (row.macs == 0) row.macs = delta.macs;
  row.dram_bytes = delta.dram_bytes;
  row.noc_bytes = delta.noc_bytes;
  row.stalls = delta.stalls;
  return row;
}

// The chip behind the driver, as the run observes it: its counters, and the trace it writes.
// Everything touching the chip runs inside the simulation (Device::inspect), because the
// simulation runs on the device's own thread.
class ChipProbe {
 public:
  explicit ChipProbe(TraceWriter* trace) : trace_(trace) {}

  // DeviceOptions::on_chip_built: before the chip starts.
  void attach(Device& chip) {
    chip_ = &chip;
    period_ = clock_period(chip.config());
    if (trace_) {
      chip.soc().trace_to(*trace_);
      layers_ = trace_->track("scenario", "layers");
    }
  }

  // Before the host touches the chip: so that what it does lands at a simulated time that
  // does not depend on the host's timing (the chip finishing its last op meanwhile).
  void wait_until_idle() {
    if (!chip_->wait_until_idle(kIdleWait) && !unsettled_reported_) {
      unsettled_reported_ = true;
      std::cerr << "tessera-vp: the chip did not settle within " << kIdleWait.count()
                << " ms after an op: this run's simulated times may depend on the host's\n";
    }
  }

  // After wait_until_idle(): the counters are then the same whenever the host reads them.
  ChipCounters counters() {
    ChipCounters c;
    if (!chip_->inspect([&](Soc& soc) { c = read_counters(soc); }))
      throw std::runtime_error("the chip stopped: its counters cannot be read");
    return c;
  }

  // The row's slice on the scenario's track, from the cycle its first op was dispatched, with
  // the utilization it reached: the chip's on the scenario's track, each MXU's on its tile.
  void layer_slice(const LayerResult& row, uint64_t start_cycle, const Report& report,
                   const ChipCounters& before, const ChipCounters& after) {
    if (!trace_) return;
    const sc_core::sc_time start = period_ * static_cast<double>(start_cycle);
    const sc_core::sc_time end = start + period_ * static_cast<double>(row.cycles);
    const double array_macs =
        double(report.machine.mxu.rows) * report.machine.mxu.cols * double(row.cycles);
    chip_->inspect([&](Soc&) {
      utilization(layers_, start, end, 100 * report.utilization(row));
      for (size_t t = 0; t < after.tiles.size() && row.cycles; ++t)
        utilization(trace_->track("tile " + std::to_string(t), "mxu"), start, end,
                    100 * double(after.tiles[t].macs - before.tiles[t].macs) / array_macs);
      layers_.slice(row.name, start, end - start,
                    {{"kind", row.kind},
                     {"shape", row.shape},
                     {"macs", row.macs},
                     {"utilization", report.utilization(row)},
                     {"dram_bytes", row.dram_bytes},
                     {"noc_bytes", row.noc_bytes}});
    });
  }

  // A counter of the track's process: `percent` from start, 0 from end.
  static void utilization(const TraceTrack& track, const sc_core::sc_time& start,
                          const sc_core::sc_time& end, double percent) {
    track.counter("utilization", start, {{"percent", percent}});
    track.counter("utilization", end, {{"percent", 0.0}});
  }

  // Ends the trace while the chip still runs: the blocks' later events (the device idling
  // until it closes) are ignored.
  void close_trace() {
    if (trace_)
      chip_->inspect([&](Soc& soc) {
        soc.finish_trace();
        trace_->close();
      });
  }

 private:
  TraceWriter* trace_;
  Device* chip_ = nullptr;
  bool unsettled_reported_ = false;
  sc_core::sc_time period_;
  TraceTrack layers_;
};

void check(const drv::Status& status, const std::string& what) {
  if (!status.ok()) throw std::runtime_error(what + ": " + status.to_string());
}

// The device for the scenario's configuration. The device refuses the simulator's own run
// limits, so the wall-clock limit becomes the host's waits instead (DeviceOptions::timeout).
drv::DeviceOptions device_options(const Scenario& scenario, const fs::path& dir,
                                  std::ostream& console, ChipProbe& probe) {
  PlatformConfig config = scenario.config;
  const double timeout_s = config.sim.timeout_s > 0 ? config.sim.timeout_s : 3600;
  config.sim.timeout_s = 0;
  config.sim.max_instructions = 0;
  const fs::path config_file = dir / "config.yaml";
  {
    std::ofstream out = open_output(config_file);
    print_config(config, out);
  }
  drv::DeviceOptions options;
  options.config_file = config_file.string();
  options.console = &console;
  options.timeout = std::chrono::milliseconds(static_cast<int64_t>(std::ceil(timeout_s * 1000)));
  options.on_chip_built = [&probe](Device& chip) { probe.attach(chip); };
  return options;
}

// Device memory for one layer's operands, freed with it.
class LayerMemory {
 public:
  LayerMemory(drv::Device& device, ChipProbe& probe) : device_(device), probe_(probe) {}
  ~LayerMemory() {
    for (drv::DevicePtr p : allocated_) (void)device_.free(p);
  }
  LayerMemory(const LayerMemory&) = delete;
  LayerMemory& operator=(const LayerMemory&) = delete;

  tsr_operand allocate(uint64_t bytes, const std::string& what) {
    drv::DevicePtr p = 0;
    check(device_.malloc(&p, bytes), "device memory for the " + what);
    allocated_.push_back(p);
    return {static_cast<uint32_t>(p), static_cast<uint32_t>(bytes)};
  }
  // Filled with `data`.
  tsr_operand upload(const void* data, uint64_t bytes, const std::string& what) {
    const tsr_operand operand = allocate(bytes, what);
    probe_.wait_until_idle();
    check(device_.memcpy_to_device(operand.addr, data, bytes), "copying the " + what);
    return operand;
  }
  // Random int8 data kept in `host` in a functional run (host != nullptr); in a timing-only
  // run the data do not matter and are not copied.
  tsr_operand input(uint64_t bytes, std::vector<int8_t>* host, std::mt19937& rng,
                    const std::string& what) {
    if (!host) return allocate(bytes, what);
    host->resize(bytes);
    for (int8_t& b : *host) b = static_cast<int8_t>(rng());
    return upload(host->data(), bytes, what);
  }

 private:
  drv::Device& device_;
  ChipProbe& probe_;
  std::vector<drv::DevicePtr> allocated_;
};

// A layer's outputs are its sums / 1024, which keeps most of them inside int8 for the shipped
// layers' depths.
constexpr Requantization kLayerRequantization{1 << 30, 40};

// The operands of a functional run, as the host made them.
struct LayerData {
  std::vector<int8_t> input, weights;
};

// The layer as one GEMM_I8 or CONV_I8 command: int8 operands without zero points, outputs
// requantized to int8 by one multiplier for every channel. `data` (a functional run) receives
// the operands; without it none are copied.
tsr_command layer_command(const Layer& layer, LayerMemory& memory, LayerData* data,
                          std::mt19937& rng) {
  const GemmShape g = layer.gemm();
  const std::vector<tsr_channel_params> channels(
      g.n, tsr_channel_params{0, kLayerRequantization.multiplier, kLayerRequantization.shift});
  const tsr_operand params =
      memory.upload(channels.data(), channels.size() * sizeof(tsr_channel_params),
                    layer.name + " requantization parameters");
  const tsr_requant requant{params.addr, 0, 0, 0};
  tsr_command command{};
  command.tile_mask = drv::kAllTiles;
  if (const auto* conv = std::get_if<ConvShape>(&layer.op)) {
    const tsr_conv_args args{conv->h,      conv->w,      conv->c_in,    conv->c_out, conv->kernel,
                             conv->kernel, conv->stride, conv->padding, {},          requant};
    command.opcode = TSR_OP_CONV_I8;
    command.operands[1] = memory.input(uint64_t{conv->h} * conv->w * conv->c_in,
                                       data ? &data->input : nullptr, rng, layer.name + " input");
    command.operands[3] = memory.upload(&args, sizeof args, layer.name + " arguments");
  } else {
    const tsr_gemm_args args{static_cast<uint32_t>(g.m),
                             static_cast<uint32_t>(g.n),
                             static_cast<uint32_t>(g.k),
                             static_cast<uint32_t>(g.k),
                             static_cast<uint32_t>(g.n),
                             static_cast<uint32_t>(g.n),
                             {},
                             requant};
    command.opcode = TSR_OP_GEMM_I8;
    command.operands[1] =
        memory.input(g.m * g.k, data ? &data->input : nullptr, rng, layer.name + " A");
    command.operands[3] = memory.upload(&args, sizeof args, layer.name + " arguments");
  }
  command.operands[2] =
      memory.input(g.k * g.n, data ? &data->weights : nullptr, rng, layer.name + " weights");
  command.operands[0] = memory.allocate(g.m * g.n, layer.name + " output");
  return command;
}

uint64_t total_cycles(const std::vector<drv::OpProfile>& ops) {
  uint64_t cycles = 0;
  for (const drv::OpProfile& op : ops) cycles += op.cycles;
  return cycles;
}

// "" when the chip's output of a functional run is the host's; else the first difference.
std::string compare_with_reference(const Layer& layer, const LayerData& data,
                                   const std::vector<int8_t>& chip) {
  const std::vector<int8_t> host =
      layer_reference(layer, data.input, data.weights, kLayerRequantization);
  const auto [chip_at, host_at] = std::mismatch(chip.begin(), chip.end(), host.begin());
  if (chip_at == chip.end()) return "";
  const uint64_t index = static_cast<uint64_t>(chip_at - chip.begin());
  const uint64_t n = layer.gemm().n;
  return "output[" + std::to_string(index / n) + "][" + std::to_string(index % n) + "] is " +
         std::to_string(*chip_at) + " on the chip, " + std::to_string(*host_at) + " on the host";
}

// Returns 1 when a functional run's output differs from the host reference's.
int run_layers(const LayersWorkload& workload, const drv::DeviceOptions& options, ChipProbe& probe,
               Report& report, std::ostream& out) {
  std::unique_ptr<drv::Device> device;
  check(drv::Device::open(options, &device), "opening the device");
  check(device->boot(), "booting the runtime firmware");
  drv::Stream stream;
  check(device->create_stream(&stream), "creating a stream");
  std::mt19937 rng(kDataSeed);
  const bool functional = report.mode == RunMode::kFunctional;
  size_t checked = 0, differing = 0;
  for (const Layer& layer : workload.layers) {
    LayerMemory memory(*device, probe);
    drv::CommandList list;
    LayerData data;
    const tsr_command command = layer_command(layer, memory, functional ? &data : nullptr, rng);
    list.add(command);
    probe.wait_until_idle();
    const ChipCounters before = probe.counters();
    drv::Event event;
    check(stream.launch(list, &event), "layer " + layer.name);
    check(event.synchronize(options.timeout), "layer " + layer.name);
    probe.wait_until_idle();
    const ChipCounters after = probe.counters();
    const std::vector<drv::OpProfile> ops = event.ops();
    report.layers.push_back(
        measured(layer_result(layer, report.machine), total_cycles(ops), before, after));
    probe.layer_slice(report.layers.back(), ops.front().start_cycle, report, before, after);
    if (!functional) continue;
    std::vector<int8_t> output(command.operands[0].bytes);
    check(device->memcpy_to_host(output.data(), command.operands[0].addr, output.size()),
          "copying the output of " + layer.name);
    const std::string mismatch = compare_with_reference(layer, data, output);
    ++checked;
    if (!mismatch.empty()) {
      ++differing;
      out << "layer " << layer.name << ": " << mismatch << "\n";
    }
  }
  probe.close_trace();
  if (functional)
    out << "outputs: " << checked - differing << " of " << checked
        << " layers identical to the host reference\n";
  return differing ? 1 : 0;
}

drv::Tensor seeded_input(const drv::TensorType& type, std::mt19937& rng) {
  drv::Tensor tensor(type.type, type.shape);
  if (type.type == drv::DataType::kFloat32) {
    std::uniform_real_distribution<float> value(0.0f, 1.0f);
    float* data = tensor.data<float>();
    for (int64_t i = 0; i < tensor.size(); ++i) data[i] = value(rng);
  } else {
    for (uint8_t& b : tensor.bytes()) b = static_cast<uint8_t>(rng());
  }
  return tensor;
}

std::vector<drv::Tensor> model_inputs(const OnnxWorkload& workload, const drv::Graph& graph) {
  std::vector<drv::Tensor> inputs(graph.inputs.size());
  std::vector<bool> given(graph.inputs.size());
  for (size_t i = 0; i < workload.inputs.size(); ++i) {
    const auto& [name, path] = workload.inputs[i];
    size_t index = i;
    if (!name.empty()) {
      const auto it = std::find(graph.inputs.begin(), graph.inputs.end(), name);
      if (it == graph.inputs.end())
        throw ScenarioError(workload.model + ": inputs: the graph has no input '" + name + "'");
      index = static_cast<size_t>(it - graph.inputs.begin());
    } else if (index >= graph.inputs.size()) {
      throw ScenarioError(workload.model + ": inputs: the graph takes " +
                          std::to_string(graph.inputs.size()) + " inputs");
    }
    inputs[index] = drv::read_tensor_file(path);
    given[index] = true;
  }
  std::mt19937 rng(kDataSeed);
  for (size_t i = 0; i < inputs.size(); ++i)
    if (!given[i]) inputs[i] = seeded_input(graph.type_of(graph.inputs[i]), rng);
  return inputs;
}

// Returns 1 when the device's outputs differ from the host reference's.
int run_onnx(const OnnxWorkload& workload, const drv::DeviceOptions& device_options,
             ChipProbe& probe, Report& report, std::ostream& out) {
  const drv::Graph graph = drv::load_onnx_model(workload.model);
  const std::vector<drv::Tensor> inputs = model_inputs(workload, graph);
  drv::BackendOptions options;
  options.device = device_options;
  ChipCounters before;
  options.before_node = [&](const drv::Node&) {
    probe.wait_until_idle();
    before = probe.counters();
  };
  options.after_node = [&](const drv::Node& node, const std::vector<drv::OpProfile>& ops) {
    probe.wait_until_idle();
    const ChipCounters after = probe.counters();
    LayerResult row;
    row.name = node.name;
    row.kind = node.op_type;
    row.shape = drv::to_string(graph.type_of(node.outputs[0]));
    report.layers.push_back(measured(row, total_cycles(ops), before, after));
    if (!ops.empty())
      probe.layer_slice(report.layers.back(), ops.front().start_cycle, report, before, after);
  };
  const std::vector<drv::Tensor> outputs =
      drv::make_backend("device", options)->load(graph)->run(inputs);
  probe.close_trace();

  const std::vector<drv::Tensor> expected = drv::ReferenceEvaluator(graph).run(inputs);
  int status = 0;
  for (size_t i = 0; i < outputs.size(); ++i) {
    const std::string mismatch = drv::describe_mismatch(expected[i], outputs[i], {});
    out << "output " << graph.outputs[i] << ": "
        << (mismatch.empty() ? "identical to the host reference" : mismatch) << "\n";
    if (!mismatch.empty()) status = 1;
  }
  return status;
}

// A bare-metal program on the chip, as tessera-vp --elf runs it: one row, the whole run.
int run_firmware(const FirmwareWorkload& workload, const PlatformConfig& config, TraceWriter* trace,
                 std::ostream& console, Report& report) {
  const ElfImage image = ElfImage::load(workload.elf);
  Soc soc(config, console);
  if (trace) soc.trace_to(*trace);
  soc.load(image);
  const ChipCounters before = read_counters(soc);
  const RunResult result = soc.run();
  const ChipCounters after = read_counters(soc);
  LayerResult row;
  row.name = fs::path(workload.elf).filename().string();
  row.kind = "firmware";
  report.layers.push_back(measured(row, after.cycle - before.cycle, before, after));
  if (trace) trace->close();
  if (result.limit_reached) throw std::runtime_error("the firmware stopped: " + result.reason);
  return result.exit_code;
}

}  // namespace

int run_scenario(const Scenario& scenario, const ScenarioRunOptions& options, std::ostream& out) {
  const fs::path dir = options.report_dir;
  fs::create_directories(dir);
  Report report;
  report.scenario = scenario.name;
  report.mode = scenario.mode;
  report.machine = machine_of(scenario.config);
  report.config = config_entries(scenario.config);

  // Static: in an ONNX run the driver keeps its device until the process ends, and with it
  // the trace's tracks and the console.
  static std::unique_ptr<TraceWriter> trace;
  static std::ofstream console;
  if (options.trace)
    trace = std::make_unique<TraceWriter>(
        (dir / "trace.json").string(),
        TraceArgs{{"scenario", scenario.name}, {"mode", run_mode_name(scenario.mode)}});
  console = open_output(dir / "uart.log");
  ChipProbe probe(trace.get());

  int status = 0;
  const auto wall_start = std::chrono::steady_clock::now();
  if (const auto* layers = std::get_if<LayersWorkload>(&scenario.workload)) {
    status = run_layers(*layers, device_options(scenario, dir, console, probe), probe, report, out);
  } else if (const auto* onnx = std::get_if<OnnxWorkload>(&scenario.workload)) {
    status = run_onnx(*onnx, device_options(scenario, dir, console, probe), probe, report, out);
  } else {
    status = run_firmware(std::get<FirmwareWorkload>(scenario.workload), scenario.config,
                          trace.get(), console, report);
  }
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();

  write_text(report, out);
  write_report_files(report, dir.string());
  out << "wall time " << wall_s << " s; report in " << dir.string() << "\n";
  return status;
}

}  // namespace tessera
