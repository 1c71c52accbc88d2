#pragma once

namespace tessera::mxu {

// What computes an MXU's GEMMs and times them (mxu.impl, docs/mxu-rtl.md): the TLM model
// alone, the Verilated RTL array, or both, compared descriptor by descriptor.
enum class Impl { kTlm, kRtl, kLockstep };

}  // namespace tessera::mxu
