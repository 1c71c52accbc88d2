# Runs the same firmware twice and requires identical instruction counts and simulated time.
foreach(run 1 2)
  execute_process(COMMAND ${VP} --elf ${ELF} --stats RESULT_VARIABLE rc ERROR_VARIABLE err
                  OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "run ${run} exited ${rc}:\n${err}")
  endif()
  string(REGEX MATCH "instructions: [0-9]+\nsim_time_ns: [0-9]+" figures${run} "${err}")
endforeach()
if(NOT figures1 OR NOT figures1 STREQUAL figures2)
  message(FATAL_ERROR "runs differ:\n${figures1}\nvs\n${figures2}")
endif()
message(STATUS "both runs: ${figures1}")
