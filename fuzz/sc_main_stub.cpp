// libsystemc.so defines main() and refers to sc_main. The fuzz programs bring their own main
// (libFuzzer's, or replay_main.cpp), which the executable's definition makes the one that
// runs, and elaborate SystemC themselves; the link still needs an sc_main, never called.
extern "C" int sc_main(int, char*[]) {
  return 1;
}
