// SystemC owns main() and calls sc_main; run GoogleTest from there. SystemC elaborates once per
// process, so each TEST builds its own design and CTest runs every TEST in its own process.
#include <gtest/gtest.h>
#include <systemc>

int sc_main(int argc, char* argv[]) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
