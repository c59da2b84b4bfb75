//===- interceptor.h - Calling the real libc function behind an interceptor ===//
//
// weft's runtime is linked into the executable and exports functions named
// like libc's (pthread_mutex_lock, malloc, ...), so every call in the process,
// from libstdc++ too, lands in weft first. The real function is found once
// with dlsym(RTLD_NEXT).
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

#define WEFT_INTERCEPTOR extern "C" __attribute__((visibility("default")))

#endif
