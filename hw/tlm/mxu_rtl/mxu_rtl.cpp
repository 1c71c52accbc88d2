#include "mxu_rtl.h"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <type_traits>

#include <verilated.h>
#include <verilated_vcd_sc.h>

#include "mxu_rtl_models.h"

namespace tessera {

using sc_core::sc_time;

// mxu_top's ports, whatever the array size (each size is its own Verilated class).
class MxuRtl::Ports {
 public:
  virtual ~Ports() = default;
  virtual void set_clock(bool level) = 0;
  virtual void set_reset_n(bool level) = 0;
  // nullptr: valid low.
  virtual void set_command(const RtlFold* fold) = 0;
  virtual void set_weights(const uint8_t* row) = 0;
  virtual void set_activations(const uint8_t* row) = 0;
  virtual void set_result_ready(bool ready) = 0;
  virtual bool command_ready() const = 0;
  virtual bool weights_ready() const = 0;
  virtual bool activations_ready() const = 0;
  virtual bool result_valid() const = 0;
  virtual bool idle() const = 0;
  virtual void result(int32_t* row) const = 0;
  virtual void trace(VerilatedVcdC& vcd, int levels) = 0;
};

namespace {

// The value type of a Verilated port (sc_in<T>& or sc_out<T>&).
template <class Port>
using PortValue = typename std::remove_reference_t<Port>::data_type;
// The transactor writes inputs from whichever thread runs a command.
template <class T>
using Wire = sc_core::sc_signal<T, sc_core::SC_MANY_WRITERS>;

// Bytes (element i in bits 8i..8i+7) into a port vector, a 32-bit word at a time.
void pack_bytes(const uint8_t* bytes, sc_dt::sc_bv_base& v) {
  for (int word = 0; word * 32 < v.length(); ++word) {
    sc_dt::sc_digit d = 0;
    for (int b = 0; b < 4 && word * 32 + b * 8 < v.length(); ++b) {
      d |= static_cast<sc_dt::sc_digit>(bytes[word * 4 + b]) << (8 * b);
    }
    v.set_word(word, d);
  }
}

}  // namespace

template <class Model>
class MxuRtl::PortsOf final : public MxuRtl::Ports {
 public:
  explicit PortsOf(const char* name) : model_(name) {
    model_.clk(clk_);
    model_.rst_n(rst_n_);
    model_.cmd_valid(cmd_valid_);
    model_.cmd_ready(cmd_ready_);
    model_.cmd_m(cmd_m_);
    model_.cmd_acc_addr(cmd_acc_addr_);
    model_.cmd_accumulate(cmd_accumulate_);
    model_.cmd_emit(cmd_emit_);
    model_.cmd_a_signed(cmd_a_signed_);
    model_.cmd_w_signed(cmd_w_signed_);
    model_.w_valid(w_valid_);
    model_.w_ready(w_ready_);
    model_.w_data(w_data_);
    model_.a_valid(a_valid_);
    model_.a_ready(a_ready_);
    model_.a_data(a_data_);
    model_.res_valid(res_valid_);
    model_.res_ready(res_ready_);
    model_.res_data(res_data_);
    model_.idle(idle_);
  }

  void set_clock(bool level) override { clk_.write(level); }
  void set_reset_n(bool level) override { rst_n_.write(level); }
  void set_command(const RtlFold* fold) override {
    cmd_valid_.write(fold != nullptr);
    if (!fold) return;
    cmd_m_.write(fold->m);
    cmd_acc_addr_.write(fold->acc_addr);
    cmd_accumulate_.write(fold->accumulate);
    cmd_emit_.write(fold->emit);
    cmd_a_signed_.write(fold->a_signed);
    cmd_w_signed_.write(fold->w_signed);
  }
  void set_weights(const uint8_t* row) override { put(w_valid_, w_data_, row); }
  void set_activations(const uint8_t* row) override { put(a_valid_, a_data_, row); }
  void set_result_ready(bool ready) override { res_ready_.write(ready); }
  bool command_ready() const override { return cmd_ready_.read(); }
  bool weights_ready() const override { return w_ready_.read(); }
  bool activations_ready() const override { return a_ready_.read(); }
  bool result_valid() const override { return res_valid_.read(); }
  bool idle() const override { return idle_.read(); }
  void result(int32_t* row) const override {
    const auto& v = res_data_.read();
    for (int c = 0; c < v.length() / 32; ++c) row[c] = static_cast<int32_t>(v.get_word(c));
  }
  void trace(VerilatedVcdC& vcd, int levels) override { model_.trace(&vcd, levels); }

 private:
  template <class Data>
  static void put(Wire<bool>& valid, Wire<Data>& data, const uint8_t* row) {
    valid.write(row != nullptr);
    if (!row) return;
    Data value;
    pack_bytes(row, value);
    data.write(value);
  }

  Model model_;
  Wire<bool> clk_, rst_n_, cmd_valid_, cmd_accumulate_, cmd_emit_, cmd_a_signed_, cmd_w_signed_,
      w_valid_, a_valid_, res_ready_;
  sc_core::sc_signal<bool> cmd_ready_, w_ready_, a_ready_, res_valid_, idle_;
  Wire<PortValue<decltype(Model::cmd_m)>> cmd_m_;
  Wire<PortValue<decltype(Model::cmd_acc_addr)>> cmd_acc_addr_;
  Wire<PortValue<decltype(Model::w_data)>> w_data_;
  Wire<PortValue<decltype(Model::a_data)>> a_data_;
  sc_core::sc_signal<PortValue<decltype(Model::res_data)>> res_data_;
};

MxuRtl::MxuRtl(sc_core::sc_module_name name, unsigned rows, unsigned cols, sc_time clock_period)
    : sc_module(name), rows_(rows), cols_(cols), half_period_(clock_period / 2) {
  // Tracing must be enabled before a model could be traced; it costs nothing until then.
  Verilated::traceEverOn(true);
#define TESSERA_MXU_RTL_MAKE(r, c) \
  if (rows == r && cols == c) ports_ = std::make_unique<PortsOf<Vmxu_##r##x##c>>("rtl");
  TESSERA_MXU_RTL_MODELS(TESSERA_MXU_RTL_MAKE)
#undef TESSERA_MXU_RTL_MAKE
  if (!ports_) {
    std::ostringstream message;
    message << "no RTL of a " << rows << "x" << cols
            << " matrix engine (mxu.rows x mxu.cols); built sizes: " << built_sizes_text();
    throw std::invalid_argument(message.str());
  }
}

MxuRtl::~MxuRtl() = default;

unsigned MxuRtl::acc_depth() {
  return TESSERA_MXU_RTL_ACC_DEPTH;
}

std::vector<std::pair<unsigned, unsigned>> MxuRtl::built_sizes() {
#define TESSERA_MXU_RTL_PAIR(r, c) {r, c},
  return {TESSERA_MXU_RTL_MODELS(TESSERA_MXU_RTL_PAIR)};
#undef TESSERA_MXU_RTL_PAIR
}

std::string MxuRtl::built_sizes_text() {
  std::string text;
  for (const auto& [r, c] : built_sizes()) {
    text += (text.empty() ? "" : ", ") + std::to_string(r) + "x" + std::to_string(c);
  }
  return text;
}

void MxuRtl::set_stalls(unsigned percent, uint64_t seed) {
  stall_percent_ = percent;
  stall_rng_.seed(seed);
}

void MxuRtl::add_to_vcd(VerilatedVcdC& vcd, int levels) {
  ports_->trace(vcd, levels);
}

namespace {

// The fold's sizes against the array and the accumulators; throws std::invalid_argument.
void check_fold(const RtlFold& fold, unsigned rows, unsigned cols, unsigned acc_depth) {
  std::ostringstream problem;
  if (fold.m > 0xffff) problem << "m = " << fold.m << " exceeds the 16-bit row count";
  if (fold.weights.size() != size_t{rows} * cols) {
    problem << fold.weights.size() << " weight bytes for a " << rows << "x" << cols << " array";
  }
  if (fold.activations.size() != size_t{fold.m} * rows) {
    problem << fold.activations.size() << " activation bytes for " << fold.m << " rows of " << rows;
  }
  if ((fold.accumulate || !fold.emit) && fold.acc_addr + uint64_t{fold.m} > acc_depth) {
    problem << "accumulator rows " << fold.acc_addr << ".." << fold.acc_addr + fold.m
            << " beyond the " << acc_depth << " rows";
  }
  if (!problem.str().empty()) throw std::invalid_argument("RTL fold: " + problem.str());
}

}  // namespace

uint64_t MxuRtl::run(const std::vector<RtlFold>& folds, std::vector<int32_t>& results) {
  if (folds.empty()) return 0;
  uint64_t expected_rows = 0;
  for (const RtlFold& fold : folds) {
    check_fold(fold, rows_, cols_, acc_depth());
    if (fold.emit) expected_rows += fold.m;
  }
  Ports& ports = *ports_;
  // One cycle: inputs change at the falling edge; half a period later valid and ready have
  // settled, so the handshakes of the coming rising edge are known; then the edge.
  auto cycle = [&](auto&& at_rising_edge) {
    ports.set_clock(false);
    wait(half_period_);
    at_rising_edge();
    ports.set_clock(true);
    wait(half_period_);
    ++cycles_clocked_;
  };
  if (!reset_done_) {
    ports.set_reset_n(false);
    cycle([] {});
    ports.set_reset_n(true);
    reset_done_ = true;
  }

  // Stream positions: the next command, weight row and activation row, across the folds.
  size_t cmd = 0, w_fold = 0, w_row = 0, a_fold = 0, a_row = 0;
  uint64_t received_rows = 0, cycles = 0;
  std::vector<int32_t> row(cols_);
  for (;;) {
    const bool stall = stall_percent_ && stall_rng_() % 100 < stall_percent_;
    while (a_fold < folds.size() && a_row == folds[a_fold].m) {
      ++a_fold;
      a_row = 0;
    }
    const RtlFold* command = !stall && cmd < folds.size() ? &folds[cmd] : nullptr;
    // Weight rows go bottom row first: they shift down the array.
    const uint8_t* weights = !stall && w_fold < folds.size()
                                 ? &folds[w_fold].weights[(rows_ - 1 - w_row) * cols_]
                                 : nullptr;
    const uint8_t* activations =
        !stall && a_fold < folds.size() ? &folds[a_fold].activations[a_row * rows_] : nullptr;
    ports.set_command(command);
    ports.set_weights(weights);
    ports.set_activations(activations);
    ports.set_result_ready(!stall);

    bool cmd_fire = false, w_fire = false, a_fire = false;
    cycle([&] {
      cmd_fire = command && ports.command_ready();
      w_fire = weights && ports.weights_ready();
      a_fire = activations && ports.activations_ready();
      if (!stall && ports.result_valid()) {
        ports.result(row.data());
        results.insert(results.end(), row.begin(), row.end());
        ++received_rows;
      }
    });
    if (cmd_fire || cycles > 0) ++cycles;
    cmd += cmd_fire;
    a_row += a_fire;
    if (w_fire && ++w_row == rows_) {
      w_row = 0;
      ++w_fold;
    }
    if (cmd == folds.size() && received_rows == expected_rows && ports.idle()) return cycles;
  }
}

RtlVcd::RtlVcd(sc_core::sc_module_name name, const std::string& path, sc_time start, sc_time end)
    : sc_module(name), path_(path), start_(start), end_(end) {
  if (!std::ofstream(path_)) throw std::runtime_error(path_ + ": cannot write the VCD file");
  Verilated::traceEverOn(true);
  vcd_ = new VerilatedVcdSc;
  SC_HAS_PROCESS(RtlVcd);
  SC_THREAD(record);
}

RtlVcd::~RtlVcd() {
  vcd_->close();
}

void RtlVcd::record() {
  // Models can be traced only once the simulation runs, and all before the file opens.
  for (MxuRtl* model : models_) model->add_to_vcd(*vcd_, 99);
  wait(start_);
  vcd_->open(path_.c_str());
  if (end_ > start_) {
    wait(end_ - start_);
    vcd_->close();
  }
}

}  // namespace tessera
