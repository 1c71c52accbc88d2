#include "layer_model.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "block_configs.h"

namespace tessera {
namespace {

uint64_t ceil_div(uint64_t a, uint64_t b) {
  return (a + b - 1) / b;
}

// Input rows (or columns) that some window of a convolution reads: with a kernel smaller than
// its stride, the windows skip some (a 1x1 stride-2 convolution reads a quarter of the image).
uint64_t touched(uint32_t extent, uint32_t windows, uint32_t kernel, uint32_t stride,
                 uint32_t padding) {
  uint64_t count = 0;
  int64_t counted_to = 0;  // indices below it are counted
  for (uint32_t o = 0; o < windows; ++o) {
    const int64_t begin = int64_t{o} * stride - padding;
    const int64_t first = std::max(begin, counted_to);
    const int64_t last = std::min<int64_t>(begin + kernel, extent);
    if (last > first) {
      count += last - first;
      counted_to = last;
    }
  }
  return count;
}

}  // namespace

GemmShape ConvShape::as_gemm() const {
  return {uint64_t{out_h()} * out_w(), c_out, uint64_t{kernel} * kernel * c_in};
}

const char* Layer::kind() const {
  return std::holds_alternative<GemmShape>(op) ? "gemm" : "conv";
}

std::string Layer::shape_text() const {
  std::ostringstream text;
  if (const auto* g = std::get_if<GemmShape>(&op)) {
    text << "m=" << g->m << " n=" << g->n << " k=" << g->k;
  } else {
    const auto& c = std::get<ConvShape>(op);
    text << c.h << "x" << c.w << "x" << c.c_in << " -> " << c.out_h() << "x" << c.out_w() << "x"
         << c.c_out << " k" << c.kernel << " s" << c.stride << " p" << c.padding;
  }
  return text.str();
}

GemmShape Layer::gemm() const {
  if (const auto* g = std::get_if<GemmShape>(&op)) return *g;
  return std::get<ConvShape>(op).as_gemm();
}

uint64_t Layer::macs() const {
  const GemmShape g = gemm();
  return g.m * g.n * g.k;
}

uint64_t Layer::dram_read_bytes() const {
  if (const auto* c = std::get_if<ConvShape>(&op))  // the image itself, not its im2col copy
    return touched(c->h, c->out_h(), c->kernel, c->stride, c->padding) *
               touched(c->w, c->out_w(), c->kernel, c->stride, c->padding) * c->c_in +
           uint64_t{c->kernel} * c->kernel * c->c_in * c->c_out;
  const GemmShape g = gemm();
  return g.m * g.k + g.k * g.n;
}

uint64_t Layer::dram_write_bytes() const {
  const GemmShape g = gemm();
  return g.m * g.n;
}

double Machine::peak_macs_per_cycle() const {
  return double(tiles) * mxu.rows * mxu.cols;
}

double Machine::dram_bytes_per_cycle() const {
  return dram_channels * dram_channel_bytes_per_cycle;
}

double Machine::noc_dram_bytes_per_cycle() const {
  return double(dram_nodes) * noc_link_bytes * double(dram_packet_bytes) /
         double(dram_packet_bytes + noc_header_bytes);
}

Machine machine_of(const PlatformConfig& config) {
  Machine m;
  m.tiles = config.num_tiles();
  // The engine's timing exactly as the tile builds it (block_configs.cpp, Mxu's constructor).
  const MxuConfig engine = mxu_config(config, {});
  m.mxu = array_timing(engine);
  m.dataflow = engine.dataflow;
  m.clock_hz = config.clock_hz;
  m.dram_channels = config.dram.channels;
  m.dram_channel_bytes_per_cycle = config.dram.bytes_per_cycle;
  // Channel c hangs off node (mesh.x - 1, c * mesh.y / channels) (docs/architecture.md).
  m.dram_nodes = std::min(config.dram.channels, config.mesh.y);
  m.noc_link_bytes = config.noc.link_bytes;
  m.noc_header_bytes = config.noc.header_bytes;
  // A DMA burst, split by the mesh where it crosses a channel's interleave granule.
  m.dram_packet_bytes = std::min<uint64_t>(config.dma.burst_bytes, config.dram.interleave_bytes);
  return m;
}

uint64_t mxu_gemm_cycles(const GemmShape& gemm, const Machine& machine) {
  return mxu::ideal_gemm_cycles(machine.mxu, machine.dataflow, static_cast<uint32_t>(gemm.m),
                                static_cast<uint32_t>(gemm.n), static_cast<uint32_t>(gemm.k))
      .end;
}

uint64_t LayerEstimate::cycles() const {
  return std::max({compute_cycles, dram_cycles, noc_cycles});
}

const char* LayerEstimate::bound() const {
  const uint64_t c = cycles();
  if (compute_cycles == c) return "compute";
  return dram_cycles == c ? "dram" : "noc";
}

LayerEstimate estimate_layer(const Layer& layer, const Machine& machine) {
  LayerEstimate e;
  const GemmShape g = layer.gemm();
  // The better of two ways to share the layer among the tiles: each tile takes whole blocks of
  // the array's columns (with all of k, so sums never cross tiles), or a slice of the rows.
  const uint64_t cols = machine.mxu.cols;
  const uint64_t tile_columns = std::min(g.n, ceil_div(ceil_div(g.n, cols), machine.tiles) * cols);
  const uint64_t by_columns = mxu_gemm_cycles({g.m, tile_columns, g.k}, machine);
  const uint64_t by_rows = mxu_gemm_cycles({ceil_div(g.m, machine.tiles), g.n, g.k}, machine);
  e.compute_cycles = std::min(by_columns, by_rows);

  const uint64_t reads = layer.dram_read_bytes(), writes = layer.dram_write_bytes();
  e.dram_cycles =
      static_cast<uint64_t>(std::ceil(double(reads + writes) / machine.dram_bytes_per_cycle()));

  // A read is a header-only request and a response of header + data; a write the reverse.
  // Responses leave a channel node through its injection link, requests arrive through its
  // ejection link: the busier direction bounds the time.
  const uint64_t header = machine.noc_header_bytes;
  const uint64_t read_packets = ceil_div(reads, machine.dram_packet_bytes);
  const uint64_t write_packets = ceil_div(writes, machine.dram_packet_bytes);
  const uint64_t outbound = reads + (read_packets + write_packets) * header;
  const uint64_t inbound = writes + (read_packets + write_packets) * header;
  e.noc_bytes = outbound + inbound;
  e.noc_cycles =
      ceil_div(std::max(outbound, inbound), uint64_t{machine.dram_nodes} * machine.noc_link_bytes);
  return e;
}

}  // namespace tessera
