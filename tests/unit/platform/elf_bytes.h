// Test helpers that make bad ELF files out of good ones.
#pragma once

#include <elf.h>
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace tessera::testing {

inline std::vector<char> slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Writes `bytes` to a file named after the running test and returns its path.
inline std::string write_temp(const std::vector<char>& bytes, const std::string& suffix = ".elf") {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string path = ::testing::TempDir() + "tessera_" + info->name() + suffix;
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<long>(bytes.size()));
  return path;
}

template <typename T>
void patch(std::vector<char>& bytes, size_t offset, T value) {
  std::memcpy(bytes.data() + offset, &value, sizeof(T));
}

// Applies `edit` to every PT_LOAD program header of the image.
template <typename Edit>
void edit_load_segments(std::vector<char>& bytes, Edit edit) {
  Elf32_Ehdr eh;
  std::memcpy(&eh, bytes.data(), sizeof eh);
  for (unsigned i = 0; i < eh.e_phnum; ++i) {
    const size_t offset = eh.e_phoff + i * sizeof(Elf32_Phdr);
    Elf32_Phdr ph;
    std::memcpy(&ph, bytes.data() + offset, sizeof ph);
    if (ph.p_type != PT_LOAD) continue;
    edit(ph);
    std::memcpy(bytes.data() + offset, &ph, sizeof ph);
  }
}

}  // namespace tessera::testing
