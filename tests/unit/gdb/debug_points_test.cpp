// Breakpoints by pc, watchpoints by the range and kind of a data access.
#include <gtest/gtest.h>

#include "debug_points.h"

namespace tessera {
namespace {

using gdb::BreakpointType;
using Reason = gdb::StopEvent::Reason;

riscv::MemoryAccess Load(uint32_t addr, uint32_t size) {
  return {addr, size, true, false};
}
riscv::MemoryAccess Store(uint32_t addr, uint32_t size) {
  return {addr, size, false, true};
}

TEST(DebugPoints, BreakpointsComparePcs) {
  DebugPoints points;
  EXPECT_FALSE(points.breakpoint_at(0x80000010));
  EXPECT_TRUE(points.insert(BreakpointType::kSoftware, 0x80000010, 2));
  EXPECT_TRUE(points.insert(BreakpointType::kHardware, 0x80000020, 4));
  EXPECT_EQ(points.breakpoint_at(0x80000010), Reason::kSoftwareBreak);
  EXPECT_EQ(points.breakpoint_at(0x80000020), Reason::kHardwareBreak);
  EXPECT_FALSE(points.breakpoint_at(0x80000012));
  EXPECT_TRUE(points.remove(BreakpointType::kSoftware, 0x80000010, 2));
  EXPECT_FALSE(points.remove(BreakpointType::kSoftware, 0x80000010, 2));
  EXPECT_FALSE(points.breakpoint_at(0x80000010));
}

TEST(DebugPoints, WatchpointsMatchTheAccessKind) {
  DebugPoints points;
  EXPECT_FALSE(points.any_watchpoint());
  points.insert(BreakpointType::kWrite, 0x1000, 4);
  EXPECT_TRUE(points.any_watchpoint());
  EXPECT_FALSE(points.watch_hit(Load(0x1000, 4)));
  const auto write = points.watch_hit(Store(0x1000, 4));
  ASSERT_TRUE(write);
  EXPECT_EQ(write->reason, Reason::kWatch);
  EXPECT_EQ(write->address, 0x1000u);

  points.insert(BreakpointType::kRead, 0x2000, 4);
  points.insert(BreakpointType::kAccess, 0x3000, 4);
  EXPECT_EQ(points.watch_hit(Load(0x2000, 1))->reason, Reason::kReadWatch);
  EXPECT_FALSE(points.watch_hit(Store(0x2000, 1)));
  EXPECT_EQ(points.watch_hit(Store(0x3002, 2))->reason, Reason::kAccessWatch);
  const riscv::MemoryAccess amo{0x2000, 4, true, true};
  EXPECT_EQ(points.watch_hit(amo)->reason, Reason::kReadWatch);
}

TEST(DebugPoints, WatchpointsMatchOverlappingRanges) {
  DebugPoints points;
  points.insert(BreakpointType::kWrite, 0x1002, 1);
  EXPECT_FALSE(points.watch_hit(Store(0x1000, 2)));
  EXPECT_FALSE(points.watch_hit(Store(0x1003, 1)));
  // A word store covering the watched byte: the address reported is in the watched range.
  EXPECT_EQ(points.watch_hit(Store(0x1000, 4))->address, 0x1002u);
  EXPECT_FALSE(points.watch_hit({0x1000, 0, false, false})) << "no access";
  points.insert(BreakpointType::kWrite, 0xfffffffc, 4);
  EXPECT_EQ(points.watch_hit(Store(0xfffffffe, 2))->address, 0xfffffffeu);
  EXPECT_TRUE(points.remove(BreakpointType::kWrite, 0x1002, 1));
  EXPECT_FALSE(points.remove(BreakpointType::kWrite, 0x1002, 1));
  EXPECT_FALSE(points.insert(BreakpointType::kRead, 0x4000, 0)) << "an empty range";
  points.clear();
  EXPECT_FALSE(points.any_watchpoint());
}

}  // namespace
}  // namespace tessera
