//===- fixed_layout.cc - One address layout for every run of a seed -------===//
//
// Programs branch on addresses: they hash pointers and thread ids
// (std::hash of this_thread::get_id() is pthread_self(), the address of the
// thread's control block in its mmapped stack), iterate unordered
// containers of pointers, order by address. weft's own decisions never
// depend on addresses, but under ASLR such a program does other work in
// each run of one seed, and the seed does not replay it (Taskflow seeds
// each worker's work-stealing victim choice that way). So, before any of
// the program's code runs, the runtime turns randomization off for the
// process and executes the program again, as `weft replay` and debuggers
// do; the pid, arguments, environment and descriptors are kept. Every run
// then has the layout of the last: heap, thread stacks, mappings.
//
// This runs from the executable's .preinit_array, before shared libraries'
// constructors (which may print, start threads or write files: effects an
// exec after them would repeat) and before libc can answer getenv, so it
// reads the environment from its arguments. It must never exec twice: the
// kernel keeps the personality across exec except for a secure (setuid)
// one, which is skipped.
//
//===----------------------------------------------------------------------===//

#include "base/internal_libc.h"
#include "base/raw_syscall.h"
#include "core/flags.h"

#include <sys/auxv.h>
#include <sys/personality.h>
#include <sys/syscall.h>

namespace weft {
namespace {

const char *envValue(char **Envp, const char *Name) {
  size_t Len = internalStrlen(Name);
  for (char **E = Envp; E && *E; ++E)
    if (!internalStrncmp(*E, Name, Len) && (*E)[Len] == '=')
      return *E + Len + 1;
  return nullptr;
}

void fixAddressLayout(int Argc, char **Argv, char **Envp) {
  long Persona = rawSyscall(SYS_personality, 0xffffffff);
  if (Persona == -1 || (Persona & ADDR_NO_RANDOMIZE))
    return; // fixed already (weft replay, a debugger, this very exec)
  // A secure exec drops the flag (it would loop); an executable run by
  // naming the dynamic loader (`ld.so ./prog`, no interpreter base) is not
  // /proc/self/exe.
  if (getauxval(AT_SECURE) || !getauxval(AT_BASE))
    return;
  Flags Early;
  parseFlagsFrom(Early, envValue(Envp, "WEFT_OPTIONS"), envValue(Envp, "WEFT_SEED"));
  if (!Early.disable_aslr)
    return;
  if (rawSyscall(SYS_personality, Persona | ADDR_NO_RANDOMIZE) == -1)
    return; // not allowed here (a sandbox): run as we are
  rawCall(SYS_execve, "/proc/self/exe", Argv, Envp);
  rawSyscall(SYS_personality, Persona); // no /proc: run as we are
}

} // namespace
} // namespace weft

// The executable's own: a shared library cannot have a .preinit_array, and
// the runtime is linked into executables only.
__attribute__((section(".preinit_array"), used)) static void (*const WeftFixAddressLayout)(
    int, char **, char **) = weft::fixAddressLayout;
