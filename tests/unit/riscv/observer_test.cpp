// Core observers: the hooks of the instrumented run loop, and what an observer that stops
// there (a debugger) may change.
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "assembler.h"
#include "test_machine.h"

namespace tessera::riscv {
namespace {

using testing::TestMachine;
namespace rv = testing::rv;

// Records the hooks as "before 80000000" etc.; `on_before` acts at each before().
class Recorder : public CoreObserver {
 public:
  std::vector<std::string> events;
  std::function<void(Core&, const DecodedInsn&)> on_before;

  void before(Core& core, const DecodedInsn& d) override {
    record("before", d.pc);
    if (on_before) on_before(core, d);
  }
  void executing(Core&, const DecodedInsn& d) override { record("executing", d.pc); }
  void retired(Core&, const DecodedInsn& d) override { record("retired", d.pc); }
  void trapped(Core&, const Trap& trap, uint32_t epc) override {
    record("trapped " + std::to_string(trap.cause), epc);
  }

 private:
  void record(const std::string& what, uint32_t pc) {
    char text[64];
    std::snprintf(text, sizeof text, "%s %08x", what.c_str(), pc);
    events.push_back(text);
  }
};

TEST(CoreObserver, HooksComeInOrderForEachInstructionAndTrap) {
  TestMachine t;
  t.program({rv::addi(10, 0, 1), rv::ecall()});
  Recorder r;
  t.core->add_observer(&r);
  t.step(3);
  EXPECT_EQ(r.events, (std::vector<std::string>{
                          "before 80000000", "executing 80000000", "retired 80000000",
                          "before 80000004", "executing 80000004", "trapped 11 80000004",
                          "before 80080000", "executing 80080000", "retired 80080000"}));
}

TEST(CoreObserver, MovingThePcStartsOverThere) {
  TestMachine t;
  t.program({rv::addi(10, 0, 1), rv::addi(11, 0, 2), rv::addi(12, 0, 3)});
  Recorder r;
  r.on_before = [](Core& core, const DecodedInsn& d) {
    if (d.pc == TestMachine::kRamBase) core.set_pc(TestMachine::kRamBase + 8);
  };
  t.core->add_observer(&r);
  t.step(1);
  EXPECT_EQ(t.x(10), 0u);
  EXPECT_EQ(t.x(12), 3u);
  EXPECT_EQ(r.events, (std::vector<std::string>{"before 80000000", "before 80000008",
                                                "executing 80000008", "retired 80000008"}));
}

TEST(CoreObserver, CodeWrittenWhileStoppedIsWhatRuns) {
  TestMachine t;
  t.program({rv::addi(10, 0, 1)});
  Recorder r;
  r.on_before = [&t](Core& core, const DecodedInsn&) {
    t.poke32(TestMachine::kRamBase, rv::addi(10, 0, 7));
    core.flush_decode_cache();
  };
  t.core->add_observer(&r);
  t.step(1);
  EXPECT_EQ(t.x(10), 7u);
}

TEST(CoreObserver, EndingTheBatchStopsBeforeTheInstruction) {
  TestMachine t;
  t.program({rv::addi(10, 0, 1)});
  Recorder r;
  r.on_before = [](Core& core, const DecodedInsn&) { core.end_batch(); };
  t.core->add_observer(&r);
  EXPECT_EQ(t.core->run(10), 0u);
  EXPECT_EQ(t.x(10), 0u);
  EXPECT_EQ(t.core->pc(), TestMachine::kRamBase);
}

TEST(CoreObserver, AnObserverMayDetachItselfWhileStopped) {
  TestMachine t;
  t.program({rv::addi(10, 0, 1), rv::addi(11, 0, 2)});
  Recorder r;
  r.on_before = [&r](Core& core, const DecodedInsn&) { core.remove_observer(&r); };
  t.core->add_observer(&r);
  t.step(2);
  EXPECT_EQ(r.events, std::vector<std::string>{"before 80000000"});
  EXPECT_EQ(t.x(11), 2u);
}

}  // namespace
}  // namespace tessera::riscv
