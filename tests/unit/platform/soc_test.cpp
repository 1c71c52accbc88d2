#include "soc.h"

#include "elf_bytes.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tessera/hw/memory_map.h"

namespace tessera {
namespace {

std::string fw(const std::string& name) {
  return std::string(TESSERA_FW_DIR) + "/" + name + ".elf";
}

TEST(Soc, BootsHelloThroughTheBootRomAndUart) {
  std::ostringstream uart;
  Soc soc(PlatformConfig{}, uart);
  soc.load(ElfImage::load(fw("hello")));
  const RunResult r = soc.run();
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_FALSE(r.limit_reached);
  EXPECT_NE(uart.str().find("Hello from Tessera! hart 0 of 5"), std::string::npos) << uart.str();
  EXPECT_GT(r.instructions, 100u);
  EXPECT_GT(r.sim_time_ns, 100.0);
}

TEST(Soc, SegmentOutsideMemoryIsAnElfErrorNamingTheAddress) {
  std::ostringstream uart;
  std::vector<char> bytes = testing::slurp(fw("hello"));
  testing::edit_load_segments(bytes, [](Elf32_Phdr& ph) {
    ph.p_paddr = ph.p_paddr - TESSERA_DRAM_BASE + TESSERA_UNMAPPED_BASE;
  });
  const ElfImage image = ElfImage::load(testing::write_temp(bytes));
  Soc soc(PlatformConfig{}, uart);
  try {
    soc.load(image);
    FAIL() << "loaded an image that does not fit";
  } catch (const ElfError& e) {
    EXPECT_NE(std::string(e.what()).find("segment at 0x20000000"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("outside the chip's memory"), std::string::npos);
  }
}

TEST(Soc, InstructionLimitStopsWithAReportOfEachHart) {
  std::ostringstream uart;
  PlatformConfig config;
  config.sim.max_instructions = 10000;
  Soc soc(config, uart);
  soc.load(ElfImage::load(fw("bench")));
  const RunResult r = soc.run();
  EXPECT_TRUE(r.limit_reached);
  EXPECT_EQ(r.exit_code, SimControl::kExitLimit);
  EXPECT_EQ(r.instructions, 10000u);
  EXPECT_NE(soc.hart_report().find("hart 0: pc=0x8"), std::string::npos) << soc.hart_report();
}

TEST(Soc, DebugAccessReachesDramAndRejectsHoles) {
  std::ostringstream uart;
  Soc soc(PlatformConfig{}, uart);
  const uint32_t v = 0xcafef00d;
  ASSERT_TRUE(soc.write_memory(TESSERA_DRAM_BASE + 0x1000, &v, 4));
  uint32_t back = 0;
  ASSERT_TRUE(soc.read_memory(TESSERA_DRAM_BASE + 0x1000, &back, 4));
  EXPECT_EQ(back, v);
  EXPECT_FALSE(soc.read_memory(0x30000000, &back, 4));
}

}  // namespace
}  // namespace tessera
