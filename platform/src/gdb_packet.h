// The framing of the GDB remote serial protocol, without sockets: `$payload#checksum`
// packets, '+' and '-' acknowledgements, the Ctrl-C byte (0x03), the '}' escapes of binary
// data, and the hex encodings packets carry. gdb_server.h moves the bytes; gdb_protocol.h
// interprets the payloads.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::gdb {

// What GDB's bytes amount to, in order.
struct Incoming {
  enum class Kind { kPacket, kBadChecksum, kInterrupt };
  Kind kind;
  std::string payload;  // a packet's, escapes left in place (only binary data uses them)
};

class PacketReader {
 public:
  // Takes the next bytes from GDB, in any chunks.
  void feed(std::string_view bytes);
  // The next complete item, if any. Acknowledgements are consumed silently.
  std::optional<Incoming> next();
  // Removes the pending Ctrl-C items, keeping the rest; true if there was one.
  bool take_interrupt();

 private:
  enum class State { kIdle, kPayload, kChecksum1, kChecksum2 };
  void parse(char c);

  State state_ = State::kIdle;
  std::string payload_;
  uint8_t sum_ = 0;
  std::string checksum_;
  std::deque<Incoming> ready_;
};

// `$<payload, escaped>#<checksum>`.
std::string frame(std::string_view payload);
// The '}' escape (the byte xor 0x20) of '#', '$', '}' and '*', which GDB reads as framing or
// run-length encoding.
std::string escape(std::string_view data);
std::string unescape(std::string_view data);

std::string to_hex(const uint8_t* data, size_t len);
std::string to_hex(std::string_view text);
// Decodes pairs of hex digits; nullopt for an odd length or a non-hex digit.
std::optional<std::vector<uint8_t>> from_hex(std::string_view hex);
// A 32-bit register in target (little-endian) byte order: 0x12345678 is "78563412".
std::string register_hex(uint32_t value);
std::optional<uint32_t> parse_register_hex(std::string_view hex);
// A hex number as addresses and lengths are written ("8000001c"); nullopt if it is not one.
std::optional<uint64_t> parse_hex(std::string_view hex);

}  // namespace tessera::gdb
