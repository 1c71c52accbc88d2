#include <gtest/gtest.h>

#include <sstream>

#include "common/sim_control.h"
#include "periph/clint.h"
#include "periph/plic.h"
#include "periph/sysctrl.h"
#include "periph/uart.h"
#include "tessera/hw/clint_regs.h"
#include "tessera/hw/plic_regs.h"
#include "tessera/hw/sysctrl_regs.h"
#include "tessera/hw/uart_regs.h"
#include "tlm_test_util.h"

namespace tessera {
namespace {

using sc_core::SC_NS;
using sc_core::sc_time;
using testing::TestInitiator;

struct ClintBench {
  ClintBench()
      : clint("clint",
              {{[this](bool l) {
                  software.push_back({sc_core::sc_time_stamp(), l});
                },
                [this](bool l) {
                  timer.push_back({sc_core::sc_time_stamp(), l});
                }},
               {nullptr, nullptr}},
              sc_time(10, SC_NS), sc_time(2, SC_NS)),
        initiator("initiator") {
    initiator.socket.bind(clint.socket);
  }
  struct Edge {
    sc_time at;
    bool level;
  };
  std::vector<Edge> software, timer;
  Clint clint;
  TestInitiator initiator;
};

TEST(Clint, MtimeCountsTicksOfSimulatedTime) {
  ClintBench b;
  sc_core::sc_start(sc_time(1000, SC_NS));
  EXPECT_EQ(b.initiator.read(CLINT_MTIME, 8), 100u);
  EXPECT_EQ(b.initiator.read(CLINT_MTIME, 4), 100u);
  EXPECT_EQ(b.initiator.read(CLINT_MTIME + 4, 4), 0u);
  EXPECT_EQ(b.clint.mtime_at(sc_time(55, SC_NS)), 5u);
}

TEST(Clint, TimerInterruptRisesAtMtimecmpAndFallsWhenMovedOn) {
  ClintBench b;
  testing::elaborate();
  b.initiator.write(CLINT_MTIMECMP(0), 50, 8);  // tick 50 = 500 ns
  sc_core::sc_start(sc_time(1000, SC_NS));
  ASSERT_EQ(b.timer.size(), 1u);
  EXPECT_EQ(b.timer[0].at, sc_time(500, SC_NS));
  EXPECT_TRUE(b.timer[0].level);
  b.initiator.write(CLINT_MTIMECMP(0) + 4, 1, 4);  // high half: far in the future
  ASSERT_EQ(b.timer.size(), 2u);
  EXPECT_FALSE(b.timer[1].level);
  EXPECT_EQ(b.initiator.read(CLINT_MTIMECMP(0), 8), (1ull << 32) | 50);
}

TEST(Clint, MsipDrivesTheSoftwareInterrupt) {
  ClintBench b;
  b.initiator.write(CLINT_MSIP(0), 1, 4);
  b.initiator.write(CLINT_MSIP(0), 0, 4);
  ASSERT_EQ(b.software.size(), 2u);
  EXPECT_TRUE(b.software[0].level);
  EXPECT_FALSE(b.software[1].level);
  EXPECT_EQ(b.initiator.read(CLINT_MSIP(1), 4), 0u);
  tlm::tlm_response_status status;
  b.initiator.read(CLINT_MSIP(2), 4, &status);  // only two harts
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

TEST(Clint, WritingMtimeMovesTheTimebase) {
  ClintBench b;
  testing::elaborate();
  b.initiator.write(CLINT_MTIME, 1000, 8);
  EXPECT_EQ(b.initiator.read(CLINT_MTIME, 8), 1000u);
  b.initiator.write(CLINT_MTIMECMP(0), 1010, 8);
  sc_core::sc_start(sc_time(200, SC_NS));
  ASSERT_EQ(b.timer.size(), 1u);
  EXPECT_EQ(b.timer[0].at, sc_time(100, SC_NS));
}

TEST(Clint, MtimeSetBelowTheTicksElapsedLeavesNoTimerSpinning) {
  // mtimecmp's reset value (all ones) minus a negative mtime offset wraps round 2^64 to a tick
  // in the past. The CLINT used to wake for it at zero time, over and over, and the kernel
  // never advanced again (found by the mmio fuzz target).
  ClintBench b;
  sc_core::sc_start(sc_time(1000, SC_NS));
  b.initiator.write(CLINT_MTIME, 0, 8);
  ASSERT_FALSE(sc_core::sc_pending_activity_at_current_time());
  sc_core::sc_start(sc_time(1000, SC_NS));
  EXPECT_EQ(b.initiator.read(CLINT_MTIME, 8), 100u);
  EXPECT_TRUE(b.timer.empty());
}

TEST(Clint, MtimecmpBeyondWhatSimulatedTimeHoldsIsNeverDue) {
  // 1e15 ticks of 10 ns is past 2^63 ps: scheduling the wake-up overflowed sc_time's int64
  // arithmetic (found by the mmio fuzz target under UBSan). Such a timer simply never fires.
  ClintBench b;
  testing::elaborate();
  b.initiator.write(CLINT_MTIMECMP(0), 1000000000000000ull, 8);
  EXPECT_FALSE(sc_core::sc_pending_activity());
  EXPECT_TRUE(b.timer.empty());
}

TEST(Clint, MtimeWrapsRoundTwoToTheSixtyFour) {
  // The offset between mtime and the kernel's ticks was a signed sum that overflowed (undefined
  // behaviour, found by the mmio fuzz target under UBSan); mtime is a 64-bit counter that wraps.
  ClintBench b;
  testing::elaborate();
  b.initiator.write(CLINT_MTIME, 0x7fffffffffffffffull, 8);
  b.initiator.write(CLINT_MTIME, ~0ull, 8);
  EXPECT_EQ(b.initiator.read(CLINT_MTIME, 8), ~0ull);
  sc_core::sc_start(sc_time(20, SC_NS));
  EXPECT_EQ(b.initiator.read(CLINT_MTIME, 8), 1u);
}

struct UartBench {
  UartBench() : uart("uart", out, sc_time(2, SC_NS)), initiator("initiator") {
    initiator.socket.bind(uart.socket);
  }
  std::ostringstream out;
  Uart uart;
  TestInitiator initiator;
};

TEST(Uart, TransmitsBytesAndReportsTransmitterEmpty) {
  UartBench b;
  for (char c : std::string("hi\n")) b.initiator.write(UART_THR, static_cast<uint8_t>(c), 1);
  EXPECT_EQ(b.out.str(), "hi\n");
  EXPECT_EQ(b.uart.transmitted(), "hi\n");
  EXPECT_EQ(b.initiator.read(UART_LSR, 1), UART_LSR_THRE | UART_LSR_TEMT);
  EXPECT_EQ(b.initiator.read(UART_IIR, 1), UART_IIR_NO_INT);
}

TEST(Uart, DivisorLatchHidesTransmitter) {
  UartBench b;
  b.initiator.write(UART_LCR, UART_LCR_DLAB | 3, 1);
  b.initiator.write(UART_DLL, 0x1b, 1);
  b.initiator.write(UART_DLM, 0x01, 1);
  EXPECT_EQ(b.out.str(), "");
  EXPECT_EQ(b.initiator.read(UART_DLL, 1), 0x1bu);
  EXPECT_EQ(b.initiator.read(UART_DLM, 1), 0x01u);
  b.initiator.write(UART_LCR, 3, 1);
  b.initiator.write(UART_SCR, 0x77, 1);
  EXPECT_EQ(b.initiator.read(UART_SCR, 1), 0x77u);
  EXPECT_EQ(b.initiator.read(UART_LCR, 1), 3u);
}

TEST(Uart, RejectsAccessesOutsideItsRegisters) {
  UartBench b;
  tlm::tlm_response_status status;
  b.initiator.read(0x8, 1, &status);
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  b.initiator.read(UART_LSR, 4, &status);
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
}

struct SysCtrlBench {
  SysCtrlBench()
      : sysctrl("sysctrl", {3, 1000, 100000000, 0x4000000, 2, 1, 65536, 4, 2},
                {[this](unsigned h) { released.push_back(h); },
                 [this](unsigned h) { return h == 0 || !released.empty(); },
                 [this](bool l) { irq.push_back(l); }},
                control, sc_time(2, SC_NS)),
        initiator("initiator") {
    initiator.socket.bind(sysctrl.socket);
  }
  std::vector<unsigned> released;
  std::vector<bool> irq;
  SimControl control;
  SysCtrl sysctrl;
  TestInitiator initiator;
};

TEST(SysCtrl, DescribesTheChip) {
  SysCtrlBench b;
  TestInitiator& initiator = b.initiator;
  EXPECT_EQ(initiator.read(SYSCTRL_CHIP_ID, 4), SYSCTRL_CHIP_ID_VALUE);
  EXPECT_EQ(initiator.read(SYSCTRL_NUM_HARTS, 4), 3u);
  EXPECT_EQ(initiator.read(SYSCTRL_CLOCK_MHZ, 4), 1000u);
  EXPECT_EQ(initiator.read(SYSCTRL_TIMEBASE_HZ, 4), 100000000u);
  EXPECT_EQ(initiator.read(SYSCTRL_DRAM_SIZE, 4), 0x4000000u);
  EXPECT_EQ(initiator.read(SYSCTRL_NUM_TILES, 4), 2u);
  EXPECT_EQ(initiator.read(SYSCTRL_MESH_X, 4), 2u);
  EXPECT_EQ(initiator.read(SYSCTRL_MESH_Y, 4), 1u);
  EXPECT_EQ(initiator.read(SYSCTRL_SRAM_BYTES, 4), 65536u);
  EXPECT_EQ(initiator.read(SYSCTRL_SRAM_BANKS, 4), 4u);
  EXPECT_EQ(initiator.read(SYSCTRL_DRAM_CHANNELS, 4), 2u);
}

TEST(SysCtrl, ReleasesHartsAndDrivesTheTestInterrupt) {
  SysCtrlBench b;
  EXPECT_EQ(b.initiator.read(SYSCTRL_HART_RUNNING, 4), 1u);
  EXPECT_EQ(b.initiator.write(SYSCTRL_HART_RELEASE, 2, 4), tlm::TLM_OK_RESPONSE);
  EXPECT_EQ(b.released, std::vector<unsigned>{2});
  EXPECT_EQ(b.initiator.read(SYSCTRL_HART_RUNNING, 4), 7u);
  EXPECT_EQ(b.initiator.write(SYSCTRL_HART_RELEASE, 3, 4), tlm::TLM_ADDRESS_ERROR_RESPONSE);
  b.initiator.write(SYSCTRL_TEST_IRQ, 1, 4);
  EXPECT_EQ(b.initiator.read(SYSCTRL_TEST_IRQ, 4), 1u);
  b.initiator.write(SYSCTRL_TEST_IRQ, 0, 4);
  EXPECT_EQ(b.irq, (std::vector<bool>{true, false}));
}

TEST(SysCtrl, EndsTheRunOnTestExit) {
  SysCtrlBench b;
  SimControl& control = b.control;
  TestInitiator& initiator = b.initiator;
  tlm::tlm_response_status status;
  initiator.read(0x200, 4, &status);
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_FALSE(control.stop_requested());
  initiator.write(SYSCTRL_TEST_EXIT, 42, 4);
  EXPECT_TRUE(control.stop_requested());
  EXPECT_EQ(control.exit_code(), 42);
  EXPECT_FALSE(control.limit_reached());
}

struct PlicBench {
  PlicBench()
      : plic("plic", 8, {[this](bool l) { meip[0] = l; }, [this](bool l) { meip[1] = l; }},
             sc_time(2, SC_NS)),
        initiator("initiator") {
    initiator.socket.bind(plic.socket);
  }
  void route(unsigned source, unsigned priority, unsigned context) {
    initiator.write(PLIC_PRIORITY(source), priority, 4);
    const uint64_t enabled = initiator.read(PLIC_ENABLE(context, 0), 4);
    initiator.write(PLIC_ENABLE(context, 0), enabled | (1u << source), 4);
  }
  bool meip[2] = {false, false};
  Plic plic;
  TestInitiator initiator;
};

TEST(Plic, RoutesAnEnabledSourceToItsContextOnly) {
  PlicBench b;
  b.route(3, 1, 1);
  b.plic.set_source(3, true);
  EXPECT_FALSE(b.meip[0]);
  EXPECT_TRUE(b.meip[1]);
  EXPECT_EQ(b.initiator.read(PLIC_PENDING(0), 4), 1u << 3);
  EXPECT_EQ(b.initiator.read(PLIC_CLAIM(0), 4), 0u);  // not enabled for context 0
  EXPECT_EQ(b.initiator.read(PLIC_CLAIM(1), 4), 3u);
  EXPECT_FALSE(b.meip[1]);  // claimed: no longer pending
  EXPECT_EQ(b.initiator.read(PLIC_CLAIM(1), 4), 0u);
}

TEST(Plic, CompletionRearmsALineStillHigh) {
  PlicBench b;
  b.route(5, 2, 0);
  b.plic.set_source(5, true);
  EXPECT_EQ(b.initiator.read(PLIC_CLAIM(0), 4), 5u);
  b.initiator.write(PLIC_CLAIM(0), 5, 4);  // complete with the line still high
  EXPECT_TRUE(b.meip[0]);
  EXPECT_EQ(b.initiator.read(PLIC_CLAIM(0), 4), 5u);
  b.plic.set_source(5, false);
  b.initiator.write(PLIC_CLAIM(0), 5, 4);
  EXPECT_FALSE(b.meip[0]);
}

TEST(Plic, ThresholdMasksAndPriorityOrders) {
  PlicBench b;
  b.route(2, 1, 0);
  b.route(6, 3, 0);
  b.initiator.write(PLIC_THRESHOLD(0), 3, 4);
  b.plic.set_source(2, true);
  b.plic.set_source(6, true);
  EXPECT_FALSE(b.meip[0]);  // both at or below the threshold
  b.initiator.write(PLIC_THRESHOLD(0), 0, 4);
  EXPECT_TRUE(b.meip[0]);
  EXPECT_EQ(b.initiator.read(PLIC_CLAIM(0), 4), 6u);  // the higher priority first
  EXPECT_EQ(b.initiator.read(PLIC_CLAIM(0), 4), 2u);
  b.initiator.write(PLIC_PRIORITY(2), 99, 4);
  EXPECT_EQ(b.initiator.read(PLIC_PRIORITY(2), 4), PLIC_MAX_PRIORITY);
}

}  // namespace
}  // namespace tessera
