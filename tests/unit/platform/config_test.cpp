#include "config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "elf_bytes.h"

namespace tessera {
namespace {

std::string yaml_file(const std::string& text) {
  return testing::write_temp(std::vector<char>(text.begin(), text.end()), ".yaml");
}

// The call must throw a ConfigError whose message contains every one of `parts`.
template <typename Call>
void expect_error(Call call, std::initializer_list<std::string> parts) {
  try {
    call();
    FAIL() << "accepted a bad configuration";
  } catch (const ConfigError& e) {
    for (const std::string& part : parts)
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos)
          << "'" << e.what() << "' lacks '" << part << "'";
  }
}

TEST(Config, FileOverridesDefaultsAndSetOverridesFile) {
  PlatformConfig c;
  apply_config_file(c, yaml_file("mesh: {x: 4, y: 3}\nnoc:\n  link_bytes: 16\nclock_hz: 2e9\n"));
  EXPECT_EQ(c.mesh.x, 4u);
  EXPECT_EQ(c.mesh.y, 3u);
  EXPECT_EQ(c.num_harts(), 13u);
  EXPECT_EQ(c.noc.link_bytes, 16u);
  EXPECT_EQ(c.clock_hz, 2e9);
  EXPECT_EQ(c.noc.router_latency_cycles, PlatformConfig{}.noc.router_latency_cycles);
  apply_override(c, "noc.link_bytes=64");
  EXPECT_EQ(c.noc.link_bytes, 64u);
  apply_override(c, "dram.size_bytes=0x40000000");
  EXPECT_EQ(c.dram.size_bytes, 1ull << 30);
  apply_override(c, "sim.dmi=false");
  EXPECT_FALSE(c.sim.dmi);
}

TEST(Config, UnknownKeyNamesKeyFileAndLine) {
  PlatformConfig c;
  const std::string path = yaml_file("mesh:\n  x: 2\n  z: 3\n");
  expect_error([&] { apply_config_file(c, path); }, {path + ":3", "mesh.z", "unknown key"});
}

TEST(Config, WrongTypeNamesTheKey) {
  PlatformConfig c;
  const std::string path = yaml_file("noc: {link_bytes: wide}\n");
  expect_error([&] { apply_config_file(c, path); }, {path, "noc.link_bytes", "'wide'"});
  expect_error([&] { apply_override(c, "mesh.x=-2"); }, {"--set", "mesh.x", "'-2'"});
  expect_error([&] { apply_override(c, "mesh.x=1.5"); }, {"mesh.x"});
  expect_error([&] { apply_override(c, "mesh={x: 1}"); }, {"mesh", "unknown key"});
}

TEST(Config, ImpossibleValuesAreRefused) {
  PlatformConfig c;
  const std::string path = yaml_file("mesh: {x: 0, y: 3}\n");
  expect_error([&] { apply_config_file(c, path); }, {path, "mesh.x", "impossible"});
  expect_error([&] { apply_override(c, "tile.sram_banks=7"); },
               {"tile.sram_banks", "do not divide"});
  expect_error([&] { apply_override(c, "sim.decode_cache_entries=1000"); }, {"power of two"});
}

// Both found by the config fuzz target: NaN passed every range check, and an integer beyond its
// type was converted from double first (undefined behaviour), checked after.
TEST(Config, NotANumberAndIntegersBeyondTheirTypeAreRefused) {
  PlatformConfig c;
  expect_error([&] { apply_override(c, "clock_hz=.nan"); }, {"clock_hz", "impossible"});
  expect_error([&] { apply_override(c, "sim.max_instructions=1e300"); },
               {"sim.max_instructions", "expects a non-negative integer"});
  expect_error([&] { apply_override(c, "mesh.x=4294967296"); }, {"mesh.x", "expects"});
}

TEST(Config, MalformedYamlAndMissingFileAreErrors) {
  PlatformConfig c;
  const std::string path = yaml_file("mesh: {x: 2\n");
  expect_error([&] { apply_config_file(c, path); }, {path, "not valid YAML"});
  expect_error([&] { apply_config_file(c, "/nonexistent.yaml"); },
               {"/nonexistent.yaml", "cannot open"});
  expect_error([&] { apply_override(c, "noequals"); }, {"key=value"});
}

TEST(Config, PrintedConfigurationReadsBackTheSame) {
  PlatformConfig c;
  apply_override(c, "mesh.x=3");
  apply_override(c, "dram.bytes_per_cycle=12.5");
  std::ostringstream printed;
  print_config(c, printed);
  EXPECT_NE(printed.str().find("mesh:\n  x: 3"), std::string::npos) << printed.str();
  PlatformConfig back;
  apply_config_file(back, yaml_file(printed.str()));
  std::ostringstream reprinted;
  print_config(back, reprinted);
  EXPECT_EQ(printed.str(), reprinted.str());
}

}  // namespace
}  // namespace tessera
