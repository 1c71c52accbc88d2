// Scenario: one question to the virtual platform: a chip configuration and a workload, from a
// YAML file (scenarios/*.yaml; docs/scenarios.md describes the format).
//
//   name: resnet50-16x16           optional; the file's name without .yaml otherwise
//   extends: base.yaml             optional: start from another scenario, then apply this one
//   chip: chips/mesh4x4.yaml       optional: a configuration file, as tessera-vp --config
//   mesh: {x: 4, y: 4}             any configuration key inline, as in a configuration file
//   set: {mxu.rows: 32}            dotted overrides, as tessera-vp --set
//   mode: timing-only              functional | timing-only: sets mxu.timing_only
//   onnx: model.onnx, inputs: {...} | layers: [...] | firmware: app.elf     the workload
//
// The configuration is built from the defaults by the platform's own loader: the base
// scenario's, then chip, the inline keys, set and mode, in that order. Paths are relative to the
// file that names them. Every error is a ScenarioError naming the file, the line and the field.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "config.h"
#include "layer_model.h"
#include "report.h"

namespace tessera {

// A bad scenario is bad input like a bad configuration: callers that handle ConfigError
// handle it too.
class ScenarioError : public ConfigError {
 public:
  using ConfigError::ConfigError;
};

struct OnnxWorkload {
  std::string model;  // path of the .onnx file
  // Tensor files for the graph's inputs: by name ({name, path}), or in the graph's order
  // ({"", path}); none: the run chooses the data (docs/scenarios.md).
  std::vector<std::pair<std::string, std::string>> inputs;
};

// Synthetic layers, run in order. Repeats are unrolled: "res2.1.a", "res2.2.a", ...
struct LayersWorkload {
  std::vector<Layer> layers;
};

struct FirmwareWorkload {
  std::string elf;  // path of the bare-metal program
};

using Workload = std::variant<OnnxWorkload, LayersWorkload, FirmwareWorkload>;

struct Scenario {
  std::string path;  // the file it was read from
  std::string name;
  std::string description;
  RunMode mode = RunMode::kFunctional;  // what config.mxu.timing_only says
  PlatformConfig config;
  Workload workload;
};

// Reads a scenario; `overrides` ("key=value", e.g. from --set) apply after the file's keys.
Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides = {});

}  // namespace tessera
