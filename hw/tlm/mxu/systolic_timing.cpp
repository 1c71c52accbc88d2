#include "systolic_timing.h"

#include <algorithm>
#include <vector>

namespace tessera::mxu {

namespace {

// What the array holds at once: a fold of B (weight-stationary: rows m0 .. m0 + m_count of A
// stream through it) or a tile of C (output-stationary: rows m0 .. m0 + m_count of C).
struct Piece {
  uint32_t m0, m_count;
  uint32_t k0, k_count;  // WS: the fold's rows of B
  uint32_t n0, n_count;
  bool writes;  // WS: the last K fold of its column tile, which writes the results
};

class Scheduler {
 public:
  Scheduler(const ArrayTiming& array, const GemmLayout& gemm, OperandPort& port, Cycle start)
      : array_(array), g_(gemm), port_(port), start_(start), cursor_(start) {}

  GemmCycles weight_stationary();
  GemmCycles output_stationary();

 private:
  // The cycle to ask for an operand needed at `use`, not before `window`.
  Cycle ask(Cycle use, Cycle window) const {
    return std::max(use > array_.lead_cycles ? use - array_.lead_cycles : 0, window);
  }
  // Attributes the cycles from the cursor up to `until` to `bucket`.
  void spend(Cycle until, uint64_t& bucket) {
    if (until <= cursor_) return;
    bucket += until - cursor_;
    cursor_ = until;
  }
  // Shifts a fold's R weight rows in, one per cycle from `load_start`, reading the fold's rows
  // of B not before `window` (the padding rows need no data); returns the cycle the fold may
  // take its first row of A.
  Cycle load_weights(const Piece& fold, Cycle load_start, Cycle window);
  // A run's first load: lead + R cycles are loading, any more a stall.
  void spend_first_load(Cycle load_start, Cycle loaded) {
    spend(std::min(loaded, load_start + array_.lead_cycles + array_.rows), result_.load);
    spend(loaded, result_.stall_weights);
  }
  // Result row `row` (columns n0 .. n0 + count) leaves the array at `leaves` or, in order, later.
  void emit_row(uint32_t row, uint32_t n0, uint32_t count, Cycle leaves);
  // Attributes the cycles after the last row (WS) or step (OS): draining up to
  // `nominal_last_exit`, when the last result row would leave at zero load, then any delay of
  // the output, then the last write; returns the totals.
  GemmCycles finish(Cycle nominal_last_exit);

  const ArrayTiming& array_;
  const GemmLayout& g_;
  OperandPort& port_;
  const Cycle start_;
  Cycle cursor_;
  Cycle out_free_ = 0, last_exit_ = 0, writes_done_ = 0;
  GemmCycles result_{};
};

Cycle Scheduler::load_weights(const Piece& fold, Cycle load_start, Cycle window) {
  Cycle shifted = load_start;  // the cycle the latest weight row shifts in
  if (g_.b_zero_points_per_column)
    shifted = std::max(
        shifted, port_.read(g_.b_zero_points + fold.n0, fold.n_count, ask(load_start, window)));
  for (uint32_t k = 0; k < array_.rows; ++k) {
    Cycle ready = 0;
    if (k < fold.k_count) {
      const uint64_t address = g_.b + uint64_t{fold.k0 + k} * g_.b_row_stride + fold.n0;
      ready = port_.read(address, fold.n_count, ask(load_start + k, window));
    }
    shifted = std::max(k == 0 ? shifted : shifted + 1, ready);
  }
  return shifted + 1;
}

void Scheduler::emit_row(uint32_t row, uint32_t n0, uint32_t count, Cycle leaves) {
  const uint64_t address = g_.c + uint64_t{row} * g_.c_row_stride + 4ull * n0;
  Cycle out = std::max(leaves, out_free_);
  if (g_.accumulate) out = std::max(out, port_.read(address, 4 * count, ask(leaves, start_)));
  out_free_ = out + 1;
  last_exit_ = out;
  writes_done_ = std::max(writes_done_, port_.write_results(row, n0, count, address, out));
}

GemmCycles Scheduler::finish(Cycle nominal_last_exit) {
  spend(nominal_last_exit, result_.fill_drain);
  spend(last_exit_, result_.stall_output);
  const Cycle end = std::max(writes_done_, cursor_);
  spend(std::min(end, last_exit_ + array_.lead_cycles), result_.fill_drain);
  spend(end, result_.stall_output);
  result_.end = end;
  return result_;
}

GemmCycles Scheduler::weight_stationary() {
  std::vector<Piece> folds;
  const unsigned chunk = array_.accumulator_rows;
  for (uint32_t m0 = 0; m0 < g_.m; m0 += chunk)
    for (uint32_t n0 = 0; n0 < g_.n; n0 += array_.cols)
      for (uint32_t k0 = 0; k0 < g_.k; k0 += array_.rows) {
        const uint32_t k_count = std::min<uint32_t>(array_.rows, g_.k - k0);
        folds.push_back({m0, std::min<uint32_t>(chunk, g_.m - m0), k0, k_count, n0,
                         std::min<uint32_t>(array_.cols, g_.n - n0), k0 + k_count == g_.k});
      }
  const bool overlap = array_.double_buffer;
  const Cycle depth = array_.rows + array_.cols - 1;  // a row in, its results out
  Cycle a_window = start_;                            // A rows may be read from here on
  Cycle first_issue = load_weights(folds[0], start_, start_);
  spend_first_load(start_, first_issue);
  Cycle array_free = first_issue;
  for (std::size_t f = 0; f < folds.size(); ++f) {
    const Piece& fold = folds[f];
    const Piece* next = f + 1 < folds.size() ? &folds[f + 1] : nullptr;
    // Double buffered: the next weights shift into the shadow registers from this fold's start.
    const Cycle next_loaded = overlap && next ? load_weights(*next, first_issue, start_) : 0;
    Cycle issue = first_issue, last_issue = first_issue;
    for (uint32_t m = fold.m0; m < fold.m0 + fold.m_count; ++m) {
      port_.no_request_before(ask(issue, a_window));
      const Cycle ready = port_.read(g_.a_rows[m] + fold.k0, fold.k_count, ask(issue, a_window));
      last_issue = std::max(issue, ready);
      spend(last_issue, result_.stall_operands);
      spend(last_issue + 1, result_.compute);
      if (fold.writes) emit_row(m, fold.n0, fold.n_count, last_issue + depth);
      issue = last_issue + 1;
    }
    array_free = last_issue + depth;  // the last row's results leave
    if (!next) break;
    if (overlap) {
      first_issue = std::max(issue, next_loaded);
      spend(first_issue, result_.stall_weights);
    } else {
      spend(array_free, result_.fill_drain);
      first_issue = load_weights(*next, array_free, array_free);
      spend_first_load(array_free, first_issue);
      a_window = array_free;
    }
  }
  return finish(array_free);
}

GemmCycles Scheduler::output_stationary() {
  std::vector<Piece> tiles;
  for (uint32_t n0 = 0; n0 < g_.n; n0 += array_.cols)
    for (uint32_t m0 = 0; m0 < g_.m; m0 += array_.rows)
      tiles.push_back({m0, std::min<uint32_t>(array_.rows, g_.m - m0), 0, g_.k, n0,
                       std::min<uint32_t>(array_.cols, g_.n - n0), true});
  const unsigned lead = array_.lead_cycles, feeder = std::max(1u, array_.feeder_bytes);
  const unsigned rows = array_.rows;
  Cycle window = start_;  // operands of this run may be read from here on
  Cycle first_step = start_ + lead;
  spend(first_step, result_.load);
  Cycle nominal_exit = first_step, chain_end = first_step;  // the latest tile's last row leaves
  for (std::size_t t = 0; t < tiles.size(); ++t) {
    const Piece& tile = tiles[t];
    Cycle zero_points = 0;
    if (g_.b_zero_points_per_column)
      zero_points = port_.read(g_.b_zero_points + tile.n0, tile.n_count, ask(first_step, window));
    Cycle issue = first_step, step = first_step;
    for (uint32_t k = 0; k < g_.k; ++k) {
      port_.no_request_before(ask(issue, window));
      const uint64_t b_row = g_.b + uint64_t{k} * g_.b_row_stride + tile.n0;
      Cycle ready = std::max(port_.read(b_row, tile.n_count, ask(issue, window)), zero_points);
      if (k % feeder == 0) {
        // Array row r takes its operands r cycles after row 0 (the skew).
        const unsigned bytes = std::min<uint32_t>(feeder, g_.k - k);
        for (uint32_t r = 0; r < tile.m_count; ++r) {
          const Cycle arrives =
              port_.read(g_.a_rows[tile.m0 + r] + k, bytes, ask(issue + r, window));
          ready = std::max(ready, arrives > r ? arrives - r : 0);
        }
      }
      step = std::max(issue, ready);
      spend(step, result_.stall_operands);
      spend(step + 1, result_.compute);
      issue = step + 1;
    }
    const Cycle last_mac = step + rows + array_.cols - 2;  // at the far corner
    for (uint32_t j = 0; j < rows; ++j) {  // array row rows - 1 - j leaves j + 1 cycles later
      const uint32_t r = rows - 1 - j;
      if (r < tile.m_count) emit_row(tile.m0 + r, tile.n0, tile.n_count, last_mac + 1 + j);
    }
    nominal_exit = last_mac + rows;
    chain_end = std::max(nominal_exit, last_exit_);
    if (t + 1 == tiles.size()) break;
    if (array_.double_buffer) {
      // The next tile's first row may leave only after this tile's last has: until then the
      // shadow accumulators hold this tile's results.
      const Cycle to_first_exit = g_.k + rows + array_.cols - 2;
      first_step =
          std::max(issue, chain_end + 1 > to_first_exit ? chain_end + 1 - to_first_exit : 0);
      spend(first_step, result_.stall_output);
    } else {
      spend(nominal_exit, result_.fill_drain);
      spend(chain_end, result_.stall_output);
      window = chain_end;
      first_step = chain_end + lead;
      spend(first_step, result_.load);
    }
  }
  return finish(nominal_exit);
}

// A memory where everything takes lead cycles and nothing contends.
class IdealPort final : public OperandPort {
 public:
  explicit IdealPort(unsigned lead) : lead_(lead) {}
  Cycle read(uint64_t, unsigned, Cycle earliest) override { return earliest + lead_; }
  Cycle write_results(uint32_t, uint32_t, uint32_t, uint64_t, Cycle earliest) override {
    return earliest + lead_;
  }
  void no_request_before(Cycle) override {}

 private:
  unsigned lead_;
};

}  // namespace

GemmCycles schedule_gemm(const ArrayTiming& array, Dataflow dataflow, const GemmLayout& gemm,
                         OperandPort& port, Cycle start) {
  Scheduler scheduler(array, gemm, port, start);
  return dataflow == Dataflow::kWeightStationary ? scheduler.weight_stationary()
                                                 : scheduler.output_stationary();
}

GemmCycles ideal_gemm_cycles(const ArrayTiming& array, Dataflow dataflow, uint32_t m, uint32_t n,
                             uint32_t k) {
  const std::vector<uint64_t> a_rows(m, 0);
  const GemmLayout layout{m, n, k, a_rows.data(), 0, n, 0, 4ull * n, false, false, 0};
  IdealPort port(array.lead_cycles);
  return schedule_gemm(array, dataflow, layout, port, 0);
}

}  // namespace tessera::mxu
