//===- symbolizer.cc - Talking to llvm-symbolizer -------------------------===//
//
// Runs only while a report is being printed, on the thread holding the baton.
// I/O uses raw system calls and the child is started with posix_spawn, which
// weft does not intercept. Answers are cached per address, and the raw
// answers also across the runs of one fork server (shared_symbol_cache.h).
//
// The child talks over one socketpair (its stdin and stdout), not pipes: a
// query is sent with MSG_NOSIGNAL, so a symbolizer that exits early, at once
// or in the middle, costs the program no SIGPIPE. From then on stacks show
// module+offset, as when the symbolizer cannot be started at all.
//
//===----------------------------------------------------------------------===//

#include "report/symbolizer.h"
#include "base/internal_libc.h"
#include "report/shared_symbol_cache.h"

#include "core/addr_map.h"
#include "interceptors/interceptor.h"
#include "base/raw_syscall.h"
#include "core/rtl.h"
#include "core/text_buffer.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <link.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;
// cpu_pinning.cc's: the child gets the program's CPU mask, not weft's pin.
WEFT_DECLARE_OWN(posix_spawnp)

#ifndef WEFT_DEFAULT_SYMBOLIZER
#define WEFT_DEFAULT_SYMBOLIZER "llvm-symbolizer"
#endif

namespace weft {
namespace {

const char *internString(const char *S, size_t Len) {
  char *P = static_cast<char *>(internalAlloc(Len + 1));
  internalMemcpy(P, S, Len);
  P[Len] = 0;
  return P;
}
const char *internString(const char *S) { return internString(S, internalStrlen(S)); }

struct ModuleQuery {
  uintptr_t Addr;
  const char *Path;
  uintptr_t Bias;
  bool Found;
};

int findModuleCallback(struct dl_phdr_info *Info, size_t, void *Data) {
  auto *Q = static_cast<ModuleQuery *>(Data);
  for (int I = 0; I < Info->dlpi_phnum; ++I) {
    const ElfW(Phdr) &Ph = Info->dlpi_phdr[I];
    if (Ph.p_type != PT_LOAD)
      continue;
    uintptr_t Lo = Info->dlpi_addr + Ph.p_vaddr;
    if (Q->Addr >= Lo && Q->Addr < Lo + Ph.p_memsz) {
      Q->Path = Info->dlpi_name;
      Q->Bias = Info->dlpi_addr;
      Q->Found = true;
      return 1;
    }
  }
  return 0;
}

const char *MainExePath;

const char *mainExePath() {
  if (!MainExePath) {
    char Buf[PATH_MAX];
    long N = rawCall(SYS_readlink, "/proc/self/exe", Buf, sizeof(Buf) - 1);
    MainExePath = internString(Buf, N > 0 ? size_t(N) : 0);
  }
  return MainExePath;
}

const char *baseName(const char *Path) {
  const char *Slash = internalStrrchr(Path, '/');
  return Slash ? Slash + 1 : Path;
}

// The child process and our end of its socketpair.
int Channel = -1;
pid_t Child = -1;
bool SpawnFailed;

const char *symbolizerPath() {
  return Rt.Opts.symbolizer_path && *Rt.Opts.symbolizer_path ? Rt.Opts.symbolizer_path
                                                             : WEFT_DEFAULT_SYMBOLIZER;
}

bool startSymbolizer() {
  if (Channel >= 0)
    return true;
  if (SpawnFailed)
    return false;
  SpawnFailed = true;
  const char *Path = symbolizerPath();
  int Fds[2];
  if (rawCall(SYS_socketpair, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, Fds) != 0)
    return false;
  UnscheduledScope Quiet;
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_adddup2(&Actions, Fds[1], 0);
  posix_spawn_file_actions_adddup2(&Actions, Fds[1], 1);
  char *Argv[] = {const_cast<char *>(Path), const_cast<char *>("--inlining"),
                  const_cast<char *>("--demangle"), nullptr};
  pid_t Pid;
  int Err = WEFT_OWN(posix_spawnp)(&Pid, Path, &Actions, nullptr, Argv, environ);
  posix_spawn_file_actions_destroy(&Actions);
  rawCall(SYS_close, Fds[1]);
  if (Err != 0) {
    rawCall(SYS_close, Fds[0]);
    rawPrint("weft: warning: cannot run the symbolizer '");
    rawPrint(Path);
    rawPrint("'; stacks show module offsets only\n");
    return false;
  }
  Channel = Fds[0];
  Child = Pid;
  SpawnFailed = false;
  return true;
}

/// The symbolizer hung up (it exited, or closed its end): says so once,
/// reaps it, and stops asking for the rest of the run.
void symbolizerFailed() {
  rawCall(SYS_close, Channel);
  Channel = -1;
  SpawnFailed = true;
  if (Child > 0) {
    // It may have closed its output and still be alive: make sure it is
    // gone, then reap it (the raw call: weft's wait4 is an interceptor).
    rawCall(SYS_kill, Child, SIGKILL);
    rawCall(SYS_wait4, Child, nullptr, 0, nullptr);
    Child = -1;
  }
  rawPrint("weft: warning: the symbolizer '");
  rawPrint(symbolizerPath());
  rawPrint("' stopped answering; stacks show module offsets only\n");
}

} // namespace

void forgetSymbolizerAfterFork() {
  // The child is the parent's: the forked process neither talks to it nor
  // reaps it.
  if (Channel >= 0)
    rawCall(SYS_close, Channel);
  Channel = -1;
  Child = -1;
  SpawnFailed = false;
}

namespace {

/// Sends one query and reads the answer up to its terminating empty line.
bool ask(const char *Kind, const char *Module, uintptr_t Offset, TextBuffer &Answer) {
  if (!startSymbolizer())
    return false;
  TextBuffer Q;
  Q << Kind << " \"" << Module << "\" ";
  Q.hex(Offset);
  Q << '\n';
  for (size_t Sent = 0; Sent < Q.size();) {
    long N = rawCall(SYS_sendto, Channel, Q.str() + Sent, Q.size() - Sent, MSG_NOSIGNAL,
                     nullptr, 0);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0) {
      symbolizerFailed();
      return false;
    }
    Sent += size_t(N);
  }
  Answer.clear();
  char Buf[4096];
  for (;;) {
    long N = rawCall(SYS_read, Channel, Buf, sizeof(Buf));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0) {
      symbolizerFailed();
      return false;
    }
    Answer.append(Buf, size_t(N));
    size_t S = Answer.size();
    if (S >= 2 && Answer.str()[S - 1] == '\n' && Answer.str()[S - 2] == '\n')
      return true;
    if (S == 1 && Answer.str()[0] == '\n')
      return true;
  }
}

/// ask(), through the answers earlier runs of the same fork server got
/// (shared_symbol_cache.h): a report printed before is printed again
/// without a symbolizer process.
bool askCached(const char *Kind, const char *Module, uintptr_t Offset, TextBuffer &Answer) {
  if (findSharedAnswer(Kind, Module, Offset, Answer))
    return true;
  if (!ask(Kind, Module, Offset, Answer))
    return false;
  addSharedAnswer(Kind, Module, Offset, Answer.str(), Answer.size());
  return true;
}

struct CachedCode {
  size_t N;
  CodeFrame Frames[8];
};
AddrMap<CachedCode *> CodeCache;

/// Splits "file:line:col" (file may itself contain ':').
void parseLocation(const char *L, size_t Len, CodeFrame &F) {
  F.File = nullptr;
  F.Line = F.Column = 0;
  // Find the last two colons.
  size_t C2 = Len;
  while (C2 > 0 && L[C2 - 1] != ':')
    --C2;
  if (C2 == 0)
    return;
  size_t C1 = C2 - 1;
  while (C1 > 0 && L[C1 - 1] != ':')
    --C1;
  if (C1 == 0)
    return;
  unsigned Line = 0, Col = 0;
  for (size_t I = C1; I < C2 - 1; ++I)
    Line = Line * 10 + unsigned(L[I] - '0');
  for (size_t I = C2; I < Len; ++I)
    Col = Col * 10 + unsigned(L[I] - '0');
  if (C1 - 1 == 2 && !internalStrncmp(L, "??", 2))
    return;
  F.File = internString(L, C1 - 1);
  F.Line = Line;
  F.Column = Col;
}

} // namespace

bool findModule(uintptr_t Addr, const char **Path, const char **BaseName,
                uintptr_t *Bias) {
  ModuleQuery Q{Addr, nullptr, 0, false};
  dl_iterate_phdr(findModuleCallback, &Q);
  if (!Q.Found)
    return false;
  const char *P = Q.Path && *Q.Path ? Q.Path : mainExePath();
  *Path = P;
  *BaseName = baseName(P);
  *Bias = Q.Bias;
  return true;
}

size_t symbolizeCode(uintptr_t Pc, CodeFrame *Out, size_t Max) {
  if (CachedCode **C = CodeCache.find(Pc)) {
    size_t N = (*C)->N < Max ? (*C)->N : Max;
    internalMemcpy(Out, (*C)->Frames, N * sizeof(CodeFrame));
    return N;
  }
  auto *C = static_cast<CachedCode *>(internalAlloc(sizeof(CachedCode)));
  const char *Path = nullptr, *Base = "<unknown module>";
  uintptr_t Bias = 0;
  bool HaveModule = findModule(Pc - 1, &Path, &Base, &Bias);
  CodeFrame Unknown{"<null>", nullptr, 0, 0, internString(Base), Pc - 1 - Bias};
  C->N = 0;
  TextBuffer Answer;
  if (HaveModule && askCached("CODE", Path, Pc - 1 - Bias, Answer)) {
    const char *P = Answer.str();
    while (*P && *P != '\n' && C->N < 8) {
      const char *FnEnd = internalStrchr(P, '\n');
      if (!FnEnd)
        break;
      const char *Loc = FnEnd + 1;
      const char *LocEnd = internalStrchr(Loc, '\n');
      if (!LocEnd)
        break;
      CodeFrame &F = C->Frames[C->N++];
      F = Unknown;
      if (!(FnEnd - P == 2 && !internalStrncmp(P, "??", 2)))
        F.Function = internString(P, size_t(FnEnd - P));
      parseLocation(Loc, size_t(LocEnd - Loc), F);
      P = LocEnd + 1;
    }
  }
  if (C->N == 0)
    C->Frames[C->N++] = Unknown;
  CodeCache.getOrInsert(Pc) = C;
  size_t N = C->N < Max ? C->N : Max;
  internalMemcpy(Out, C->Frames, N * sizeof(CodeFrame));
  return N;
}

bool symbolizeData(uintptr_t Addr, DataSymbol *Out) {
  const char *Path = nullptr, *Base = nullptr;
  uintptr_t Bias = 0;
  if (!findModule(Addr, &Path, &Base, &Bias))
    return false;
  TextBuffer Answer;
  if (!askCached("DATA", Path, Addr - Bias, Answer))
    return false;
  const char *P = Answer.str();
  const char *NameEnd = internalStrchr(P, '\n');
  if (!NameEnd || (NameEnd - P == 2 && !internalStrncmp(P, "??", 2)) || NameEnd == P)
    return false;
  const char *Nums = NameEnd + 1;
  char *End;
  unsigned long long Start = strtoull(Nums, &End, 10);
  unsigned long long Size = strtoull(End, &End, 10);
  Out->Name = internString(P, size_t(NameEnd - P));
  Out->Start = uintptr_t(Start) + Bias;
  Out->Size = size_t(Size);
  Out->Module = internString(Base);
  Out->ModuleOffset = Addr - Bias;
  return true;
}

} // namespace weft
