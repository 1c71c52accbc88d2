// Fuzz target `config`: YAML configuration files and --set overrides.
//
// Input: text. Up to the first NUL byte it is a configuration file, given to
// apply_config_file; after it, each line is an assignment given to apply_override.
// Checks, besides the sanitizers: ConfigError is the only exception that escapes; a rejected
// file or assignment leaves the configuration as it was; an accepted configuration passes
// validate(), and print_config's YAML reads back into the very same configuration.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "config.h"

namespace tessera::fuzz {
namespace {

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "config fuzz: %s\n", what.c_str());
  std::abort();
}

std::string printed(const PlatformConfig& config) {
  std::ostringstream out;
  print_config(config, out);
  return out.str();
}

// The configuration file, rewritten for each input (apply_config_file reads a path), and
// removed when the process exits.
class ScratchFile {
 public:
  ScratchFile()
      : path_((std::filesystem::temp_directory_path() /
               ("tessera_config_fuzz_" + std::to_string(getpid()) + ".yaml"))
                  .string()) {}
  ~ScratchFile() { std::remove(path_.c_str()); }
  const std::string& write(const std::string& text) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << text;
    return path_;
  }

 private:
  std::string path_;
};

// Applies `change`; on a ConfigError the configuration must be unchanged.
template <typename Change>
void apply(PlatformConfig& config, Change change) {
  const std::string before = printed(config);
  try {
    change();
  } catch (const ConfigError&) {
    if (printed(config) != before) fail("a rejected change altered the configuration");
  }
}

void run(const std::string& input) {
  static ScratchFile file;
  const size_t nul = input.find('\0');
  PlatformConfig config;
  const std::string& path = file.write(input.substr(0, nul));
  apply(config, [&] { apply_config_file(config, path); });
  if (nul != std::string::npos) {
    std::istringstream lines(input.substr(nul + 1));
    for (std::string line; std::getline(lines, line);)
      apply(config, [&] { apply_override(config, line); });
  }

  try {
    validate(config, "fuzz");
  } catch (const ConfigError& e) {
    fail(std::string("an accepted configuration is invalid: ") + e.what());
  }
  const std::string text = printed(config);
  file.write(text);
  PlatformConfig reread;
  try {
    apply_config_file(reread, path);
  } catch (const ConfigError& e) {
    fail(std::string("print_config's output is rejected: ") + e.what() + "\n" + text);
  }
  if (printed(reread) != text) fail("print_config's output reads back differently:\n" + text);
}

}  // namespace
}  // namespace tessera::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tessera::fuzz::run(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
