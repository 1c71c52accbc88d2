/* devrt: the device runtime firmware that the host driver boots (sw/firmware/runtime). */
#include "runtime.h"

int main(void) {
  runtime_run();
}
