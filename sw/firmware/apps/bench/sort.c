#include "sort.h"

static void sift_down(int32_t* values, size_t root, size_t count) {
  int32_t moving = values[root];
  for (;;) {
    size_t child = 2 * root + 1;
    if (child >= count) break;
    if (child + 1 < count && values[child + 1] > values[child]) child++;
    if (values[child] <= moving) break;
    values[root] = values[child];
    root = child;
  }
  values[root] = moving;
}

void heapsort_i32(int32_t* values, size_t count) {
  for (size_t root = count / 2; root-- > 0;) sift_down(values, root, count);
  for (size_t end = count; end-- > 1;) {
    int32_t top = values[0];
    values[0] = values[end];
    values[end] = top;
    sift_down(values, 0, end);
  }
}
