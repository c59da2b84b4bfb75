//===- internal_libc.h - The runtime's own mem*/str* functions ------------===//
//
// weft intercepts memcpy, strlen and friends to check the program's memory
// accesses. Runtime code must never reach those interceptors (its own
// buffers are not program memory, and a check there would be a false race
// or shadow of shadow), so it calls these instead. The mem* ones go to
// glibc's fortified entry points, which weft does not intercept; the str*
// ones are plain loops. test/runtime/no_libc_string_calls.test checks that
// no runtime object calls the intercepted names.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_BASE_INTERNAL_LIBC_H
#define WEFT_SCHEDULER_BASE_INTERNAL_LIBC_H

#include <cstddef>

namespace weft {

void *internalMemcpy(void *Dst, const void *Src, size_t N);
void *internalMemmove(void *Dst, const void *Src, size_t N);
void *internalMemset(void *Dst, int C, size_t N);
size_t internalStrlen(const char *S);
int internalStrcmp(const char *A, const char *B);
int internalStrncmp(const char *A, const char *B, size_t N);
const char *internalStrchr(const char *S, int C);
const char *internalStrrchr(const char *S, int C);
const void *internalMemchr(const void *S, int C, size_t N);

} // namespace weft

#endif
