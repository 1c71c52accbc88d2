#include "onnx_format/tensor_proto.h"

#include <algorithm>

#include "tessera/driver/error.h"

namespace tessera::driver::onnx_format {

namespace {

// How many elements the proto stores, in raw_data or in the typed field for its type (ONNX keeps
// int8 and uint8 in int32_data).
int64_t stored_elements(const onnx::TensorProto& proto, DataType type) {
  if (proto.has_raw_data()) return proto.raw_data().size() / element_size(type);
  if (type == DataType::kFloat32) return proto.float_data_size();
  if (type == DataType::kInt64) return proto.int64_data_size();
  return proto.int32_data_size();
}

template <class Field>
void copy_typed_field(const Field& field, Tensor& tensor) {
  visit_data_type(tensor.type(), [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* elements = tensor.data<T>();
    for (int i = 0; i < field.size(); ++i) elements[i] = static_cast<T>(field.Get(i));
  });
}

}  // namespace

DataType data_type_from_onnx(int32_t onnx_type, const std::string& what) {
  switch (onnx_type) {
    case onnx::TensorProto::FLOAT:
      return DataType::kFloat32;
    case onnx::TensorProto::UINT8:
      return DataType::kUint8;
    case onnx::TensorProto::INT8:
      return DataType::kInt8;
    case onnx::TensorProto::INT32:
      return DataType::kInt32;
    case onnx::TensorProto::INT64:
      return DataType::kInt64;
    default:
      break;
  }
  const std::string name = onnx::TensorProto::DataType_IsValid(onnx_type)
                               ? onnx::TensorProto::DataType_Name(onnx_type)
                               : "unknown (" + std::to_string(onnx_type) + ")";
  throw UnsupportedError(what + " has the element type " + name +
                         ", which is not supported (supported: FLOAT, UINT8, INT8, INT32, INT64)");
}

onnx::TensorProto::DataType data_type_to_onnx(DataType type) {
  switch (type) {
    case DataType::kFloat32:
      return onnx::TensorProto::FLOAT;
    case DataType::kUint8:
      return onnx::TensorProto::UINT8;
    case DataType::kInt8:
      return onnx::TensorProto::INT8;
    case DataType::kInt32:
      return onnx::TensorProto::INT32;
    case DataType::kInt64:
      break;
  }
  return onnx::TensorProto::INT64;
}

Tensor tensor_from_proto(const onnx::TensorProto& proto, const std::string& what) {
  if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
    throw UnsupportedError(what + " keeps its data in an external file, which is not supported");
  }
  if (proto.has_segment()) {
    throw UnsupportedError(what + " is segmented, which is not supported");
  }
  const DataType type = data_type_from_onnx(proto.data_type(), what);
  const Shape shape(proto.dims().begin(), proto.dims().end());
  const int64_t count = valid_element_count(shape);
  if (count < 0) throw InvalidModelError(what + " has the impossible shape " + to_string(shape));
  const bool exact_raw_size =
      !proto.has_raw_data() || proto.raw_data().size() % element_size(type) == 0;
  if (!exact_raw_size || stored_elements(proto, type) != count) {
    throw InvalidModelError(what + " holds " +
                            (proto.has_raw_data()
                                 ? std::to_string(proto.raw_data().size()) + " bytes of raw_data"
                                 : std::to_string(stored_elements(proto, type)) + " values") +
                            "; " + to_string(type) + " " + to_string(shape) + " needs " +
                            std::to_string(count) + " elements");
  }
  Tensor tensor(type, shape);
  if (proto.has_raw_data()) {
    std::copy(proto.raw_data().begin(), proto.raw_data().end(), tensor.bytes().begin());
  } else if (type == DataType::kFloat32) {
    copy_typed_field(proto.float_data(), tensor);
  } else if (type == DataType::kInt64) {
    copy_typed_field(proto.int64_data(), tensor);
  } else {
    copy_typed_field(proto.int32_data(), tensor);
  }
  return tensor;
}

onnx::TensorProto tensor_to_proto(const Tensor& tensor, const std::string& name) {
  onnx::TensorProto proto;
  proto.set_name(name);
  proto.set_data_type(data_type_to_onnx(tensor.type()));
  for (int64_t dim : tensor.shape()) proto.add_dims(dim);
  proto.set_raw_data(tensor.bytes().data(), tensor.bytes().size());
  return proto;
}

}  // namespace tessera::driver::onnx_format
