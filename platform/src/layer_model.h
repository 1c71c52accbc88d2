// Layers of a workload (GEMM, convolution) and the analytic model that cross-checks the
// simulator: MACs, the matrix engine's compute cycles, the bytes a layer must move, and the
// roofline of the chip (docs/scenarios.md derives every formula).
//
// Data are int8 (activations, weights, outputs) as on the chip; accumulation is int32 inside
// the engine and never reaches memory.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "config.h"
#include "mxu/systolic_timing.h"

namespace tessera {

// C[m x n] = A[m x k] x W[k x n]: m activation rows, k the reduction, n output columns.
struct GemmShape {
  uint64_t m = 0, n = 0, k = 0;
};

// A 2-D convolution of one h x w x c_in image (batch 1) with a square kernel.
struct ConvShape {
  uint32_t h = 0, w = 0, c_in = 0, c_out = 0;
  uint32_t kernel = 0, stride = 1, padding = 0;

  uint32_t out_h() const { return (h + 2 * padding - kernel) / stride + 1; }
  uint32_t out_w() const { return (w + 2 * padding - kernel) / stride + 1; }
  // The GEMM it lowers to (im2col): one row per output pixel, one column per output channel.
  GemmShape as_gemm() const;
};

struct Layer {
  std::string name;
  std::variant<GemmShape, ConvShape> op;

  const char* kind() const;        // "gemm", "conv"
  std::string shape_text() const;  // "m=128 n=768 k=768", "56x56x64 -> 56x56x64 k3 s1 p1"
  GemmShape gemm() const;
  uint64_t macs() const;
  // Compulsory DRAM traffic: the inputs some window reads and the weights, read once; the
  // outputs, written once.
  uint64_t dram_read_bytes() const;
  uint64_t dram_write_bytes() const;
};

// What the chip can do, from its configuration: the roofline's ceilings and the matrix
// engine's timing parameters.
struct Machine {
  uint32_t tiles = 0;
  mxu::ArrayTiming mxu{};
  mxu::Dataflow dataflow = mxu::Dataflow::kWeightStationary;
  double clock_hz = 0;
  uint32_t dram_channels = 0;
  double dram_channel_bytes_per_cycle = 0;
  uint32_t dram_nodes = 0;  // mesh nodes the channels hang off (more channels than rows share)
  uint32_t noc_link_bytes = 0;
  uint32_t noc_header_bytes = 0;
  uint64_t dram_packet_bytes = 0;  // data per NoC packet to or from DRAM

  double peak_macs_per_cycle() const;
  double dram_bytes_per_cycle() const;
  // DRAM data the NoC can carry per cycle in one direction: every channel node moves it
  // through one link, headers included.
  double noc_dram_bytes_per_cycle() const;
};

Machine machine_of(const PlatformConfig& config);

// Cycles for one matrix engine to run a GEMM with its operands in the scratchpad and no
// contention: the engine's own model (mxu::ideal_gemm_cycles, the closed forms of
// docs/mxu.md), so the estimate and the simulator cannot disagree on the formula.
uint64_t mxu_gemm_cycles(const GemmShape& gemm, const Machine& machine);

// The analytic estimate of one layer spread over every tile: whichever of compute, DRAM and
// NoC takes longest bounds it.
struct LayerEstimate {
  uint64_t compute_cycles = 0;  // the busiest tile's matrix engine
  uint64_t dram_cycles = 0;     // compulsory traffic at the channels' bandwidth
  uint64_t noc_cycles = 0;      // the same traffic through the channel nodes' NoC links
  uint64_t noc_bytes = 0;       // on the wire: data, requests and responses with headers
  uint64_t cycles() const;
  const char* bound() const;  // "compute", "dram", "noc"
};
LayerEstimate estimate_layer(const Layer& layer, const Machine& machine);

}  // namespace tessera
