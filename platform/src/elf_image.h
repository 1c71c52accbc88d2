// ElfImage: an ELF32 little-endian RISC-V executable, read and checked. Every problem is an
// ElfError whose message names the file and what is wrong with it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tessera {

class ElfError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ElfSegment {
  uint32_t address;            // physical load address
  std::vector<uint8_t> bytes;  // the file's contents
  uint32_t size;               // bytes in memory: `bytes`, then zeros (.bss) up to `size`
};

class ElfImage {
 public:
  // Reads and checks the file at `path`.
  static ElfImage load(const std::string& path);
  // Checks an image already in memory; `name` stands for the file in error messages.
  static ElfImage parse(const std::string& name, std::vector<uint8_t> bytes);

  const std::string& path() const { return path_; }
  uint32_t entry() const { return entry_; }
  const std::vector<ElfSegment>& segments() const { return segments_; }
  std::optional<uint32_t> symbol(const std::string& name) const;

 private:
  std::string path_;
  uint32_t entry_ = 0;
  std::vector<ElfSegment> segments_;
  std::map<std::string, uint32_t> symbols_;
};

}  // namespace tessera
