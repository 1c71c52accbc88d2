// trace-check: checks trace-event files (e.g. a tessera-vp --trace output) against the format
// rules of trace_check.h. Prints each problem; exit code 1 if any, 2 if a file is unreadable
// or not JSON.
//
//   trace-check FILE...
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "trace_check.h"

int main(int argc, char* argv[]) {
  if (argc < 2) {
    std::cerr << "usage: trace-check FILE...\n";
    return 2;
  }
  int exit_code = 0;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i]);
    if (!in) {
      std::cerr << argv[i] << ": cannot open\n";
      return 2;
    }
    nlohmann::json trace;
    try {
      trace = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
      std::cerr << argv[i] << ": not JSON: " << e.what() << "\n";
      return 2;
    }
    const std::vector<std::string> problems = tessera::testing::trace_problems(trace);
    for (const std::string& p : problems) std::cout << argv[i] << ": " << p << "\n";
    if (!problems.empty())
      exit_code = 1;
    else
      std::cout << argv[i] << ": " << trace["traceEvents"].size() << " events, valid\n";
  }
  return exit_code;
}
