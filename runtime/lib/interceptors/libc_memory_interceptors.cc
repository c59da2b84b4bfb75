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
#include "interceptors/interceptor.h"
#include "core/rtl.h"

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
WEFT_DECLARE_REAL(void *, memrchr, const void *, int, size_t)
WEFT_DECLARE_REAL(void *, rawmemchr, const void *, int)
WEFT_DECLARE_REAL(char *, strchrnul, const char *, int)
WEFT_DECLARE_REAL(char *, stpcpy, char *, const char *)
WEFT_DECLARE_REAL(char *, stpncpy, char *, const char *, size_t)
WEFT_DECLARE_REAL(void *, memccpy, void *, const void *, int, size_t)
WEFT_DECLARE_REAL(char *, strstr, const char *, const char *)
WEFT_DECLARE_REAL(char *, strcasestr, const char *, const char *)
WEFT_DECLARE_REAL(void *, memmem, const void *, size_t, const void *, size_t)
WEFT_DECLARE_REAL(size_t, strspn, const char *, const char *)
WEFT_DECLARE_REAL(size_t, strcspn, const char *, const char *)
WEFT_DECLARE_REAL(char *, strpbrk, const char *, const char *)
WEFT_DECLARE_REAL(int, strcasecmp, const char *, const char *)
WEFT_DECLARE_REAL(int, strncasecmp, const char *, const char *, size_t)

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

/// Bytes strcasecmp/strncasecmp look at: up to the first difference
/// (ignoring ASCII case, as in the C locale) or NUL.
size_t comparedBytesNoCase(const char *A, const char *B, size_t Max) {
  auto Lower = [](unsigned char C) { return C >= 'A' && C <= 'Z' ? C + 32 : C; };
  size_t I = 0;
  while (I < Max) {
    unsigned char X = A[I], Y = B[I];
    ++I;
    if (Lower(X) != Lower(Y) || !X)
      break;
  }
  return I;
}

/// The reads of a string comparison of at most \p Max bytes: the bytes it
/// looks at, in both strings.
void comparedAccess(const char *A, const char *B, size_t Max, bool NoCase, uintptr_t Pc) {
  if (!CurThread)
    return;
  size_t N = NoCase ? comparedBytesNoCase(A, B, Max) : comparedBytes(A, B, Max);
  readRange(A, N, Pc);
  readRange(B, N, Pc);
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
WEFT_INTERCEPTOR void *weftMemrchr(const void *S, int C, size_t N) __asm__("memrchr");
WEFT_INTERCEPTOR void *weftRawmemchr(const void *S, int C) __asm__("rawmemchr");
WEFT_INTERCEPTOR char *weftStrchrnul(const char *S, int C) __asm__("strchrnul");
WEFT_INTERCEPTOR char *weftStrstr(const char *H, const char *N) __asm__("strstr");
WEFT_INTERCEPTOR char *weftStrcasestr(const char *H, const char *N) __asm__("strcasestr");
WEFT_INTERCEPTOR void *weftMemmem(const void *H, size_t HL, const void *N, size_t NL) __asm__("memmem");
WEFT_INTERCEPTOR char *weftStrpbrk(const char *S, const char *Accept) __asm__("strpbrk");

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
  comparedAccess(A, B, static_cast<size_t>(-1), /*NoCase=*/false, WEFT_CALLER_PC);
  return WEFT_REAL(strcmp)(A, B);
}

WEFT_INTERCEPTOR int strncmp(const char *A, const char *B, size_t Max) {
  WEFT_ENSURE_REAL(strncmp);
  comparedAccess(A, B, Max, /*NoCase=*/false, WEFT_CALLER_PC);
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

// The rest of <string.h> that reads or writes program memory (GNU and POSIX
// additions included): each checks the bytes it touched, computed from its
// result as for the functions above.

WEFT_INTERCEPTOR void *weftMemrchr(const void *S, int C, size_t N) {
  WEFT_ENSURE_REAL(memrchr);
  void *R = WEFT_REAL(memrchr)(S, C, N);
  // It searches backwards: from the end down to the match.
  const char *From = R ? static_cast<const char *>(R) : static_cast<const char *>(S);
  readRange(From, static_cast<const char *>(S) + N - From, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR void *weftRawmemchr(const void *S, int C) {
  WEFT_ENSURE_REAL(rawmemchr);
  void *R = WEFT_REAL(rawmemchr)(S, C);
  readRange(S, size_t(static_cast<const char *>(R) - static_cast<const char *>(S)) + 1,
            WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR char *weftStrchrnul(const char *S, int C) {
  WEFT_ENSURE_REAL(strchrnul);
  char *R = WEFT_REAL(strchrnul)(S, C);
  readRange(S, size_t(R - S) + 1, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR char *stpcpy(char *D, const char *S) {
  WEFT_ENSURE_REAL(stpcpy);
  size_t N = realStrlen(S) + 1;
  readRange(S, N, WEFT_CALLER_PC);
  writeRange(D, N, WEFT_CALLER_PC);
  return WEFT_REAL(stpcpy)(D, S);
}

WEFT_INTERCEPTOR char *stpncpy(char *D, const char *S, size_t Max) {
  WEFT_ENSURE_REAL(stpncpy);
  size_t N = realStrnlen(S, Max);
  readRange(S, N < Max ? N + 1 : Max, WEFT_CALLER_PC);
  writeRange(D, Max, WEFT_CALLER_PC); // pads with NULs up to Max
  return WEFT_REAL(stpncpy)(D, S, Max);
}

WEFT_INTERCEPTOR void *mempcpy(void *D, const void *S, size_t N) {
  readRange(S, N, WEFT_CALLER_PC);
  writeRange(D, N, WEFT_CALLER_PC);
  return static_cast<char *>(internalMemcpy(D, S, N)) + N;
}

WEFT_INTERCEPTOR void *memccpy(void *D, const void *S, int C, size_t N) {
  WEFT_ENSURE_REAL(memchr);
  // Copies up to and including the first C.
  const void *Stop = WEFT_REAL(memchr)(S, C, N);
  size_t Copied =
      Stop ? size_t(static_cast<const char *>(Stop) - static_cast<const char *>(S)) + 1 : N;
  readRange(S, Copied, WEFT_CALLER_PC);
  writeRange(D, Copied, WEFT_CALLER_PC);
  WEFT_ENSURE_REAL(memccpy);
  return WEFT_REAL(memccpy)(D, S, C, N);
}

WEFT_INTERCEPTOR void bzero(void *D, size_t N) {
  writeRange(D, N, WEFT_CALLER_PC);
  internalMemset(D, 0, N);
}

WEFT_INTERCEPTOR void explicit_bzero(void *D, size_t N) {
  writeRange(D, N, WEFT_CALLER_PC);
  internalMemset(D, 0, N);
  __asm__ volatile("" : : "r"(D) : "memory"); // not an optimizable dead store
}

/// The haystack bytes a substring search read: through the match, or all.
static size_t searchedBytes(const char *H, const char *Match, size_t NeedleLen) {
  return Match ? size_t(Match - H) + NeedleLen : realStrlen(H) + 1;
}

WEFT_INTERCEPTOR char *weftStrstr(const char *H, const char *N) {
  WEFT_ENSURE_REAL(strstr);
  char *R = WEFT_REAL(strstr)(H, N);
  size_t NL = realStrlen(N);
  readRange(H, searchedBytes(H, R, NL), WEFT_CALLER_PC);
  readRange(N, NL + 1, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR char *weftStrcasestr(const char *H, const char *N) {
  WEFT_ENSURE_REAL(strcasestr);
  char *R = WEFT_REAL(strcasestr)(H, N);
  size_t NL = realStrlen(N);
  readRange(H, searchedBytes(H, R, NL), WEFT_CALLER_PC);
  readRange(N, NL + 1, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR void *weftMemmem(const void *H, size_t HL, const void *N, size_t NL) {
  WEFT_ENSURE_REAL(memmem);
  void *R = WEFT_REAL(memmem)(H, HL, N, NL);
  readRange(H, R ? size_t(static_cast<const char *>(R) - static_cast<const char *>(H)) + NL : HL,
            WEFT_CALLER_PC);
  readRange(N, NL, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR size_t strspn(const char *S, const char *Accept) {
  WEFT_ENSURE_REAL(strspn);
  size_t R = WEFT_REAL(strspn)(S, Accept);
  readRange(S, R + 1, WEFT_CALLER_PC);
  readRange(Accept, realStrlen(Accept) + 1, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR size_t strcspn(const char *S, const char *Reject) {
  WEFT_ENSURE_REAL(strcspn);
  size_t R = WEFT_REAL(strcspn)(S, Reject);
  readRange(S, R + 1, WEFT_CALLER_PC);
  readRange(Reject, realStrlen(Reject) + 1, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR char *weftStrpbrk(const char *S, const char *Accept) {
  WEFT_ENSURE_REAL(strpbrk);
  char *R = WEFT_REAL(strpbrk)(S, Accept);
  readRange(S, R ? size_t(R - S) + 1 : realStrlen(S) + 1, WEFT_CALLER_PC);
  readRange(Accept, realStrlen(Accept) + 1, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR int strcasecmp(const char *A, const char *B) {
  WEFT_ENSURE_REAL(strcasecmp);
  comparedAccess(A, B, static_cast<size_t>(-1), /*NoCase=*/true, WEFT_CALLER_PC);
  return WEFT_REAL(strcasecmp)(A, B);
}

WEFT_INTERCEPTOR int strncasecmp(const char *A, const char *B, size_t Max) {
  WEFT_ENSURE_REAL(strncasecmp);
  comparedAccess(A, B, Max, /*NoCase=*/true, WEFT_CALLER_PC);
  return WEFT_REAL(strncasecmp)(A, B, Max);
}
