#include "kernels/pipeline.h"

int pipeline_run(const struct pipeline* p, struct engine_fault* fault) {
  struct tile_engines* te = p->te;
  uint32_t loaded[2] = {0, 0}, computed[2] = {0, 0}; /* tickets per buffer set */
  int error;
  if (p->steps == 0) return 0;
  if ((error = p->load(p->ctx, 0, 0, fault))) return error;
  loaded[0] = te->dma.submitted;
  for (uint32_t s = 0; s < p->steps; s++) {
    uint32_t b = s & 1;
    if ((error = engine_wait(&te->dma, loaded[b], fault))) return error;
    if ((error = p->compute(p->ctx, s, b, fault))) return error;
    computed[b] = te->mxu.submitted;
    if (s > 0) {
      if ((error = engine_wait(&te->mxu, computed[b ^ 1], fault))) return error;
      if ((error = p->store(p->ctx, s - 1, b ^ 1, fault))) return error;
    }
    if (s + 1 < p->steps) {
      if ((error = p->load(p->ctx, s + 1, b ^ 1, fault))) return error;
      loaded[b ^ 1] = te->dma.submitted;
    }
  }
  uint32_t last = p->steps - 1;
  if ((error = engine_wait(&te->mxu, computed[last & 1], fault))) return error;
  if ((error = p->store(p->ctx, last, last & 1, fault))) return error;
  return engine_drain(&te->dma, fault);
}
