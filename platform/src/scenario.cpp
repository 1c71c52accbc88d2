#include "scenario.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <set>

namespace tessera {
namespace {

namespace fs = std::filesystem;

// A file's chain of `extends` longer than this is surely a mistake.
constexpr size_t kMaxExtendsDepth = 16;

const std::vector<std::string>& scenario_keys() {
  static const std::vector<std::string> keys = {"name",   "description", "extends", "chip",
                                                "set",    "mode",        "onnx",    "inputs",
                                                "layers", "firmware"};
  return keys;
}
const std::vector<std::string>& workload_keys() {
  static const std::vector<std::string> keys = {"onnx", "layers", "firmware"};
  return keys;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string joined(const std::vector<std::string>& list) {
  std::string text;
  for (const std::string& item : list) text += (text.empty() ? "" : ", ") + item;
  return text;
}

// Where a node is, for error messages: "file:line".
class Location {
 public:
  explicit Location(std::string file) : file_(std::move(file)) {}
  std::string at(const YAML::Node& node) const {
    return file_ + ":" + std::to_string(node.Mark().line + 1);
  }
  [[noreturn]] void fail(const YAML::Node& node, const std::string& field,
                         const std::string& what) const {
    throw ScenarioError(at(node) + ": " + field + ": " + what);
  }

 private:
  std::string file_;
};

// Whether a top-level key of a scenario belongs to the configuration: its first component
// ("mesh" of mesh.x) is one of the configuration's sections or keys.
bool is_config_key(const std::string& key) {
  static const std::set<std::string> sections = [] {
    std::set<std::string> names;
    for (const auto& [name, value] : config_entries(PlatformConfig{}))
      names.insert(name.substr(0, name.find('.')));
    return names;
  }();
  return sections.count(key.substr(0, key.find('.'))) > 0;
}

std::string scalar_text(const YAML::Node& node) {
  return node.IsScalar() ? node.Scalar() : YAML::Dump(node);
}

// Applies one configuration key, nested (`noc: {link_bytes: 16}`) or dotted (`noc.link_bytes:
// 16`), leaf by leaf through the platform's --set path, each error naming its file and line.
void apply_config_entry(PlatformConfig& config, const YAML::Node& key, const YAML::Node& value,
                        const std::string& prefix, const Location& where) {
  const std::string name = prefix + key.Scalar();
  if (value.IsMap()) {
    for (const auto& entry : value)
      apply_config_entry(config, entry.first, entry.second, name + ".", where);
  } else {
    apply_override(config, name + "=" + scalar_text(value), where.at(key));
  }
}

std::string resolve_file(const fs::path& base_dir, const YAML::Node& node, const std::string& field,
                         const Location& where) {
  if (!node.IsScalar() || node.Scalar().empty()) where.fail(node, field, "expects a file path");
  const fs::path path = base_dir / node.Scalar();
  if (!fs::is_regular_file(path))
    where.fail(node, field,
               node.Scalar() + ": no such file (relative to " + base_dir.string() + ")");
  return fs::absolute(path).lexically_normal().string();
}

std::string text_of(const YAML::Node& node, const std::string& field, const Location& where) {
  if (!node.IsScalar()) where.fail(node, field, "expects text");
  return node.Scalar();
}

uint32_t count_of(const YAML::Node& node, const std::string& field, uint32_t min,
                  const Location& where) {
  const std::string text = node.IsScalar() ? node.Scalar() : "";
  const bool digits =
      !text.empty() && text.size() <= 9 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  const uint32_t value = digits ? static_cast<uint32_t>(std::stoul(text)) : 0;
  if (!digits || value < min)
    where.fail(
        node, field,
        "expects an integer >= " + std::to_string(min) + ", got '" + scalar_text(node) + "'");
  return value;
}

// Checks that a map has only the keys it may have, and all that it must.
void check_keys(const YAML::Node& map, const std::string& field,
                const std::vector<std::string>& allowed, const std::vector<std::string>& required,
                const Location& where) {
  if (!map.IsMap()) where.fail(map, field, "expects a map of " + joined(allowed));
  for (const auto& entry : map)
    if (!contains(allowed, entry.first.Scalar()))
      where.fail(entry.first, field + "." + entry.first.Scalar(),
                 "unknown key (expected " + joined(allowed) + ")");
  for (const std::string& key : required)
    if (!map[key]) where.fail(map, field, "lacks " + key);
}

GemmShape parse_gemm(const YAML::Node& node, const std::string& field, const Location& where) {
  check_keys(node, field, {"m", "n", "k"}, {"m", "n", "k"}, where);
  return {count_of(node["m"], field + ".m", 1, where), count_of(node["n"], field + ".n", 1, where),
          count_of(node["k"], field + ".k", 1, where)};
}

ConvShape parse_conv(const YAML::Node& node, const std::string& field, const Location& where) {
  const std::vector<std::string> required = {"h", "w", "c_in", "c_out", "kernel"};
  std::vector<std::string> allowed = required;
  allowed.insert(allowed.end(), {"stride", "padding"});
  check_keys(node, field, allowed, required, where);
  ConvShape c;
  c.h = count_of(node["h"], field + ".h", 1, where);
  c.w = count_of(node["w"], field + ".w", 1, where);
  c.c_in = count_of(node["c_in"], field + ".c_in", 1, where);
  c.c_out = count_of(node["c_out"], field + ".c_out", 1, where);
  c.kernel = count_of(node["kernel"], field + ".kernel", 1, where);
  if (node["stride"]) c.stride = count_of(node["stride"], field + ".stride", 1, where);
  if (node["padding"]) c.padding = count_of(node["padding"], field + ".padding", 0, where);
  if (c.kernel > std::min(c.h, c.w) + 2 * c.padding)
    where.fail(node, field,
               "kernel " + std::to_string(c.kernel) + " is larger than the padded image");
  const GemmShape g = c.as_gemm();  // the matrix engine takes 32-bit dimensions
  if (std::max({g.m, g.n, g.k}) > std::numeric_limits<uint32_t>::max())
    where.fail(node, field, "lowers to a GEMM of more than 2^32 rows or columns");
  return c;
}

// Unrolls one entry of a `layers:` list (a layer, or a group of layers) into `out`, each named
// by its groups and repeat index: "res2.1.a" (a group "res2" repeated, layer "a" inside).
void parse_layer_entry(const YAML::Node& entry, const std::string& field, const std::string& prefix,
                       const Location& where, std::vector<Layer>& out,
                       std::map<std::string, std::string>& defined_at) {
  check_keys(entry, field, {"name", "repeat", "gemm", "conv", "layers"}, {"name"}, where);
  const std::string name = text_of(entry["name"], field + ".name", where);
  if (name.empty()) where.fail(entry["name"], field + ".name", "must not be empty");
  const uint32_t repeat =
      entry["repeat"] ? count_of(entry["repeat"], field + ".repeat", 1, where) : 1;
  const int kinds = !!entry["gemm"] + !!entry["conv"] + !!entry["layers"];
  if (kinds != 1) where.fail(entry, field, "needs exactly one of gemm, conv, layers");

  std::optional<Layer> layer;
  if (entry["gemm"]) layer = Layer{"", parse_gemm(entry["gemm"], field + ".gemm", where)};
  if (entry["conv"]) layer = Layer{"", parse_conv(entry["conv"], field + ".conv", where)};
  const YAML::Node children = entry["layers"];
  if (children && (!children.IsSequence() || children.size() == 0))
    where.fail(children, field + ".layers", "expects a non-empty list of layers");

  for (uint32_t i = 1; i <= repeat; ++i) {
    const std::string instance = prefix + name + (repeat > 1 ? "." + std::to_string(i) : "");
    if (layer) {
      const auto [first, unique] = defined_at.emplace(instance, where.at(entry));
      if (!unique)
        where.fail(entry["name"], field + ".name",
                   "layer " + instance + " is already defined at " + first->second);
      out.push_back(*layer);
      out.back().name = instance;
    } else {
      for (size_t c = 0; c < children.size(); ++c)
        parse_layer_entry(children[c], field + ".layers[" + std::to_string(c) + "]", instance + ".",
                          where, out, defined_at);
    }
  }
}

LayersWorkload parse_layers(const YAML::Node& node, const Location& where) {
  if (!node.IsSequence() || node.size() == 0)
    where.fail(node, "layers", "expects a non-empty list of layers");
  LayersWorkload workload;
  std::map<std::string, std::string> defined_at;
  for (size_t i = 0; i < node.size(); ++i)
    parse_layer_entry(node[i], "layers[" + std::to_string(i) + "]", "", where, workload.layers,
                      defined_at);
  return workload;
}

OnnxWorkload parse_onnx(const YAML::Node& root, const fs::path& dir, const Location& where) {
  OnnxWorkload onnx;
  onnx.model = resolve_file(dir, root["onnx"], "onnx", where);
  const YAML::Node inputs = root["inputs"];
  if (!inputs) return onnx;
  if (inputs.IsMap()) {
    for (const auto& entry : inputs) {
      const std::string name = entry.first.Scalar();
      onnx.inputs.emplace_back(name, resolve_file(dir, entry.second, "inputs." + name, where));
    }
  } else if (inputs.IsSequence()) {
    for (size_t i = 0; i < inputs.size(); ++i)
      onnx.inputs.emplace_back(
          "", resolve_file(dir, inputs[i], "inputs[" + std::to_string(i) + "]", where));
  } else {
    where.fail(inputs, "inputs", "expects a list of files, or a map of graph input name: file");
  }
  return onnx;
}

// What the files read so far have said; a file that extends another adds to its base's.
struct Draft {
  Scenario scenario;
  bool has_workload = false;
};

void read_file(const fs::path& path, Draft& draft, std::vector<fs::path>& chain);

void read_root(const YAML::Node& root, const fs::path& path, Draft& draft,
               std::vector<fs::path>& chain) {
  const Location where(path.string());
  const fs::path dir = path.parent_path();

  if (const YAML::Node base = root["extends"]) {
    const fs::path base_path = resolve_file(dir, base, "extends", where);
    if (std::find(chain.begin(), chain.end(), fs::canonical(base_path)) != chain.end())
      where.fail(base, "extends", base_path.string() + " extends itself, through " + path.string());
    if (chain.size() >= kMaxExtendsDepth)
      where.fail(base, "extends", "more than " + std::to_string(kMaxExtendsDepth) + " levels");
    read_file(base_path, draft, chain);
  }

  int workloads = 0;
  for (const auto& entry : root) {
    const std::string key = entry.first.Scalar();
    if (contains(workload_keys(), key)) ++workloads;
    if (!contains(scenario_keys(), key) && !is_config_key(key))
      where.fail(entry.first, key,
                 "unknown key: neither a scenario key (" + joined(scenario_keys()) +
                     ") nor a configuration key (tessera-vp --print-config lists them)");
  }
  if (workloads > 1) where.fail(root, "workload", "give only one of onnx, layers, firmware");
  if (root["inputs"] && !root["onnx"]) where.fail(root["inputs"], "inputs", "goes with onnx only");

  Scenario& s = draft.scenario;
  s.name = root["name"] ? text_of(root["name"], "name", where) : path.stem().string();
  if (root["description"]) s.description = text_of(root["description"], "description", where);

  // The configuration: chip file, then inline keys in file order, then set, then mode.
  if (const YAML::Node chip = root["chip"]) {
    const std::string chip_path = resolve_file(dir, chip, "chip", where);
    try {
      apply_config_file(s.config, chip_path);
    } catch (const ConfigError& e) {
      throw ScenarioError(where.at(chip) + ": chip: " + e.what());
    }
  }
  for (const auto& entry : root)
    if (is_config_key(entry.first.Scalar()))
      apply_config_entry(s.config, entry.first, entry.second, "", where);
  if (const YAML::Node set = root["set"]) {
    if (!set.IsMap()) where.fail(set, "set", "expects a map of key: value");
    for (const auto& entry : set)
      apply_config_entry(s.config, entry.first, entry.second, "", where);
  }
  // The mode is the matrix engine's switch, said in the scenario's words.
  if (const YAML::Node mode = root["mode"]) {
    const std::optional<RunMode> parsed = parse_run_mode(text_of(mode, "mode", where));
    if (!parsed || *parsed == RunMode::kAnalytic)
      where.fail(mode, "mode", "expects functional or timing-only, got '" + mode.Scalar() + "'");
    s.config.mxu.timing_only = *parsed == RunMode::kTimingOnly;
  }

  if (root["onnx"]) s.workload = parse_onnx(root, dir, where);
  if (root["layers"]) s.workload = parse_layers(root["layers"], where);
  if (root["firmware"])
    s.workload = FirmwareWorkload{resolve_file(dir, root["firmware"], "firmware", where)};
  draft.has_workload = draft.has_workload || workloads > 0;
}

void read_file(const fs::path& path, Draft& draft, std::vector<fs::path>& chain) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path.string());
  } catch (const YAML::BadFile&) {
    throw ScenarioError(path.string() + ": cannot open");
  } catch (const YAML::ParserException& e) {
    throw ScenarioError(path.string() + ":" + std::to_string(e.mark.line + 1) +
                        ": not valid YAML: " + e.msg);
  }
  if (!root.IsMap()) throw ScenarioError(path.string() + ": expected a map of scenario keys");
  chain.push_back(fs::canonical(path));
  read_root(root, path, draft, chain);
  chain.pop_back();
}

}  // namespace

Scenario load_scenario(const std::string& path, const std::vector<std::string>& overrides) {
  Draft draft;
  std::vector<fs::path> chain;
  try {
    read_file(path, draft, chain);
  } catch (const ScenarioError&) {
    throw;
  } catch (const ConfigError& e) {  // a configuration key of the file: already located
    throw ScenarioError(e.what());
  }
  if (!draft.has_workload)
    throw ScenarioError(path + ": workload: missing: give one of onnx, layers, firmware");
  for (const std::string& assignment : overrides) apply_override(draft.scenario.config, assignment);

  Scenario& s = draft.scenario;
  s.path = path;
  s.mode = s.config.mxu.timing_only ? RunMode::kTimingOnly : RunMode::kFunctional;
  return std::move(s);
}

}  // namespace tessera
