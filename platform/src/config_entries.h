// The configuration read back as key/value text, the way --print-config shows it: what a
// report records as "the configuration used", and which names are configuration keys.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "config.h"

namespace tessera {

// Every key with its value, in schema order ("mesh.x" -> "2").
using ConfigEntries = std::vector<std::pair<std::string, std::string>>;
ConfigEntries config_entries(const PlatformConfig& config);

}  // namespace tessera
