// Conversions between ONNX protobuf messages and the driver's Tensor and DataType.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "tessera/driver/graph.h"

namespace tessera::driver::onnx_format {

// The DataType of an ONNX TensorProto.DataType; UnsupportedError naming `what` otherwise.
DataType data_type_from_onnx(int32_t onnx_type, const std::string& what);
onnx::TensorProto::DataType data_type_to_onnx(DataType type);

// The tensor a TensorProto holds (raw_data or the typed fields); `what` names it in errors
// ("initializer 'w'"), which are InvalidModelError for inconsistent data and UnsupportedError
// for types or storage Tessera does not read.
Tensor tensor_from_proto(const onnx::TensorProto& proto, const std::string& what);

// A TensorProto with the tensor in raw_data, named `name`.
onnx::TensorProto tensor_to_proto(const Tensor& tensor, const std::string& name);

}  // namespace tessera::driver::onnx_format
