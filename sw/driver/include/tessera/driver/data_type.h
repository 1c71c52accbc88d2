// Element types of the tensors the driver handles: what quantized int8 inference needs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace tessera::driver {

enum class DataType : uint8_t { kFloat32, kUint8, kInt8, kInt32, kInt64 };

size_t element_size(DataType type);
// The ONNX/NumPy spelling: "float32", "uint8", "int8", "int32", "int64".
std::string to_string(DataType type);

// The DataType of a C++ element type, checked at compile time.
template <class T>
constexpr DataType data_type_of();
template <>
constexpr DataType data_type_of<float>() {
  return DataType::kFloat32;
}
template <>
constexpr DataType data_type_of<uint8_t>() {
  return DataType::kUint8;
}
template <>
constexpr DataType data_type_of<int8_t>() {
  return DataType::kInt8;
}
template <>
constexpr DataType data_type_of<int32_t>() {
  return DataType::kInt32;
}
template <>
constexpr DataType data_type_of<int64_t>() {
  return DataType::kInt64;
}

template <class T>
struct TypeTag {
  using type = T;
};

// Calls visitor(TypeTag<T>{}) with the C++ type T of `type`, for code generic over element types.
template <class Visitor>
decltype(auto) visit_data_type(DataType type, Visitor&& visitor) {
  switch (type) {
    case DataType::kFloat32:
      return visitor(TypeTag<float>{});
    case DataType::kUint8:
      return visitor(TypeTag<uint8_t>{});
    case DataType::kInt8:
      return visitor(TypeTag<int8_t>{});
    case DataType::kInt32:
      return visitor(TypeTag<int32_t>{});
    case DataType::kInt64:
      break;
  }
  return visitor(TypeTag<int64_t>{});
}

}  // namespace tessera::driver
