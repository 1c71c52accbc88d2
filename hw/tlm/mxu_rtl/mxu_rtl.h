// MxuRtl: the Verilated matrix-engine RTL (hw/rtl/mxu/mxu_top.sv) as a SystemC module that a
// thread drives cycle by cycle, and RtlVcd, its waveforms over a window of simulated time.
//
// The RTL's unit of work is a fold: one weight tile of rows x cols and m activation rows
// streamed through it (mxu_top.sv describes the streams). run() feeds a list of folds back to
// back, exactly as a transactor does for a GEMM, and reports the RTL's cycles:
//   cycles = sum over folds of (m + 2 * rows + cols), plus 1 if the last fold emits results
// when no stream stalls (docs/mxu.md derives it). Simulated time advances by one clock
// period per cycle.
//
// Verilator parameters are fixed when it runs, so only the array sizes listed in
// hw/rtl/CMakeLists.txt (TESSERA_MXU_RTL_SIZES) exist; built_sizes() names them.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <systemc>

class VerilatedVcdC;
class VerilatedVcdSc;

namespace tessera {

struct RtlFold {
  uint32_t m = 0;           // activation rows, < 65536
  uint32_t acc_addr = 0;    // first accumulator row of the fold's m rows
  bool accumulate = false;  // add the accumulator rows to the sums
  bool emit = true;         // results leave on the result stream (else: into the accumulators)
  bool a_signed = true;     // activations int8 (else uint8)
  bool w_signed = true;     // weights int8 (else uint8)
  // Raw bytes, row-major and zero-padded to the array: weights[k * cols + n] for k < rows
  // (k: reduction index), activations[i * rows + k] for i < m.
  std::vector<uint8_t> weights, activations;
};

class MxuRtl : public sc_core::sc_module {
 public:
  // Throws std::invalid_argument when no RTL of a rows x cols array was built.
  MxuRtl(sc_core::sc_module_name name, unsigned rows, unsigned cols, sc_core::sc_time clock_period);
  ~MxuRtl() override;

  unsigned rows() const { return rows_; }
  unsigned cols() const { return cols_; }
  static unsigned acc_depth();
  static std::vector<std::pair<unsigned, unsigned>> built_sizes();
  // "4x4, 8x8, 16x16": for error messages.
  static std::string built_sizes_text();

  // Runs the folds back to back and appends each emitted row (cols int32) to results.
  // Call from a SystemC thread. Returns the cycles from the first command's handshake to the
  // last result's (or, when the last fold does not emit, to the last accumulator write).
  uint64_t run(const std::vector<RtlFold>& folds, std::vector<int32_t>& results);

  // Stresses the handshakes: on each cycle, with this probability, the operand streams hold
  // back valid and the result stream holds back ready. Results must not change.
  void set_stalls(unsigned percent, uint64_t seed);
  // Every cycle clocked since construction, reset included.
  uint64_t cycles_clocked() const { return cycles_clocked_; }

  // Adds the model to a VCD; call once the simulation has started (RtlVcd does).
  void add_to_vcd(VerilatedVcdC& vcd, int levels);

 private:
  class Ports;
  template <class Model>
  class PortsOf;

  unsigned rows_, cols_;
  sc_core::sc_time half_period_;
  std::unique_ptr<Ports> ports_;
  bool reset_done_ = false;
  uint64_t cycles_clocked_ = 0;
  unsigned stall_percent_ = 0;
  std::mt19937_64 stall_rng_;
};

// Waveforms of RTL models in one VCD file (GTKWave reads it), recorded between start and end
// of simulated time. Construct it before sc_start and add() the models to it.
class RtlVcd : public sc_core::sc_module {
 public:
  // end == SC_ZERO_TIME: until the simulation ends. Throws std::runtime_error naming the file
  // if it cannot be written.
  RtlVcd(sc_core::sc_module_name name, const std::string& path,
         sc_core::sc_time start = sc_core::SC_ZERO_TIME,
         sc_core::sc_time end = sc_core::SC_ZERO_TIME);
  ~RtlVcd() override;
  void add(MxuRtl& model) { models_.push_back(&model); }

 private:
  void record();

  std::string path_;
  sc_core::sc_time start_, end_;
  std::vector<MxuRtl*> models_;
  VerilatedVcdSc* vcd_;  // registered with, and owned by, the SystemC kernel
};

}  // namespace tessera
