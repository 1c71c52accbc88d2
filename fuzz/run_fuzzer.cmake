# Fuzzes one target with libFuzzer: the fuzz.<target> tests and scripts/fuzz run it as
#   cmake -DFUZZER=<binary> -DSECONDS=<n> -DWORK=<dir> -DSOURCE=<repo>/fuzz -DTARGET=<name> -P ...
# TESSERA_FUZZ_SECONDS in the environment overrides SECONDS (scripts/fuzz's longer runs).
# It starts from the seed corpus and the regressions (read only) and from WORK/corpus, where
# it keeps the new inputs it finds, so successive runs in one build tree build on each other.
# A failure leaves the input in WORK (crash-*, leak-*, oom-*, timeout-*) and fails the run.
if(DEFINED ENV{TESSERA_FUZZ_SECONDS})
  set(SECONDS $ENV{TESSERA_FUZZ_SECONDS})
endif()
file(MAKE_DIRECTORY ${WORK}/corpus)
set(corpora ${WORK}/corpus ${SOURCE}/corpus/${TARGET})
if(EXISTS ${SOURCE}/regressions/${TARGET})
  list(APPEND corpora ${SOURCE}/regressions/${TARGET})
endif()
# -timeout: no single input may take seconds; -rss_limit_mb: nor run away with memory.
execute_process(
  COMMAND ${FUZZER} -max_total_time=${SECONDS} -timeout=5 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix=${WORK}/ ${corpora}
  RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR
    "fuzz target ${TARGET} failed (${status}); the input that failed is in ${WORK}/.\n"
    "Reproduce: ${FUZZER} <that file>. Once fixed, add the file to "
    "fuzz/regressions/${TARGET}/ (docs/robustness.md).")
endif()
