//===- interceptor.h - Calling the real libc function behind an interceptor ===//
//
// weft's runtime is linked into the executable and exports functions named
// like libc's (pthread_mutex_lock, malloc, ...), so every call in the process,
// from libstdc++ too, lands in weft first. The real function is found once
// with dlsym(RTLD_NEXT).
//
// Every interceptor is a weak definition, as ThreadSanitizer's are: a
// program that defines a function or variable of the same name (its own
// `send`, a global `read`) links, and its definition wins, for its own
// calls and for shared libraries'. weft then does not see those calls, as
// TSan does not. So the runtime never calls an interceptor by its name:
// one interceptor that needs another's work calls a function of weft's own
// (test/runtime/no_interceptor_calls.test checks the archive).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_INTERCEPTOR_H
#define WEFT_RUNTIME_INTERCEPTOR_H

#include "base/raw_syscall.h"

#include <dlfcn.h>

namespace weft {

void *lookupReal(const char *Name, const char *Version);

/// REAL(name) is a pointer to the next definition of `name` after weft's.
#define WEFT_REAL(Name) weft_real_##Name
#define WEFT_DECLARE_REAL(Ret, Name, ...)                                      \
  static Ret (*weft_real_##Name)(__VA_ARGS__) = nullptr;
#define WEFT_ENSURE_REAL(Name)                                                 \
  do {                                                                         \
    if (__builtin_expect(!weft_real_##Name, 0))                                \
      weft_real_##Name = reinterpret_cast<decltype(weft_real_##Name)>(         \
          ::weft::lookupReal(#Name, nullptr));                                 \
  } while (0)
#define WEFT_ENSURE_REAL_VERSION(Name, Version)                                \
  do {                                                                         \
    if (__builtin_expect(!weft_real_##Name, 0))                                \
      weft_real_##Name = reinterpret_cast<decltype(weft_real_##Name)>(         \
          ::weft::lookupReal(#Name, Version));                                 \
  } while (0)

} // namespace weft

#define WEFT_INTERCEPTOR extern "C" __attribute__((weak, visibility("default")))

/// WEFT_OWN(name) is weft's interceptor for `name` whatever the program
/// defines: a hidden alias, declared with WEFT_DEFINE_OWN(name) after the
/// interceptor in the file that defines it, for the runtime's own calls.
#define WEFT_OWN(Name) weft_own_##Name
#define WEFT_DEFINE_OWN(Name)                                                  \
  extern "C" __attribute__((visibility("hidden"), alias(#Name)))               \
  decltype(::Name) weft_own_##Name;
#define WEFT_DECLARE_OWN(Name)                                                 \
  extern "C" __attribute__((visibility("hidden"))) decltype(::Name) weft_own_##Name;

#endif
