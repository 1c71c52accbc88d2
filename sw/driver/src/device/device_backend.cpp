#include "device/device_backend.h"

#include <chrono>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <optional>

#include "evaluate_node.h"
#include "ops/elements.h"
#include "ops/quantization.h"
#include "tessera/abi/kernel_args.h"
#include "tessera/driver/error.h"
#include "tessera/driver/runtime.h"
#include "tessera/driver/window_geometry.h"

namespace tessera::driver {

namespace {

using namespace std::chrono_literals;

constexpr std::chrono::milliseconds kTimeout = 120s;

void check(const Status& status, const std::string& what) {
  if (!status.ok()) throw Error("device backend: " + what + ": " + status.to_string());
}

// One process has one device (docs/driver.md): opened and booted by the first model loaded,
// with its backend's options.
Device& shared_device(const DeviceOptions* options = nullptr) {
  static const std::unique_ptr<Device> device = [&] {
    std::unique_ptr<Device> opened;
    check(Device::open(options ? *options : DeviceOptions{}, &opened), "open");
    check(opened->boot(), "boot");
    return opened;
  }();
  return *device;
}

// A device allocation, freed with its last owner (values alias it through Flatten).
class Buffer {
 public:
  explicit Buffer(uint64_t bytes) : bytes_(bytes) {
    check(shared_device().malloc(&ptr_, bytes), "malloc of " + std::to_string(bytes) + " bytes");
  }
  ~Buffer() { (void)shared_device().free(ptr_); }
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;

  uint32_t addr(uint64_t offset = 0) const { return static_cast<uint32_t>(ptr_ + offset); }
  uint64_t bytes() const { return bytes_; }
  void upload(const void* data, uint64_t bytes) {
    check(shared_device().memcpy_to_device(ptr_, data, bytes), "copy to the device");
  }
  std::vector<uint8_t> download() const {
    std::vector<uint8_t> data(bytes_);
    check(shared_device().memcpy_to_host(data.data(), ptr_, bytes_), "copy to the host");
    return data;
  }

 private:
  DevicePtr ptr_ = 0;
  uint64_t bytes_;
};

std::shared_ptr<Buffer> upload(const std::vector<uint8_t>& data) {
  auto buffer = std::make_shared<Buffer>(data.size());
  buffer->upload(data.data(), data.size());
  return buffer;
}

// Moves the channels of 4-D tensors (n, c, h*w) between NCHW (ONNX) and NHWC (the kernels).
std::vector<uint8_t> move_channels(const std::vector<uint8_t>& in, const Shape& nchw,
                                   size_t element, bool to_last) {
  const int64_t n = nchw[0], c = nchw[1], hw = nchw[2] * nchw[3];
  std::vector<uint8_t> out(in.size());
  for (int64_t i = 0; i < n; ++i)
    for (int64_t ch = 0; ch < c; ++ch)
      for (int64_t p = 0; p < hw; ++p) {
        const int64_t first = (i * c + ch) * hw + p, last = (i * hw + p) * c + ch;
        std::memcpy(&out[(to_last ? last : first) * element],
                    &in[(to_last ? first : last) * element], element);
      }
  return out;
}

// A value of the run: on the host, on the device, or both. 4-D values live on the device as
// NHWC; a Flatten of one keeps those bytes (`channels_last` with the NCHW shape they came from).
struct Value {
  DataType type;
  Shape shape;
  std::optional<Tensor> host;
  std::shared_ptr<Buffer> device;
  bool channels_last = false;
  Shape nchw;
};

// An input the device cannot take as it is: the node runs on the host instead.
struct Fallback {
  std::string reason;
};

bool is_8bit(DataType type) {
  return type == DataType::kUint8 || type == DataType::kInt8;
}

// The multiplier and shift that make the VPU's integer requantization equal ONNX's
// rint(acc * m) in double: a float32 m is exactly mantissa * 2^-shift with a 24-bit mantissa,
// so the 64-bit product rounds half to even as rint does (exact while |acc| < 2^29).
tsr_channel_params channel_params(float m, int32_t bias) {
  if (m == 0.0f) return {bias, 0, 0};
  int exponent = 0;
  const double fraction = std::frexp(static_cast<double>(m), &exponent);
  int64_t mantissa = static_cast<int64_t>(std::ldexp(fraction, 24));
  int shift = 24 - exponent;
  for (; shift < 0 && mantissa < (int64_t{1} << 30); ++shift) mantissa <<= 1;
  if (shift < 0 || shift > 63 || m < 0.0f)
    throw Fallback{"requantization multiplier " + std::to_string(m) + " out of the VPU's range"};
  return {bias, static_cast<int32_t>(mantissa), static_cast<uint32_t>(shift)};
}

class DeviceModel final : public LoadedModel {
 public:
  DeviceModel(const Graph& graph, const BackendOptions& options)
      : graph_(graph), options_(options) {
    check(shared_device(&options.device).create_stream(&stream_), "create a stream");
    for (const Node& node : graph.nodes)
      profile_.push_back(NodeProfile{node.name, node.op_type, false, "", 0, 0});
  }

  std::vector<Tensor> run(const std::vector<Tensor>& inputs) override {
    std::map<std::string, Value> values;
    for (const auto& [name, tensor] : graph_.initializers) values[name] = host_value(tensor);
    if (inputs.size() != graph_.inputs.size())
      throw Error("the model takes " + std::to_string(graph_.inputs.size()) + " inputs, not " +
                  std::to_string(inputs.size()));
    for (size_t i = 0; i < inputs.size(); ++i) values[graph_.inputs[i]] = host_value(inputs[i]);
    launches_.clear();
    for (size_t i = 0; i < graph_.nodes.size(); ++i) run_node(i, values);
    check(stream_.synchronize(kTimeout), "run");
    keep_.clear();
    for (const auto& [node, event] : launches_)
      for (const OpProfile& op : event.ops()) profile_[node].device_cycles += op.cycles;
    std::vector<Tensor> outputs;
    for (const std::string& name : graph_.outputs) outputs.push_back(host_tensor(values.at(name)));
    return outputs;
  }

  std::vector<NodeProfile> profile() const override { return profile_; }

 private:
  static Value host_value(const Tensor& tensor) {
    return Value{tensor.type(), tensor.shape(), tensor, nullptr, false, {}};
  }

  const Tensor& host_tensor(Value& value) {
    if (!value.host) {
      std::vector<uint8_t> bytes = value.device->download();
      Tensor tensor(value.type, value.channels_last ? value.nchw : value.shape);
      tensor.bytes() = value.channels_last
                           ? move_channels(bytes, value.nchw, element_size(value.type), false)
                           : bytes;
      value.host = tensor.reshaped(value.shape);
    }
    return *value.host;
  }

  // The value on the device, 4-D ones as NHWC.
  const Buffer& device_buffer(Value& value) {
    if (!value.device) {
      const Tensor& tensor = *value.host;
      value.channels_last = tensor.shape().size() == 4;
      value.nchw = value.channels_last ? tensor.shape() : Shape{};
      value.device = upload(value.channels_last ? move_channels(tensor.bytes(), tensor.shape(),
                                                                element_size(tensor.type()), true)
                                                : tensor.bytes());
    }
    return *value.device;
  }

  // Weights and argument blocks that depend on initializers only are made once per model.
  std::shared_ptr<Buffer> constant(const Node& node, const std::string& what,
                                   const std::vector<std::string>& sources,
                                   const std::function<std::vector<uint8_t>()>& make) {
    bool cacheable = true;
    for (const std::string& source : sources)
      cacheable = cacheable && (source.empty() || graph_.initializers.count(source));
    const std::string key = node.name + "/" + what;
    if (cacheable && constants_.count(key)) return constants_.at(key);
    std::shared_ptr<Buffer> buffer = upload(make());
    if (cacheable) constants_[key] = buffer;
    return buffer;
  }

  void run_node(size_t index, std::map<std::string, Value>& values) {
    const Node& node = graph_.nodes[index];
    NodeProfile& profile = profile_[index];
    ++profile.runs;
    try {
      values[node.outputs[0]] = lower(index, values);
      profile.on_device = true;
      return;
    } catch (const Fallback& fallback) {
      profile.fallback_reason = fallback.reason;
    }
    std::map<std::string, Tensor> known;
    for (const std::string& input : node.inputs)
      if (!input.empty()) known[input] = host_tensor(values.at(input));
    values[node.outputs[0]] = host_value(evaluate_node(graph_, node, known));
  }

  // The node on the device; Fallback when the device has no op for it.
  Value lower(size_t index, std::map<std::string, Value>& values) {
    const Node& node = graph_.nodes[index];
    auto input = [&](size_t i) -> Value& { return values.at(node.inputs.at(i)); };
    if (node.op_type == "QLinearConv" || node.op_type == "ConvInteger")
      return lower_conv(index, values);
    if (node.op_type == "QLinearMatMul" || node.op_type == "MatMulInteger")
      return lower_matmul(index, values);
    if (node.op_type == "MaxPool") return lower_max_pool(index, input(0));
    // On the device a Flatten is the same bytes seen with another shape.
    if (node.op_type == "Flatten" && input(0).device) {
      Value& in = input(0);
      const Tensor shaped =
          evaluate_node(graph_, node, {{node.inputs[0], Tensor(in.type, in.shape)}});
      Value out = in;
      out.host.reset();
      out.shape = shaped.shape();
      return out;
    }
    throw Fallback{"no device op"};
  }

  struct Quantized {
    tsr_quant quant{};
    bool requantize = false;
    DataType out_type = DataType::kInt32;
    int32_t out_zero_point = 0;
    std::vector<tsr_channel_params> params;
    std::vector<uint8_t> b_zero_points;  // per output channel, or empty
  };

  // The quantization of a QLinear* node (x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp,
  // [bias]) or an *Integer one (x, w, [x_zp], [w_zp]) with `channels` output channels.
  Quantized quantization(const Node& node, std::map<std::string, Value>& values, int64_t channels) {
    const bool qlinear = node.op_type.rfind("QLinear", 0) == 0;
    auto tensor = [&](size_t i) -> const Tensor* {
      return node.has_input(i) ? &host_tensor(values.at(node.inputs[i])) : nullptr;
    };
    const size_t a = 0, b = qlinear ? 3 : 1;
    const Tensor* a_zp = tensor(2);  // x_zero_point in both
    const Tensor* b_zp = tensor(qlinear ? 5 : 3);
    Quantized q;
    const DataType a_type = values.at(node.inputs[a]).type, b_type = values.at(node.inputs[b]).type;
    if (!is_8bit(a_type) || !is_8bit(b_type)) throw Fallback{"operands not 8-bit"};
    q.quant.types = (a_type == DataType::kUint8 ? TSR_QUANT_A_UNSIGNED : 0) |
                    (b_type == DataType::kUint8 ? TSR_QUANT_B_UNSIGNED : 0);
    q.quant.a_zero_point = ops::scalar_zero_point(a_zp);
    const std::vector<int32_t> b_zps = b_zp ? ops::integer_values(*b_zp) : std::vector<int32_t>{0};
    if (b_zps.size() == 1) {
      q.quant.b_zero_point = b_zps[0];
    } else {
      for (int32_t zp : b_zps) q.b_zero_points.push_back(static_cast<uint8_t>(zp));
    }
    if (!qlinear) return q;
    const ops::QuantizationParams x = ops::read_quantization_params(*tensor(1), a_zp);
    const ops::QuantizationParams w = ops::read_quantization_params(*tensor(4), b_zp);
    const ops::QuantizationParams y = ops::read_quantization_params(*tensor(6), tensor(7));
    const Tensor* bias = tensor(8);
    q.requantize = true;
    q.out_type = tensor(7) ? tensor(7)->type() : DataType::kUint8;
    q.out_zero_point = y.zero_point(0);
    for (int64_t c = 0; c < channels; ++c) {
      const float m = ops::requantization_multiplier(x.scale(0), w.scale(c), y.scale(0));
      q.params.push_back(channel_params(m, bias ? bias->data<int32_t>()[c] : 0));
    }
    return q;
  }

  // The args block `args` followed by the tables it names, at their device addresses.
  template <class Args>
  static std::shared_ptr<Buffer> args_block(Args args, const Quantized& q) {
    const size_t params_bytes = q.params.size() * sizeof(tsr_channel_params);
    const size_t bytes = sizeof(Args) + params_bytes + q.b_zero_points.size();
    auto buffer = std::make_shared<Buffer>(bytes);
    args.quant = q.quant;
    args.requant.params = q.requantize ? buffer->addr(sizeof(Args)) : 0;
    args.requant.flags = q.out_type == DataType::kUint8 ? TSR_REQUANT_OUT_UNSIGNED : 0;
    args.requant.zero_point = q.out_zero_point;
    args.quant.b_zero_points =
        q.b_zero_points.empty() ? 0 : buffer->addr(sizeof(Args) + params_bytes);
    std::vector<uint8_t> data(bytes);
    std::memcpy(data.data(), &args, sizeof(Args));
    // memcpy from an empty vector's data() (null) is undefined even for 0 bytes.
    if (params_bytes) std::memcpy(data.data() + sizeof(Args), q.params.data(), params_bytes);
    if (!q.b_zero_points.empty())
      std::memcpy(data.data() + sizeof(Args) + params_bytes, q.b_zero_points.data(),
                  q.b_zero_points.size());
    buffer->upload(data.data(), bytes);
    return buffer;
  }

  static tsr_command command(uint16_t opcode, std::initializer_list<tsr_operand> operands) {
    tsr_command c{};
    c.opcode = opcode;
    c.tile_mask = kAllTiles;
    std::copy(operands.begin(), operands.end(), c.operands);
    return c;
  }

  void launch(size_t index, const CommandList& list) {
    const Node& node = graph_.nodes[index];
    const bool observed = options_.before_node || options_.after_node;
    if (observed) check(stream_.synchronize(kTimeout), describe(node));
    if (options_.before_node) options_.before_node(node);
    Event event;
    check(stream_.launch(list, &event), describe(node));
    launches_.emplace_back(index, event);
    if (!observed) return;
    check(event.synchronize(kTimeout), describe(node));
    if (options_.after_node) options_.after_node(node, event.ops());
  }

  Value lower_conv(size_t index, std::map<std::string, Value>& values) {
    const Node& node = graph_.nodes[index];
    const bool qlinear = node.op_type == "QLinearConv";
    Value& x = values.at(node.inputs[0]);
    const std::string& w_name = node.inputs[qlinear ? 3 : 1];
    Value& w = values.at(w_name);
    if (x.shape.size() != 4) throw Fallback{"not a 2-D convolution"};
    if (node.int_attribute("group", 1) != 1) throw Fallback{"grouped convolution"};
    const Shape& ws = w.shape;
    const WindowGeometry g =
        resolve_window_geometry(node, {x.shape[2], x.shape[3]}, {ws[2], ws[3]}, false);
    for (size_t i = 0; i < 2; ++i) {
      if (g.dilations[i] != 1) throw Fallback{"dilated convolution"};
      if (g.strides[i] != g.strides[0] || g.pads_begin[i] != g.pads_begin[0] ||
          g.pads_end[i] != g.pads_begin[0])
        throw Fallback{"strides or pads that differ between axes or sides"};
    }
    const int64_t n = x.shape[0], cin = x.shape[1], cout = ws[0];
    const Quantized q = quantization(node, values, cout);
    const tsr_conv_args args{static_cast<uint32_t>(x.shape[2]),
                             static_cast<uint32_t>(x.shape[3]),
                             static_cast<uint32_t>(cin),
                             static_cast<uint32_t>(cout),
                             static_cast<uint32_t>(ws[2]),
                             static_cast<uint32_t>(ws[3]),
                             static_cast<uint32_t>(g.strides[0]),
                             static_cast<uint32_t>(g.pads_begin[0]),
                             {},
                             {}};
    // OIHW to HWIO: the GEMM's B, one row per (ky, kx, ci).
    auto weights = constant(node, "weights", {w_name}, [&] {
      const Tensor& t = host_tensor(w);
      const int64_t khw = ws[2] * ws[3];
      std::vector<uint8_t> hwio(t.bytes().size());
      for (int64_t o = 0; o < cout; ++o)
        for (int64_t i = 0; i < cin; ++i)
          for (int64_t p = 0; p < khw; ++p)
            hwio[(p * cin + i) * cout + o] = t.bytes()[(o * cin + i) * khw + p];
      return hwio;
    });
    auto args_buffer = args_block(args, q);
    const Buffer& in = device_buffer(x);
    const int64_t out_h = g.output[0], out_w = g.output[1];
    const uint64_t in_bytes = x.shape[1] * x.shape[2] * x.shape[3];
    const uint64_t out_bytes = out_h * out_w * cout * element_size(q.out_type);
    Value out{q.out_type,   {n, cout, out_h, out_w},
              std::nullopt, std::make_shared<Buffer>(n * out_bytes),
              true,         {n, cout, out_h, out_w}};
    CommandList list;
    for (int64_t i = 0; i < n; ++i)
      list.add(command(TSR_OP_CONV_I8,
                       {{out.device->addr(i * out_bytes), static_cast<uint32_t>(out_bytes)},
                        {in.addr(i * in_bytes), static_cast<uint32_t>(in_bytes)},
                        {weights->addr(), static_cast<uint32_t>(weights->bytes())},
                        {args_buffer->addr(), static_cast<uint32_t>(args_buffer->bytes())}}));
    launch(index, list);
    keep_.push_back(args_buffer);
    keep_.push_back(weights);
    return out;
  }

  Value lower_matmul(size_t index, std::map<std::string, Value>& values) {
    const Node& node = graph_.nodes[index];
    const bool qlinear = node.op_type == "QLinearMatMul";
    Value& a = values.at(node.inputs[0]);
    const std::string& b_name = node.inputs[qlinear ? 3 : 1];
    Value& b = values.at(b_name);
    const size_t ar = a.shape.size(), br = b.shape.size();
    if (ar < 2 || br < 2 ||
        (br > 2 && (ar != br || !std::equal(a.shape.begin(), a.shape.end() - 2, b.shape.begin()))))
      throw Fallback{"matmul shapes other than [..., M, K] x [K, N] or equal batches"};
    if (a.channels_last && a.shape.size() != 2) throw Fallback{"a channels-last 4-D operand"};
    const int64_t k = a.shape[ar - 1], n = b.shape[br - 1];
    const int64_t batches = br == 2 ? 1 : element_count(Shape(b.shape.begin(), b.shape.end() - 2));
    const int64_t m = element_count(a.shape) / k / batches;
    const Quantized q = quantization(node, values, n);
    // A Flatten of a channels-last image orders A's columns (y, x, c): B's rows follow.
    const bool permute = a.channels_last;
    const Shape nchw = a.nchw;
    auto weights = constant(node, permute ? "weights_hwc" : "weights", {b_name}, [&] {
      const Tensor& t = host_tensor(b);
      if (!permute) return t.bytes();
      std::vector<uint8_t> rows(t.bytes().size());
      const int64_t c = nchw[1], hw = nchw[2] * nchw[3];
      for (int64_t ch = 0; ch < c; ++ch)
        for (int64_t p = 0; p < hw; ++p)
          std::memcpy(&rows[(p * c + ch) * n], &t.bytes()[(ch * hw + p) * n], n);
      return rows;
    });
    const uint32_t out_element = element_size(q.out_type);
    const tsr_gemm_args args{static_cast<uint32_t>(m),
                             static_cast<uint32_t>(n),
                             static_cast<uint32_t>(k),
                             static_cast<uint32_t>(k),
                             static_cast<uint32_t>(n),
                             static_cast<uint32_t>(n * out_element),
                             {},
                             {}};
    auto args_buffer = args_block(args, q);
    const Buffer& in = device_buffer(a);
    Shape out_shape(a.shape.begin(), a.shape.end() - 1);
    out_shape.push_back(n);
    Value out{q.out_type,   out_shape,
              std::nullopt, std::make_shared<Buffer>(batches * m * n * out_element),
              false,        {}};
    const uint64_t a_bytes = m * k, b_bytes = k * n, c_bytes = m * n * out_element;
    CommandList list;
    for (int64_t i = 0; i < batches; ++i)
      list.add(command(TSR_OP_GEMM_I8,
                       {{out.device->addr(i * c_bytes), static_cast<uint32_t>(c_bytes)},
                        {in.addr(i * a_bytes), static_cast<uint32_t>(a_bytes)},
                        {weights->addr(i * b_bytes), static_cast<uint32_t>(b_bytes)},
                        {args_buffer->addr(), static_cast<uint32_t>(args_buffer->bytes())}}));
    launch(index, list);
    keep_.push_back(args_buffer);
    keep_.push_back(weights);
    return out;
  }

  Value lower_max_pool(size_t index, Value& x) {
    const Node& node = graph_.nodes[index];
    if (node.outputs.size() > 1) throw Fallback{"MaxPool's Indices output"};
    if (x.shape.size() != 4 || !is_8bit(x.type)) throw Fallback{"not a 2-D pool of 8-bit values"};
    const std::vector<int64_t> kernel = node.ints_attribute("kernel_shape", {});
    const WindowGeometry g = resolve_window_geometry(node, {x.shape[2], x.shape[3]}, kernel,
                                                     node.int_attribute("ceil_mode", 0) != 0);
    for (size_t i = 0; i < 2; ++i) {
      if (g.dilations[i] != 1 || node.int_attribute("ceil_mode", 0) != 0)
        throw Fallback{"dilation or ceil_mode"};
      if (g.pads_begin[i] >= kernel[i] || g.pads_end[i] >= kernel[i] || kernel[i] > 255 ||
          g.strides[i] > 255)
        throw Fallback{"padding not smaller than the window, or a window above 255"};
    }
    const int64_t n = x.shape[0], c = x.shape[1], out_h = g.output[0], out_w = g.output[1];
    const Buffer& in = device_buffer(x);
    const uint64_t in_bytes = c * x.shape[2] * x.shape[3], out_bytes = c * out_h * out_w;
    Value out{x.type, {n, c, out_h, out_w}, std::nullopt, std::make_shared<Buffer>(n * out_bytes),
              true,   {n, c, out_h, out_w}};
    CommandList list;
    for (int64_t i = 0; i < n; ++i) {
      tsr_command cmd = command(
          TSR_OP_MAXPOOL_8, {{out.device->addr(i * out_bytes), static_cast<uint32_t>(out_bytes)},
                             {in.addr(i * in_bytes), static_cast<uint32_t>(in_bytes)}});
      const uint32_t params[TSR_PARAMS] = {
          static_cast<uint32_t>(x.shape[2]),
          static_cast<uint32_t>(x.shape[3]),
          static_cast<uint32_t>(c),
          TSR_POOL_WINDOW(kernel[0], kernel[1], g.strides[0], g.strides[1]),
          TSR_POOL_PADDING(g.pads_begin[0], g.pads_begin[1], g.pads_end[0], g.pads_end[1]),
          x.type == DataType::kUint8 ? 1u : 0u};
      std::copy(params, params + TSR_PARAMS, cmd.params);
      list.add(cmd);
    }
    launch(index, list);
    return out;
  }

  const Graph& graph_;
  Stream stream_;
  const BackendOptions options_;
  std::vector<NodeProfile> profile_;
  std::map<std::string, std::shared_ptr<Buffer>> constants_;
  std::vector<std::pair<size_t, Event>> launches_;
  std::vector<std::shared_ptr<Buffer>> keep_;  // what queued launches still read
};

class DeviceBackend final : public Backend {
 public:
  explicit DeviceBackend(const BackendOptions& options) : options_(options) {}
  std::string name() const override { return "device"; }
  std::unique_ptr<LoadedModel> load(const Graph& graph) const override {
    return std::make_unique<DeviceModel>(graph, options_);
  }

 private:
  const BackendOptions options_;
};

}  // namespace

std::unique_ptr<Backend> make_device_backend(const BackendOptions& options) {
  return std::make_unique<DeviceBackend>(options);
}

}  // namespace tessera::driver
