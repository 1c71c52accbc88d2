// Fuzz target `elf`: the ELF loader on arbitrary bytes.
//
// Input: the file's bytes, given to ElfImage::parse.
// Checks, besides the sanitizers: ElfError is the only exception that escapes, and an accepted
// image has at least one segment, each no larger than its size and inside the 32-bit address
// space.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "elf_image.h"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "elf fuzz: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const tessera::ElfImage image =
        tessera::ElfImage::parse("fuzz.elf", std::vector<uint8_t>(data, data + size));
    if (image.segments().empty()) fail("an accepted image has no segment");
    for (const tessera::ElfSegment& seg : image.segments()) {
      if (seg.bytes.size() > seg.size) fail("an accepted segment holds more bytes than its size");
      if (seg.address + uint64_t{seg.size} > 0x100000000ull)
        fail("an accepted segment runs past the 32-bit address space");
    }
    // The symbols the platform looks up.
    image.symbol("tohost");
    image.symbol("begin_signature");
  } catch (const tessera::ElfError&) {
  }
  return 0;
}
