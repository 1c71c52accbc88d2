// The scenarios shipped in scenarios/: each one loads, and each says what it claims to.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <numeric>

#include "scenario.h"

namespace tessera {
namespace {

namespace fs = std::filesystem;

const fs::path kScenarios = fs::path(TESSERA_SOURCE_DIR) / "scenarios";

std::vector<std::string> shipped_files() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kScenarios))
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Loads a shipped scenario, or says why it cannot be loaded: a checkout without the digits
// model (scripts/train_digits makes it).
std::variant<Scenario, std::string> load_shipped(const std::string& file) {
  const fs::path path = kScenarios / file;
  try {
    return load_scenario(path.string());
  } catch (const ScenarioError& e) {
    const std::string what = e.what();
    if (what.find(": onnx: ") != std::string::npos &&
        what.find("no such file") != std::string::npos)
      return "the ONNX model is not in the tree (scripts/train_digits makes it): " + what;
    throw;
  }
}

#define LOAD_OR_SKIP(var, file)                                                  \
  auto loaded_##var = load_shipped(file);                                        \
  if (auto* why = std::get_if<std::string>(&loaded_##var)) GTEST_SKIP() << *why; \
  const Scenario& var = std::get<Scenario>(loaded_##var)

const std::vector<Layer>& layers_of(const Scenario& s) {
  return std::get<LayersWorkload>(s.workload).layers;
}

uint64_t total_macs(const Scenario& s) {
  const auto& layers = layers_of(s);
  return std::accumulate(layers.begin(), layers.end(), uint64_t{0},
                         [](uint64_t sum, const Layer& l) { return sum + l.macs(); });
}

class Shipped : public ::testing::TestWithParam<std::string> {};

TEST_P(Shipped, Loads) {
  LOAD_OR_SKIP(s, GetParam());
  EXPECT_EQ(s.name + ".yaml", GetParam());
  EXPECT_FALSE(s.description.empty());
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Shipped, ::testing::ValuesIn(shipped_files()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = fs::path(info.param).stem().string();
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(ShippedScenario, Resnet50HasItsFiftyThreeConvolutions) {
  LOAD_OR_SKIP(s, "resnet50-16x16.yaml");
  ASSERT_EQ(layers_of(s).size(), 53u);
  for (const Layer& l : layers_of(s)) EXPECT_STREQ(l.kind(), "conv") << l.name;
  EXPECT_EQ(total_macs(s), 4087136256u);  // 4.09 G, as published for ResNet-50 v1.5
  EXPECT_EQ(layers_of(s).front().name, "conv1");
  EXPECT_EQ(layers_of(s).back().name, "conv5_identity.2.c");
  EXPECT_EQ(s.config.mxu.rows, 16u);
  EXPECT_EQ(s.mode, RunMode::kTimingOnly);
}

TEST(ShippedScenario, BertLayerHasItsThirtyProducts) {
  LOAD_OR_SKIP(s, "bert-base-layer-16x16.yaml");
  ASSERT_EQ(layers_of(s).size(), 3u + 2 * 12 + 3);
  EXPECT_EQ(total_macs(s), 931135488u);
  EXPECT_EQ(layers_of(s)[3].name, "head.1.scores");
}

TEST(ShippedScenario, BigArrayVariantsChangeOnlyTheArray) {
  for (const std::string model : {"resnet50", "bert-base-layer"}) {
    LOAD_OR_SKIP(small, model + "-16x16.yaml");
    LOAD_OR_SKIP(big, model + "-32x32.yaml");
    EXPECT_EQ(big.config.mxu.rows, 32u);
    EXPECT_EQ(big.config.mxu.cols, 32u);
    EXPECT_EQ(big.mode, small.mode);
    EXPECT_EQ(total_macs(big), total_macs(small));
    EXPECT_EQ(layers_of(big).size(), layers_of(small).size());
  }
}

// The arithmetic of docs/scenarios.md: each layer's slowest resource is the one named.
void expect_every_layer_bound_by(const Scenario& s, const std::string& resource) {
  const Machine machine = machine_of(s.config);
  for (const Layer& l : layers_of(s)) {
    const LayerEstimate e = estimate_layer(l, machine);
    EXPECT_EQ(e.bound(), resource) << l.name << ": compute " << e.compute_cycles << ", dram "
                                   << e.dram_cycles << ", noc " << e.noc_cycles;
    EXPECT_GT(e.cycles(), 3 * e.compute_cycles) << l.name << " is not clearly " << resource;
  }
}

TEST(ShippedScenario, DramBoundCaseIsBoundByDram) {
  LOAD_OR_SKIP(s, "dram-bound.yaml");
  EXPECT_EQ(s.config.dram.channels, 1u);
  expect_every_layer_bound_by(s, "dram");
}

TEST(ShippedScenario, NocBoundCaseIsBoundByTheNoc) {
  LOAD_OR_SKIP(s, "noc-bound.yaml");
  EXPECT_EQ(s.config.noc.link_bytes, 8u);
  expect_every_layer_bound_by(s, "noc");
}

TEST(ShippedScenario, DigitsCnnRunsTheOnnxModel) {
  LOAD_OR_SKIP(s, "digits-cnn.yaml");
  const auto& onnx = std::get<OnnxWorkload>(s.workload);
  EXPECT_EQ(fs::path(onnx.model).filename(), "model.onnx");
  ASSERT_EQ(onnx.inputs.size(), 1u);
  EXPECT_EQ(onnx.inputs[0].first, "image");
  EXPECT_EQ(s.mode, RunMode::kFunctional);
}

}  // namespace
}  // namespace tessera
