// Tensor files: NumPy .npy and ONNX TensorProto, read and written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <onnx/onnx_pb.h>

#include "tessera/driver/error.h"
#include "tessera/driver/tensor_io.h"

namespace tessera::driver {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

// A .npy file as NumPy writes it, with a header of the given version and text.
std::string npy_file(int version, const std::string& header, const std::string& data) {
  std::string bytes = "\x93NUMPY";
  bytes.push_back(static_cast<char>(version));
  bytes.push_back('\0');
  const size_t length_bytes = version == 1 ? 2 : 4;
  for (size_t i = 0; i < length_bytes; ++i)
    bytes.push_back(static_cast<char>(header.size() >> (8 * i)));
  return bytes + header + data;
}

TEST(TensorIo, NpyRoundTripsEveryElementType) {
  const std::vector<Tensor> tensors = {
      Tensor::from_values<float>({2, 2}, {1.5f, -2.0f, 0.0f, 3.25f}),
      Tensor::from_values<uint8_t>({3}, {0, 128, 255}),
      Tensor::from_values<int8_t>({1, 3}, {-128, 0, 127}), Tensor::from_values<int32_t>({}, {-7}),
      Tensor::from_values<int64_t>({2, 1, 1}, {1LL << 40, -3})};
  for (const Tensor& tensor : tensors) {
    const std::string bytes = serialize_npy(tensor);
    EXPECT_EQ(bytes.find('\n') % 64, 63u) << "data starts 64-byte aligned";
    EXPECT_EQ(parse_npy(bytes, "t.npy"), tensor) << to_string(tensor.type());
  }
}

TEST(TensorIo, ReadsNpyVersion2Headers) {
  const std::string header = "{'descr': '<i4', 'fortran_order': False, 'shape': (2,), }\n";
  const Tensor tensor =
      parse_npy(npy_file(2, header, std::string("\x01\0\0\0\xff\xff\xff\xff", 8)), "v2.npy");
  EXPECT_EQ(tensor, Tensor::from_values<int32_t>({2}, {1, -1}));
}

TEST(TensorIo, ReadsTheDigitsTestSplitWrittenByNumPy) {
  const Tensor labels = read_tensor_file(TESSERA_MODELS_DIR "/digits/test_split/labels.npy");
  EXPECT_EQ(labels.type(), DataType::kInt64);
  ASSERT_EQ(labels.shape().size(), 1u);
  const Tensor images = read_tensor_file(TESSERA_MODELS_DIR "/digits/test_split/inputs.npy");
  EXPECT_EQ(images.type(), DataType::kFloat32);
  EXPECT_EQ(images.shape(), (Shape{labels.shape()[0], 1, 8, 8}));
}

TEST(TensorIo, NpyErrorsNameTheFile) {
  const std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }\n";
  EXPECT_THAT([&] { parse_npy(npy_file(1, header, std::string(12, '\0')), "short.npy"); },
              ThrowsMessage<FileFormatError>(
                  HasSubstr("short.npy: float32 [2,2] does not fit the 12 bytes of data")));
  EXPECT_THAT([] { parse_npy("\x93NUMPY\x01", "cut.npy"); },
              ThrowsMessage<FileFormatError>(HasSubstr("cut.npy")));
  EXPECT_THAT(
      [] { parse_npy(npy_file(1, "{'descr': '<f4', }", ""), "h.npy"); },
      ThrowsMessage<FileFormatError>(HasSubstr("h.npy: bad NumPy header: no 'fortran_order'")));
}

TEST(TensorIo, UnsupportedNpyLayoutsAreNamed) {
  EXPECT_THAT(
      [] {
        parse_npy(npy_file(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", "abcd"),
                  "big.npy");
      },
      ThrowsMessage<UnsupportedError>(HasSubstr("big.npy: NumPy element type '>f4'")));
  EXPECT_THAT(
      [] {
        parse_npy(npy_file(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }", "abcd"),
                  "f.npy");
      },
      ThrowsMessage<UnsupportedError>(HasSubstr("f.npy: Fortran-ordered")));
}

TEST(TensorIo, TensorProtoRoundTrips) {
  const Tensor tensor = Tensor::from_values<uint8_t>({2, 3}, {1, 2, 3, 4, 5, 255});
  onnx::TensorProto proto;
  ASSERT_TRUE(proto.ParseFromString(serialize_tensor_proto(tensor, "y")));
  EXPECT_EQ(proto.name(), "y");
  EXPECT_EQ(parse_tensor_proto(proto.SerializeAsString(), "y.pb"), tensor);
}

TEST(TensorIo, ReadsTypedTensorProtoFields) {
  onnx::TensorProto proto;
  proto.set_data_type(onnx::TensorProto::INT8);
  proto.add_dims(3);
  for (int value : {-5, 0, 100}) proto.add_int32_data(value);
  EXPECT_EQ(parse_tensor_proto(proto.SerializeAsString(), "t.pb"),
            Tensor::from_values<int8_t>({3}, {-5, 0, 100}));
}

TEST(TensorIo, TensorProtoErrorsNameTheFile) {
  const std::string bytes =
      serialize_tensor_proto(Tensor::from_values<float>({4}, {1, 2, 3, 4}), "x");
  EXPECT_THAT([&] { parse_tensor_proto(bytes.substr(0, bytes.size() - 3), "cut.pb"); },
              ThrowsMessage<FileFormatError>(HasSubstr("cut.pb: not a TensorProto: truncated")));
  EXPECT_THAT([] { parse_tensor_proto("", "empty.pb"); },
              ThrowsMessage<FileFormatError>(
                  HasSubstr("empty.pb: not a TensorProto: it has no data type")));
  onnx::TensorProto proto;
  proto.set_data_type(onnx::TensorProto::FLOAT);
  proto.add_dims(2);
  proto.add_float_data(1);
  EXPECT_THAT(
      [&] { parse_tensor_proto(proto.SerializeAsString(), "few.pb"); },
      ThrowsMessage<FileFormatError>(HasSubstr("few.pb holds 1 values; float32 [2] needs 2")));
}

TEST(TensorIo, FilesAreToldApartByContent) {
  const Tensor tensor = Tensor::from_values<int32_t>({2}, {7, 8});
  const std::string npy = ::testing::TempDir() + "t.npy", pb = ::testing::TempDir() + "t.pb";
  write_npy_file(npy, tensor);
  write_tensor_proto_file(pb, tensor, "t");
  EXPECT_EQ(read_tensor_file(npy), tensor);
  EXPECT_EQ(read_tensor_file(pb), tensor);
  EXPECT_THAT([] { read_tensor_file("/nonexistent/t.pb"); },
              ThrowsMessage<Error>(HasSubstr("/nonexistent/t.pb: cannot open")));
}

}  // namespace
}  // namespace tessera::driver
