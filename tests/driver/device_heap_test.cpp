#include "device_heap.h"

#include <gtest/gtest.h>

namespace tessera::driver::detail {
namespace {

TEST(DeviceHeap, FirstFitSplitsAlignsAndMergesFreedNeighbours) {
  DeviceHeap heap(0x1000, 0x1000, 0x100);
  const auto a = heap.allocate(1), b = heap.allocate(0x200), c = heap.allocate(0x100);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(*a, 0x1000u);
  EXPECT_EQ(*b, 0x1100u);  // a took a whole 0x100 granule
  EXPECT_EQ(*c, 0x1300u);
  EXPECT_EQ(heap.free_bytes(), 0xc00u);
  ASSERT_TRUE(heap.free(*b));
  // First fit: the hole b left, not the larger block after c.
  EXPECT_EQ(heap.allocate(0x100), std::optional<uint64_t>(0x1100));
  ASSERT_TRUE(heap.free(*a));
  ASSERT_TRUE(heap.free(0x1100));
  ASSERT_TRUE(heap.free(*c));
  EXPECT_EQ(heap.largest_free_block(), 0x1000u);  // all merged back into one block
}

TEST(DeviceHeap, NothingWhenNoBlockFits) {
  DeviceHeap heap(0, 0x1000, 0x100);
  const auto a = heap.allocate(0x800);
  ASSERT_TRUE(heap.allocate(0x400));
  ASSERT_TRUE(heap.free(*a));
  EXPECT_EQ(heap.free_bytes(), 0xc00u);
  EXPECT_FALSE(heap.allocate(0xc00));  // 0xc00 free, but in two blocks
  EXPECT_FALSE(heap.allocate(0));
  EXPECT_FALSE(heap.allocate(UINT64_MAX));
}

TEST(DeviceHeap, ContainsOnlyRangesInsideOneAllocation) {
  DeviceHeap heap(0, 0x1000, 0x100);
  const auto a = heap.allocate(0x100), b = heap.allocate(0x100);
  EXPECT_TRUE(heap.contains(*a, 0x100));
  EXPECT_TRUE(heap.contains(*a + 0x80, 0x80));
  EXPECT_FALSE(heap.contains(*a + 0x80, 0x100));  // runs into b
  EXPECT_FALSE(heap.contains(*b + 0x100, 4));     // free space
  EXPECT_FALSE(heap.free(*a + 4));                // not an allocation's start
  EXPECT_TRUE(heap.free(*a));
  EXPECT_FALSE(heap.free(*a));  // twice
  EXPECT_FALSE(heap.contains(*a, 4));
}

}  // namespace
}  // namespace tessera::driver::detail
