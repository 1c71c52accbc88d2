#include "report.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace tessera {
namespace {

using Json = nlohmann::json;

// Two measured layers on the default chip with a 16x16 array: peak 1024 MACs per cycle.
Report sample_report() {
  Report r;
  r.scenario = "sample";
  r.mode = RunMode::kTimingOnly;
  r.machine = machine_of(PlatformConfig{});
  r.config = config_entries(PlatformConfig{});
  LayerResult a;
  a.name = "fc1";
  a.kind = "gemm";
  a.shape = "m=128 n=256 k=512";
  a.cycles = 32768;
  a.compute_cycles = 20000;
  a.macs = 128 * 256 * 512;  // 16.7 M: half the peak over 32768 cycles
  a.dram_bytes = 1000;
  a.noc_bytes = 2000;
  a.stalls = {10, 20, 30, 40};
  a.model_cycles = 30000;
  a.model_bound = "compute";
  LayerResult b = a;
  b.name = "conv, \"odd\" name";
  b.kind = "conv";
  b.cycles = 16384;
  b.macs = 16384 * 1024;  // the full peak
  b.stalls = {1, 2, 3, 4};
  r.layers = {a, b};
  return r;
}

TEST(Report, TotalsAndUtilization) {
  const Report r = sample_report();
  const LayerResult total = r.totals();
  EXPECT_EQ(total.name, "total");
  EXPECT_EQ(total.cycles, 32768u + 16384u);
  EXPECT_EQ(total.macs, r.layers[0].macs + r.layers[1].macs);
  EXPECT_EQ(total.dram_bytes, 2000u);
  EXPECT_EQ(total.stalls.dram, 33u);
  EXPECT_EQ(total.stalls.total(), 110u);
  EXPECT_DOUBLE_EQ(r.utilization(r.layers[0]), 0.5);
  EXPECT_DOUBLE_EQ(r.utilization(r.layers[1]), 1.0);
  EXPECT_DOUBLE_EQ(r.utilization(total), (0.5 * 32768 + 16384) / (32768 + 16384));
  EXPECT_EQ(r.utilization(LayerResult{}), 0.0);  // no cycles: no division by zero
}

TEST(Report, JsonHoldsLayersTotalsMachineModeAndConfiguration) {
  std::ostringstream out;
  write_json(sample_report(), out);
  const Json j = Json::parse(out.str());
  EXPECT_EQ(j["format"], "tessera-report");
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["scenario"], "sample");
  EXPECT_EQ(j["mode"], "timing-only");
  EXPECT_EQ(j["machine"]["tiles"], 4);
  EXPECT_EQ(j["machine"]["peak_macs_per_cycle"], 1024.0);
  EXPECT_EQ(j["machine"]["dram_bytes_per_cycle"], 32.0);
  ASSERT_EQ(j["layers"].size(), 2u);
  const Json& fc1 = j["layers"][0];
  EXPECT_EQ(fc1["name"], "fc1");
  EXPECT_EQ(fc1["kind"], "gemm");
  EXPECT_EQ(fc1["shape"], "m=128 n=256 k=512");
  EXPECT_EQ(fc1["cycles"], 32768);
  EXPECT_DOUBLE_EQ(fc1["utilization"].get<double>(), 0.5);
  EXPECT_EQ(fc1["stall_cycles"]["sram_banks"], 40);
  EXPECT_EQ(fc1["model_cycles"], 30000);
  EXPECT_EQ(fc1["model_bound"], "compute");
  EXPECT_EQ(j["totals"]["cycles"], 32768 + 16384);
  // Every configuration key, typed.
  EXPECT_EQ(j["config"]["mesh.x"], 2);
  EXPECT_EQ(j["config"]["dram.bytes_per_cycle"], 16);
  EXPECT_EQ(j["config"]["sim.dmi"], true);
  EXPECT_EQ(j["config"].size(), config_entries(PlatformConfig{}).size());
}

TEST(Report, CsvHasOneRowPerLayerThenTheTotal) {
  std::ostringstream out;
  write_csv(sample_report(), out);
  std::istringstream in(out.str());
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0],
            "layer,kind,shape,cycles,compute_cycles,macs,utilization,dram_bytes,noc_bytes,stall_"
            "dma_cycles,"
            "stall_noc_cycles,stall_dram_cycles,stall_sram_banks_cycles,model_cycles,model_bound");
  EXPECT_EQ(lines[1],
            "fc1,gemm,m=128 n=256 k=512,32768,20000,16777216,0.500000,1000,2000,10,20,30,40,"
            "30000,compute");
  EXPECT_EQ(lines[2].substr(0, 25), "\"conv, \"\"odd\"\" name\",conv");  // RFC 4180 quoting
  EXPECT_EQ(lines[3].substr(0, 21), "total,,,49152,40000,3");
}

TEST(Report, TextTableAlignsColumnsAndEndsWithTheTotal) {
  std::ostringstream out;
  write_text(sample_report(), out);
  const std::string text = out.str();
  EXPECT_NE(text.find("scenario sample (timing-only): 4 tiles, 16x16 MXU, peak 1024 MAC/cycle"),
            std::string::npos)
      << text;
  std::istringstream in(text);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 6u);  // title, blank, header, 2 layers, total
  EXPECT_EQ(lines[2].rfind("layer", 0), 0u);
  EXPECT_EQ(lines[5].rfind("total", 0), 0u);
  // Right-aligned numbers end in the same column: the cycles column lines up.
  const size_t cycles_end = lines[2].find("cycles") + 6;
  EXPECT_EQ(lines[3].substr(cycles_end - 5, 5), "32768");
  EXPECT_EQ(lines[5].substr(cycles_end - 5, 5), "49152");
  EXPECT_NE(lines[3].find(" 50.0 "), std::string::npos) << lines[3];
}

TEST(Report, AnalyticReportTakesEveryNumberFromTheModel) {
  const Machine m = machine_of(PlatformConfig{});
  const std::vector<Layer> layers = {{"big", GemmShape{512, 512, 512}},
                                     {"pointwise", ConvShape{256, 256, 16, 16, 1, 1, 0}}};
  const Report r = analytic_report("estimate", layers, m, {});
  EXPECT_EQ(r.mode, RunMode::kAnalytic);
  ASSERT_EQ(r.layers.size(), 2u);
  for (size_t i = 0; i < layers.size(); ++i) {
    const LayerEstimate e = estimate_layer(layers[i], m);
    const LayerResult& l = r.layers[i];
    EXPECT_EQ(l.cycles, e.cycles());
    EXPECT_EQ(l.model_cycles, e.cycles());
    EXPECT_EQ(l.model_bound, e.bound());
    EXPECT_EQ(l.macs, layers[i].macs());
    EXPECT_EQ(l.dram_bytes, layers[i].dram_read_bytes() + layers[i].dram_write_bytes());
    EXPECT_EQ(l.noc_bytes, e.noc_bytes);
    EXPECT_EQ(l.cycles - l.stalls.total(), e.compute_cycles);  // the wait is the bound's
  }
  EXPECT_EQ(r.layers[1].model_bound, "dram");
  EXPECT_GT(r.layers[1].stalls.dram, 0u);
  EXPECT_EQ(r.layers[0].stalls.total(), 0u);
}

TEST(Report, FilesGoIntoTheReportDirectory) {
  const std::string dir = ::testing::TempDir() + "/report_test/run 1";
  std::filesystem::remove_all(dir);
  write_report_files(sample_report(), dir);
  EXPECT_TRUE(std::filesystem::is_regular_file(dir + "/report.json"));
  EXPECT_TRUE(std::filesystem::is_regular_file(dir + "/report.csv"));
  std::ifstream json(dir + "/report.json");
  EXPECT_EQ(Json::parse(json)["scenario"], "sample");

  EXPECT_THROW(write_report_files(sample_report(), "/proc/no/such/dir"), std::runtime_error);
}

TEST(Report, RunModesReadBackByName) {
  for (RunMode mode : {RunMode::kFunctional, RunMode::kTimingOnly, RunMode::kAnalytic})
    EXPECT_EQ(parse_run_mode(run_mode_name(mode)), mode);
  EXPECT_FALSE(parse_run_mode("fast").has_value());
}

}  // namespace
}  // namespace tessera
