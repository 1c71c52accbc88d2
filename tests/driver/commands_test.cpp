// Command lists: the basic ops' results checked on the host, tile masks, events and profiles.
#include <gtest/gtest.h>

#include "driver_test_util.h"

namespace tessera::driver::testing {
namespace {

struct Buffers {
  DevicePtr a, b, sum, copy, fill, odd_src, odd_dst;
};

TEST(Commands, CopyFillAndAddI32GiveTheHostsResults) {
  auto device = booted();
  ASSERT_TRUE(device);
  constexpr size_t count = 100003;                      // shares of unequal size on the four tiles
  constexpr uint32_t bytes = count * 4, odd = 1000001;  // odd: COPY in bytes, chunked
  const std::vector<int32_t> a = sequence(count, 1), b = sequence(count, 2);
  std::vector<uint8_t> odd_in(odd);
  for (size_t i = 0; i < odd; ++i) odd_in[i] = static_cast<uint8_t>(i % 251);
  Buffers d;
  for (DevicePtr* p : {&d.a, &d.b, &d.sum, &d.copy, &d.fill}) ASSERT_OK(device->malloc(p, bytes));
  ASSERT_OK(device->malloc(&d.odd_src, odd));
  ASSERT_OK(device->malloc(&d.odd_dst, odd));
  ASSERT_OK(device->memcpy_to_device(d.a, a.data(), bytes));
  ASSERT_OK(device->memcpy_to_device(d.b, b.data(), bytes));
  ASSERT_OK(device->memcpy_to_device(d.odd_src, odd_in.data(), odd));

  Stream stream;
  ASSERT_OK(device->create_stream(&stream));
  CommandList list;
  list.add_i32(d.sum, d.a, d.b, bytes)
      .copy(d.copy, d.sum, bytes)  // reads what the op before wrote
      .fill(d.fill, bytes, 0xdeadbeef)
      .copy(d.odd_dst, d.odd_src, odd, 0x5);  // two tiles only
  ASSERT_OK(stream.launch(list));
  ASSERT_OK(stream.synchronize(60s));

  std::vector<int32_t> sum(count), copy(count), fill(count);
  std::vector<uint8_t> odd_out(odd);
  ASSERT_OK(device->memcpy_to_host(sum.data(), d.sum, bytes));
  ASSERT_OK(device->memcpy_to_host(copy.data(), d.copy, bytes));
  ASSERT_OK(device->memcpy_to_host(fill.data(), d.fill, bytes));
  ASSERT_OK(device->memcpy_to_host(odd_out.data(), d.odd_dst, odd));
  for (size_t i = 0; i < count; ++i) {
    const int32_t expected =
        static_cast<int32_t>(static_cast<uint32_t>(a[i]) + static_cast<uint32_t>(b[i]));
    ASSERT_EQ(sum[i], expected) << "element " << i;
    ASSERT_EQ(copy[i], expected) << "element " << i;
    ASSERT_EQ(static_cast<uint32_t>(fill[i]), 0xdeadbeefu) << "element " << i;
  }
  EXPECT_TRUE(odd_out == odd_in);
}

TEST(Commands, EventsCarryIncreasingDeviceTimestampsAndPerOpCycles) {
  auto device = booted();
  ASSERT_TRUE(device);
  constexpr uint32_t bytes = 256 * 1024;
  DevicePtr a, b;
  ASSERT_OK(device->malloc(&a, bytes));
  ASSERT_OK(device->malloc(&b, bytes));
  Stream stream;
  ASSERT_OK(device->create_stream(&stream));
  Event first, launch, last;
  ASSERT_OK(stream.record(&first));
  ASSERT_OK(stream.launch(
      CommandList().fill(a, bytes, 1).fill(b, bytes, 2, 0x3).add_i32(a, a, b, bytes), &launch));
  ASSERT_OK(stream.record(&last));
  EXPECT_OK(launch.synchronize(60s));
  ASSERT_OK(stream.synchronize(60s));

  EXPECT_LE(first.end_ns(), launch.start_ns());
  EXPECT_LT(launch.start_ns(), launch.end_ns());
  EXPECT_LE(launch.end_ns(), last.start_ns());
  double ms = 0;
  ASSERT_OK(Event::elapsed_ms(first, last, &ms));
  EXPECT_GT(ms, 0);
  EXPECT_NEAR(ms, (last.end_ns() - first.end_ns()) / 1e6, 1e-9);

  const std::vector<OpProfile> ops = launch.ops();
  ASSERT_EQ(ops.size(), 3u);
  const uint32_t tiles[] = {0xf, 0x3, 0xf};
  for (size_t i = 0; i < ops.size(); ++i) {
    EXPECT_GT(ops[i].cycles, 0u) << "op " << i;
    EXPECT_EQ(ops[i].tiles, tiles[i]) << "op " << i;
    if (i > 0) {
      EXPECT_GE(ops[i].start_cycle, ops[i - 1].start_cycle + ops[i - 1].cycles);
    }
  }
  EXPECT_EQ(ops[2].opcode, TSR_OP_ADD_I32);
  // Two tiles fill b's 64K words in about twice the time four take for a's.
  EXPECT_GT(ops[1].cycles, ops[0].cycles * 3 / 2);
  EXPECT_EQ(first.ops().size(), 1u);  // a recorded event is a NOP list
}

TEST(Commands, SixteenTilesShareTheWork) {
  DeviceOptions options;
  options.config_overrides = {"mesh.x=4", "mesh.y=4"};
  auto device = booted(options);
  ASSERT_TRUE(device);
  EXPECT_EQ(device->properties().tiles_online, 0xffffu);
  constexpr size_t count = 4099;
  const std::vector<int32_t> a = sequence(count, 3), b = sequence(count, 4);
  DevicePtr da, db;
  ASSERT_OK(device->malloc(&da, count * 4));
  ASSERT_OK(device->malloc(&db, count * 4));
  ASSERT_OK(device->memcpy_to_device(da, a.data(), count * 4));
  ASSERT_OK(device->memcpy_to_device(db, b.data(), count * 4));
  Stream stream;
  ASSERT_OK(device->create_stream(&stream));
  Event done;
  ASSERT_OK(stream.launch(CommandList().add_i32(db, da, db, count * 4), &done));
  ASSERT_OK(stream.synchronize(60s));
  ASSERT_EQ(done.ops().size(), 1u);
  EXPECT_EQ(done.ops()[0].tiles, 0xffffu);
  std::vector<int32_t> out(count);
  ASSERT_OK(device->memcpy_to_host(out.data(), db, count * 4));
  for (size_t i = 0; i < count; ++i)
    ASSERT_EQ(out[i],
              static_cast<int32_t>(static_cast<uint32_t>(a[i]) + static_cast<uint32_t>(b[i])));
}

TEST(Commands, StreamsKeepTheirOwnOrder) {
  auto device = booted();
  ASSERT_TRUE(device);
  constexpr uint32_t bytes = 4096;
  DevicePtr p, q;
  ASSERT_OK(device->malloc(&p, bytes));
  ASSERT_OK(device->malloc(&q, bytes));
  Stream one, two;
  ASSERT_OK(device->create_stream(&one));
  ASSERT_OK(device->create_stream(&two));
  EXPECT_NE(one.id(), two.id());
  std::vector<uint32_t> from_one(bytes / 4), from_two(bytes / 4);
  for (uint32_t round = 1; round <= 3; ++round) {
    ASSERT_OK(one.launch(CommandList().fill(p, bytes, round)));
    ASSERT_OK(two.launch(CommandList().fill(q, bytes, 100 + round)));
    ASSERT_OK(one.memcpy_to_host(from_one.data(), p, bytes));
    ASSERT_OK(two.memcpy_to_host(from_two.data(), q, bytes));
    ASSERT_OK(two.synchronize(60s));
    ASSERT_OK(one.synchronize(60s));
    EXPECT_EQ(from_one, std::vector<uint32_t>(bytes / 4, round));
    EXPECT_EQ(from_two, std::vector<uint32_t>(bytes / 4, 100 + round));
  }
  EXPECT_OK(device->synchronize(10s));
}

TEST(Commands, MoreListsThanTheDeviceQueueHoldsAllComplete) {
  auto device = booted();
  ASSERT_TRUE(device);
  DevicePtr p;
  ASSERT_OK(device->malloc(&p, 4 * 256));
  Stream stream;
  ASSERT_OK(device->create_stream(&stream));
  Event last;
  for (uint32_t i = 0; i < 256; ++i)  // four times the queue: the driver waits for room
    ASSERT_OK(stream.launch(CommandList().fill(p + 4 * i, 4, i, 1u << (i % 4)), &last));
  ASSERT_OK(stream.synchronize(60s));
  EXPECT_OK(last.query());
  std::vector<uint32_t> out(256);
  ASSERT_OK(device->memcpy_to_host(out.data(), p, 4 * 256));
  for (uint32_t i = 0; i < 256; ++i) ASSERT_EQ(out[i], i);
}

}  // namespace
}  // namespace tessera::driver::testing
