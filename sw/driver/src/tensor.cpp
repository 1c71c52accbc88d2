#include "tessera/driver/tensor.h"

#include <cstdint>
#include <limits>
#include <sstream>

#include "tessera/driver/error.h"

namespace tessera::driver {

size_t element_size(DataType type) {
  return visit_data_type(type, [](auto tag) { return sizeof(typename decltype(tag)::type); });
}

std::string to_string(DataType type) {
  switch (type) {
    case DataType::kFloat32:
      return "float32";
    case DataType::kUint8:
      return "uint8";
    case DataType::kInt8:
      return "int8";
    case DataType::kInt32:
      return "int32";
    case DataType::kInt64:
      break;
  }
  return "int64";
}

int64_t element_count(const Shape& shape) {
  int64_t count = 1;
  for (int64_t dim : shape) count *= dim;
  return count;
}

int64_t valid_element_count(const Shape& shape) {
  int64_t count = 1;
  for (int64_t dim : shape) {
    if (dim < 0 || (dim != 0 && count > std::numeric_limits<int64_t>::max() / dim)) return -1;
    count *= dim;
  }
  return count;
}

bool is_fully_known(const Shape& shape) {
  for (int64_t dim : shape) {
    if (dim == kUnknownDim) return false;
  }
  return true;
}

std::string to_string(const Shape& shape) {
  std::ostringstream text;
  text << '[';
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) text << ',';
    if (shape[i] == kUnknownDim) {
      text << '?';
    } else {
      text << shape[i];
    }
  }
  text << ']';
  return text.str();
}

Tensor::Tensor(DataType type, Shape shape) : type_(type), shape_(std::move(shape)) {
  for (int64_t dim : shape_) {
    if (dim < 0)
      throw Error("a tensor needs known, non-negative dimensions, not " + to_string(shape_));
  }
  bytes_.resize(static_cast<size_t>(element_count(shape_)) * element_size(type_));
}

Tensor Tensor::reshaped(Shape shape) const {
  Tensor result(type_, std::move(shape));
  if (result.size() != size()) {
    throw Error("cannot view " + to_string(shape_) + " as " + to_string(result.shape_));
  }
  result.bytes_ = bytes_;
  return result;
}

Tensor Tensor::rows(int64_t begin, int64_t end) const {
  if (shape_.empty() || begin < 0 || end < begin || end > shape_[0]) {
    throw Error("rows [" + std::to_string(begin) + ", " + std::to_string(end) +
                ") of a tensor of shape " + to_string(shape_));
  }
  Shape shape = shape_;
  shape[0] = end - begin;
  Tensor result(type_, shape);
  const size_t row_bytes = shape_[0] == 0 ? 0 : bytes_.size() / shape_[0];
  std::copy(bytes_.begin() + begin * row_bytes, bytes_.begin() + end * row_bytes,
            result.bytes_.begin());
  return result;
}

bool Tensor::operator==(const Tensor& other) const {
  return type_ == other.type_ && shape_ == other.shape_ && bytes_ == other.bytes_;
}

void Tensor::check_element_type(DataType requested) const {
  if (requested != type_) {
    throw Error(std::string("a ") + driver::to_string(type_) + " tensor accessed as " +
                driver::to_string(requested));
  }
}

void Tensor::check_value_count(size_t count) const {
  if (static_cast<int64_t>(count) != size()) {
    throw Error(std::to_string(count) + " values for a tensor of shape " + to_string(shape_));
  }
}

}  // namespace tessera::driver
