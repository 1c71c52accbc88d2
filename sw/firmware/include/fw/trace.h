/* Trace markers: firmware names a span of its work, and the VP shows it as a slice on this
 * hart's track of the trace (docs/iss.md, docs/scenarios.md "Traces"); spans nest. They are
 * Tessera's simulation hints in the custom-0 opcode space and cost one cycle each; the name is
 * read when the span begins. */
#ifndef FW_TRACE_H
#define FW_TRACE_H

static inline void trace_begin(const char* name) {
  __asm__ volatile(".insn i 0x0b, 0, x0, %0, 0" : : "r"(name) : "memory");
}
static inline void trace_end(void) {
  __asm__ volatile(".insn i 0x0b, 1, x0, x0, 0" : : : "memory");
}

#endif
