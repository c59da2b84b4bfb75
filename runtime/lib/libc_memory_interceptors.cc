//===- libc_memory_interceptors.cc - mem*/str* touch program memory -------===//
//
// libc's memory and string functions read and write program memory that the
// pass never sees: calls from uninstrumented code (libstdc++, prebuilt
// libraries) and from -fno-builtin code. Each interceptor checks the bytes
// the function actually touches as one range access of the calling thread,
// then does the work through the real function.
//
// This file must never be called by the runtime itself: runtime code uses
// base/internal_libc.h (checked by test/runtime/no_libc_string_calls.test),
// and a thread that is not scheduled (CurThread null, which includes every
// UnscheduledScope) is never checked. It is compiled with -fno-builtin so
// that nothing here turns into a call to its own interceptor.
//
//===----------------------------------------------------------------------===//

#include "base/internal_libc.h"
#include "interceptor.h"
#include "rtl.h"

#include <cstring>

using namespace weft;

WEFT_DECLARE_REAL(int, memcmp, const void *, const void *, size_t)
WEFT_DECLARE_REAL(int, bcmp, const void *, const void *, size_t)
WEFT_DECLARE_REAL(size_t, strlen, const char *)
WEFT_DECLARE_REAL(size_t, strnlen, const char *, size_t)
WEFT_DECLARE_REAL(char *, strcpy, char *, const char *)
WEFT_DECLARE_REAL(char *, strncpy, char *, const char *, size_t)
WEFT_DECLARE_REAL(char *, strcat, char *, const char *)
WEFT_DECLARE_REAL(char *, strncat, char *, const char *, size_t)
WEFT_DECLARE_REAL(int, strcmp, const char *, const char *)
WEFT_DECLARE_REAL(int, strncmp, const char *, const char *, size_t)
WEFT_DECLARE_REAL(char *, strchr, const char *, int)
WEFT_DECLARE_REAL(char *, strrchr, const char *, int)
WEFT_DECLARE_REAL(char *, strdup, const char *)
WEFT_DECLARE_REAL(char *, strndup, const char *, size_t)
WEFT_DECLARE_REAL(void *, memchr, const void *, int, size_t)

namespace {

inline void readRange(const void *P, size_t N, uintptr_t Pc) { libcAccess(P, N, false, Pc); }
inline void writeRange(const void *P, size_t N, uintptr_t Pc) { libcAccess(P, N, true, Pc); }

/// Bytes strcmp/strncmp look at: up to the first difference or NUL.
size_t comparedBytes(const char *A, const char *B, size_t Max) {
  size_t I = 0;
  while (I < Max) {
    char X = A[I], Y = B[I];
    ++I;
    if (X != Y || !X)
      break;
  }
  return I;
}

size_t realStrlen(const char *S) {
  WEFT_ENSURE_REAL(strlen);
  return WEFT_REAL(strlen)(S);
}

size_t realStrnlen(const char *S, size_t N) {
  WEFT_ENSURE_REAL(strnlen);
  return WEFT_REAL(strnlen)(S, N);
}

} // namespace

// C++'s <cstring> declares strchr, strrchr and memchr as const-correct
// overloads; the C symbols are defined under other C++ names.
WEFT_INTERCEPTOR char *weftStrchr(const char *S, int C) __asm__("strchr");
WEFT_INTERCEPTOR char *weftStrrchr(const char *S, int C) __asm__("strrchr");
WEFT_INTERCEPTOR void *weftMemchr(const void *S, int C, size_t N) __asm__("memchr");

// The mem* family goes to glibc's fortified entry points (internal_libc):
// no dlsym, so they work even before anything is resolved.
WEFT_INTERCEPTOR void *memcpy(void *D, const void *S, size_t N) {
  readRange(S, N, WEFT_CALLER_PC);
  writeRange(D, N, WEFT_CALLER_PC);
  return internalMemcpy(D, S, N);
}

WEFT_INTERCEPTOR void *memmove(void *D, const void *S, size_t N) {
  readRange(S, N, WEFT_CALLER_PC);
  writeRange(D, N, WEFT_CALLER_PC);
  return internalMemmove(D, S, N);
}

WEFT_INTERCEPTOR void *memset(void *D, int C, size_t N) {
  writeRange(D, N, WEFT_CALLER_PC);
  return internalMemset(D, C, N);
}

WEFT_INTERCEPTOR int memcmp(const void *A, const void *B, size_t N) {
  WEFT_ENSURE_REAL(memcmp);
  readRange(A, N, WEFT_CALLER_PC);
  readRange(B, N, WEFT_CALLER_PC);
  return WEFT_REAL(memcmp)(A, B, N);
}

WEFT_INTERCEPTOR int bcmp(const void *A, const void *B, size_t N) {
  WEFT_ENSURE_REAL(bcmp);
  readRange(A, N, WEFT_CALLER_PC);
  readRange(B, N, WEFT_CALLER_PC);
  return WEFT_REAL(bcmp)(A, B, N);
}

WEFT_INTERCEPTOR size_t strlen(const char *S) {
  size_t N = realStrlen(S);
  readRange(S, N + 1, WEFT_CALLER_PC);
  return N;
}

WEFT_INTERCEPTOR size_t strnlen(const char *S, size_t Max) {
  size_t N = realStrnlen(S, Max);
  readRange(S, N < Max ? N + 1 : Max, WEFT_CALLER_PC);
  return N;
}

WEFT_INTERCEPTOR char *strcpy(char *D, const char *S) {
  WEFT_ENSURE_REAL(strcpy);
  size_t N = realStrlen(S) + 1;
  readRange(S, N, WEFT_CALLER_PC);
  writeRange(D, N, WEFT_CALLER_PC);
  return WEFT_REAL(strcpy)(D, S);
}

WEFT_INTERCEPTOR char *strncpy(char *D, const char *S, size_t Max) {
  WEFT_ENSURE_REAL(strncpy);
  size_t N = realStrnlen(S, Max);
  readRange(S, N < Max ? N + 1 : Max, WEFT_CALLER_PC);
  writeRange(D, Max, WEFT_CALLER_PC); // strncpy pads with NULs up to Max
  return WEFT_REAL(strncpy)(D, S, Max);
}

WEFT_INTERCEPTOR char *strcat(char *D, const char *S) {
  WEFT_ENSURE_REAL(strcat);
  size_t DL = realStrlen(D), SL = realStrlen(S);
  readRange(D, DL + 1, WEFT_CALLER_PC);
  readRange(S, SL + 1, WEFT_CALLER_PC);
  writeRange(D + DL, SL + 1, WEFT_CALLER_PC);
  return WEFT_REAL(strcat)(D, S);
}

WEFT_INTERCEPTOR char *strncat(char *D, const char *S, size_t Max) {
  WEFT_ENSURE_REAL(strncat);
  size_t DL = realStrlen(D), SL = realStrnlen(S, Max);
  readRange(D, DL + 1, WEFT_CALLER_PC);
  readRange(S, SL < Max ? SL + 1 : Max, WEFT_CALLER_PC);
  writeRange(D + DL, SL + 1, WEFT_CALLER_PC);
  return WEFT_REAL(strncat)(D, S, Max);
}

WEFT_INTERCEPTOR int strcmp(const char *A, const char *B) {
  WEFT_ENSURE_REAL(strcmp);
  if (CurThread) {
    size_t N = comparedBytes(A, B, static_cast<size_t>(-1));
    readRange(A, N, WEFT_CALLER_PC);
    readRange(B, N, WEFT_CALLER_PC);
  }
  return WEFT_REAL(strcmp)(A, B);
}

WEFT_INTERCEPTOR int strncmp(const char *A, const char *B, size_t Max) {
  WEFT_ENSURE_REAL(strncmp);
  if (CurThread) {
    size_t N = comparedBytes(A, B, Max);
    readRange(A, N, WEFT_CALLER_PC);
    readRange(B, N, WEFT_CALLER_PC);
  }
  return WEFT_REAL(strncmp)(A, B, Max);
}

WEFT_INTERCEPTOR char *weftStrchr(const char *S, int C) {
  WEFT_ENSURE_REAL(strchr);
  char *R = WEFT_REAL(strchr)(S, C);
  readRange(S, R ? size_t(R - S) + 1 : realStrlen(S) + 1, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR char *weftStrrchr(const char *S, int C) {
  WEFT_ENSURE_REAL(strrchr);
  readRange(S, realStrlen(S) + 1, WEFT_CALLER_PC);
  return WEFT_REAL(strrchr)(S, C);
}

WEFT_INTERCEPTOR char *strdup(const char *S) {
  WEFT_ENSURE_REAL(strdup);
  size_t N = realStrlen(S) + 1;
  readRange(S, N, WEFT_CALLER_PC);
  char *R = WEFT_REAL(strdup)(S);
  if (R)
    writeRange(R, N, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR char *strndup(const char *S, size_t Max) {
  WEFT_ENSURE_REAL(strndup);
  size_t N = realStrnlen(S, Max);
  readRange(S, N < Max ? N + 1 : Max, WEFT_CALLER_PC);
  char *R = WEFT_REAL(strndup)(S, Max);
  if (R)
    writeRange(R, N + 1, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR void *weftMemchr(const void *S, int C, size_t N) {
  WEFT_ENSURE_REAL(memchr);
  void *R = WEFT_REAL(memchr)(S, C, N);
  readRange(S, R ? size_t(static_cast<const char *>(R) - static_cast<const char *>(S)) + 1 : N,
            WEFT_CALLER_PC);
  return R;
}
