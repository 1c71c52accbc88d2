// make_child: constructs a SystemC object (a socket, a port, a module) as a child of `parent`
// after the parent's constructor has returned. Interconnects need this: map() adds one socket
// per target at configuration time, and SystemC only accepts a port inside its module's scope.
#pragma once

#include <memory>
#include <systemc>
#include <utility>

namespace tessera {

template <typename T, typename... Args>
std::unique_ptr<T> make_child(sc_core::sc_module& parent, Args&&... args) {
  sc_core::sc_simcontext* context = sc_core::sc_get_curr_simcontext();
  context->hierarchy_push(&parent);
  struct Pop {
    sc_core::sc_simcontext* context;
    ~Pop() { context->hierarchy_pop(); }
  } pop{context};
  return std::make_unique<T>(std::forward<Args>(args)...);
}

}  // namespace tessera
