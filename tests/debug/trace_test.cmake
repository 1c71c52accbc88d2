# Runs CMD (a ;-list, tessera-vp with its trace options) with --trace TRACE and requires exit
# code 0 and a trace identical to EXPECTED.
execute_process(COMMAND ${CMD} --trace ${TRACE} RESULT_VARIABLE rc ERROR_VARIABLE err
                OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tessera-vp exited ${rc}:\n${err}")
endif()
file(READ ${TRACE} actual)
file(READ ${EXPECTED} expected)
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "the trace differs from ${EXPECTED}:\n${actual}")
endif()
