//===- RunCommand.cpp - weft run: compile and run one source file ---------===//
//
// `weft run -race a.c b.c -- args` is `go run -race`: build into a private
// temporary directory, run with the terminal, report the program's status as
// our own, leave nothing behind. The runtime prints a reproduce line when it
// stops the program; since the binary it runs from is about to be deleted, the
// line must be this very command, so weft hands it over in
// WEFT_REPRODUCE_COMMAND and the runtime prints `WEFT_SEED=0x... <command>`.
//
// While its children run, weft ignores SIGINT and SIGQUIT (the terminal sends
// them to the child too, which decides what to do) and forwards SIGTERM and
// SIGHUP, so that it always lives to delete the temporary directory.
//
//===----------------------------------------------------------------------===//

#include "Commands.h"
#include "CompilerInvocation.h"
#include "Diagnostics.h"
#include "Process.h"

#include "absl/strings/match.h"
#include "absl/strings/str_join.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace weft {
namespace driver {

const char RunUsage[] =
    R"(usage: weft run [-race] [compiler flags...] prog.c [more.c...] [--]
                [program args...]

Compiles C or C++ source files (.c is C; .cc, .cpp, .cxx, .C are C++) into one
program in a temporary directory, runs it with the given arguments and exits
with its status (128+N if it was killed by signal N). The sources are the
first argument after the flags and every following one that names a source;
a `--` after them ends the sources, so that the program can take arguments
that look like source files. Each source is compiled in the language of its
extension; libstdc++ is linked when any of them is C++. The compiler flags come after weft's defaults, -g -O1, and start with a
single '-' (e.g. -O2 -std=c11 -lm).

  -race     instrument the program and run it under weft's scheduler; a
            report ends with the line that reproduces it, e.g.
            WEFT_SEED=0x5eed weft run -race prog.c args
  --        before the sources: the next argument is a source file;
            after them: the end of the sources
)";

namespace {

/// Flags that contradict what `weft run` does with the compiler's output.
bool conflictsWithRun(const std::string &Flag) {
  for (const char *Known : {"-o", "-c", "-S", "-E", "-M", "-MM", "-shared",
                            "-r", "-fsyntax-only", "--precompile", "-###"})
    if (Flag == Known)
      return true;
  return false;
}

/// The double-dash spellings of clang options users commonly write; any other
/// `--flag` is a weft flag.
bool isClangLongOption(const std::string &Flag) {
  for (const char *Prefix : {"--target=", "--sysroot=", "--gcc-toolchain=",
                             "--std=", "--rtlib=", "--unwindlib=",
                             "--ld-path=", "--gcc-install-dir="})
    if (absl::StartsWith(Flag, Prefix))
      return true;
  return false;
}

/// A directory of our own, removed with everything in it when we are done.
class TempDir {
public:
  static std::optional<TempDir> create() {
    const char *Base = std::getenv("TMPDIR");
    std::string Template =
        std::string(Base && *Base ? Base : "/tmp") + "/weft-run-XXXXXX";
    if (!mkdtemp(Template.data()))
      return std::nullopt;
    return TempDir(Template);
  }
  TempDir(TempDir &&Other) : Path(std::move(Other.Path)) { Other.Path.clear(); }
  TempDir(const TempDir &) = delete;
  ~TempDir() {
    if (!Path.empty()) {
      std::error_code Ignored;
      std::filesystem::remove_all(Path, Ignored);
    }
  }
  const std::string &path() const { return Path; }

private:
  explicit TempDir(std::string Path) : Path(std::move(Path)) {}
  std::string Path;
};

volatile sig_atomic_t ForwardTo = 0;

void forwardSignal(int Signal) {
  if (ForwardTo > 0)
    kill(ForwardTo, Signal);
}

/// Sets weft's signal dispositions for the time a child runs, and restores
/// them after.
class ChildSignalScope {
public:
  ChildSignalScope() {
    struct sigaction Ignore, Forward;
    std::memset(&Ignore, 0, sizeof(Ignore));
    std::memset(&Forward, 0, sizeof(Forward));
    Ignore.sa_handler = SIG_IGN;
    Forward.sa_handler = forwardSignal;
    Forward.sa_flags = SA_RESTART;
    sigaction(SIGINT, &Ignore, &Saved[0]);
    sigaction(SIGQUIT, &Ignore, &Saved[1]);
    sigaction(SIGTERM, &Forward, &Saved[2]);
    sigaction(SIGHUP, &Forward, &Saved[3]);
  }
  ~ChildSignalScope() {
    ForwardTo = 0;
    sigaction(SIGINT, &Saved[0], nullptr);
    sigaction(SIGQUIT, &Saved[1], nullptr);
    sigaction(SIGTERM, &Saved[2], nullptr);
    sigaction(SIGHUP, &Saved[3], nullptr);
  }

private:
  struct sigaction Saved[4];
};

} // namespace

int runCommand(const Invocation &Self, const std::vector<std::string> &Args) {
  bool Race = false;
  std::vector<std::string> CompilerFlags;
  size_t I = 0;
  for (; I < Args.size(); ++I) {
    const std::string &Arg = Args[I];
    if (Arg == "-race") {
      Race = true;
    } else if (Arg == "--help" || Arg == "-h") {
      std::fputs(RunUsage, stdout);
      return 0;
    } else if (Arg == "--") {
      ++I;
      break;
    } else if (absl::StartsWith(Arg, "--") && !isClangLongOption(Arg)) {
      error("unknown flag '%s'", Arg);
      note("compiler flags start with a single '-'; see 'weft help run'");
      return ExitUsage;
    } else if (Arg.size() > 1 && Arg[0] == '-') {
      if (conflictsWithRun(Arg)) {
        error("'%s' cannot be used with 'weft run', which builds and runs "
              "the program itself",
              Arg);
        return ExitUsage;
      }
      CompilerFlags.push_back(Arg);
      if (takesSeparateValue(Arg)) {
        if (I + 1 >= Args.size()) {
          error("missing value for '%s'", Arg);
          return ExitUsage;
        }
        CompilerFlags.push_back(Args[++I]);
      }
    } else {
      break;
    }
  }
  if (I >= Args.size()) {
    error("no source file given");
    note("usage: weft run [-race] [compiler flags...] prog.c [more.c...] "
         "[--] [program args...]");
    return ExitUsage;
  }
  // The sources: the first argument here, and every one after it that names
  // a C or C++ source, up to the first that does not or a `--`, which is
  // dropped (go run's rule; `--` lets an argument that looks like a source
  // reach the program).
  std::vector<std::string> Sources{Args[I++]};
  for (; I < Args.size(); ++I) {
    if (Args[I] == "--") {
      ++I;
      break;
    }
    if (!sourceLanguage(Args[I]))
      break;
    Sources.push_back(Args[I]);
  }
  std::vector<std::string> ProgramArgs(Args.begin() + I, Args.end());

  // clang++ would compile a .c file as C++, so only an all-C++ program is
  // built by clang++; clang builds the rest, each source in the language of
  // its extension, with libstdc++ added when some of them are C++.
  bool AnyC = false, AnyCXX = false;
  for (const std::string &Source : Sources) {
    std::optional<Language> L = sourceLanguage(Source);
    if (!L) {
      error("'%s' is not a C or C++ source file (expected .c, .cc, .cpp, "
            ".cxx or .C)",
            Source);
      return ExitUsage;
    }
    struct stat Info;
    if (stat(Source.c_str(), &Info) != 0 || S_ISDIR(Info.st_mode)) {
      error("no such file: '%s'", Source);
      return ExitFailure;
    }
    (*L == Language::C ? AnyC : AnyCXX) = true;
  }
  std::optional<Language> Lang = AnyC ? Language::C : Language::CXX;
  const std::string &Source = Sources.front();

  std::vector<std::string> ClangArgs;
  if (Race)
    ClangArgs.push_back("-race");
  ClangArgs.push_back("-g");
  ClangArgs.push_back("-O1");
  ClangArgs.insert(ClangArgs.end(), CompilerFlags.begin(), CompilerFlags.end());
  CompilerInvocation CI = CompilerInvocation::parse(*Lang, ClangArgs);
  if (CI.conflictingSanitizer()) {
    error("'-race' cannot be combined with '%s'", *CI.conflictingSanitizer());
    return ExitUsage;
  }

  std::optional<TempDir> Dir = TempDir::create();
  if (!Dir) {
    error("cannot create a temporary directory: %s", std::strerror(errno));
    return ExitFailure;
  }
  std::string Binary =
      Dir->path() + "/" + std::filesystem::path(Source).stem().string();
  ClangArgs.insert(ClangArgs.end(), Sources.begin(), Sources.end());
  if (AnyC && AnyCXX)
    ClangArgs.push_back("-lstdc++");
  ClangArgs.push_back("-o");
  ClangArgs.push_back(Binary);
  CI = CompilerInvocation::parse(*Lang, ClangArgs);

  std::string LibDir = weftLibDir();
  for (const std::string &File : CI.requiredWeftFiles(LibDir)) {
    if (access(File.c_str(), R_OK) != 0) {
      error("cannot find '%s' (%s); -race needs weft's plugin and runtime "
            "in %s",
            File, std::strerror(errno), LibDir);
      return ExitFailure;
    }
  }

  ChildSignalScope Signals;
  std::vector<std::string> Compile = CI.clangCommand(LibDir);
  absl::StatusOr<pid_t> Compiler = spawnProcess(Compile);
  if (!Compiler.ok()) {
    error("cannot execute '%s': %s", Compile[0], Compiler.status().message());
    return ExitFailure;
  }
  ForwardTo = *Compiler;
  if (!waitProcess(*Compiler).success()) {
    error("compilation of '%s' failed", absl::StrJoin(Sources, "', '"));
    return ExitFailure;
  }

  std::vector<std::string> Reproduce{Self.Argv0, "run"};
  Reproduce.insert(Reproduce.end(), Args.begin(), Args.end());
  std::vector<std::string> Env =
      environmentWith({{"WEFT_REPRODUCE_COMMAND", shellJoin(Reproduce)}});
  std::vector<std::string> Program{Binary};
  Program.insert(Program.end(), ProgramArgs.begin(), ProgramArgs.end());
  SpawnOptions Options;
  Options.Environment = &Env;
  absl::StatusOr<pid_t> Child = spawnProcess(Program, Options);
  if (!Child.ok()) {
    error("cannot execute '%s': %s", Binary, Child.status().message());
    return ExitFailure;
  }
  ForwardTo = *Child;
  ExitStatus Status = waitProcess(*Child);
  std::fflush(stdout);
  return Status.shellCode();
}

} // namespace driver
} // namespace weft
