#include <gtest/gtest.h>

#include <sstream>

#include "common/sim_control.h"
#include "periph/clint.h"
#include "periph/sysctrl.h"
#include "periph/uart.h"
#include "tessera/hw/clint_regs.h"
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

TEST(SysCtrl, DescribesTheChipAndEndsTheRunOnTestExit) {
  SimControl control;
  SysCtrl sysctrl("sysctrl", {3, 1000, 100000000, 0x4000000}, control, sc_time(2, SC_NS));
  TestInitiator initiator("initiator");
  initiator.socket.bind(sysctrl.socket);
  EXPECT_EQ(initiator.read(SYSCTRL_CHIP_ID, 4), SYSCTRL_CHIP_ID_VALUE);
  EXPECT_EQ(initiator.read(SYSCTRL_NUM_HARTS, 4), 3u);
  EXPECT_EQ(initiator.read(SYSCTRL_CLOCK_MHZ, 4), 1000u);
  EXPECT_EQ(initiator.read(SYSCTRL_TIMEBASE_HZ, 4), 100000000u);
  EXPECT_EQ(initiator.read(SYSCTRL_DRAM_SIZE, 4), 0x4000000u);
  tlm::tlm_response_status status;
  initiator.read(0x200, 4, &status);
  EXPECT_EQ(status, tlm::TLM_ADDRESS_ERROR_RESPONSE);
  EXPECT_FALSE(control.stop_requested());
  initiator.write(SYSCTRL_TEST_EXIT, 42, 4);
  EXPECT_TRUE(control.stop_requested());
  EXPECT_EQ(control.exit_code(), 42);
  EXPECT_FALSE(control.limit_reached());
}

}  // namespace
}  // namespace tessera
