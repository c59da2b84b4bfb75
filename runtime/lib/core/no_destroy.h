//===- no_destroy.h - Runtime globals that outlive static destructors -----===//
//
// The runtime's atexit handler (leak reports, the closing line) and the
// program's own static destructors run after the runtime's translation units
// have been torn down, and may still lock, allocate and report. A global
// holding an InternalVector (or anything else with a destructor) would be
// freed under them, so such globals live in a NoDestroy: constant-
// initialized, never destroyed. The OS reclaims the memory.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_NO_DESTROY_H
#define WEFT_RUNTIME_NO_DESTROY_H

namespace weft {

template <typename T> class NoDestroy {
public:
  constexpr NoDestroy() : Value() {}
  ~NoDestroy() {}
  NoDestroy(const NoDestroy &) = delete;
  NoDestroy &operator=(const NoDestroy &) = delete;

  constexpr T &operator*() { return Value; }
  constexpr T *operator->() { return &Value; }

private:
  union {
    T Value;
  };
};

} // namespace weft

#endif
