#include <onnx/onnx_pb.h>

#include "io/file_bytes.h"
#include "io/npy.h"
#include "onnx_format/tensor_proto.h"
#include "onnx_format/wire_format.h"
#include "tessera/driver/error.h"
#include "tessera/driver/tensor_io.h"

namespace tessera::driver {

Tensor read_tensor_file(const std::string& path) {
  const std::string bytes = io::read_file_bytes(path);
  return io::has_npy_magic(bytes) ? parse_npy(bytes, path) : parse_tensor_proto(bytes, path);
}

Tensor parse_tensor_proto(const std::string& bytes, const std::string& source) {
  onnx::TensorProto proto;
  if (!proto.ParseFromString(bytes)) {
    throw FileFormatError(source +
                          ": not a TensorProto: " + onnx_format::wire_format_problem(bytes));
  }
  if (proto.data_type() == onnx::TensorProto::UNDEFINED) {
    throw FileFormatError(source + ": not a TensorProto: it has no data type");
  }
  try {
    return onnx_format::tensor_from_proto(proto, source);
  } catch (const InvalidModelError& error) {
    throw FileFormatError(error.what());
  }
}

std::string serialize_tensor_proto(const Tensor& tensor, const std::string& name) {
  return onnx_format::tensor_to_proto(tensor, name).SerializeAsString();
}

void write_tensor_proto_file(const std::string& path, const Tensor& tensor,
                             const std::string& name) {
  io::write_file_bytes(path, serialize_tensor_proto(tensor, name));
}

void write_npy_file(const std::string& path, const Tensor& tensor) {
  io::write_file_bytes(path, serialize_npy(tensor));
}

}  // namespace tessera::driver
