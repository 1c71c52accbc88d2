/* Never ends: spins in a loop, for the simulator's --timeout and --max-instructions. */
int main(void) {
  for (volatile unsigned i = 0;; ++i) {
  }
}
