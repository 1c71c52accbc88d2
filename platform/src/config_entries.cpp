#include "config_entries.h"

#include <yaml-cpp/yaml.h>

#include <sstream>

namespace tessera {
namespace {

void flatten(const YAML::Node& node, const std::string& prefix, ConfigEntries& out) {
  for (const auto& entry : node) {
    const std::string key = prefix + entry.first.Scalar();
    if (entry.second.IsMap())
      flatten(entry.second, key + ".", out);
    else
      out.emplace_back(key, entry.second.Scalar());
  }
}

}  // namespace

ConfigEntries config_entries(const PlatformConfig& config) {
  // print_config is the schema's own listing of every key: reading it back keeps this in step
  // with every key added there.
  std::ostringstream printed;
  print_config(config, printed);
  ConfigEntries entries;
  flatten(YAML::Load(printed.str()), "", entries);
  return entries;
}

}  // namespace tessera
