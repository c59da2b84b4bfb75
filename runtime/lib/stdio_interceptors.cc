//===- stdio_interceptors.cc - fread/fwrite/fgets/fputs -------------------===//
//
// The caller's buffers are checked as range accesses (fread and fgets write
// what they return, fwrite and fputs read what they are given), and a stdio
// read whose buffer is empty on a descriptor that may block runs outside the
// schedule like read(2) (blocking_call.h). glibc's stdio calls the kernel
// directly, not through weft's read/write, so this is the only place where
// those waits are seen. Descriptor channels give the same happens-before as
// read/write.
//
//===----------------------------------------------------------------------===//

#include "blocking_call.h"
#include "interceptor.h"
#include "rtl.h"

#include <poll.h>
#include <stdio.h>

using namespace weft;

WEFT_DECLARE_REAL(size_t, fread, void *, size_t, size_t, FILE *)
WEFT_DECLARE_REAL(size_t, fwrite, const void *, size_t, size_t, FILE *)
WEFT_DECLARE_REAL(char *, fgets, char *, int, FILE *)
WEFT_DECLARE_REAL(int, fputs, const char *, FILE *)

namespace {

/// Whether reading from \p F may wait: nothing buffered (glibc's FILE
/// layout) and a descriptor that may block.
bool streamReadMayBlock(FILE *F) {
  if (F->_IO_read_ptr < F->_IO_read_end)
    return false;
  return F->_fileno >= 0 && fdMayBlock(F->_fileno, POLLIN, 0);
}

size_t cstrlen(const char *S) {
  size_t N = 0;
  while (S[N])
    ++N;
  return N;
}

} // namespace

WEFT_INTERCEPTOR size_t fread(void *Buf, size_t Size, size_t N, FILE *F) {
  WEFT_ENSURE_REAL(fread);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(fread)(Buf, Size, N, F);
  size_t R = callMaybeBlocking(Thr, streamReadMayBlock(F), "fread", F->_fileno,
                               [&] { return WEFT_REAL(fread)(Buf, Size, N, F); });
  if (R > 0) {
    fdAcquire(Thr, F->_fileno);
    libcAccess(Buf, R * Size, true, WEFT_CALLER_PC);
  }
  return R;
}

WEFT_INTERCEPTOR size_t fwrite(const void *Buf, size_t Size, size_t N, FILE *F) {
  WEFT_ENSURE_REAL(fwrite);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(fwrite)(Buf, Size, N, F);
  libcAccess(Buf, Size * N, false, WEFT_CALLER_PC);
  fdRelease(Thr, F->_fileno);
  return WEFT_REAL(fwrite)(Buf, Size, N, F);
}

WEFT_INTERCEPTOR char *fgets(char *S, int N, FILE *F) {
  WEFT_ENSURE_REAL(fgets);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(fgets)(S, N, F);
  char *R = callMaybeBlocking(Thr, streamReadMayBlock(F), "fgets", F->_fileno,
                              [&] { return WEFT_REAL(fgets)(S, N, F); });
  if (R) {
    fdAcquire(Thr, F->_fileno);
    libcAccess(S, cstrlen(S) + 1, true, WEFT_CALLER_PC);
  }
  return R;
}

WEFT_INTERCEPTOR int fputs(const char *S, FILE *F) {
  WEFT_ENSURE_REAL(fputs);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(fputs)(S, F);
  libcAccess(S, cstrlen(S), false, WEFT_CALLER_PC);
  fdRelease(Thr, F->_fileno);
  return WEFT_REAL(fputs)(S, F);
}
