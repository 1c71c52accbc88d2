#include "elf_image.h"

#include "elf_bytes.h"

#include <elf.h>
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

namespace tessera {
namespace {

using testing::patch;
using testing::slurp;
using testing::write_temp;

const std::string kHello = std::string(TESSERA_FW_DIR) + "/hello.elf";

// Loading must fail with an ElfError that names the file and contains `what`.
void expect_rejected(const std::vector<char>& bytes, const std::string& what) {
  const std::string path = write_temp(bytes);
  try {
    ElfImage::load(path);
    FAIL() << "accepted a bad image; expected: " << what;
  } catch (const ElfError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.rfind(path + ": ", 0), 0u) << message;
    EXPECT_NE(message.find(what), std::string::npos) << message;
  }
}

TEST(ElfImage, LoadsTheHelloFirmware) {
  const ElfImage image = ElfImage::load(kHello);
  EXPECT_EQ(image.entry(), 0x80000000u);
  ASSERT_FALSE(image.segments().empty());
  EXPECT_EQ(image.segments()[0].address, 0x80000000u);
  EXPECT_TRUE(image.symbol("main").has_value());
  EXPECT_FALSE(image.symbol("no_such_symbol").has_value());
}

TEST(ElfImage, MissingFileNamesIt) {
  EXPECT_THROW(
      {
        try {
          ElfImage::load("/nonexistent/firmware.elf");
        } catch (const ElfError& e) {
          EXPECT_NE(std::string(e.what()).find("/nonexistent/firmware.elf: cannot open"),
                    std::string::npos);
          throw;
        }
      },
      ElfError);
}

TEST(ElfImage, RejectsTextFile) {
  expect_rejected({'h', 'e', 'l', 'l', 'o'}, "not an ELF file");
}

TEST(ElfImage, RejectsEmptyFile) {
  expect_rejected({}, "not an ELF file");
}

TEST(ElfImage, RejectsTruncatedImage) {
  std::vector<char> bytes = slurp(kHello);
  bytes.resize(bytes.size() / 4);
  expect_rejected(bytes, "truncated");
}

TEST(ElfImage, RejectsTruncatedHeader) {
  std::vector<char> bytes = slurp(kHello);
  bytes.resize(30);
  expect_rejected(bytes, "truncated");
}

TEST(ElfImage, RejectsWrongClass) {
  std::vector<char> bytes = slurp(kHello);
  bytes[EI_CLASS] = ELFCLASS64;
  expect_rejected(bytes, "wrong ELF class");
}

TEST(ElfImage, RejectsWrongMachine) {
  std::vector<char> bytes = slurp(kHello);
  patch<uint16_t>(bytes, offsetof(Elf32_Ehdr, e_machine), EM_ARM);
  expect_rejected(bytes, "wrong machine");
}

TEST(ElfImage, RejectsBigEndian) {
  std::vector<char> bytes = slurp(kHello);
  bytes[EI_DATA] = ELFDATA2MSB;
  expect_rejected(bytes, "byte order");
}

TEST(ElfImage, RejectsSegmentBeyondFile) {
  std::vector<char> bytes = slurp(kHello);
  testing::edit_load_segments(bytes, [](Elf32_Phdr& ph) { ph.p_offset = 0x7fffff00u; });
  expect_rejected(bytes, "truncated: segment contents");
}

// Found by the elf fuzz target: zero-filled segments of 2 GiB each in a 200-byte file ran the
// loader out of memory before anything else looked at them.
TEST(ElfImage, RejectsSegmentsLargerThanAnyMemoryBeforeAllocatingThem) {
  std::vector<char> bytes = slurp(kHello);
  testing::edit_load_segments(bytes, [](Elf32_Phdr& ph) {
    ph.p_paddr = 0;
    ph.p_memsz = 0x80000001u;
  });
  expect_rejected(bytes, "more than the chip's largest memory holds");
}

}  // namespace
}  // namespace tessera
