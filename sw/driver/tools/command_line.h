// Command-line handling shared by the driver's tools: a positional MODEL.onnx, named options,
// --help, and exit code 2 for bad input as tessera-vp has it.
#pragma once

#include <boost/program_options.hpp>
#include <iostream>
#include <string>

namespace tessera::driver::tools {

constexpr int kExitBadInput = 2;

// Parses argv into `named` and `model`. Returns -1 to go on, or the exit code to leave with
// (0 after --help, kExitBadInput after printing what is wrong).
inline int parse_command_line(int argc, char* argv[], const std::string& program,
                              const boost::program_options::options_description& named,
                              std::string& model) {
  namespace po = boost::program_options;
  po::options_description all;
  all.add(named).add_options()("help,h", "this text")("model", po::value(&model)->required());
  po::positional_options_description positional;
  positional.add("model", 1);
  po::variables_map values;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(),
              values);
    if (values.count("help")) {
      std::cout << named;
      return 0;
    }
    po::notify(values);
  } catch (const po::error& error) {
    std::cerr << program << ": " << error.what() << "\n" << named;
    return kExitBadInput;
  }
  return -1;
}

}  // namespace tessera::driver::tools
