//===- Process.cpp - Spawning, waiting for and exec'ing programs ----------===//
//
// fork+exec rather than posix_spawn: the child may need to reset signal
// dispositions the parent ignores (`weft run` ignores SIGINT while its child
// owns the terminal) and to redirect its output, and an exec failure must come
// back to the parent as an errno, which a close-on-exec pipe provides: the
// parent reads EOF if exec succeeded, or the child's errno if it did not.
//
//===----------------------------------------------------------------------===//

#include "Process.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace weft {
namespace driver {

ExitStatus ExitStatus::fromWaitStatus(int WaitStatus) {
  ExitStatus Status;
  if (WIFSIGNALED(WaitStatus)) {
    Status.Signaled = true;
    Status.Value = WTERMSIG(WaitStatus);
  } else {
    Status.Value = WEXITSTATUS(WaitStatus);
  }
  return Status;
}

std::string signalName(int Signal) {
  if (const char *Abbrev = sigabbrev_np(Signal))
    return absl::StrCat("SIG", Abbrev);
  return absl::StrCat("signal ", Signal);
}

std::vector<std::string>
environmentWith(absl::Span<const std::pair<std::string, std::string>> Set) {
  std::vector<std::string> Result;
  for (char **Entry = environ; *Entry; ++Entry) {
    absl::string_view Var(*Entry);
    bool Replaced = false;
    for (const auto &[Name, Value] : Set) {
      if (Var.size() > Name.size() && Var[Name.size()] == '=' &&
          Var.substr(0, Name.size()) == Name) {
        Replaced = true;
        break;
      }
    }
    if (!Replaced)
      Result.emplace_back(Var);
  }
  for (const auto &[Name, Value] : Set)
    Result.push_back(absl::StrCat(Name, "=", Value));
  return Result;
}

namespace {

/// NULL-terminated char* views of strings, built before fork so that the child
/// only makes async-signal-safe calls.
std::vector<char *> toCStrings(absl::Span<const std::string> Strings) {
  std::vector<char *> Result;
  Result.reserve(Strings.size() + 1);
  for (const std::string &S : Strings)
    Result.push_back(const_cast<char *>(S.c_str()));
  Result.push_back(nullptr);
  return Result;
}

/// Ignored dispositions survive exec; the program must start with defaults.
void resetSignalsInChild() {
  struct sigaction Default;
  std::memset(&Default, 0, sizeof(Default));
  Default.sa_handler = SIG_DFL;
  for (int Signal : {SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGPIPE})
    sigaction(Signal, &Default, nullptr);
  // So does the signal mask (`weft test` blocks SIGCHLD to wait for it).
  sigset_t None;
  sigemptyset(&None);
  sigprocmask(SIG_SETMASK, &None, nullptr);
}

} // namespace

absl::StatusOr<pid_t> spawnProcess(absl::Span<const std::string> Argv,
                                   const SpawnOptions &Options) {
  std::vector<char *> Args = toCStrings(Argv);
  std::vector<char *> Env;
  if (Options.Environment)
    Env = toCStrings(*Options.Environment);
  char **Envp = Options.Environment ? Env.data() : environ;

  int ErrorPipe[2];
  if (pipe2(ErrorPipe, O_CLOEXEC) != 0)
    return absl::InternalError(absl::StrCat("pipe: ", strerror(errno)));

  pid_t Pid = fork();
  if (Pid < 0) {
    int Errno = errno;
    close(ErrorPipe[0]);
    close(ErrorPipe[1]);
    return absl::InternalError(absl::StrCat("fork: ", strerror(Errno)));
  }
  if (Pid == 0) {
    close(ErrorPipe[0]);
    resetSignalsInChild();
    if (Options.NullStdin) {
      int Null = open("/dev/null", O_RDONLY);
      if (Null >= 0 && Null != STDIN_FILENO) {
        dup2(Null, STDIN_FILENO);
        close(Null);
      }
    }
    if (Options.OutputFd >= 0) {
      dup2(Options.OutputFd, STDOUT_FILENO);
      dup2(Options.OutputFd, STDERR_FILENO);
    }
    if (Options.InheritFd >= 0)
      fcntl(Options.InheritFd, F_SETFD, 0);
    if (Options.OwnProcessGroup) {
      setpgid(0, 0);
      prctl(PR_SET_PDEATHSIG, SIGKILL);
    }
    execvpe(Args[0], Args.data(), Envp);
    int Errno = errno;
    ssize_t Ignored = write(ErrorPipe[1], &Errno, sizeof(Errno));
    (void)Ignored;
    _exit(execFailureExitCode(Errno));
  }

  close(ErrorPipe[1]);
  int ChildErrno = 0;
  ssize_t Read;
  do {
    Read = read(ErrorPipe[0], &ChildErrno, sizeof(ChildErrno));
  } while (Read < 0 && errno == EINTR);
  close(ErrorPipe[0]);
  if (Read > 0) {
    waitProcess(Pid);
    return absl::Status(absl::ErrnoToStatusCode(ChildErrno),
                        strerror(ChildErrno));
  }
  return Pid;
}

ExitStatus waitProcess(pid_t Pid) {
  int WaitStatus = 0;
  while (waitpid(Pid, &WaitStatus, 0) < 0) {
    if (errno != EINTR)
      return ExitStatus{false, 1};
  }
  return ExitStatus::fromWaitStatus(WaitStatus);
}

ExitStatus waitProcessFor(pid_t Pid, double TimeoutSeconds, bool &TimedOut) {
  TimedOut = false;
  if (TimeoutSeconds > 0) {
    // A pidfd becomes readable when the child ends; polling it leaves the
    // other children (and their SIGCHLDs) to whoever waits for them.
    int Fd = static_cast<int>(syscall(SYS_pidfd_open, Pid, 0));
    auto Deadline = std::chrono::steady_clock::now() +
                    std::chrono::duration<double>(TimeoutSeconds);
    for (;;) {
      double Left = std::chrono::duration<double>(Deadline - std::chrono::steady_clock::now())
                        .count();
      if (Left <= 0) {
        TimedOut = true;
        kill(Pid, SIGKILL);
        break;
      }
      int Ms = static_cast<int>(std::min(Left, 1e6) * 1000) + 1;
      if (Fd >= 0) {
        struct pollfd P = {Fd, POLLIN, 0};
        if (poll(&P, 1, Ms) > 0)
          break;
        continue;
      }
      // No pidfd (a kernel before 5.3): look every 10 ms.
      int WaitStatus = 0;
      pid_t R = waitpid(Pid, &WaitStatus, WNOHANG);
      if (R == Pid) {
        return ExitStatus::fromWaitStatus(WaitStatus);
      }
      if (R < 0 && errno != EINTR)
        return ExitStatus{false, 1};
      usleep(static_cast<useconds_t>(std::min(Ms, 10) * 1000));
    }
    if (Fd >= 0)
      close(Fd);
  }
  return waitProcess(Pid);
}

void execProcess(absl::Span<const std::string> Argv) {
  std::vector<char *> Args = toCStrings(Argv);
  execvp(Args[0], Args.data());
}

int execFailureExitCode(int Errno) { return Errno == ENOENT ? 127 : 126; }

std::string shellQuote(absl::string_view Word) {
  if (Word.empty())
    return "''";
  bool Safe = true;
  for (char C : Word) {
    bool Plain = (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') ||
                 (C >= '0' && C <= '9') || std::strchr("@%_+=:,./-", C);
    if (!Plain || C == '\0') {
      Safe = false;
      break;
    }
  }
  if (Safe)
    return std::string(Word);
  // Inside single quotes only ' itself is special: close, escape, reopen.
  std::string Quoted = "'";
  for (char C : Word) {
    if (C == '\'')
      Quoted += "'\\''";
    else
      Quoted += C;
  }
  Quoted += "'";
  return Quoted;
}

std::string shellJoin(absl::Span<const std::string> Words) {
  std::string Line;
  for (const std::string &Word : Words) {
    if (!Line.empty())
      Line += ' ';
    Line += shellQuote(Word);
  }
  return Line;
}

std::string readAll(int Fd) {
  std::string Output;
  if (lseek(Fd, 0, SEEK_SET) < 0)
    return Output;
  char Buffer[65536];
  for (;;) {
    ssize_t Got = read(Fd, Buffer, sizeof(Buffer));
    if (Got < 0 && errno == EINTR)
      continue;
    if (Got <= 0)
      break;
    Output.append(Buffer, static_cast<size_t>(Got));
  }
  return Output;
}

} // namespace driver
} // namespace weft
