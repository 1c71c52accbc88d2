# Robustness builds (docs/robustness.md), for host code only: the RISC-V firmware is an
# ExternalProject with its own toolchain and never sees these flags.
#   TESSERA_SANITIZE  AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer;
#                     undefined behaviour aborts, so it fails the test that ran into it.
#   TESSERA_FUZZ      the libFuzzer targets and their fuzz.<target> tests (fuzz/), with
#                     coverage instrumentation in the libraries they drive. Needs clang, and
#                     TESSERA_SANITIZE: fuzzing without the sanitizers finds only crashes, and
#                     the sanitizer runtime is what provides the coverage hooks to the other
#                     programs linking those libraries.
option(TESSERA_SANITIZE "Build host code with AddressSanitizer and UBSan" OFF)
option(TESSERA_FUZZ "Build the libFuzzer targets (clang, with TESSERA_SANITIZE)" OFF)

# Environment for every test, sanitized or not.
set(TESSERA_TEST_ENV SYSTEMC_DISABLE_COPYRIGHT_MESSAGE=1)

if(TESSERA_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined
                      -fno-omit-frame-pointer)
  # Line tables only: file:line in reports at a fraction of the build cost of full -g.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    add_compile_options(-gline-tables-only)
  else()
    add_compile_options(-g1)
  endif()
  add_link_options(-fsanitize=address,undefined)
  # LeakSanitizer needs no suppressions: nothing SystemC keeps is reported as a leak.
  list(APPEND TESSERA_TEST_ENV
       "ASAN_OPTIONS=detect_leaks=1:strict_init_order=1:check_initialization_order=1"
       "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endif()

if(TESSERA_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TESSERA_FUZZ needs clang: configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(NOT TESSERA_SANITIZE)
    message(FATAL_ERROR "TESSERA_FUZZ needs TESSERA_SANITIZE=ON")
  endif()
endif()

# Called once every target exists.
function(tessera_robustness_adjust_targets)
  if(NOT TESSERA_SANITIZE)
    return()
  endif()
  # Verilator's generated code (and its runtime) takes about 8x longer to build under UBSan than
  # under ASan alone, for checks of code we do not write: it keeps ASan only.
  if(TARGET tessera_rtl)
    target_compile_options(tessera_rtl PRIVATE -fno-sanitize=undefined)
  endif()
  # Every SystemC program gets an sc_start that keeps ASan's idea of the kernel thread's stack
  # right (systemc_asan.cpp). Whole: its definitions must win over libsystemc's, which the
  # linker would otherwise settle for.
  add_library(tessera_systemc_asan STATIC ${CMAKE_SOURCE_DIR}/cmake/systemc_asan.cpp)
  target_include_directories(tessera_systemc_asan PRIVATE ${SystemC_INCLUDE_DIR})
  set_property(TARGET SystemC::systemc APPEND PROPERTY INTERFACE_LINK_LIBRARIES
               "$<LINK_LIBRARY:WHOLE_ARCHIVE,tessera_systemc_asan>")
endfunction()
