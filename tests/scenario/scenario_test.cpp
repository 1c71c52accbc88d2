#include "scenario.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace tessera {
namespace {

namespace fs = std::filesystem;

// A fresh directory per test, where the test writes its scenario files.
class ScenarioFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) / "scenario_test" / info->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "chips");
  }
  std::string write(const std::string& name, const std::string& text) {
    const fs::path path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  // The load must throw a ScenarioError whose message contains every one of `parts`.
  void expect_error(const std::string& path, std::initializer_list<std::string> parts) {
    try {
      load_scenario(path);
      ADD_FAILURE() << path << ": accepted";
    } catch (const ScenarioError& e) {
      for (const std::string& part : parts)
        EXPECT_NE(std::string(e.what()).find(part), std::string::npos)
            << "'" << e.what() << "' lacks '" << part << "'";
    }
  }
  fs::path dir_;
};

const std::vector<Layer>& layers_of(const Scenario& s) {
  return std::get<LayersWorkload>(s.workload).layers;
}

TEST_F(ScenarioFiles, ChipThenInlineKeysThenSetThenOverrides) {
  write("chips/big.yaml", "mesh: {x: 4, y: 4}\nnoc: {link_bytes: 16}\ndram: {channels: 4}\n");
  const std::string path = write("s.yaml",
                                 "name: what-if\n"
                                 "description: a test\n"
                                 "chip: chips/big.yaml\n"
                                 "noc: {link_bytes: 64, router_latency_cycles: 5}\n"
                                 "dram.channels: 8\n"
                                 "set: {noc.link_bytes: 128, tile: {sram_banks: 16}}\n"
                                 "layers: [{name: fc, gemm: {m: 1, n: 10, k: 20}}]\n");
  const Scenario s = load_scenario(path, {"mesh.y=2"});
  EXPECT_EQ(s.name, "what-if");
  EXPECT_EQ(s.description, "a test");
  EXPECT_EQ(s.path, path);
  EXPECT_EQ(s.config.mesh.x, 4u);                     // chip
  EXPECT_EQ(s.config.mesh.y, 2u);                     // override
  EXPECT_EQ(s.config.noc.router_latency_cycles, 5u);  // inline
  EXPECT_EQ(s.config.dram.channels, 8u);              // inline, dotted
  EXPECT_EQ(s.config.noc.link_bytes, 128u);           // set beats inline beats chip
  EXPECT_EQ(s.config.tile.sram_banks, 16u);           // set, nested
  EXPECT_EQ(s.mode, RunMode::kFunctional);            // the configuration's default
}

TEST_F(ScenarioFiles, ModeIsTheMatrixEnginesTimingOnlySwitch) {
  const std::string layers = "layers: [{name: l, gemm: {m: 1, n: 1, k: 1}}]\n";
  const Scenario timing = load_scenario(write("t.yaml", "mode: timing-only\n" + layers));
  EXPECT_EQ(timing.mode, RunMode::kTimingOnly);
  EXPECT_TRUE(timing.config.mxu.timing_only);
  // The mode has the last word in its file; an override on the command line after it.
  const std::string both =
      write("b.yaml", "mode: functional\nset: {mxu.timing_only: true}\n" + layers);
  EXPECT_EQ(load_scenario(both).mode, RunMode::kFunctional);
  EXPECT_EQ(load_scenario(both, {"mxu.timing_only=true"}).mode, RunMode::kTimingOnly);
}

TEST_F(ScenarioFiles, LayersUnrollRepeatsAndGroups) {
  const std::string path = write("s.yaml", R"(
layers:
  - {name: stem, conv: {h: 224, w: 224, c_in: 3, c_out: 64, kernel: 7, stride: 2, padding: 3}}
  - name: block
    repeat: 2
    layers:
      - {name: a, conv: {h: 56, w: 56, c_in: 64, c_out: 64, kernel: 1}}
      - {name: b, gemm: {m: 8, n: 8, k: 8}, repeat: 3}
  - {name: head, gemm: {m: 1, n: 1000, k: 2048}}
)");
  const Scenario s = load_scenario(path);
  std::vector<std::string> names;
  for (const Layer& l : layers_of(s)) names.push_back(l.name);
  EXPECT_EQ(names, (std::vector<std::string>{"stem", "block.1.a", "block.1.b.1", "block.1.b.2",
                                             "block.1.b.3", "block.2.a", "block.2.b.1",
                                             "block.2.b.2", "block.2.b.3", "head"}));
  const auto& stem = std::get<ConvShape>(layers_of(s)[0].op);
  EXPECT_EQ(stem.stride, 2u);
  EXPECT_EQ(stem.padding, 3u);
  const auto& a = std::get<ConvShape>(layers_of(s)[1].op);
  EXPECT_EQ(a.stride, 1u);  // defaults
  EXPECT_EQ(a.padding, 0u);
  EXPECT_EQ(std::get<GemmShape>(layers_of(s)[9].op).n, 1000u);
  EXPECT_EQ(s.name, "s");  // the file's name when the scenario has none
}

TEST_F(ScenarioFiles, ExtendsStartsFromTheBaseScenario) {
  write("chips/c.yaml", "mesh: {x: 3, y: 1}\n");
  write("base.yaml",
        "chip: chips/c.yaml\nset: {noc.link_bytes: 8}\nmode: functional\n"
        "layers: [{name: l, gemm: {m: 2, n: 2, k: 2}}]\n");
  fs::create_directories(dir_ / "runs" / "0001");
  const std::string path =
      write("runs/0001/scenario.yaml", "extends: ../../base.yaml\nset: {mesh.y: 2}\n");
  const Scenario s = load_scenario(path);
  EXPECT_EQ(s.name, "scenario");
  EXPECT_EQ(s.config.mesh.x, 3u);
  EXPECT_EQ(s.config.mesh.y, 2u);
  EXPECT_EQ(s.config.noc.link_bytes, 8u);
  EXPECT_EQ(s.mode, RunMode::kFunctional);  // the base's explicit mode
  EXPECT_EQ(layers_of(s).size(), 1u);

  write("loop.yaml", "extends: loop2.yaml\n");
  write("loop2.yaml", "extends: loop.yaml\nlayers: [{name: l, gemm: {m: 1, n: 1, k: 1}}]\n");
  expect_error((dir_ / "loop.yaml").string(), {"loop2.yaml:1", "extends", "extends itself"});
}

TEST_F(ScenarioFiles, WorkloadPathsAreRelativeToTheFile) {
  write("model.onnx", "not really a model");
  write("digit.bin", "");
  write("fw.elf", "");
  const Scenario onnx =
      load_scenario(write("o.yaml", "onnx: model.onnx\ninputs: {image: digit.bin}\n"));
  const auto& w = std::get<OnnxWorkload>(onnx.workload);
  EXPECT_EQ(fs::path(w.model), fs::absolute(dir_ / "model.onnx").lexically_normal());
  ASSERT_EQ(w.inputs.size(), 1u);
  EXPECT_EQ(w.inputs[0].first, "image");
  EXPECT_EQ(fs::path(w.inputs[0].second), fs::absolute(dir_ / "digit.bin").lexically_normal());
  EXPECT_EQ(onnx.mode, RunMode::kFunctional);

  const Scenario fw = load_scenario(write("f.yaml", "firmware: fw.elf\n"));
  EXPECT_EQ(fs::path(std::get<FirmwareWorkload>(fw.workload).elf),
            fs::absolute(dir_ / "fw.elf").lexically_normal());

  const Scenario positional =
      load_scenario(write("p.yaml", "onnx: model.onnx\ninputs: [digit.bin]\n"));
  ASSERT_EQ(std::get<OnnxWorkload>(positional.workload).inputs.size(), 1u);
  EXPECT_EQ(std::get<OnnxWorkload>(positional.workload).inputs[0].first, "");
}

TEST_F(ScenarioFiles, ErrorsNameTheFileTheLineAndTheField) {
  const std::string layers = "layers: [{name: l, gemm: {m: 1, n: 1, k: 1}}]\n";
  expect_error(write("a.yaml", "noc: {link_bytes: wide}\n" + layers),
               {"a.yaml:1", "noc.link_bytes", "'wide'"});
  expect_error(write("b.yaml", "layer: []\n"),
               {"b.yaml:1", "layer", "neither a scenario key", "nor a configuration key"});
  expect_error(write("c.yaml", "mesh: {z: 1}\n" + layers), {"c.yaml:1", "mesh.z", "unknown key"});
  expect_error(write("d.yaml", "chip: chips/none.yaml\n" + layers),
               {"d.yaml:1", "chip", "chips/none.yaml: no such file"});
  write("chips/bad.yaml", "noc: {link_bytes: 0}\n");
  expect_error(write("e.yaml", "chip: chips/bad.yaml\n" + layers),
               {"e.yaml:1: chip:", "bad.yaml", "noc.link_bytes", "impossible"});
  expect_error(write("f.yaml", "name: x\n"), {"f.yaml", "workload", "missing"});
  expect_error(write("g.yaml", "firmware: a.elf\n" + layers), {"g.yaml", "only one of"});
  expect_error(write("h.yaml", "onnx: missing.onnx\n"), {"h.yaml:1", "onnx", "missing.onnx"});
  expect_error(write("i.yaml", "mode: fast\n" + layers), {"i.yaml:1", "mode", "'fast'"});
  expect_error(write("j.yaml", "mode: analytic\n" + layers), {"j.yaml:1", "mode"});
  expect_error(write("k.yaml", "set: [noc.link_bytes]\n" + layers), {"k.yaml:1", "set"});
  expect_error(write("l.yaml", "mesh: {x: 2\n"), {"l.yaml", "not valid YAML"});
  expect_error((dir_ / "nonexistent.yaml").string(), {"nonexistent.yaml: cannot open"});
  expect_error(write("m.yaml", "- just a list\n"), {"m.yaml", "expected a map"});
  write("model.onnx", "");
  expect_error(write("n.yaml", "inputs: {x: model.onnx}\n" + layers), {"inputs", "onnx only"});
}

TEST_F(ScenarioFiles, LayerErrorsNameTheLayerField) {
  const auto layer = [&](const std::string& name, const std::string& entry) {
    return write(name, "# a comment line\nlayers:\n  - " + entry + "\n");
  };
  expect_error(layer("a.yaml", "{name: l, gemm: {m: 1, n: 0, k: 1}}"),
               {"a.yaml:3", "layers[0].gemm.n", "expects an integer >= 1, got '0'"});
  expect_error(layer("b.yaml", "{name: l, gemm: {m: 1, n: 2}}"),
               {"b.yaml:3", "layers[0].gemm", "lacks k"});
  expect_error(layer("c.yaml",
                     "{name: l, conv: {h: 4, w: 4, c_in: 1, c_out: 1, kernel: 3, "
                     "dilation: 2}}"),
               {"c.yaml:3", "layers[0].conv.dilation", "unknown key"});
  expect_error(layer("d.yaml", "{name: l, conv: {h: 2, w: 2, c_in: 1, c_out: 1, kernel: 5}}"),
               {"d.yaml:3", "larger than the padded image"});
  expect_error(layer("k.yaml",
                     "{name: l, conv: {h: 100000, w: 100000, c_in: 1, c_out: 1, "
                     "kernel: 1}}"),
               {"k.yaml:3", "layers[0].conv", "2^32"});
  expect_error(layer("e.yaml", "{name: l}"), {"e.yaml:3", "exactly one of gemm, conv, layers"});
  expect_error(layer("f.yaml", "{gemm: {m: 1, n: 1, k: 1}}"), {"layers[0]", "lacks name"});
  expect_error(layer("g.yaml", "{name: l, repeat: -1, gemm: {m: 1, n: 1, k: 1}}"),
               {"layers[0].repeat", "'-1'"});
  expect_error(layer("h.yaml", "{name: g, layers: [{name: x, gemm: {m: 1, n: 1, k: 1.5}}]}"),
               {"layers[0].layers[0].gemm.k", "'1.5'"});
  expect_error(write("i.yaml",
                     "layers:\n  - {name: l, gemm: {m: 1, n: 1, k: 1}}\n"
                     "  - {name: l, gemm: {m: 1, n: 1, k: 1}}\n"),
               {"i.yaml:3", "layers[1].name", "layer l is already defined at", "i.yaml:2"});
  expect_error(write("j.yaml", "layers: []\n"), {"j.yaml:1", "layers", "non-empty"});
}

TEST_F(ScenarioFiles, CommandLineOverridesAreCheckedToo) {
  const std::string path = write("s.yaml", "layers: [{name: l, gemm: {m: 1, n: 1, k: 1}}]\n");
  EXPECT_THROW(load_scenario(path, {"mesh.x=0"}), ConfigError);
  EXPECT_THROW(load_scenario(path, {"bogus.key=1"}), ConfigError);
}

}  // namespace
}  // namespace tessera
