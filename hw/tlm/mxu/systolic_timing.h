// The MXU's cycle model: how an R x C systolic array runs one GEMM, operand row by operand row.
// Plain C++: an OperandPort says when each scratchpad read arrives and each write is done.
// docs/mxu.md derives the closed forms at zero load and how cycles are attributed.
//
// The array is fixed: a piece smaller than R x C is padded (zero weights, idle rows), so every
// pipeline depth below counts the whole array, as the RTL (hw/rtl/mxu) does.
// Weight-stationary: folds of B, at most R x C (M chunks of up to accumulator_rows outer, N
// tiles, K tiles inner). A fold shifts R weight rows in, one per cycle, then the chunk's rows of
// A enter one per cycle; row i's results leave R + C - 1 cycles after it entered. The K folds
// of a column tile add up in the accumulators; the last one writes the results (rows of int32).
// With double buffering, fold f+1's weights shift into shadow registers while fold f streams
// and its rows enter right behind fold f's; without, fold f+1 loads once fold f's last result
// has left.
// Output-stationary: tiles of C, at most R x C (N tiles outer, M tiles inner). Each of K steps
// takes a row of B and, skewed one cycle per array row, a column of A (each A row fetched
// feeder_bytes at a time); after the far corner's last MAC the R rows shift out, one per
// cycle, bottom row first. Double buffering gives each PE a shadow accumulator, so the next
// tile streams while this one drains; without, tiles run one after another.
// Every operand read is requested lead_cycles before it is needed (the scratchpad's zero-load
// access time), never before its run may start: a row arriving late stalls the array. Result
// rows leave in order, one per cycle, each written as it leaves (with accumulate, added to the
// C row read lead_cycles before).
#pragma once

#include <cstdint>

#include "dataflow.h"

namespace tessera::mxu {

using Cycle = uint64_t;

struct ArrayTiming {
  unsigned rows, cols;        // R x C
  unsigned accumulator_rows;  // weight-stationary: rows of C the accumulators hold
  bool double_buffer;         // mxu.double_buffer_weights
  unsigned lead_cycles;       // a scratchpad read's zero-load time (one row per bank)
  unsigned feeder_bytes;      // output-stationary: bytes of an A row fetched at once
};

// A GEMM's operands in the port's addresses.
struct GemmLayout {
  uint32_t m, n, k;
  const uint64_t* a_rows;  // M rows of K bytes
  uint64_t b, b_row_stride;
  uint64_t c, c_row_stride;
  bool accumulate;
  bool b_zero_points_per_column;
  uint64_t b_zero_points;  // N bytes, when per column
};

class OperandPort {
 public:
  // Reads `bytes` at `address`, asked for at `earliest`; returns the cycle the data arrives.
  virtual Cycle read(uint64_t address, unsigned bytes, Cycle earliest) = 0;
  // Writes C row `row`, columns [first_col, first_col + cols), at `address` from `earliest`;
  // returns the cycle the write is done.
  virtual Cycle write_results(uint32_t row, uint32_t first_col, uint32_t cols, uint64_t address,
                              Cycle earliest) = 0;
  // No request will come for a cycle before `cycle` any more.
  virtual void no_request_before(Cycle cycle) = 0;

 protected:
  ~OperandPort() = default;
};

// Where the cycles from start to end went; they add up to end - start.
struct GemmCycles {
  Cycle end;                // the cycle after the last result is written
  uint64_t load;            // the first weights or operands of a run arriving and loading
  uint64_t compute;         // a row (WS) or step (OS) entered the array
  uint64_t fill_drain;      // the pipeline filling and draining, and the last write
  uint64_t stall_weights;   // WS: the next fold's weights not loaded yet
  uint64_t stall_operands;  // a streamed row arrived late
  uint64_t stall_output;    // results waiting for the output: the in-order port, C reads, writes
};

GemmCycles schedule_gemm(const ArrayTiming& array, Dataflow dataflow, const GemmLayout& gemm,
                         OperandPort& port, Cycle start);

// The same GEMM on an ideal memory: every read arrives and every write is done lead_cycles
// after it is asked for, without contention (the closed forms of docs/mxu.md). From cycle 0.
GemmCycles ideal_gemm_cycles(const ArrayTiming& array, Dataflow dataflow, uint32_t m, uint32_t n,
                             uint32_t k);

}  // namespace tessera::mxu
