// The GDB remote protocol's framing: checksums, acknowledgements, Ctrl-C, escapes, hex.
#include <gtest/gtest.h>

#include "gdb_packet.h"

namespace tessera::gdb {
namespace {

TEST(GdbPacket, FramesWithTheChecksumOfTheEscapedBody) {
  EXPECT_EQ(frame("OK"), "$OK#9a");
  EXPECT_EQ(frame(""), "$#00");
  EXPECT_EQ(frame("a#b"),
            "$a}\x03"
            "b#43");
}

TEST(GdbPacket, EscapesFramingAndRunLengthCharacters) {
  const std::string raw = std::string("#$}*x") + '\0';
  const std::string escaped = escape(raw);
  EXPECT_EQ(escaped, std::string("}\x03}\x04}]}\nx") + '\0');
  EXPECT_EQ(unescape(escaped), raw);
}

TEST(GdbPacket, ReaderSplitsPacketsAcksAndInterruptsAcrossChunks) {
  PacketReader reader;
  reader.feed("+$qSupp");
  EXPECT_FALSE(reader.next());
  reader.feed("orted#37");
  reader.feed(std::string("\x03", 1));
  reader.feed("$g#67-");
  auto a = reader.next();
  ASSERT_TRUE(a);
  EXPECT_EQ(a->kind, Incoming::Kind::kPacket);
  EXPECT_EQ(a->payload, "qSupported");
  auto b = reader.next();
  ASSERT_TRUE(b);
  EXPECT_EQ(b->kind, Incoming::Kind::kInterrupt);
  auto c = reader.next();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->payload, "g");
  EXPECT_FALSE(reader.next());
}

TEST(GdbPacket, ReaderFlagsABadChecksum) {
  PacketReader reader;
  reader.feed("$g#00");
  auto item = reader.next();
  ASSERT_TRUE(item);
  EXPECT_EQ(item->kind, Incoming::Kind::kBadChecksum);
}

TEST(GdbPacket, TakeInterruptKeepsPacketsQueued) {
  PacketReader reader;
  reader.feed(std::string("$g#67\x03", 6));
  EXPECT_TRUE(reader.take_interrupt());
  EXPECT_FALSE(reader.take_interrupt());
  auto item = reader.next();
  ASSERT_TRUE(item);
  EXPECT_EQ(item->payload, "g");
}

TEST(GdbPacket, HexEncodings) {
  EXPECT_EQ(register_hex(0x12345678), "78563412");
  EXPECT_EQ(parse_register_hex("78563412"), 0x12345678u);
  EXPECT_FALSE(parse_register_hex("785634"));
  EXPECT_EQ(to_hex("hart"), "68617274");
  EXPECT_EQ(from_hex("00ff7A"), (std::vector<uint8_t>{0x00, 0xff, 0x7a}));
  EXPECT_FALSE(from_hex("0g"));
  EXPECT_FALSE(from_hex("abc"));
  EXPECT_EQ(parse_hex("8000001c"), 0x8000001cu);
  EXPECT_FALSE(parse_hex(""));
  EXPECT_FALSE(parse_hex("12x"));
}

}  // namespace
}  // namespace tessera::gdb
