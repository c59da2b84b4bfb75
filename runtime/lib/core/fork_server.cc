//===- fork_server.cc - Serving `weft test` runs by fork instead of exec --===//
//
// `weft test` may start the program with WEFT_FORK_SERVER=<fd>. The
// runtime's first act (the top of initialize(), before it reads a single
// option) is then to become a server: it forks one child per run the driver
// asks for and sends back each child's wait status. A child returns with its
// run's environment and output in place and goes on as a freshly executed
// program would from this point: it parses WEFT_OPTIONS and WEFT_SEED,
// builds its scheduler and strategy, runs the program's constructors and
// main.
//
// Why fork here and not at main: nothing of weft's, and none of the
// program's instrumented code, has run yet, so the server has made no
// scheduling decision and read no option, and no per-run state needs
// resetting; a forked run is the executed run. What it saves is exec, the
// dynamic loader and the libraries' initialization (CPU feature probing,
// which traps in a VM), most of the cost of a short run.
//
// The server refuses when other threads exist already (a library started
// them before weft): they would be missing in every child. The driver then
// executes the program for every run, as without a server.
//
// The server only makes raw system calls on stack and static buffers. It
// forks with _Fork, which runs no atfork handlers (an executed program
// would not have run them either), and it exits with exit_group, without
// atexit handlers or a stdio flush, so output a library constructor left
// in a stdio buffer reaches every child as it would reach every run.
//
//===----------------------------------------------------------------------===//

#include "core/fork_server.h"

#include "base/internal_alloc.h"
#include "base/internal_libc.h"
#include "base/raw_syscall.h"
#include "report/shared_symbol_cache.h"
#include "weft/fork_server_protocol.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern "C" pid_t _Fork(void);
extern char **environ;

namespace weft {
namespace {

using namespace fork_protocol;

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

// One received packet; static because the server's stack belongs to the
// program's constructor that called initialize().
alignas(8) char Packet[sizeof(MessageHeader) + kMaxMessage];

// The run the driver sent while another ran: started as soon as that one
// is reaped. Its text is copied out of Packet, which the next receive
// reuses.
struct QueuedRun {
  bool Present = false;
  uint32_t Id = 0;
  int Out = -1;
  uint32_t Length = 0;
};
QueuedRun Queued;
char QueuedText[kMaxMessage];

void closeFd(int Fd) { rawSyscall(SYS_close, Fd); }

bool sendMessage(int Sock, Kind What, int32_t Value, uint32_t Id, const char *Text) {
  char Buf[sizeof(MessageHeader) + 256];
  size_t Len = Text ? internalStrlen(Text) : 0;
  if (Len > 256)
    Len = 256;
  MessageHeader H{kMagic, What, Value, Id, static_cast<uint32_t>(Len)};
  internalMemcpy(Buf, &H, sizeof(H));
  if (Len)
    internalMemcpy(Buf + sizeof(H), Text, Len);
  for (;;) {
    long N = rawSyscall(SYS_sendto, Sock, long(Buf), long(sizeof(H) + Len),
                        MSG_NOSIGNAL, 0, 0);
    if (N >= 0)
      return true;
    if (errno != EINTR)
      return false;
  }
}

/// Receives one packet into Packet; a descriptor sent with it goes to
/// \p Fd (-1 if none). Returns its size, 0 when the driver closed its end,
/// -1 on an error.
long receive(int Sock, int *Fd) {
  *Fd = -1;
  struct iovec Io = {Packet, sizeof(Packet)};
  alignas(struct cmsghdr) char Control[CMSG_SPACE(sizeof(int) * 4)];
  struct msghdr Msg = {};
  Msg.msg_iov = &Io;
  Msg.msg_iovlen = 1;
  Msg.msg_control = Control;
  Msg.msg_controllen = sizeof(Control);
  long N;
  do
    N = rawSyscall(SYS_recvmsg, Sock, long(&Msg), MSG_CMSG_CLOEXEC);
  while (N < 0 && errno == EINTR);
  if (N < 0)
    return -1;
  for (struct cmsghdr *C = CMSG_FIRSTHDR(&Msg); C; C = CMSG_NXTHDR(&Msg, C)) {
    if (C->cmsg_level != SOL_SOCKET || C->cmsg_type != SCM_RIGHTS)
      continue;
    size_t Count = (C->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    int *Fds = reinterpret_cast<int *>(CMSG_DATA(C));
    for (size_t I = 0; I < Count; ++I) {
      if (*Fd < 0)
        *Fd = Fds[I];
      else
        closeFd(Fds[I]); // more than the protocol sends
    }
  }
  return N;
}

/// The header of the packet received, or null if it is not one of ours.
const MessageHeader *header(long Size) {
  if (Size < long(sizeof(MessageHeader)))
    return nullptr;
  const auto *H = reinterpret_cast<const MessageHeader *>(Packet);
  if (H->Magic != kMagic || H->Length > uint64_t(Size) - sizeof(MessageHeader))
    return nullptr;
  return H;
}

/// Threads of this process (field 20 of /proc/self/stat), or -1.
int countThreads() {
  int Fd = static_cast<int>(rawSyscall(SYS_open, long("/proc/self/stat"), O_RDONLY | O_CLOEXEC));
  if (Fd < 0)
    return -1;
  char Buf[1024];
  long N = rawSyscall(SYS_read, Fd, long(Buf), sizeof(Buf) - 1);
  closeFd(Fd);
  if (N <= 0)
    return -1;
  Buf[N] = 0;
  // The command name (field 2) may hold spaces; fields count from its ')'.
  const char *P = internalStrrchr(Buf, ')');
  if (!P)
    return -1;
  for (int Field = 2; Field < 20; ++Field) {
    P = internalStrchr(P + 1, ' ');
    if (!P)
      return -1;
  }
  int Threads = 0;
  for (++P; *P >= '0' && *P <= '9'; ++P)
    Threads = Threads * 10 + (*P - '0');
  return Threads;
}

[[noreturn]] void refuse(int Sock, const char *Why) {
  sendMessage(Sock, Kind::Hello, 1, 0, Why);
  rawExit(0);
}

/// Reads one message from the driver: a Run is queued, a Kill kills run
/// \p RunningId (the child \p Child) or drops the queued run. False when
/// the driver has closed its end.
bool handleMessage(int Sock, pid_t Child, uint32_t RunningId) {
  int Fd;
  long N = receive(Sock, &Fd);
  if (N <= 0)
    return false;
  const MessageHeader *H = header(N);
  if (H && H->What == Kind::Run && Fd >= 0 && !Queued.Present) {
    Queued = QueuedRun{true, H->Id, Fd, H->Length};
    internalMemcpy(QueuedText, Packet + sizeof(MessageHeader), H->Length);
    return true;
  }
  if (Fd >= 0)
    closeFd(Fd); // a second queued run, or noise
  if (!H || H->What != Kind::Kill)
    return true;
  if (Child > 0 && H->Id == RunningId) {
    int Signal = H->Value > 0 && H->Value < 65 ? H->Value : SIGKILL;
    rawSyscall(SYS_kill, Child, Signal);
  } else if (Queued.Present && H->Id == Queued.Id) {
    closeFd(Queued.Out);
    Queued.Present = false;
    sendMessage(Sock, Kind::Exited, SIGKILL, H->Id, nullptr); // as if killed
  }
  return true;
}

/// Waits for the child \p Pid (run \p Id), serving messages meanwhile;
/// returns its wait status.
int waitForChild(int Sock, pid_t Pid, uint32_t Id) {
  int PidFd = static_cast<int>(rawSyscall(SYS_pidfd_open, Pid, 0));
  while (PidFd >= 0) {
    struct pollfd P[2] = {{PidFd, POLLIN, 0}, {Sock, POLLIN, 0}};
    long R = rawSyscall(SYS_poll, long(P), 2, -1);
    if (R < 0 && errno == EINTR)
      continue;
    if (R < 0 || P[0].revents)
      break;
    if (P[1].revents && !handleMessage(Sock, Pid, Id)) {
      // The driver is gone: so is the run.
      rawSyscall(SYS_kill, Pid, SIGKILL);
      int Ignored;
      rawSyscall(SYS_wait4, Pid, long(&Ignored), 0, 0);
      rawExit(0);
    }
  }
  if (PidFd >= 0)
    closeFd(PidFd);
  int Status = 0;
  while (rawSyscall(SYS_wait4, Pid, long(&Status), 0, 0) < 0 && errno == EINTR) {
  }
  return Status;
}

bool sameName(const char *Entry, const char *Assignment) {
  for (;; ++Entry, ++Assignment) {
    if (*Assignment == '=')
      return *Entry == '=';
    if (*Entry != *Assignment)
      return false;
  }
}

/// The run's environment: the server's, without WEFT_FORK_SERVER and the
/// variables the run sets, then the run's "NAME=value" assignments in the
/// order sent; the same list, in the same order, that the driver gives a
/// program it executes.
void installEnvironment(const char *Text, size_t Len) {
  char *Copy = static_cast<char *>(internalAlloc(Len + 1)); // NUL-ended
  internalMemcpy(Copy, Text, Len);
  size_t Assignments = 0;
  for (const char *A = Copy; A < Copy + Len; A += internalStrlen(A) + 1)
    ++Assignments;
  size_t Old = 0;
  while (environ && environ[Old])
    ++Old;
  char **Env = static_cast<char **>(internalAlloc((Old + Assignments + 1) * sizeof(char *)));
  size_t N = 0;
  for (size_t I = 0; I < Old; ++I) {
    const char *E = environ[I];
    bool Replaced = !internalStrncmp(E, kEnvVar, internalStrlen(kEnvVar)) &&
                    E[internalStrlen(kEnvVar)] == '=';
    for (const char *A = Copy; !Replaced && A < Copy + Len; A += internalStrlen(A) + 1)
      Replaced = internalStrchr(A, '=') && sameName(E, A);
    if (!Replaced)
      Env[N++] = environ[I];
  }
  for (char *A = Copy; A < Copy + Len; A += internalStrlen(A) + 1)
    if (internalStrchr(A, '='))
      Env[N++] = A;
  Env[N] = nullptr;
  environ = Env;
}

/// In the child: becomes the run the driver asked for.
void becomeRun(int Sock, int Out, pid_t Server, uint32_t Length) {
  // A run must not outlive its server: the driver would re-execute it
  // while this copy still ran.
  rawSyscall(SYS_prctl, PR_SET_PDEATHSIG, SIGKILL);
  if (rawSyscall(SYS_getppid) != Server)
    rawExit(1);
  closeFd(Sock);
  rawSyscall(SYS_dup2, Out, 1);
  rawSyscall(SYS_dup2, Out, 2);
  closeFd(Out);
  installEnvironment(QueuedText, Length);
}

} // namespace

void serveForksIfAsked() {
  const char *Value = getenv(kEnvVar);
  if (!Value)
    return;
  int Sock = 0;
  for (const char *P = Value; *P; ++P) {
    if (*P < '0' || *P > '9' || Sock > 100000)
      return; // not set by weft test: run as usual
    Sock = Sock * 10 + (*P - '0');
  }
  int Type = 0;
  socklen_t TypeLen = sizeof(Type);
  if (!*Value ||
      rawSyscall(SYS_getsockopt, Sock, SOL_SOCKET, SO_TYPE, long(&Type), long(&TypeLen)) < 0 ||
      Type != SOCK_SEQPACKET)
    return;
  rawSyscall(SYS_fcntl, Sock, F_SETFD, FD_CLOEXEC);
  pid_t Server = rawGetpid();
  // The driver made the socket pair, so it is the peer. A program started
  // by something else that weft test started (a shell running several
  // commands) must not become the server: the rest of that script would
  // not run for each schedule.
  struct ucred Peer = {};
  socklen_t PeerLen = sizeof(Peer);
  if (rawSyscall(SYS_getsockopt, Sock, SOL_SOCKET, SO_PEERCRED, long(&Peer), long(&PeerLen)) < 0 ||
      Peer.pid != rawSyscall(SYS_getppid))
    refuse(Sock, "the program was not started by weft test itself (a wrapper "
                 "script started it)");
  if (countThreads() != 1)
    refuse(Sock, "the program runs other threads before weft's runtime starts "
                 "(a library constructor started them)");
  int Probe = static_cast<int>(rawSyscall(SYS_pidfd_open, Server, 0));
  if (Probe < 0)
    refuse(Sock, "the kernel has no pidfd_open");
  closeFd(Probe);
  if (!sendMessage(Sock, Kind::Hello, 0, 0, nullptr))
    rawExit(0);
  // Every run forked from here shares the symbolizer's answers: a report
  // printed again is not symbolized again.
  createSharedSymbolCache();
  // The run that ended and has not been reported: reported right after the
  // next one is forked, so that the next one does not wait for the driver.
  bool HaveEnded = false;
  uint32_t EndedId = 0;
  int EndedStatus = 0;
  for (;;) {
    while (!Queued.Present) {
      if (HaveEnded) {
        HaveEnded = false;
        if (!sendMessage(Sock, Kind::Exited, EndedStatus, EndedId, nullptr))
          rawExit(0);
      } else if (!handleMessage(Sock, 0, 0)) {
        rawExit(0); // the driver is done
      }
    }
    QueuedRun Run = Queued;
    Queued.Present = false;
    pid_t Pid = _Fork();
    if (Pid == 0) {
      becomeRun(Sock, Run.Out, Server, Run.Length);
      return;
    }
    closeFd(Run.Out);
    if (Pid < 0)
      rawExit(1); // the driver sees the server gone and executes its runs
    if (HaveEnded) {
      HaveEnded = false;
      if (!sendMessage(Sock, Kind::Exited, EndedStatus, EndedId, nullptr))
        rawExit(0);
    }
    EndedStatus = waitForChild(Sock, Pid, Run.Id);
    EndedId = Run.Id;
    HaveEnded = true;
  }
}

} // namespace weft
