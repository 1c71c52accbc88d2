// Which operand stays in the MXU's processing elements while the other streams through.
#pragma once

namespace tessera::mxu {

enum class Dataflow {
  kWeightStationary,  // a fold of B (K x N) sits in the array; rows of A stream through
  kOutputStationary,  // a tile of C (M x N) accumulates in the array; A and B stream in
};

}  // namespace tessera::mxu
