#include "report.h"

#include <filesystem>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace tessera {
namespace {

using Json = nlohmann::ordered_json;  // members in the order written: the same bytes every run

constexpr int kFormatVersion = 1;

// A configuration value as JSON: a number or a boolean when it reads as one.
Json config_value(const std::string& text) {
  if (text == "true" || text == "false") return text == "true";
  std::istringstream in(text);
  double number = 0;
  if (in >> number && in.peek() == std::char_traits<char>::eof()) {
    if (number >= 0 && number == static_cast<double>(static_cast<uint64_t>(number)) &&
        number < 1e19)
      return static_cast<uint64_t>(number);
    return number;
  }
  return text;
}

Json stalls_json(const StallCycles& s) {
  return {{"dma", s.dma}, {"noc", s.noc}, {"dram", s.dram}, {"sram_banks", s.sram_banks}};
}

Json layer_json(const Report& report, const LayerResult& l) {
  Json j;
  if (!l.name.empty()) j["name"] = l.name;
  if (!l.kind.empty()) j["kind"] = l.kind;
  if (!l.shape.empty()) j["shape"] = l.shape;
  j["cycles"] = l.cycles;
  j["compute_cycles"] = l.compute_cycles;
  j["mxu_descriptors"] = l.mxu_descriptors;
  j["macs"] = l.macs;
  j["utilization"] = report.utilization(l);
  j["dram_bytes"] = l.dram_bytes;
  j["noc_bytes"] = l.noc_bytes;
  j["stall_cycles"] = stalls_json(l.stalls);
  j["model_cycles"] = l.model_cycles;
  if (!l.model_bound.empty()) j["model_bound"] = l.model_bound;
  return j;
}

Json machine_json(const Machine& m) {
  return {{"tiles", m.tiles},
          {"mxu_rows", m.mxu.rows},
          {"mxu_cols", m.mxu.cols},
          {"clock_hz", m.clock_hz},
          {"peak_macs_per_cycle", m.peak_macs_per_cycle()},
          {"dram_channels", m.dram_channels},
          {"dram_bytes_per_cycle", m.dram_bytes_per_cycle()},
          {"dram_nodes", m.dram_nodes},
          {"noc_link_bytes", m.noc_link_bytes},
          {"noc_dram_bytes_per_cycle", m.noc_dram_bytes_per_cycle()}};
}

std::string fixed(double value, int decimals) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(decimals) << value;
  return text.str();
}

// The columns of report.csv and of the text table, in order. The text table shows
// utilization in percent and '-' for a layer without a model estimate.
enum class Style { kCsv, kText };
struct Column {
  const char* csv_name;
  const char* text_name;
  std::string (*value)(const Report&, const LayerResult&, Style);
};

const std::vector<Column>& columns() {
  using R = const Report&;
  using L = const LayerResult&;
  static const std::vector<Column> table = {
      {"layer", "layer", [](R, L l, Style) { return l.name; }},
      {"kind", "kind", [](R, L l, Style) { return l.kind; }},
      {"shape", "shape", [](R, L l, Style) { return l.shape; }},
      {"cycles", "cycles", [](R, L l, Style) { return std::to_string(l.cycles); }},
      {"compute_cycles", "compute", [](R, L l, Style) { return std::to_string(l.compute_cycles); }},
      {"macs", "MACs", [](R, L l, Style) { return std::to_string(l.macs); }},
      {"utilization", "util%",
       [](R r, L l, Style s) {
         return s == Style::kCsv ? fixed(r.utilization(l), 6) : fixed(100 * r.utilization(l), 1);
       }},
      {"dram_bytes", "DRAM B", [](R, L l, Style) { return std::to_string(l.dram_bytes); }},
      {"noc_bytes", "NoC B", [](R, L l, Style) { return std::to_string(l.noc_bytes); }},
      {"stall_dma_cycles", "stall:dma", [](R, L l, Style) { return std::to_string(l.stalls.dma); }},
      {"stall_noc_cycles", "noc", [](R, L l, Style) { return std::to_string(l.stalls.noc); }},
      {"stall_dram_cycles", "dram", [](R, L l, Style) { return std::to_string(l.stalls.dram); }},
      {"stall_sram_banks_cycles", "sram",
       [](R, L l, Style) { return std::to_string(l.stalls.sram_banks); }},
      {"model_cycles", "model",
       [](R, L l, Style s) {
         return l.model_cycles || s == Style::kCsv ? std::to_string(l.model_cycles) : "-";
       }},
      {"model_bound", "bound",
       [](R, L l, Style s) {
         return l.model_bound.empty() && s == Style::kText ? std::string("-") : l.model_bound;
       }},
  };
  return table;
}
constexpr size_t kTextColumnsLeftAligned = 3;  // layer, kind, shape

std::vector<std::string> header(Style style) {
  std::vector<std::string> names;
  for (const Column& c : columns())
    names.push_back(style == Style::kCsv ? c.csv_name : c.text_name);
  return names;
}

std::vector<std::string> row(const Report& report, const LayerResult& layer, Style style) {
  std::vector<std::string> values;
  for (const Column& c : columns()) values.push_back(c.value(report, layer, style));
  return values;
}

// RFC 4180: quote a field that holds a separator, a quote or a line break.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

void write_csv_line(std::ostream& out, const std::vector<std::string>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) out << (i ? "," : "") << csv_field(fields[i]);
  out << "\n";
}

// Columns of a text table: names left-aligned, numbers right-aligned.
void write_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows,
                 size_t left_aligned_columns) {
  std::vector<size_t> width(rows.front().size(), 0);
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string pad(width[c] - row[c].size(), ' ');
      line += (c ? "  " : "") + (c < left_aligned_columns ? row[c] + pad : pad + row[c]);
    }
    out << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
  }
}

void write_file(const std::filesystem::path& path, void (*write)(const Report&, std::ostream&),
                const Report& report) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error(path.string() + ": cannot open for writing");
  write(report, out);
  out.close();
  if (!out) throw std::runtime_error(path.string() + ": writing failed");
}

LayerResult layer_result(const Layer& layer, const LayerEstimate& estimate) {
  LayerResult r;
  r.name = layer.name;
  r.kind = layer.kind();
  r.shape = layer.shape_text();
  r.macs = layer.macs();
  r.model_cycles = estimate.cycles();
  r.model_bound = estimate.bound();
  return r;
}

}  // namespace

const char* run_mode_name(RunMode mode) {
  switch (mode) {
    case RunMode::kFunctional:
      return "functional";
    case RunMode::kTimingOnly:
      return "timing-only";
    case RunMode::kAnalytic:
      return "analytic";
  }
  return "?";
}

std::optional<RunMode> parse_run_mode(std::string_view name) {
  for (RunMode mode : {RunMode::kFunctional, RunMode::kTimingOnly, RunMode::kAnalytic})
    if (name == run_mode_name(mode)) return mode;
  return std::nullopt;
}

StallCycles& StallCycles::operator+=(const StallCycles& other) {
  dma += other.dma;
  noc += other.noc;
  dram += other.dram;
  sram_banks += other.sram_banks;
  return *this;
}

LayerResult Report::totals() const {
  LayerResult total;
  total.name = "total";
  for (const LayerResult& l : layers) {
    total.cycles += l.cycles;
    total.compute_cycles += l.compute_cycles;
    total.mxu_descriptors += l.mxu_descriptors;
    total.macs += l.macs;
    total.dram_bytes += l.dram_bytes;
    total.noc_bytes += l.noc_bytes;
    total.stalls += l.stalls;
    total.model_cycles += l.model_cycles;
  }
  return total;
}

double Report::utilization(const LayerResult& layer) const {
  const double peak = machine.peak_macs_per_cycle();
  if (layer.cycles == 0 || peak <= 0) return 0;
  return double(layer.macs) / (double(layer.cycles) * peak);
}

LayerResult layer_result(const Layer& layer, const Machine& machine) {
  return layer_result(layer, estimate_layer(layer, machine));
}

Report analytic_report(const std::string& scenario, const std::vector<Layer>& layers,
                       const Machine& machine, ConfigEntries config) {
  Report report;
  report.scenario = scenario;
  report.mode = RunMode::kAnalytic;
  report.machine = machine;
  report.config = std::move(config);
  for (const Layer& layer : layers) {
    const LayerEstimate estimate = estimate_layer(layer, machine);
    LayerResult r = layer_result(layer, estimate);
    r.cycles = estimate.cycles();
    r.compute_cycles = estimate.compute_cycles;
    r.dram_bytes = layer.dram_read_bytes() + layer.dram_write_bytes();
    r.noc_bytes = estimate.noc_bytes;
    // The engines wait, beyond their compute, for whatever bounds the layer.
    const uint64_t waited = r.cycles - estimate.compute_cycles;
    (r.model_bound == "dram" ? r.stalls.dram : r.stalls.noc) += waited;
    report.layers.push_back(std::move(r));
  }
  return report;
}

void write_text(const Report& report, std::ostream& out) {
  const Machine& m = report.machine;
  out << "scenario " << report.scenario << " (" << run_mode_name(report.mode) << "): " << m.tiles
      << " tiles, " << m.mxu.rows << "x" << m.mxu.cols << " MXU, peak " << m.peak_macs_per_cycle()
      << " MAC/cycle, DRAM " << m.dram_bytes_per_cycle() << " B/cycle, clock " << m.clock_hz / 1e9
      << " GHz\n\n";
  std::vector<std::vector<std::string>> rows = {header(Style::kText)};
  for (const LayerResult& l : report.layers) rows.push_back(row(report, l, Style::kText));
  rows.push_back(row(report, report.totals(), Style::kText));
  write_table(out, rows, kTextColumnsLeftAligned);
}

void write_json(const Report& report, std::ostream& out) {
  Json j;
  j["format"] = "tessera-report";
  j["version"] = kFormatVersion;
  j["scenario"] = report.scenario;
  j["mode"] = run_mode_name(report.mode);
  j["machine"] = machine_json(report.machine);
  Json layers = Json::array();
  for (const LayerResult& l : report.layers) layers.push_back(layer_json(report, l));
  j["layers"] = std::move(layers);
  j["totals"] = layer_json(report, report.totals());
  Json config = Json::object();
  for (const auto& [key, value] : report.config) config[key] = config_value(value);
  j["config"] = std::move(config);
  out << j.dump(2) << "\n";
}

void write_csv(const Report& report, std::ostream& out) {
  write_csv_line(out, header(Style::kCsv));
  for (const LayerResult& l : report.layers) write_csv_line(out, row(report, l, Style::kCsv));
  write_csv_line(out, row(report, report.totals(), Style::kCsv));
}

void write_report_files(const Report& report, const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw std::runtime_error(dir + ": cannot create the directory: " + error.message());
  write_file(std::filesystem::path(dir) / "report.json", write_json, report);
  write_file(std::filesystem::path(dir) / "report.csv", write_csv, report);
}

}  // namespace tessera
