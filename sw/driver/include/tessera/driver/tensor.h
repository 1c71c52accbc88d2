// A dense, row-major tensor: element type, shape and the bytes, laid out as ONNX and NumPy do.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "tessera/driver/data_type.h"

namespace tessera::driver {

using Shape = std::vector<int64_t>;

// A dimension the model leaves open (an ONNX dim_param such as the batch size).
constexpr int64_t kUnknownDim = -1;

// The number of elements of a fully known shape; 1 for a scalar (rank 0).
int64_t element_count(const Shape& shape);
// The same, or -1 when a dimension is negative or the count overflows: for shapes read from files.
int64_t valid_element_count(const Shape& shape);
bool is_fully_known(const Shape& shape);
// "[1,8,8]"; an unknown dimension prints as "?".
std::string to_string(const Shape& shape);

class Tensor {
 public:
  Tensor() = default;
  // Zero-filled. Throws Error unless every dimension is known and non-negative.
  Tensor(DataType type, Shape shape);

  template <class T>
  static Tensor from_values(Shape shape, const std::vector<T>& values);

  DataType type() const { return type_; }
  const Shape& shape() const { return shape_; }
  int64_t size() const { return static_cast<int64_t>(bytes_.size() / element_size(type_)); }

  // Typed element access; throws Error when T is not the tensor's element type.
  template <class T>
  T* data() {
    check_element_type(data_type_of<T>());
    return reinterpret_cast<T*>(bytes_.data());
  }
  template <class T>
  const T* data() const {
    check_element_type(data_type_of<T>());
    return reinterpret_cast<const T*>(bytes_.data());
  }
  template <class T>
  std::vector<T> values() const {
    const T* first = data<T>();
    return std::vector<T>(first, first + size());
  }

  // Little-endian element bytes, as in an ONNX raw_data field or a device buffer.
  std::vector<uint8_t>& bytes() { return bytes_; }
  const std::vector<uint8_t>& bytes() const { return bytes_; }

  // The same elements seen with another shape of the same element count.
  Tensor reshaped(Shape shape) const;
  // Rows [begin, end) along the first axis, e.g. a batch of samples.
  Tensor rows(int64_t begin, int64_t end) const;

  bool operator==(const Tensor& other) const;

 private:
  void check_element_type(DataType requested) const;
  void check_value_count(size_t count) const;

  DataType type_ = DataType::kFloat32;
  Shape shape_;
  std::vector<uint8_t> bytes_;
};

template <class T>
Tensor Tensor::from_values(Shape shape, const std::vector<T>& values) {
  Tensor tensor(data_type_of<T>(), std::move(shape));
  tensor.check_value_count(values.size());
  std::copy(values.begin(), values.end(), tensor.data<T>());
  return tensor;
}

}  // namespace tessera::driver
