#include <gtest/gtest.h>

#include "riscv/csr.h"
#include "test_machine.h"

namespace tessera::riscv {
namespace {

using testing::TestMachine;
namespace m = match;

TEST(Core, IllegalInstructionTrapsWithBits) {
  TestMachine t;
  const uint32_t handler = TestMachine::kRamBase + 0x100;
  t.core->csr_write(csr::mtvec, handler);
  t.program({0xffffffffu});
  t.step();
  EXPECT_EQ(t.core->pc(), handler);
  EXPECT_EQ(t.core->csr_read(csr::mcause), kIllegalInsn);
  EXPECT_EQ(t.core->csr_read(csr::mtval), 0xffffffffu);
  EXPECT_EQ(t.core->csr_read(csr::mepc), TestMachine::kRamBase);
}

}  // namespace
}  // namespace tessera::riscv
