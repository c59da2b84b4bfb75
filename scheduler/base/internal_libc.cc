//===- internal_libc.cc - The runtime's own mem*/str* functions -----------===//

#include "base/internal_libc.h"

// glibc's fortified variants (since 2.3.4): same work as memcpy & co. behind
// a different name, so they bypass weft's interceptors and stay fast.
extern "C" void *__memcpy_chk(void *, const void *, size_t, size_t);
extern "C" void *__memmove_chk(void *, const void *, size_t, size_t);
extern "C" void *__memset_chk(void *, int, size_t, size_t);

namespace weft {

void *internalMemcpy(void *Dst, const void *Src, size_t N) {
  return __memcpy_chk(Dst, Src, N, static_cast<size_t>(-1));
}
void *internalMemmove(void *Dst, const void *Src, size_t N) {
  return __memmove_chk(Dst, Src, N, static_cast<size_t>(-1));
}
void *internalMemset(void *Dst, int C, size_t N) {
  return __memset_chk(Dst, C, N, static_cast<size_t>(-1));
}

// Compiled with -fno-builtin (scheduler/CMakeLists.txt): the loops stay
// loops and the _chk calls are not folded back into memcpy & co.
size_t internalStrlen(const char *S) {
  size_t N = 0;
  while (S[N])
    ++N;
  return N;
}

int internalStrncmp(const char *A, const char *B,
                                                size_t N) {
  for (size_t I = 0; I < N; ++I) {
    unsigned char X = static_cast<unsigned char>(A[I]);
    unsigned char Y = static_cast<unsigned char>(B[I]);
    if (X != Y)
      return X < Y ? -1 : 1;
    if (!X)
      return 0;
  }
  return 0;
}

int internalStrcmp(const char *A, const char *B) {
  return internalStrncmp(A, B, static_cast<size_t>(-1));
}

const void *internalMemchr(const void *S, int C, size_t N) {
  const unsigned char *P = static_cast<const unsigned char *>(S);
  for (size_t I = 0; I < N; ++I)
    if (P[I] == static_cast<unsigned char>(C))
      return P + I;
  return nullptr;
}

const char *internalStrchr(const char *S, int C) {
  char Ch = static_cast<char>(C);
  for (;; ++S) {
    if (*S == Ch)
      return S;
    if (!*S)
      return nullptr;
  }
}

const char *internalStrrchr(const char *S, int C) {
  char Ch = static_cast<char>(C);
  const char *Last = nullptr;
  for (;; ++S) {
    if (*S == Ch)
      Last = S;
    if (!*S)
      return Last;
  }
}

} // namespace weft
