// FuzzInput: takes typed values off the front of a fuzzer's input. Once the bytes run out every
// value reads as zero, so a target decodes any input, however short, without checking lengths.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tessera::fuzz {

class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  const uint8_t* data() const { return data_; }

  template <typename T>
  T take() {
    T value{};
    const size_t n = std::min(sizeof(T), size_);
    if (n) std::memcpy(&value, data_, n);  // little-endian, like the chip
    skip(n);
    return value;
  }

 private:
  void skip(size_t n) {
    data_ += n;
    size_ -= n;
  }

  const uint8_t* data_;
  size_t size_;
};

}  // namespace tessera::fuzz
