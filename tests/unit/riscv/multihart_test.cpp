// Several harts on one memory: LR/SC reservations shared through CoreConfig::reservations,
// and AMOs, as seen across harts.
#include <gtest/gtest.h>

#include <memory>

#include "assembler.h"
#include "test_machine.h"

namespace tessera::riscv {
namespace {

using testing::TestMachine;
namespace rv = testing::rv;
constexpr uint32_t kBase = TestMachine::kRamBase;
constexpr uint32_t kData = TestMachine::kData;
constexpr uint32_t kHart1Code = kBase + 0x10000;

// Hart 0 is the TestMachine's core (code at kBase), hart 1 runs code at kHart1Code; both
// have x1 = kData and share one reservation set.
struct TwoHarts {
  Reservations reservations{2};
  TestMachine t{Config(0)};
  std::unique_ptr<Core> hart1 = t.make_hart(Config(1), kHart1Code);
  Core& hart0 = *t.core;

  TwoHarts() {
    hart0.set_reg(1, kData);
    hart1->set_reg(1, kData);
  }
  CoreConfig Config(uint32_t hart_id) {
    CoreConfig c;
    c.hart_id = hart_id;
    c.reservations = &reservations;
    return c;
  }
};

TEST(MultiHart, HartsSeeEachOthersStores) {
  TwoHarts h;
  h.hart0.set_reg(2, 1234);
  h.t.program({rv::sw(2, 1, 0)});
  h.t.program({rv::lw(3, 1, 0)}, kHart1Code);
  h.hart0.run(1);
  h.hart1->run(1);
  EXPECT_EQ(h.hart1->reg(3), 1234u);
  EXPECT_EQ(h.hart1->csr_read(csr::mhartid), 1u);
}

TEST(MultiHart, AnotherHartsStoreToTheWordBreaksTheReservation) {
  TwoHarts h;
  h.hart0.set_reg(2, 5);
  h.t.program({rv::lr_w(3, 1, 0), rv::sc_w(4, 1, 2)});
  h.t.program({rv::sw(0, 1, 0)}, kHart1Code);
  h.t.poke32(kData, 9);
  h.hart0.run(1);   // lr.w
  h.hart1->run(1);  // sw zero
  h.hart0.run(1);   // sc.w
  EXPECT_EQ(h.hart0.reg(3), 9u);
  EXPECT_EQ(h.hart0.reg(4), 1u) << "sc.w succeeded after another hart stored to the word";
  EXPECT_EQ(h.t.peek32(kData), 0u);
}

TEST(MultiHart, AnotherHartsByteStoreInsideTheWordBreaksTheReservation) {
  TwoHarts h;
  h.hart0.set_reg(2, 5);
  h.t.program({rv::lr_w(3, 1, 0), rv::sc_w(4, 1, 2)});
  h.t.program({rv::sb(0, 1, 3)}, kHart1Code);
  h.hart0.run(1);
  h.hart1->run(1);
  h.hart0.run(1);
  EXPECT_EQ(h.hart0.reg(4), 1u);
}

TEST(MultiHart, AnotherHartsAmoToTheWordBreaksTheReservation) {
  TwoHarts h;
  h.hart0.set_reg(2, 5);
  h.hart1->set_reg(2, 1);
  h.t.program({rv::lr_w(3, 1, 0), rv::sc_w(4, 1, 2)});
  h.t.program({rv::amoadd_w(3, 1, 2)}, kHart1Code);
  h.hart0.run(1);
  h.hart1->run(1);
  h.hart0.run(1);
  EXPECT_EQ(h.hart0.reg(4), 1u);
  EXPECT_EQ(h.t.peek32(kData), 1u);
}

TEST(MultiHart, AnotherHartsStoreToANeighbouringWordKeepsTheReservation) {
  TwoHarts h;
  h.hart0.set_reg(2, 5);
  h.t.program({rv::lr_w(3, 1, 0), rv::sc_w(4, 1, 2)});
  h.t.program({rv::sw(0, 1, 4), rv::sw(0, 1, -4)}, kHart1Code);
  h.hart0.run(1);
  h.hart1->run(2);
  h.hart0.run(1);
  EXPECT_EQ(h.hart0.reg(4), 0u);
  EXPECT_EQ(h.t.peek32(kData), 5u);
}

TEST(MultiHart, OfTwoHartsReservingTheSameWordOnlyTheFirstScSucceeds) {
  TwoHarts h;
  h.t.poke32(kData, 10);
  // Both: x3 = lr.w (x1); x3 += 1; x4 = sc.w x3, (x1)
  const std::vector<uint32_t> increment = {rv::lr_w(3, 1, 0), rv::addi(3, 3, 1), rv::sc_w(4, 1, 3)};
  h.t.program(increment);
  h.t.program(increment, kHart1Code);
  h.hart0.run(2);
  h.hart1->run(2);
  h.hart0.run(1);
  h.hart1->run(1);
  EXPECT_EQ(h.hart0.reg(4), 0u);
  EXPECT_EQ(h.hart1->reg(4), 1u) << "hart 1's reservation survived hart 0's sc.w";
  EXPECT_EQ(h.t.peek32(kData), 11u);
}

TEST(MultiHart, ScWithoutItsOwnReservationFailsEvenIfAnotherHartHoldsOne) {
  TwoHarts h;
  h.hart1->set_reg(2, 7);
  h.t.program({rv::lr_w(3, 1, 0)});
  h.t.program({rv::sc_w(4, 1, 2)}, kHart1Code);
  h.hart0.run(1);
  h.hart1->run(1);
  EXPECT_EQ(h.hart1->reg(4), 1u);
  EXPECT_EQ(h.t.peek32(kData), 0u);
}

TEST(MultiHart, InterleavedAmoAddsAllLand) {
  TwoHarts h;
  h.hart0.set_reg(2, 1);
  h.hart1->set_reg(2, 100);
  std::vector<uint32_t> code(50, rv::amoadd_w(0, 1, 2));
  h.t.program(code);
  h.t.program(code, kHart1Code);
  for (int i = 0; i < 10; ++i) {
    h.hart0.run(5);
    h.hart1->run(5);
  }
  EXPECT_EQ(h.t.peek32(kData), 50u * 1 + 50u * 100);
}

}  // namespace
}  // namespace tessera::riscv
