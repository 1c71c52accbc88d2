#include "config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <ostream>
#include <sstream>
#include <utility>
#include <vector>

namespace tessera {
namespace {

// One configuration key: how to read it from a YAML scalar into the config, and back.
struct Key {
  std::string name;
  std::string help;
  std::function<void(PlatformConfig&, const YAML::Node&, const std::string& where)> set;
  std::function<std::string(const PlatformConfig&)> get;
};

[[noreturn]] void fail(const std::string& where, const std::string& key, const std::string& what) {
  throw ConfigError(where + ": " + key + ": " + what);
}

template <typename T>
const char* type_name() {
  if constexpr (std::is_same_v<T, bool>) return "true or false";
  if constexpr (std::is_floating_point_v<T>) return "a number";
  return "a non-negative integer";
}

template <typename T>
std::string to_text(T v) {
  std::ostringstream out;
  out.precision(15);  // doubles print back exactly as written
  if constexpr (std::is_same_v<T, bool>)
    out << (v ? "true" : "false");
  else
    out << v;
  return out.str();
}

// Integers may be written 1000, 1e9 or 0x1000; anything with a sign, a fraction or out of
// range is refused (yaml-cpp alone would wrap "-1" and read "010" as octal).
template <typename T>
bool parse_scalar(const YAML::Node& node, T& out) {
  const std::string& text = node.Scalar();
  try {
    if constexpr (std::is_same_v<T, bool> || std::is_floating_point_v<T>) {
      out = node.as<T>();
      return true;
    } else {
      if (text.empty() || text.find('-') != std::string::npos) return false;
      size_t used = 0;
      if (text.rfind("0x", 0) == 0 || text.rfind("0X", 0) == 0) {
        const unsigned long long v = std::stoull(text, &used, 16);
        out = static_cast<T>(v);
        return used == text.size() && static_cast<unsigned long long>(out) == v;
      }
      const double d = std::stod(text, &used);
      // In range before converting: converting a double the type cannot hold is undefined.
      if (used != text.size() || !(d >= 0 && d < std::ldexp(1.0, std::numeric_limits<T>::digits)))
        return false;
      out = static_cast<T>(d);
      return static_cast<double>(out) == d;
    }
  } catch (const YAML::Exception&) {
    return false;
  } catch (const std::logic_error&) {  // stoull/stod: no digits or out of range
    return false;
  }
}

// A key bound to a field through an accessor, with the range of possible values.
template <typename T>
Key field(std::string name, T& (*access)(PlatformConfig&), std::string help,
          T min = std::numeric_limits<T>::lowest(), T max = std::numeric_limits<T>::max()) {
  Key k;
  k.name = name;
  k.help = std::move(help);
  k.set = [name, access, min, max](PlatformConfig& c, const YAML::Node& node,
                                   const std::string& where) {
    if (!node.IsScalar()) fail(where, name, std::string("expects ") + type_name<T>());
    const std::string text = node.Scalar();
    T value{};
    if (!parse_scalar(node, value))
      fail(where, name, std::string("expects ") + type_name<T>() + ", got '" + text + "'");
    if (!(value >= min && value <= max))  // so that NaN, which compares false, is refused too
      fail(where, name,
           "value " + text + " is impossible: must be in [" + to_text(min) + ", " + to_text(max) +
               "]");
    access(c) = value;
  };
  k.get = [access](const PlatformConfig& c) {
    return to_text(access(const_cast<PlatformConfig&>(c)));
  };
  return k;
}

// A key whose value is one of a few names.
template <typename E>
Key choice(std::string name, E& (*access)(PlatformConfig&), std::string help,
           std::vector<std::pair<std::string, E>> names) {
  std::string list;
  for (const auto& [text, value] : names) list += (list.empty() ? "" : ", ") + text;
  Key k;
  k.name = name;
  k.help = help + ": " + list;
  k.set = [name, access, names, list](PlatformConfig& c, const YAML::Node& node,
                                      const std::string& where) {
    if (node.IsScalar())
      for (const auto& [text, value] : names)
        if (node.Scalar() == text) {
          access(c) = value;
          return;
        }
    fail(where, name,
         "expects one of " + list + (node.IsScalar() ? ", got '" + node.Scalar() + "'" : ""));
  };
  k.get = [access, names](const PlatformConfig& c) {
    const E current = access(const_cast<PlatformConfig&>(c));
    for (const auto& [text, value] : names)
      if (value == current) return text;
    return std::string("?");
  };
  return k;
}

// A key holding free text; `check` throws ConfigError for text it cannot accept.
Key text(std::string name, std::string& (*access)(PlatformConfig&), std::string help) {
  Key k;
  k.name = name;
  k.help = std::move(help);
  k.set = [name, access](PlatformConfig& c, const YAML::Node& node, const std::string& where) {
    if (node.IsNull()) {  // `key:` with nothing after it
      access(c).clear();
      return;
    }
    if (!node.IsScalar()) fail(where, name, "expects a string");
    access(c) = node.Scalar();
  };
  // Quoted, so that an empty value reads back as an empty string.
  k.get = [access](const PlatformConfig& c) {
    return "\"" + access(const_cast<PlatformConfig&>(c)) + "\"";
  };
  return k;
}

const std::vector<std::pair<std::string, mxu::Impl>> kImplNames = {
    {"tlm", mxu::Impl::kTlm}, {"rtl", mxu::Impl::kRtl}, {"lockstep", mxu::Impl::kLockstep}};

#define FIELD(path)                  \
  +[](PlatformConfig & c) -> auto& { \
    return c.path;                   \
  }

const std::vector<Key>& schema() {
  static const std::vector<Key> keys = {
      field<double>("clock_hz", FIELD(clock_hz), "core and NoC clock", 1e6, 10e9),
      field<double>("timebase_hz", FIELD(timebase_hz), "CLINT mtime rate", 1e3, 10e9),
      field<uint32_t>("mesh.x", FIELD(mesh.x), "tiles per mesh row", 1, 16),
      field<uint32_t>("mesh.y", FIELD(mesh.y), "tiles per mesh column", 1, 16),
      field<uint64_t>("tile.sram_bytes", FIELD(tile.sram_bytes), "scratchpad per tile", 4096,
                      16ull << 20),
      field<uint32_t>("tile.sram_banks", FIELD(tile.sram_banks), "scratchpad banks", 1, 256),
      field<uint32_t>("tile.sram_bank_width_bytes", FIELD(tile.sram_bank_width_bytes),
                      "bytes a bank moves per cycle", 1, 1024),
      field<uint32_t>("tile.sram_latency_cycles", FIELD(tile.sram_latency_cycles),
                      "scratchpad access latency", 0, 1000),
      field<uint32_t>("mxu.rows", FIELD(mxu.rows), "systolic array rows", 1, 1024),
      field<uint32_t>("mxu.cols", FIELD(mxu.cols), "systolic array columns", 1, 1024),
      field<uint32_t>("mxu.accumulator_rows", FIELD(mxu.accumulator_rows),
                      "result rows the accumulators hold", 1, 1u << 20),
      choice<mxu::Dataflow>("mxu.dataflow", FIELD(mxu.dataflow), "what stays in the array",
                            {{"weight_stationary", mxu::Dataflow::kWeightStationary},
                             {"output_stationary", mxu::Dataflow::kOutputStationary}}),
      field<bool>("mxu.double_buffer_weights", FIELD(mxu.double_buffer_weights),
                  "load the next fold while this one streams", false, true),
      field<bool>("mxu.timing_only", FIELD(mxu.timing_only), "skip the arithmetic, keep the timing",
                  false, true),
      choice<mxu::Impl>("mxu.impl", FIELD(mxu.impl), "every tile's GEMM core (docs/mxu-rtl.md)",
                        kImplNames),
      text("mxu.impl_tiles", FIELD(mxu.impl_tiles),
           "per-tile mxu.impl, e.g. \"0:rtl,3:lockstep\"; other tiles take mxu.impl"),
      field<uint32_t>("vpu.lanes", FIELD(vpu.lanes), "VPU elements per cycle", 1, 4096),
      field<uint32_t>("dma.burst_bytes", FIELD(dma.burst_bytes), "largest DMA read or write", 1,
                      65536),
      field<uint32_t>("dma.max_outstanding", FIELD(dma.max_outstanding), "DMA bursts in flight", 1,
                      1024),
      field<uint32_t>("noc.link_bytes", FIELD(noc.link_bytes), "bytes per cycle per link", 1, 4096),
      field<uint32_t>("noc.router_latency_cycles", FIELD(noc.router_latency_cycles),
                      "cycles through one router", 0, 1000),
      field<uint32_t>("noc.header_bytes", FIELD(noc.header_bytes), "packet header on the wire", 0,
                      1024),
      field<uint64_t>("dram.size_bytes", FIELD(dram.size_bytes), "device DRAM", 1ull << 20,
                      2ull << 30),
      field<uint32_t>("dram.channels", FIELD(dram.channels), "DRAM channels", 1, 64),
      field<uint64_t>("dram.interleave_bytes", FIELD(dram.interleave_bytes),
                      "channel interleave granule", 64, 1ull << 30),
      field<double>("dram.bytes_per_cycle", FIELD(dram.bytes_per_cycle), "bandwidth per channel",
                    0.001, 4096),
      field<uint32_t>("dram.latency_cycles", FIELD(dram.latency_cycles), "access latency", 0,
                      100000),
      field<double>("host.dma_bytes_per_cycle", FIELD(host.dma_bytes_per_cycle),
                    "host-link bandwidth of the device DMA", 0.001, 4096),
      field<uint32_t>("host.dma_latency_cycles", FIELD(host.dma_latency_cycles),
                      "latency of one device DMA transfer", 0, 1000000),
      field<uint32_t>("core.mul_extra_cycles", FIELD(core.mul_extra_cycles),
                      "extra cycles of a multiply", 0, 1000),
      field<uint32_t>("core.div_extra_cycles", FIELD(core.div_extra_cycles),
                      "extra cycles of a divide", 0, 1000),
      field<uint32_t>("core.mmio_latency_cycles", FIELD(core.mmio_latency_cycles),
                      "peripheral register access", 0, 1000),
      field<uint32_t>("core.bus_latency_cycles", FIELD(core.bus_latency_cycles),
                      "control bus decode", 0, 1000),
      field<double>("sim.quantum_ns", FIELD(sim.quantum_ns), "temporal-decoupling quantum", 1, 1e9),
      field<uint32_t>("sim.decode_cache_entries", FIELD(sim.decode_cache_entries),
                      "decoded instructions cached per hart (power of two)", 1, 1u << 24),
      field<bool>("sim.dmi", FIELD(sim.dmi), "direct memory access for cores", false, true),
      field<bool>("sim.sync_on_mmio", FIELD(sim.sync_on_mmio),
                  "harts sync with SystemC before device accesses (exact polling)", false, true),
      field<uint64_t>("sim.max_instructions", FIELD(sim.max_instructions),
                      "per hart; 0 for no limit"),
      field<double>("sim.timeout_s", FIELD(sim.timeout_s), "wall clock; 0 for no limit", 0, 1e9),
      field<double>("sim.max_time_ns", FIELD(sim.max_time_ns), "simulated; 0 for no limit", 0,
                    1e18),
  };
  return keys;
}

#undef FIELD

const Key& find_key(const std::string& name, const std::string& where) {
  for (const Key& k : schema())
    if (k.name == name) return k;
  fail(where, name, "unknown key (tessera-vp --print-config lists them all)");
}

void apply_node(PlatformConfig& config, const YAML::Node& node, const std::string& prefix,
                const std::string& path) {
  for (const auto& entry : node) {
    const std::string key = prefix + entry.first.Scalar();
    const std::string where = path + ":" + std::to_string(entry.first.Mark().line + 1);
    if (entry.second.IsMap()) {
      apply_node(config, entry.second, key + ".", path);
    } else {
      find_key(key, where).set(config, entry.second, where);
    }
  }
}

}  // namespace

void apply_config_file(PlatformConfig& config, const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw ConfigError(path + ": cannot open");
  } catch (const YAML::ParserException& e) {
    throw ConfigError(path + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
  }
  if (root.IsNull()) return;  // an empty file changes nothing
  if (!root.IsMap()) throw ConfigError(path + ": expected a map of configuration keys");
  PlatformConfig updated = config;  // on an error the caller's configuration stays as it was
  apply_node(updated, root, "", path);
  validate(updated, path);
  config = updated;
}

void apply_override(PlatformConfig& config, const std::string& assignment,
                    const std::string& origin) {
  const size_t eq = assignment.find('=');
  if (eq == std::string::npos || eq == 0)
    throw ConfigError(origin + ": expected key=value, got '" + assignment + "'");
  const std::string key = assignment.substr(0, eq);
  YAML::Node value;
  try {
    value = YAML::Load(assignment.substr(eq + 1));
  } catch (const YAML::Exception&) {
    fail(origin, key, "cannot parse value '" + assignment.substr(eq + 1) + "'");
  }
  PlatformConfig updated = config;
  find_key(key, origin).set(updated, value, origin);
  validate(updated, origin);
  config = updated;
}

namespace {

// mxu.impl_tiles as (tile, impl) pairs; throws ConfigError naming the entry it cannot read.
std::vector<std::pair<uint32_t, mxu::Impl>> impl_overrides(const PlatformConfig& c,
                                                           const std::string& origin) {
  std::vector<std::pair<uint32_t, mxu::Impl>> overrides;
  std::istringstream list(c.mxu.impl_tiles);
  for (std::string entry; std::getline(list, entry, ',');) {
    entry.erase(0, entry.find_first_not_of(' '));
    entry.erase(entry.find_last_not_of(' ') + 1);
    const size_t colon = entry.find(':');
    const std::string tile = entry.substr(0, colon);
    const auto impl = std::find_if(kImplNames.begin(), kImplNames.end(), [&](const auto& name) {
      return colon != std::string::npos && name.first == entry.substr(colon + 1);
    });
    if (tile.empty() || tile.find_first_not_of("0123456789") != std::string::npos ||
        tile.size() > 3 || impl == kImplNames.end())
      fail(origin, "mxu.impl_tiles",
           "entry '" + entry + "' is not <tile>:<tlm, rtl or lockstep>, e.g. \"0:rtl,3:lockstep\"");
    const uint32_t t = static_cast<uint32_t>(std::stoul(tile));
    if (t >= c.num_tiles())
      fail(origin, "mxu.impl_tiles",
           "tile " + tile + " does not exist: the mesh has " + std::to_string(c.num_tiles()));
    overrides.emplace_back(t, impl->second);
  }
  return overrides;
}

}  // namespace

mxu::Impl mxu_impl(const PlatformConfig& config, uint32_t tile) {
  mxu::Impl impl = config.mxu.impl;
  for (const auto& [t, override_impl] : impl_overrides(config, "mxu.impl_tiles"))
    if (t == tile) impl = override_impl;
  return impl;
}

void validate(const PlatformConfig& c, const std::string& origin) {
  impl_overrides(c, origin);
  if (c.tile.sram_bytes % c.tile.sram_banks != 0)
    fail(origin, "tile.sram_banks",
         std::to_string(c.tile.sram_banks) +
             " banks do not divide tile.sram_bytes = " + std::to_string(c.tile.sram_bytes));
  if ((c.tile.sram_bytes / c.tile.sram_banks) % c.tile.sram_bank_width_bytes != 0)
    fail(origin, "tile.sram_bank_width_bytes", "does not divide a bank's bytes");
  if (c.sim.decode_cache_entries & (c.sim.decode_cache_entries - 1))
    fail(origin, "sim.decode_cache_entries", "must be a power of two");
  if (c.dram.interleave_bytes & (c.dram.interleave_bytes - 1))
    fail(origin, "dram.interleave_bytes", "must be a power of two");
  if (c.dram.size_bytes % (c.dram.interleave_bytes * c.dram.channels) != 0)
    fail(origin, "dram.size_bytes", "must be a multiple of dram.interleave_bytes x dram.channels");
  if (c.clock_hz < c.timebase_hz) fail(origin, "timebase_hz", "must not exceed clock_hz");
}

void print_config(const PlatformConfig& config, std::ostream& out) {
  // Group dotted keys under their section, in schema order.
  std::string section;
  for (const Key& k : schema()) {
    const size_t dot = k.name.find('.');
    const std::string this_section = dot == std::string::npos ? "" : k.name.substr(0, dot);
    const std::string leaf = dot == std::string::npos ? k.name : k.name.substr(dot + 1);
    if (this_section != section && !this_section.empty()) out << this_section << ":\n";
    section = this_section;
    out << (section.empty() ? "" : "  ") << leaf << ": " << k.get(config) << "  # " << k.help
        << "\n";
  }
}

}  // namespace tessera
