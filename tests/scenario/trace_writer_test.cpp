#include "common/trace_writer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "trace_check.h"

namespace tessera {
namespace {

using Json = nlohmann::json;
using sc_core::SC_NS;
using sc_core::SC_PS;
using sc_core::sc_time;
using sc_core::SC_US;

Json parse(const std::string& text) {
  Json trace = Json::parse(text);  // throws on malformed JSON, failing the test
  const std::vector<std::string> problems = testing::trace_problems(trace);
  for (const std::string& p : problems) ADD_FAILURE() << p;
  return trace;
}

// The events of one phase, in file order.
std::vector<Json> events(const Json& trace, const std::string& phase) {
  std::vector<Json> found;
  for (const Json& e : trace["traceEvents"])
    if (e["ph"] == phase) found.push_back(e);
  return found;
}

// A little of everything a platform run emits.
void emit_sample(TraceWriter& writer) {
  const TraceTrack core = writer.track("tile 0", "core");
  const TraceTrack mxu = writer.track("tile 0", "mxu");
  const TraceTrack dram = writer.track("dram", "channel 0");
  mxu.slice("gemm", sc_time(1500, SC_NS), sc_time(1, SC_NS), {{"layer", "fc1"}, {"m", 128}});
  mxu.slice("fold", sc_time(1500, SC_NS), sc_time(0.5, SC_NS));  // nested in gemm
  core.instant("doorbell", sc_time(1, SC_US));
  dram.slice("read", sc_time(2, SC_US), sc_time(3, SC_NS), {{"bytes", uint64_t{256}}});
  mxu.counter("utilization", sc_time(2, SC_US), {{"mxu", 0.75}});
}

TEST(TraceWriter, NamesTracksAndWritesEventsInMicroseconds) {
  std::ostringstream out;
  TraceWriter writer(out, {{"scenario", "unit"}});
  emit_sample(writer);
  writer.close();
  const Json trace = parse(out.str());

  EXPECT_EQ(trace["otherData"]["scenario"], "unit");
  EXPECT_FALSE(trace.contains("displayTimeUnit"));  // Perfetto would read ts as nanoseconds

  std::map<std::string, int> pid_of;
  std::map<std::string, int> tid_of;
  for (const Json& m : events(trace, "M")) {
    if (m["name"] == "process_name") pid_of[m["args"]["name"]] = m["pid"];
    if (m["name"] == "thread_name") tid_of[m["args"]["name"]] = m["tid"];
  }
  ASSERT_EQ(pid_of.size(), 2u);
  EXPECT_NE(pid_of["tile 0"], pid_of["dram"]);
  ASSERT_EQ(tid_of.size(), 3u);
  EXPECT_NE(tid_of["core"], tid_of["mxu"]);

  const std::vector<Json> slices = events(trace, "X");
  ASSERT_EQ(slices.size(), 3u);
  EXPECT_EQ(slices[0]["name"], "gemm");
  EXPECT_EQ(slices[0]["pid"], pid_of["tile 0"]);
  EXPECT_EQ(slices[0]["tid"], tid_of["mxu"]);
  EXPECT_DOUBLE_EQ(slices[0]["ts"].get<double>(), 1.5);
  EXPECT_DOUBLE_EQ(slices[0]["dur"].get<double>(), 0.001);
  EXPECT_EQ(slices[0]["args"]["layer"], "fc1");
  EXPECT_EQ(slices[0]["args"]["m"], 128);
  EXPECT_EQ(slices[2]["tid"], tid_of["channel 0"]);

  const std::vector<Json> instants = events(trace, "i");
  ASSERT_EQ(instants.size(), 1u);
  EXPECT_EQ(instants[0]["s"], "t");
  EXPECT_DOUBLE_EQ(instants[0]["ts"].get<double>(), 1.0);

  const std::vector<Json> counters = events(trace, "C");
  ASSERT_EQ(counters.size(), 1u);
  EXPECT_EQ(counters[0]["pid"], pid_of["tile 0"]);
  EXPECT_DOUBLE_EQ(counters[0]["args"]["mxu"].get<double>(), 0.75);
}

TEST(TraceWriter, TimestampsKeepEveryTickExactly) {
  std::ostringstream out;
  TraceWriter writer(out);
  const TraceTrack t = writer.track("p", "t");
  t.instant("one_ps", sc_time(1, SC_PS));
  t.instant("one_ns", sc_time(1, SC_NS));
  t.instant("late", sc_time(3600e6, SC_US) + sc_time(1, SC_NS));  // an hour and a nanosecond
  writer.close();
  const std::string text = out.str();
  EXPECT_NE(text.find("\"ts\":0.000001}"), std::string::npos) << text;
  EXPECT_NE(text.find("\"ts\":0.001}"), std::string::npos) << text;
  EXPECT_NE(text.find("\"ts\":3600000000.001}"), std::string::npos) << text;
}

TEST(TraceWriter, SameCallsGiveTheSameBytes) {
  std::ostringstream a, b;
  {
    TraceWriter writer(a);
    emit_sample(writer);
  }
  {
    TraceWriter writer(b);
    emit_sample(writer);
  }
  EXPECT_EQ(a.str(), b.str());
  EXPECT_FALSE(a.str().empty());
}

TEST(TraceWriter, StreamsEachEventAsItIsEmitted) {
  std::ostringstream out;
  TraceWriter writer(out);
  const TraceTrack t = writer.track("p", "t");
  size_t written = out.str().size();
  for (int i = 0; i < 1000; ++i) {
    t.slice("work", sc_time(i, SC_NS), sc_time(1, SC_NS));
    const size_t now = out.str().size();
    ASSERT_GT(now, written) << "event " << i << " was held back";
    written = now;
  }
  EXPECT_EQ(writer.events_written(), 1000u + 4u);  // and 4 metadata events
  writer.close();
  EXPECT_EQ(events(parse(out.str()), "X").size(), 1000u);
}

TEST(TraceWriter, EscapesNamesSoTheJsonStaysValid) {
  std::ostringstream out;
  TraceWriter writer(out);
  const std::string odd = "a \"quoted\" back\\slash\nnew line\ttab\x01";
  writer.track(odd, "t").instant(odd, sc_time(0, SC_NS), {{odd, odd}});
  writer.close();
  EXPECT_EQ(out.str().find("\\u"), std::string::npos);  // Perfetto refuses \u escapes
  const Json trace = parse(out.str());
  const std::string expected = "a \"quoted\" back\\slash\nnew line\ttab?";
  EXPECT_EQ(events(trace, "i")[0]["name"], expected);
  EXPECT_EQ(events(trace, "i")[0]["args"][expected], expected);
}

TEST(TraceWriter, ArgumentsKeepTheirTypes) {
  std::ostringstream out;
  TraceWriter writer(out);
  writer.track("p", "t").instant("e", sc_time(0, SC_NS),
                                 {{"int", -3},
                                  {"big", uint64_t{1} << 63},
                                  {"real", 0.1},
                                  {"flag", true},
                                  {"text", "x"},
                                  {"not_a_number", std::nan("")}});
  writer.close();
  const Json args = events(parse(out.str()), "i")[0]["args"];
  EXPECT_EQ(args["int"], -3);
  EXPECT_EQ(args["big"].get<uint64_t>(), uint64_t{1} << 63);
  EXPECT_EQ(args["real"].get<double>(), 0.1);
  EXPECT_EQ(args["flag"], true);
  EXPECT_EQ(args["text"], "x");
  EXPECT_TRUE(args["not_a_number"].is_null());
}

TEST(TraceWriter, DisabledTracksAndClosedWritersIgnoreEvents) {
  const TraceTrack disabled;
  EXPECT_FALSE(disabled.enabled());
  disabled.slice("nothing", sc_time(0, SC_NS), sc_time(1, SC_NS));  // no writer: no effect

  std::ostringstream out;
  TraceWriter writer(out);
  const TraceTrack t = writer.track("p", "t");
  EXPECT_TRUE(t.enabled());
  writer.close();
  const std::string closed = out.str();
  t.slice("late", sc_time(0, SC_NS), sc_time(1, SC_NS));
  EXPECT_FALSE(writer.track("q", "u").enabled());
  writer.close();
  EXPECT_EQ(out.str(), closed);
  parse(closed);
}

TEST(TraceWriter, CountersRefuseTextSeries) {
  std::ostringstream out;
  TraceWriter writer(out);
  EXPECT_THROW(writer.track("p", "t").counter("c", sc_time(0, SC_NS), {{"s", "text"}}),
               std::invalid_argument);
}

TEST(TraceWriter, WritesAFileAndNamesOneItCannotOpen) {
  const std::string path = ::testing::TempDir() + "/trace_writer_test.json";
  {
    TraceWriter writer(path);
    emit_sample(writer);
    writer.close();
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(events(parse(text.str()), "X").size(), 3u);

  try {
    TraceWriter writer("/nonexistent/dir/trace.json");
    FAIL() << "opened an impossible path";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/trace.json"), std::string::npos);
  }
}

TEST(TraceCheck, FindsWhatViewersWouldReject) {
  const Json bad = Json::parse(R"({"traceEvents":[
    {"name":"process_name","ph":"M","pid":1,"tid":0,"args":{"name":"p"}},
    {"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"t"}},
    {"name":"a","ph":"X","pid":1,"tid":1,"ts":0,"dur":10},
    {"name":"b","ph":"X","pid":1,"tid":1,"ts":5,"dur":10},
    {"name":"c","ph":"X","pid":1,"tid":2,"ts":0},
    {"name":"d","ph":"i","pid":1,"tid":1,"ts":1}]})");
  const std::vector<std::string> problems = testing::trace_problems(bad);
  const auto mentions = [&](const std::string& text) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(text) != std::string::npos; });
  };
  EXPECT_TRUE(mentions("slice b partly overlaps a"));
  EXPECT_TRUE(mentions("lacks a non-negative dur"));
  EXPECT_TRUE(mentions("lacks a scope"));
  EXPECT_TRUE(mentions("thread 1/2 unnamed"));
}

}  // namespace
}  // namespace tessera
