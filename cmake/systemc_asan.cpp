// Linked into every SystemC program of a TESSERA_SANITIZE build (cmake/Robustness.cmake), where
// its sc_start takes the place of SystemC's.
//
// SystemC's QuickThreads coroutines tell AddressSanitizer about every switch of stacks, but when
// they switch back to the thread that runs the kernel they give no bounds for its stack, so from
// the first sc_start on, ASan takes that thread's stack to be empty. Exceptions thrown on it then
// leave the unwound frames' poisoned shadow behind ("ASan is ignoring requested
// __asan_handle_no_return"), which later shows up as false stack-use-after-scope reports, and
// LeakSanitizer no longer scans it, so what only that stack refers to looks leaked (libFuzzer
// checks for leaks between inputs). Every way into the kernel is one of these two functions:
// they run SystemC's and then tell ASan the thread's real stack again.
#include <dlfcn.h>
#include <pthread.h>
#include <sanitizer/common_interface_defs.h>

#include <systemc>
#include <utility>

namespace {

void declare_thread_stack() {
  thread_local const std::pair<void*, size_t> stack = [] {  // read once: it may parse /proc
    pthread_attr_t attributes;
    std::pair<void*, size_t> bounds{nullptr, 0};
    pthread_getattr_np(pthread_self(), &attributes);
    pthread_attr_getstack(&attributes, &bounds.first, &bounds.second);
    pthread_attr_destroy(&attributes);
    return bounds;
  }();
  void* fake_stack = nullptr;
  __sanitizer_start_switch_fiber(&fake_stack, stack.first, stack.second);
  __sanitizer_finish_switch_fiber(fake_stack, nullptr, nullptr);
}

// SystemC's own definition of `symbol`, the one this program's hides.
template <typename Function>
Function* systemc(const char* symbol) {
  return reinterpret_cast<Function*>(dlsym(RTLD_NEXT, symbol));
}

struct DeclareStackOnReturn {
  ~DeclareStackOnReturn() { declare_thread_stack(); }
};

}  // namespace

namespace sc_core {

void sc_start(const sc_time& duration, sc_starvation_policy policy) {
  static auto* const start = systemc<void(const sc_time&, sc_starvation_policy)>(
      "_ZN7sc_core8sc_startERKNS_7sc_timeENS_20sc_starvation_policyE");
  const DeclareStackOnReturn declare;
  start(duration, policy);
}

void sc_start() {
  static auto* const start = systemc<void()>("_ZN7sc_core8sc_startEv");
  const DeclareStackOnReturn declare;
  start();
}

}  // namespace sc_core
