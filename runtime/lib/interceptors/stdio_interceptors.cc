//===- stdio_interceptors.cc - stdio reads and writes of program memory ---===//
//
// The caller's buffers are checked as range accesses (fread, fgets and
// getline write what they return, fwrite, fputs and puts read what they are
// given; the printf family reads its %s strings, writes through %n, and
// sprintf/snprintf write their output), and a stdio read whose buffer is
// empty on a descriptor that may block runs outside the schedule like
// read(2) (blocking_call.h). glibc's stdio calls the kernel directly, not
// through weft's read/write, so this is the only place where those waits
// are seen. Descriptor channels give the same happens-before as read/write.
// The functions still unchecked are listed in docs/limits.md.
//
//===----------------------------------------------------------------------===//

#include "interceptors/blocking_call.h"
#include "interceptors/interceptor.h"
#include "core/rtl.h"

#include <poll.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdio.h>
#include <wchar.h>

using namespace weft;

WEFT_DECLARE_REAL(size_t, fread, void *, size_t, size_t, FILE *)
WEFT_DECLARE_REAL(size_t, fwrite, const void *, size_t, size_t, FILE *)
WEFT_DECLARE_REAL(char *, fgets, char *, int, FILE *)
WEFT_DECLARE_REAL(int, fputs, const char *, FILE *)
WEFT_DECLARE_REAL(int, puts, const char *)
WEFT_DECLARE_REAL(void, perror, const char *)
WEFT_DECLARE_REAL(ssize_t, getdelim, char **, size_t *, int, FILE *)
WEFT_DECLARE_REAL(ssize_t, __getdelim, char **, size_t *, int, FILE *)
WEFT_DECLARE_REAL(int, vfprintf, FILE *, const char *, va_list)
WEFT_DECLARE_REAL(int, vdprintf, int, const char *, va_list)
WEFT_DECLARE_REAL(int, vsprintf, char *, const char *, va_list)
WEFT_DECLARE_REAL(int, vsnprintf, char *, size_t, const char *, va_list)
WEFT_DECLARE_REAL(int, vasprintf, char **, const char *, va_list)

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

size_t cstrnlen(const char *S, size_t Max) {
  size_t N = 0;
  while (N < Max && S[N])
    ++N;
  return N;
}

size_t cwcsnlen(const wchar_t *S, size_t Max) {
  size_t N = 0;
  while (N < Max && S[N])
    ++N;
  return N;
}

bool isDigit(char C) { return C >= '0' && C <= '9'; }

/// The memory a printf-family call reads through its arguments (%s, %ls
/// strings, as far as the precision lets it read) and writes through them
/// (%n), for the current thread, walking a copy of the arguments. A
/// positional argument (%2$s) or a conversion it does not know ends the
/// walk: the types of the arguments after it are unknown.
void checkPrintfArgs(const char *Fmt, va_list Args, uintptr_t Pc) {
  if (!CurThread || !Fmt)
    return;
  va_list Ap;
  va_copy(Ap, Args);
  enum Length { None, Char, Short, Long, LongLong, Max, Size, Ptrdiff, LongDouble };
  for (const char *P = Fmt; *P; ++P) {
    if (*P != '%')
      continue;
    if (*++P == '%')
      continue;
    const char *Q = P;
    while (isDigit(*Q))
      ++Q;
    if (*Q == '$')
      break;
    while (*P == '-' || *P == '+' || *P == ' ' || *P == '#' || *P == '0' ||
           *P == '\'' || *P == 'I')
      ++P;
    if (*P == '*') {
      (void)va_arg(Ap, int);
      ++P;
    } else {
      while (isDigit(*P))
        ++P;
    }
    long Precision = -1;
    if (*P == '.') {
      ++P;
      if (*P == '*') {
        Precision = va_arg(Ap, int);
        ++P;
      } else {
        Precision = 0;
        while (isDigit(*P))
          Precision = Precision * 10 + (*P++ - '0');
      }
    }
    Length Len = None;
    switch (*P) {
    case 'h':
      Len = P[1] == 'h' ? Char : Short;
      P += Len == Char ? 2 : 1;
      break;
    case 'l':
      Len = P[1] == 'l' ? LongLong : Long;
      P += Len == LongLong ? 2 : 1;
      break;
    case 'q': Len = LongLong; ++P; break;
    case 'j': Len = Max; ++P; break;
    case 'z': Len = Size; ++P; break;
    case 't': Len = Ptrdiff; ++P; break;
    case 'L': Len = LongDouble; ++P; break;
    default: break;
    }
    bool Wide64 = Len == Long || Len == LongLong || Len == Max || Len == Size ||
                  Len == Ptrdiff;
    switch (*P) {
    case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
      if (Wide64)
        (void)va_arg(Ap, long long);
      else
        (void)va_arg(Ap, int);
      break;
    case 'c': case 'C':
      (void)va_arg(Ap, int); // int or wint_t
      break;
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case 'a': case 'A':
      if (Len == LongDouble)
        (void)va_arg(Ap, long double);
      else
        (void)va_arg(Ap, double);
      break;
    case 'p':
      (void)va_arg(Ap, void *);
      break;
    case 'm':
      break;
    case 's': case 'S':
      if (Len == Long || *P == 'S') {
        const wchar_t *W = va_arg(Ap, const wchar_t *);
        if (!W)
          break;
        size_t Max = Precision >= 0 ? size_t(Precision) / sizeof(wchar_t) + 1 : ~size_t(0);
        size_t N = cwcsnlen(W, Max);
        libcAccess(W, (N < Max ? N + 1 : Max) * sizeof(wchar_t), false, Pc);
      } else {
        const char *Str = va_arg(Ap, const char *);
        if (!Str) // printed as "(null)"
          break;
        size_t Max = Precision >= 0 ? size_t(Precision) : ~size_t(0);
        size_t N = cstrnlen(Str, Max);
        libcAccess(Str, N < Max ? N + 1 : Max, false, Pc);
      }
      break;
    case 'n': {
      void *Out = va_arg(Ap, void *);
      size_t Bytes = Len == Char ? 1 : Len == Short ? 2 : Wide64 ? 8 : 4;
      libcAccess(Out, Bytes, true, Pc);
      break;
    }
    default:
      va_end(Ap);
      return;
    }
  }
  va_end(Ap);
}

/// The bytes sprintf-like output of \p Result characters wrote into a
/// buffer of \p Cap bytes (the terminating NUL included).
size_t printedBytes(int Result, size_t Cap) {
  if (Result < 0 || Cap == 0)
    return 0;
  return size_t(Result) < Cap ? size_t(Result) + 1 : Cap;
}

int doVfprintf(FILE *F, const char *Fmt, va_list Ap, uintptr_t Pc) {
  WEFT_ENSURE_REAL(vfprintf);
  if (ThreadState *Thr = CurThread) {
    checkPrintfArgs(Fmt, Ap, Pc);
    fdRelease(Thr, F->_fileno);
  }
  return WEFT_REAL(vfprintf)(F, Fmt, Ap);
}

int doVdprintf(int Fd, const char *Fmt, va_list Ap, uintptr_t Pc) {
  WEFT_ENSURE_REAL(vdprintf);
  if (ThreadState *Thr = CurThread) {
    checkPrintfArgs(Fmt, Ap, Pc);
    fdRelease(Thr, Fd);
  }
  return WEFT_REAL(vdprintf)(Fd, Fmt, Ap);
}

int doVsnprintf(char *Buf, size_t Cap, const char *Fmt, va_list Ap, uintptr_t Pc) {
  WEFT_ENSURE_REAL(vsnprintf);
  checkPrintfArgs(Fmt, Ap, Pc);
  int R = WEFT_REAL(vsnprintf)(Buf, Cap, Fmt, Ap);
  libcAccess(Buf, printedBytes(R, Cap), true, Pc);
  return R;
}

int doVsprintf(char *Buf, const char *Fmt, va_list Ap, uintptr_t Pc) {
  WEFT_ENSURE_REAL(vsprintf);
  checkPrintfArgs(Fmt, Ap, Pc);
  int R = WEFT_REAL(vsprintf)(Buf, Fmt, Ap);
  libcAccess(Buf, printedBytes(R, ~size_t(0)), true, Pc);
  return R;
}

int doVasprintf(char **Out, const char *Fmt, va_list Ap, uintptr_t Pc) {
  WEFT_ENSURE_REAL(vasprintf);
  checkPrintfArgs(Fmt, Ap, Pc);
  libcAccess(Out, sizeof *Out, true, Pc);
  return WEFT_REAL(vasprintf)(Out, Fmt, Ap);
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

WEFT_INTERCEPTOR int puts(const char *S) {
  WEFT_ENSURE_REAL(puts);
  if (ThreadState *Thr = CurThread) {
    libcAccess(S, cstrlen(S) + 1, false, WEFT_CALLER_PC);
    fdRelease(Thr, STDOUT_FILENO);
  }
  return WEFT_REAL(puts)(S);
}

WEFT_INTERCEPTOR void perror(const char *S) {
  WEFT_ENSURE_REAL(perror);
  if (ThreadState *Thr = CurThread) {
    if (S)
      libcAccess(S, cstrlen(S) + 1, false, WEFT_CALLER_PC);
    fdRelease(Thr, STDERR_FILENO);
  }
  WEFT_REAL(perror)(S);
}

/// getline/getdelim: the line pointer and its size are read and may be
/// written (a new buffer), and the line is written with its NUL.
static ssize_t doGetdelim(char **Line, size_t *Cap, int Delim, FILE *F, uintptr_t Pc) {
  WEFT_ENSURE_REAL(getdelim);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(getdelim)(Line, Cap, Delim, F);
  libcAccess(Line, sizeof *Line, true, Pc);
  libcAccess(Cap, sizeof *Cap, true, Pc);
  ssize_t R = callMaybeBlocking(Thr, streamReadMayBlock(F), "getline", F->_fileno,
                                [&] { return WEFT_REAL(getdelim)(Line, Cap, Delim, F); });
  if (R > 0) {
    fdAcquire(Thr, F->_fileno);
    libcAccess(*Line, size_t(R) + 1, true, Pc);
  }
  return R;
}

WEFT_INTERCEPTOR ssize_t getdelim(char **Line, size_t *Cap, int Delim, FILE *F) {
  return doGetdelim(Line, Cap, Delim, F, WEFT_CALLER_PC);
}

// glibc's <stdio.h> inlines getline as a call of __getdelim when optimizing.
WEFT_INTERCEPTOR ssize_t __getdelim(char **Line, size_t *Cap, int Delim, FILE *F) {
  return doGetdelim(Line, Cap, Delim, F, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR ssize_t getline(char **Line, size_t *Cap, FILE *F) {
  return doGetdelim(Line, Cap, '\n', F, WEFT_CALLER_PC);
}

// The printf family. Each variadic entry hands its arguments to the
// checking v* body with the program's call site.

WEFT_INTERCEPTOR int vfprintf(FILE *F, const char *Fmt, va_list Ap) {
  return doVfprintf(F, Fmt, Ap, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int vprintf(const char *Fmt, va_list Ap) {
  return doVfprintf(stdout, Fmt, Ap, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int fprintf(FILE *F, const char *Fmt, ...) {
  va_list Ap;
  va_start(Ap, Fmt);
  int R = doVfprintf(F, Fmt, Ap, WEFT_CALLER_PC);
  va_end(Ap);
  return R;
}

WEFT_INTERCEPTOR int printf(const char *Fmt, ...) {
  va_list Ap;
  va_start(Ap, Fmt);
  int R = doVfprintf(stdout, Fmt, Ap, WEFT_CALLER_PC);
  va_end(Ap);
  return R;
}

WEFT_INTERCEPTOR int vdprintf(int Fd, const char *Fmt, va_list Ap) {
  return doVdprintf(Fd, Fmt, Ap, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int dprintf(int Fd, const char *Fmt, ...) {
  va_list Ap;
  va_start(Ap, Fmt);
  int R = doVdprintf(Fd, Fmt, Ap, WEFT_CALLER_PC);
  va_end(Ap);
  return R;
}

WEFT_INTERCEPTOR int vsnprintf(char *Buf, size_t Cap, const char *Fmt, va_list Ap) {
  return doVsnprintf(Buf, Cap, Fmt, Ap, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int snprintf(char *Buf, size_t Cap, const char *Fmt, ...) {
  va_list Ap;
  va_start(Ap, Fmt);
  int R = doVsnprintf(Buf, Cap, Fmt, Ap, WEFT_CALLER_PC);
  va_end(Ap);
  return R;
}

WEFT_INTERCEPTOR int vsprintf(char *Buf, const char *Fmt, va_list Ap) {
  return doVsprintf(Buf, Fmt, Ap, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int sprintf(char *Buf, const char *Fmt, ...) {
  va_list Ap;
  va_start(Ap, Fmt);
  int R = doVsprintf(Buf, Fmt, Ap, WEFT_CALLER_PC);
  va_end(Ap);
  return R;
}

WEFT_INTERCEPTOR int vasprintf(char **Out, const char *Fmt, va_list Ap) {
  return doVasprintf(Out, Fmt, Ap, WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int asprintf(char **Out, const char *Fmt, ...) {
  va_list Ap;
  va_start(Ap, Fmt);
  int R = doVasprintf(Out, Fmt, Ap, WEFT_CALLER_PC);
  va_end(Ap);
  return R;
}
