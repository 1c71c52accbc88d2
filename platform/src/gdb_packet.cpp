#include "gdb_packet.h"

#include <algorithm>

namespace tessera::gdb {
namespace {

constexpr char kEscape = '}';
constexpr char kInterrupt = 0x03;
constexpr char kHexDigits[] = "0123456789abcdef";

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void PacketReader::feed(std::string_view bytes) {
  for (char c : bytes) parse(c);
}

void PacketReader::parse(char c) {
  switch (state_) {
    case State::kIdle:
      if (c == '$') {
        payload_.clear();
        sum_ = 0;
        state_ = State::kPayload;
      } else if (c == kInterrupt) {
        ready_.push_back({Incoming::Kind::kInterrupt, {}});
      }  // '+', '-' and noise between packets carry nothing we act on
      break;
    case State::kPayload:
      if (c == '#') {
        checksum_.clear();
        state_ = State::kChecksum1;
      } else {
        payload_ += c;
        sum_ = static_cast<uint8_t>(sum_ + static_cast<uint8_t>(c));
      }
      break;
    case State::kChecksum1:
      checksum_ += c;
      state_ = State::kChecksum2;
      break;
    case State::kChecksum2: {
      checksum_ += c;
      state_ = State::kIdle;
      const std::optional<uint64_t> sum = parse_hex(checksum_);
      const bool good = sum && *sum == sum_;
      ready_.push_back({good ? Incoming::Kind::kPacket : Incoming::Kind::kBadChecksum,
                        good ? std::move(payload_) : std::string()});
      break;
    }
  }
}

std::optional<Incoming> PacketReader::next() {
  if (ready_.empty()) return std::nullopt;
  Incoming item = std::move(ready_.front());
  ready_.pop_front();
  return item;
}

bool PacketReader::take_interrupt() {
  const auto is_interrupt = [](const Incoming& i) { return i.kind == Incoming::Kind::kInterrupt; };
  const auto end = std::remove_if(ready_.begin(), ready_.end(), is_interrupt);
  const bool found = end != ready_.end();
  ready_.erase(end, ready_.end());
  return found;
}

std::string escape(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  for (char c : data) {
    if (c == '#' || c == '$' || c == kEscape || c == '*') {
      out += kEscape;
      out += static_cast<char>(c ^ 0x20);
    } else {
      out += c;
    }
  }
  return out;
}

std::string unescape(std::string_view data) {
  std::string out;
  out.reserve(data.size());
  for (size_t i = 0; i < data.size(); ++i)
    out +=
        data[i] == kEscape && i + 1 < data.size() ? static_cast<char>(data[++i] ^ 0x20) : data[i];
  return out;
}

std::string frame(std::string_view payload) {
  const std::string body = escape(payload);
  uint8_t sum = 0;
  for (char c : body) sum = static_cast<uint8_t>(sum + static_cast<uint8_t>(c));
  return "$" + body + "#" + kHexDigits[sum >> 4] + kHexDigits[sum & 15];
}

std::string to_hex(const uint8_t* data, size_t len) {
  std::string out;
  out.reserve(2 * len);
  for (size_t i = 0; i < len; ++i) {
    out += kHexDigits[data[i] >> 4];
    out += kHexDigits[data[i] & 15];
  }
  return out;
}

std::string to_hex(std::string_view text) {
  return to_hex(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

std::optional<std::vector<uint8_t>> from_hex(std::string_view hex) {
  if (hex.size() % 2) return std::nullopt;
  std::vector<uint8_t> out(hex.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return out;
}

std::string register_hex(uint32_t value) {
  const uint8_t bytes[4] = {static_cast<uint8_t>(value), static_cast<uint8_t>(value >> 8),
                            static_cast<uint8_t>(value >> 16), static_cast<uint8_t>(value >> 24)};
  return to_hex(bytes, 4);
}

std::optional<uint32_t> parse_register_hex(std::string_view hex) {
  const auto bytes = from_hex(hex);
  if (!bytes || bytes->size() != 4) return std::nullopt;
  return (*bytes)[0] | (*bytes)[1] << 8 | (*bytes)[2] << 16 |
         static_cast<uint32_t>((*bytes)[3]) << 24;
}

std::optional<uint64_t> parse_hex(std::string_view hex) {
  if (hex.empty() || hex.size() > 16) return std::nullopt;
  uint64_t v = 0;
  for (char c : hex) {
    const int digit = hex_digit(c);
    if (digit < 0) return std::nullopt;
    v = v << 4 | static_cast<uint64_t>(digit);
  }
  return v;
}

}  // namespace tessera::gdb
