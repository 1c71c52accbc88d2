// Tensor files: ONNX TensorProto (.pb, as in the ONNX test data) and NumPy .npy (format 1.0 to
// 3.0; float32, uint8, int8, int32, int64; little-endian, C order). Errors name the file:
// FileFormatError for a malformed file, UnsupportedError for a valid one Tessera cannot read.
#pragma once

#include <string>

#include "tessera/driver/tensor.h"

namespace tessera::driver {

// Reads either kind, told apart by the NumPy magic string.
Tensor read_tensor_file(const std::string& path);

Tensor parse_tensor_proto(const std::string& bytes, const std::string& source);
Tensor parse_npy(const std::string& bytes, const std::string& source);

// A serialized TensorProto named `name` (ONNX test data names each tensor after its value).
std::string serialize_tensor_proto(const Tensor& tensor, const std::string& name);
// NumPy format 1.0.
std::string serialize_npy(const Tensor& tensor);

void write_tensor_proto_file(const std::string& path, const Tensor& tensor,
                             const std::string& name);
void write_npy_file(const std::string& path, const Tensor& tensor);

}  // namespace tessera::driver
