//===- syscall_interceptors.cc - Blocking system calls release the baton --===//
//
// read/write/recv/send/accept/connect/waitpid and friends may wait in the
// kernel for another program thread (the writer of a pipe, the client of a
// socket). They run outside the schedule when they may block
// (blocking_call.h), so the other thread can run and the program stays
// live. A run where that happened while other threads could run has a
// schedule that depends on when the calls returned: it is not replayable
// byte for byte, and says so at exit.
//
// poll/select/epoll_wait and their variants wait in virtual time instead
// (waitForDescriptors): woken by what program threads do to descriptors
// (fdActivity) or by their virtual deadline, they stay deterministic; only
// when the whole program is idle do they wait for the world outside, for
// real (waitOutsideForDescriptors).
//
// Happens-before: both ends of a pipe or socketpair share a channel (a
// vector clock); every other socket shares one global socket channel (the
// peer of a TCP socket is not known), like ThreadSanitizer. A write
// releases into its channel before the call, a read that returns bytes
// acquires after it. Regular files and unknown descriptors carry no edge.
//
// The buffers are checked as range accesses: a read writes the bytes it
// returned, a write reads the bytes it was given.
//
//===----------------------------------------------------------------------===//

#include "interceptors/blocking_call.h"
#include "interceptors/fd_memory.h"
#include "base/raw_syscall.h"
#include "interceptors/interceptor.h"
#include "core/rtl.h"
#include "core/sync_ops.h"
#include "core/text_buffer.h"

#include <cstdarg>
#include <ctime>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace weft;

namespace weft {
namespace {

constexpr uint32_t kNoChannel = 0;
constexpr uint32_t kSocketChannel = 1;

// Indexed by descriptor: its channel. Indexed by channel: its clock.
InternalVector<uint32_t> FdChannel;
InternalVector<VectorClock *> ChannelClock;

uint32_t newChannel() {
  if (ChannelClock.empty()) {
    ChannelClock.push_back(nullptr);                   // kNoChannel
    ChannelClock.push_back(internalNew<VectorClock>()); // kSocketChannel
  }
  ChannelClock.push_back(internalNew<VectorClock>());
  return static_cast<uint32_t>(ChannelClock.size() - 1);
}

void setChannel(int Fd, uint32_t C) {
  if (Fd < 0)
    return;
  if (C == kSocketChannel && ChannelClock.empty())
    newChannel(); // creates the socket channel; the extra one stays unused
  if (size_t(Fd) >= FdChannel.size())
    FdChannel.resize(size_t(Fd) + 1);
  FdChannel[size_t(Fd)] = C;
}

VectorClock *channelOf(int Fd) {
  if (Fd < 0 || size_t(Fd) >= FdChannel.size())
    return nullptr;
  uint32_t C = FdChannel[size_t(Fd)];
  return C == kNoChannel ? nullptr : ChannelClock[C];
}

long rawPoll(int Fd, short Events, short *Revents) {
  struct pollfd P = {Fd, Events, 0};
  long R = rawCall(SYS_poll, &P, 1, 0);
  *Revents = P.revents;
  return R;
}

} // namespace

bool fdIsBlocking(int Fd) {
  long Fl = rawCall(SYS_fcntl, Fd, F_GETFL);
  return Fl >= 0 && !(Fl & O_NONBLOCK);
}

bool fdMayBlock(int Fd, short Events, size_t Len) {
  short Rev = 0;
  int Saved = errno;
  // A write longer than PIPE_BUF may wait even on a ready pipe, so the poll
  // could not decide it: go straight to the descriptor's type (a file
  // writer's 64 KiB flushes pay one system call here, not two).
  bool Ready = (Events == POLLIN || Len <= PIPE_BUF) && rawPoll(Fd, Events, &Rev) > 0;
  bool Result;
  if (Ready && (Rev & (POLLERR | POLLHUP | POLLNVAL))) {
    Result = false; // returns at once: error, EOF or EPIPE
  } else if (Ready && Rt.Sched.inSyscall() == 0 &&
             (Events == POLLIN || Len <= PIPE_BUF)) {
    // Ready, and no thread outside the schedule can take the data first.
    Result = false;
  } else {
    struct stat St;
    if (rawCall(SYS_fstat, Fd, &St) == 0 &&
        (S_ISREG(St.st_mode) || S_ISBLK(St.st_mode) || S_ISDIR(St.st_mode)))
      Result = false; // never waits for another thread
    else
      Result = fdIsBlocking(Fd);
  }
  errno = Saved;
  return Result;
}

void fdRelease(ThreadState *Thr, int Fd) {
  if (VectorClock *C = channelOf(Fd)) {
    C->join(Thr->Clock);
    releaseTick(Thr);
  }
}

void fdAcquire(ThreadState *Thr, int Fd) {
  if (VectorClock *C = channelOf(Fd))
    Thr->Clock.join(*C);
}

namespace {

// Threads blocked in a descriptor wait, in the order they blocked. Only the
// baton holder touches it.
InternalVector<FdWaiter *> FdWaiters;
// The union of their descriptors, for the real wait (reused).
InternalVector<struct pollfd> OutsideWatch;
// The first wait that an event from outside the program ended.
SyscallInfo FirstOutside;

void appendCall(TextBuffer &B, const SyscallInfo &I) {
  B << I.Name;
  if (I.Fd >= 0) {
    B << " on fd ";
    B.dec(uint64_t(I.Fd));
  }
}

uint64_t rawMonotonicNs() {
  struct timespec Ts;
  rawSyscall(SYS_clock_gettime, CLOCK_MONOTONIC, reinterpret_cast<long>(&Ts));
  return uint64_t(Ts.tv_sec) * 1000000000ull + uint64_t(Ts.tv_nsec);
}

} // namespace

void blockForFdEvent(FdWaiter &W, uint64_t Until, uintptr_t Pc) {
  W.Thr->BlockedStack = stack_trie::child(currentStack(W.Thr), Pc);
  FdWaiters.push_back(&W);
  // Without descriptors to watch (a virtual timer's read) nothing outside
  // the program can end the wait: the scheduler treats it as a sleep.
  WaitInfo Info{W.NumWatch ? WaitKind::Descriptors : WaitKind::TimerFd,
                uintptr_t(W.Fd < 0 ? 0 : W.Fd)};
  if (Until == kNoDeadline)
    Rt.Sched.block(Info);
  else
    Rt.Sched.blockUntil(Info, Until);
  for (size_t I = 0; I < FdWaiters.size(); ++I) {
    if (FdWaiters[I] == &W) {
      FdWaiters.erase(I);
      break;
    }
  }
  if (!W.WaitForReal)
    return;
  // Every other thread is blocked or in a system call: wait for the world
  // outside like those calls do, outside the schedule, for the rest of the
  // timeout; a timeout that passes for real passes in virtual time too.
  W.WaitForReal = false;
  uint64_t Now = Rt.Sched.now();
  uint64_t Left = Until == kNoDeadline ? kNoDeadline : Until > Now ? Until - Now : 0;
  struct timespec Ts = {time_t(Left / 1000000000ull), long(Left % 1000000000ull)};
  long R = callMaybeBlocking(W.Thr, true, W.Name, W.Fd, [&] {
    return rawSyscall(SYS_ppoll, reinterpret_cast<long>(W.Watch), long(W.NumWatch),
                      Left == kNoDeadline ? 0 : reinterpret_cast<long>(&Ts), 0, 8);
  });
  if (R == 0 && Left != kNoDeadline && Rt.Sched.now() < Until)
    Rt.Sched.advanceTime(Until - Rt.Sched.now());
}

void forgetFdWaitersAfterFork() {
  // The waiters were other threads, which the child does not have.
  FdWaiters.clear();
  FirstOutside = SyscallInfo();
}

void fdActivity() {
  // Woken in the order they blocked; each looks again when it runs.
  for (FdWaiter *W : FdWaiters)
    Rt.Sched.wake(&W->Thr->Green);
}

SchedulerObserver::OutsideWait waitOutsideForDescriptors(uint64_t MaxNs, bool MayBlock) {
  using OutsideWait = SchedulerObserver::OutsideWait;
  OutsideWatch.clear();
  for (FdWaiter *W : FdWaiters)
    for (size_t I = 0; I < W->NumWatch; ++I)
      OutsideWatch.push_back({W->Watch[I].fd, W->Watch[I].events, 0});
  if (OutsideWatch.empty())
    return OutsideWait::NoWaiters;
  int Saved = errno;
  struct timespec Zero = {0, 0};
  long R = rawSyscall(SYS_ppoll, reinterpret_cast<long>(OutsideWatch.begin()),
                      long(OutsideWatch.size()), reinterpret_cast<long>(&Zero), 0, 8);
  if (R == 0 && MaxNs != 0 && !MayBlock) {
    // Threads in system calls may come back and need the baton: the
    // waiters wait for real themselves, outside the schedule.
    for (FdWaiter *W : FdWaiters)
      W->WaitForReal = true;
    errno = Saved;
    fdActivity();
    return OutsideWait::Woke;
  }
  if (R == 0 && MaxNs != 0) {
    // Nothing in the program can happen before the deadline: give the
    // world outside the time the program gave it, for real.
    struct timespec Ts = {time_t(MaxNs / 1000000000ull), long(MaxNs % 1000000000ull)};
    uint64_t Start = rawMonotonicNs();
    R = rawSyscall(SYS_ppoll, reinterpret_cast<long>(OutsideWatch.begin()),
                   long(OutsideWatch.size()),
                   MaxNs == kNoDeadline ? 0 : reinterpret_cast<long>(&Ts), 0, 8);
    if (R != 0) {
      // Ended by something outside the program, at a moment of the wall
      // clock: virtual time moves as far, and the run says so.
      uint64_t Elapsed = rawMonotonicNs() - Start;
      if (MaxNs != kNoDeadline && Elapsed >= MaxNs)
        Elapsed = MaxNs - 1;
      Rt.Sched.advanceTime(Elapsed);
      if (!FirstOutside.Name)
        FirstOutside = SyscallInfo{FdWaiters[0]->Name, FdWaiters[0]->Fd};
    }
  }
  bool Interrupted = R < 0 && errno == EINTR;
  errno = Saved;
  if (R <= 0 && !Interrupted)
    return OutsideWait::TimedOut;
  fdActivity();
  return OutsideWait::Woke;
}

void appendSyscallNote(TextBuffer &B) {
  if (Rt.Sched.dependsOnSyscalls()) {
    B << "weft: note: this run blocked in system calls between threads (";
    appendCall(B, Rt.Sched.firstDependentSyscall());
    B << "), so its schedule may not replay exactly\n";
  }
  if (FirstOutside.Name) {
    B << "weft: note: a wait in this run was ended by an event from outside the program (";
    appendCall(B, FirstOutside);
    B << "), so its schedule may not replay exactly\n";
  }
}

} // namespace weft

namespace {

size_t iovBytes(const struct iovec *Iov, int N) {
  size_t T = 0;
  for (int I = 0; I < N; ++I)
    T += Iov[I].iov_len;
  return T;
}

/// Checks the first \p Bytes bytes of an iovec array as accesses.
void iovAccess(const struct iovec *Iov, int N, size_t Bytes, bool IsWrite, uintptr_t Pc) {
  for (int I = 0; I < N && Bytes; ++I) {
    size_t K = Iov[I].iov_len < Bytes ? Iov[I].iov_len : Bytes;
    libcAccess(Iov[I].iov_base, K, IsWrite, Pc);
    Bytes -= K;
  }
}

// The shape shared by every descriptor read: maybe leave, call, then
// (holding the baton again) acquire and check what was received.
template <typename F>
ssize_t readLike(const char *Name, int Fd, bool NoWait, uintptr_t Pc, F Call) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return Call();
  fdUsed(Fd, Pc);
  bool MayBlock = !NoWait && fdMayBlock(Fd, POLLIN, 0);
  // A signalfd waits in the scheduler for a signal (signal_interceptors.cc).
  if (MayBlock && waitForSignalFd(Thr, Fd, 0))
    MayBlock = false;
  ssize_t R = callMaybeBlocking(Thr, MayBlock, Name, Fd, Call);
  if (R > 0) {
    fdAcquire(Thr, Fd);
    fdActivity(); // room for a writer
  }
  return R;
}

template <typename F>
ssize_t writeLike(const char *Name, int Fd, size_t Len, bool NoWait, uintptr_t Pc, F Call) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return Call();
  fdUsed(Fd, Pc);
  fdRelease(Thr, Fd);
  bool MayBlock = !NoWait && fdMayBlock(Fd, POLLOUT, Len);
  ssize_t R = callMaybeBlocking(Thr, MayBlock, Name, Fd, Call);
  if (R >= 0)
    fdActivity(); // data for a reader
  return R;
}

} // namespace

WEFT_DECLARE_REAL(ssize_t, read, int, void *, size_t)
WEFT_DECLARE_REAL(ssize_t, write, int, const void *, size_t)
WEFT_DECLARE_REAL(ssize_t, readv, int, const struct iovec *, int)
WEFT_DECLARE_REAL(ssize_t, writev, int, const struct iovec *, int)
WEFT_DECLARE_REAL(ssize_t, pread, int, void *, size_t, off_t)
WEFT_DECLARE_REAL(ssize_t, pwrite, int, const void *, size_t, off_t)
WEFT_DECLARE_REAL(ssize_t, preadv, int, const struct iovec *, int, off_t)
WEFT_DECLARE_REAL(ssize_t, pwritev, int, const struct iovec *, int, off_t)
WEFT_DECLARE_REAL(ssize_t, recv, int, void *, size_t, int)
WEFT_DECLARE_REAL(ssize_t, recvfrom, int, void *, size_t, int, struct sockaddr *, socklen_t *)
WEFT_DECLARE_REAL(ssize_t, recvmsg, int, struct msghdr *, int)
WEFT_DECLARE_REAL(ssize_t, send, int, const void *, size_t, int)
WEFT_DECLARE_REAL(ssize_t, sendto, int, const void *, size_t, int, const struct sockaddr *, socklen_t)
WEFT_DECLARE_REAL(ssize_t, sendmsg, int, const struct msghdr *, int)
WEFT_DECLARE_REAL(int, accept, int, struct sockaddr *, socklen_t *)
WEFT_DECLARE_REAL(int, accept4, int, struct sockaddr *, socklen_t *, int)
WEFT_DECLARE_REAL(int, connect, int, const struct sockaddr *, socklen_t)
WEFT_DECLARE_REAL(int, socket, int, int, int)
WEFT_DECLARE_REAL(int, socketpair, int, int, int, int *)
WEFT_DECLARE_REAL(int, pipe, int *)
WEFT_DECLARE_REAL(int, pipe2, int *, int)
WEFT_DECLARE_REAL(int, close, int)
WEFT_DECLARE_REAL(int, dup, int)
WEFT_DECLARE_REAL(int, dup2, int, int)
WEFT_DECLARE_REAL(int, dup3, int, int, int)
WEFT_DECLARE_REAL(int, open, const char *, int, ...)
WEFT_DECLARE_REAL(int, open64, const char *, int, ...)
WEFT_DECLARE_REAL(int, openat, int, const char *, int, ...)
WEFT_DECLARE_REAL(int, openat64, int, const char *, int, ...)
WEFT_DECLARE_REAL(int, creat, const char *, mode_t)
WEFT_DECLARE_REAL(int, poll, struct pollfd *, nfds_t, int)
WEFT_DECLARE_REAL(int, ppoll, struct pollfd *, nfds_t, const struct timespec *, const sigset_t *)
WEFT_DECLARE_REAL(int, select, int, fd_set *, fd_set *, fd_set *, struct timeval *)
WEFT_DECLARE_REAL(int, pselect, int, fd_set *, fd_set *, fd_set *, const struct timespec *, const sigset_t *)
WEFT_DECLARE_REAL(int, epoll_wait, int, struct epoll_event *, int, int)
WEFT_DECLARE_REAL(int, epoll_pwait, int, struct epoll_event *, int, int, const sigset_t *)
WEFT_DECLARE_REAL(int, epoll_pwait2, int, struct epoll_event *, int, const struct timespec *,
                  const sigset_t *)
WEFT_DECLARE_REAL(pid_t, wait4, pid_t, int *, int, struct rusage *)

//===--- Reads and writes --------------------------------------------------===//

WEFT_INTERCEPTOR ssize_t read(int Fd, void *Buf, size_t N) {
  WEFT_ENSURE_REAL(read);
  if (CurThread && isVirtualTimerfd(Fd)) {
    fdUsed(Fd, WEFT_CALLER_PC);
    return timerfdRead(CurThread, Fd, Buf, N, WEFT_CALLER_PC);
  }
  ssize_t R = readLike("read", Fd, false, WEFT_CALLER_PC,
                       [&] { return WEFT_REAL(read)(Fd, Buf, N); });
  if (R > 0)
    libcAccess(Buf, size_t(R), true, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR ssize_t write(int Fd, const void *Buf, size_t N) {
  WEFT_ENSURE_REAL(write);
  libcAccess(Buf, N, false, WEFT_CALLER_PC);
  return writeLike("write", Fd, N, false, WEFT_CALLER_PC,
                   [&] { return WEFT_REAL(write)(Fd, Buf, N); });
}

// For eventfd_read/eventfd_write, which glibc implements without read/write.
WEFT_DEFINE_OWN(read)
WEFT_DEFINE_OWN(write)

WEFT_INTERCEPTOR ssize_t readv(int Fd, const struct iovec *Iov, int N) {
  WEFT_ENSURE_REAL(readv);
  ssize_t R = readLike("readv", Fd, false, WEFT_CALLER_PC,
                       [&] { return WEFT_REAL(readv)(Fd, Iov, N); });
  if (R > 0 && CurThread)
    iovAccess(Iov, N, size_t(R), true, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR ssize_t writev(int Fd, const struct iovec *Iov, int N) {
  WEFT_ENSURE_REAL(writev);
  size_t Len = 0;
  if (CurThread && Iov && N > 0) {
    Len = iovBytes(Iov, N);
    iovAccess(Iov, N, Len, false, WEFT_CALLER_PC);
  }
  return writeLike("writev", Fd, Len, false, WEFT_CALLER_PC,
                   [&] { return WEFT_REAL(writev)(Fd, Iov, N); });
}

// The positioned calls (pread, pwrite, preadv, pwritev) work only on
// descriptors that can seek: a pipe, FIFO, socket or terminal fails with
// ESPIPE at once. No other program thread can be what they wait for, so
// they never leave the schedule and need no poll or fstat to say so.
WEFT_INTERCEPTOR ssize_t pread(int Fd, void *Buf, size_t N, off_t Off) {
  WEFT_ENSURE_REAL(pread);
  ssize_t R = readLike("pread", Fd, /*NoWait=*/true, WEFT_CALLER_PC,
                       [&] { return WEFT_REAL(pread)(Fd, Buf, N, Off); });
  if (R > 0)
    libcAccess(Buf, size_t(R), true, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR ssize_t pwrite(int Fd, const void *Buf, size_t N, off_t Off) {
  WEFT_ENSURE_REAL(pwrite);
  libcAccess(Buf, N, false, WEFT_CALLER_PC);
  return writeLike("pwrite", Fd, N, /*NoWait=*/true, WEFT_CALLER_PC,
                   [&] { return WEFT_REAL(pwrite)(Fd, Buf, N, Off); });
}

WEFT_INTERCEPTOR ssize_t preadv(int Fd, const struct iovec *Iov, int N, off_t Off) {
  WEFT_ENSURE_REAL(preadv);
  ssize_t R = readLike("preadv", Fd, /*NoWait=*/true, WEFT_CALLER_PC,
                       [&] { return WEFT_REAL(preadv)(Fd, Iov, N, Off); });
  if (R > 0 && CurThread)
    iovAccess(Iov, N, size_t(R), true, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR ssize_t pwritev(int Fd, const struct iovec *Iov, int N, off_t Off) {
  WEFT_ENSURE_REAL(pwritev);
  size_t Len = 0;
  if (CurThread && Iov && N > 0) {
    Len = iovBytes(Iov, N);
    iovAccess(Iov, N, Len, false, WEFT_CALLER_PC);
  }
  return writeLike("pwritev", Fd, Len, /*NoWait=*/true, WEFT_CALLER_PC,
                   [&] { return WEFT_REAL(pwritev)(Fd, Iov, N, Off); });
}

WEFT_INTERCEPTOR ssize_t recv(int Fd, void *Buf, size_t N, int Flags) {
  WEFT_ENSURE_REAL(recv);
  ssize_t R = readLike("recv", Fd, Flags & MSG_DONTWAIT, WEFT_CALLER_PC,
                       [&] { return WEFT_REAL(recv)(Fd, Buf, N, Flags); });
  if (R > 0)
    libcAccess(Buf, size_t(R) < N ? size_t(R) : N, true, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR ssize_t recvfrom(int Fd, void *Buf, size_t N, int Flags,
                                  struct sockaddr *Addr, socklen_t *AddrLen) {
  WEFT_ENSURE_REAL(recvfrom);
  ssize_t R = readLike("recvfrom", Fd, Flags & MSG_DONTWAIT, WEFT_CALLER_PC, [&] {
    return WEFT_REAL(recvfrom)(Fd, Buf, N, Flags, Addr, AddrLen);
  });
  if (R > 0)
    libcAccess(Buf, size_t(R) < N ? size_t(R) : N, true, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR ssize_t recvmsg(int Fd, struct msghdr *Msg, int Flags) {
  WEFT_ENSURE_REAL(recvmsg);
  ssize_t R = readLike("recvmsg", Fd, Flags & MSG_DONTWAIT, WEFT_CALLER_PC,
                       [&] { return WEFT_REAL(recvmsg)(Fd, Msg, Flags); });
  if (R > 0 && CurThread && Msg)
    iovAccess(Msg->msg_iov, int(Msg->msg_iovlen), size_t(R), true, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR ssize_t send(int Fd, const void *Buf, size_t N, int Flags) {
  WEFT_ENSURE_REAL(send);
  libcAccess(Buf, N, false, WEFT_CALLER_PC);
  return writeLike("send", Fd, N, Flags & MSG_DONTWAIT, WEFT_CALLER_PC,
                   [&] { return WEFT_REAL(send)(Fd, Buf, N, Flags); });
}

WEFT_INTERCEPTOR ssize_t sendto(int Fd, const void *Buf, size_t N, int Flags,
                                const struct sockaddr *Addr, socklen_t AddrLen) {
  WEFT_ENSURE_REAL(sendto);
  libcAccess(Buf, N, false, WEFT_CALLER_PC);
  return writeLike("sendto", Fd, N, Flags & MSG_DONTWAIT, WEFT_CALLER_PC, [&] {
    return WEFT_REAL(sendto)(Fd, Buf, N, Flags, Addr, AddrLen);
  });
}

WEFT_INTERCEPTOR ssize_t sendmsg(int Fd, const struct msghdr *Msg, int Flags) {
  WEFT_ENSURE_REAL(sendmsg);
  size_t Len = 0;
  if (CurThread && Msg) {
    Len = iovBytes(Msg->msg_iov, int(Msg->msg_iovlen));
    iovAccess(Msg->msg_iov, int(Msg->msg_iovlen), Len, false, WEFT_CALLER_PC);
  }
  return writeLike("sendmsg", Fd, Len, Flags & MSG_DONTWAIT, WEFT_CALLER_PC,
                   [&] { return WEFT_REAL(sendmsg)(Fd, Msg, Flags); });
}

//===--- Descriptors and their channels ------------------------------------===//

namespace {
/// pipe, pipe2 and socketpair made \p Fds: two ends of one new channel.
void pairCreated(const int Fds[2], uintptr_t Pc) {
  uint32_t C = newChannel();
  setChannel(Fds[0], C);
  setChannel(Fds[1], C);
  fdCreated(Fds[0], Pc);
  fdCreated(Fds[1], Pc);
}
} // namespace

WEFT_INTERCEPTOR int pipe(int Fds[2]) {
  WEFT_ENSURE_REAL(pipe);
  int R = WEFT_REAL(pipe)(Fds);
  if (R == 0 && CurThread)
    pairCreated(Fds, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR int pipe2(int Fds[2], int Flags) {
  WEFT_ENSURE_REAL(pipe2);
  int R = WEFT_REAL(pipe2)(Fds, Flags);
  if (R == 0 && CurThread)
    pairCreated(Fds, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR int socketpair(int Domain, int Type, int Proto, int Fds[2]) {
  WEFT_ENSURE_REAL(socketpair);
  int R = WEFT_REAL(socketpair)(Domain, Type, Proto, Fds);
  if (R == 0 && CurThread)
    pairCreated(Fds, WEFT_CALLER_PC);
  return R;
}

// An eventfd is a channel of its own: a write (or eventfd_write) releases,
// a read that gets the count acquires, as between a pipe's two ends.
WEFT_INTERCEPTOR int eventfd(unsigned Init, int Flags) {
  int Fd = static_cast<int>(rawSyscall(SYS_eventfd2, Init, Flags));
  if (Fd >= 0 && CurThread) {
    setChannel(Fd, newChannel());
    fdCreated(Fd, WEFT_CALLER_PC);
  }
  return Fd;
}

// glibc's eventfd_read/eventfd_write call its internal read and write,
// which weft does not see.
WEFT_INTERCEPTOR int eventfd_read(int Fd, eventfd_t *Value) {
  return WEFT_OWN(read)(Fd, Value, sizeof(*Value)) == sizeof(*Value) ? 0 : -1;
}

WEFT_INTERCEPTOR int eventfd_write(int Fd, eventfd_t Value) {
  return WEFT_OWN(write)(Fd, &Value, sizeof(Value)) == sizeof(Value) ? 0 : -1;
}

WEFT_INTERCEPTOR int socket(int Domain, int Type, int Proto) {
  WEFT_ENSURE_REAL(socket);
  int Fd = WEFT_REAL(socket)(Domain, Type, Proto);
  if (Fd >= 0 && CurThread) {
    setChannel(Fd, kSocketChannel);
    fdCreated(Fd, WEFT_CALLER_PC);
  }
  return Fd;
}

WEFT_INTERCEPTOR int close(int Fd) {
  WEFT_ENSURE_REAL(close);
  if (!CurThread)
    return WEFT_REAL(close)(Fd);
  fdClosed(Fd, WEFT_CALLER_PC);
  setChannel(Fd, kNoChannel);
  timerfdForget(Fd);
  int R = WEFT_REAL(close)(Fd);
  if (R == 0)
    fdActivity(); // the peer sees end of file or a hang-up
  return R;
}

WEFT_INTERCEPTOR int dup(int Fd) {
  WEFT_ENSURE_REAL(dup);
  int New = WEFT_REAL(dup)(Fd);
  if (New >= 0 && CurThread) {
    uint32_t C = size_t(Fd) < FdChannel.size() ? FdChannel[size_t(Fd)] : kNoChannel;
    setChannel(New, C);
    fdUsed(Fd, WEFT_CALLER_PC);
    fdCreated(New, WEFT_CALLER_PC);
  }
  return New;
}

namespace {
/// dup2 and dup3 made \p New a copy of \p Fd: the old descriptor is read,
/// the one \p New named before is closed and \p New created, both as reads
/// (fd_memory.h: replacing a descriptor in place is how daemons redirect
/// stdout, and how a closed pipe stands in for a socket being shut down).
void dupOnto(int Fd, int New, uintptr_t Pc) {
  uint32_t C = size_t(Fd) < FdChannel.size() ? FdChannel[size_t(Fd)] : kNoChannel;
  setChannel(New, C);
  fdUsed(Fd, Pc);
  if (New != Fd) {
    timerfdForget(New);
    fdClosed(New, Pc, /*AsRead=*/true);
    fdCreated(New, Pc, /*AsRead=*/true);
  }
}
} // namespace

WEFT_INTERCEPTOR int dup2(int Fd, int New) {
  WEFT_ENSURE_REAL(dup2);
  int R = WEFT_REAL(dup2)(Fd, New);
  if (R >= 0 && CurThread && Fd >= 0)
    dupOnto(Fd, R, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR int dup3(int Fd, int New, int Flags) {
  WEFT_ENSURE_REAL(dup3);
  int R = WEFT_REAL(dup3)(Fd, New, Flags);
  if (R >= 0 && CurThread && Fd >= 0)
    dupOnto(Fd, R, WEFT_CALLER_PC);
  return R;
}

//===--- Opening files -----------------------------------------------------===//
//
// A file carries no happens-before edge (regular files and unknown
// descriptors have no channel), but its number is memory (fd_memory.h): an
// open may reuse a number another thread just closed.

namespace {
bool needsMode(int Flags) { return (Flags & O_CREAT) || (Flags & O_TMPFILE) == O_TMPFILE; }

/// Declares \p Mode, the variadic mode argument of an open-like function
/// whose last named parameter is \p Flags: passed only when the flags create
/// a file, 0 otherwise. A macro, since va_start belongs in the function.
#define WEFT_OPEN_MODE(Mode, Flags)                                            \
  mode_t Mode = 0;                                                             \
  if (needsMode(Flags)) {                                                      \
    va_list Ap;                                                                \
    va_start(Ap, Flags);                                                       \
    Mode = mode_t(va_arg(Ap, int));                                            \
    va_end(Ap);                                                                \
  }

int opened(int Fd, uintptr_t Pc) {
  if (Fd >= 0 && CurThread) {
    setChannel(Fd, kNoChannel);
    timerfdForget(Fd);
    fdCreated(Fd, Pc);
  }
  return Fd;
}
} // namespace

WEFT_INTERCEPTOR int open(const char *Path, int Flags, ...) {
  WEFT_ENSURE_REAL(open);
  WEFT_OPEN_MODE(Mode, Flags);
  return opened(WEFT_REAL(open)(Path, Flags, Mode), WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int open64(const char *Path, int Flags, ...) {
  WEFT_ENSURE_REAL(open64);
  WEFT_OPEN_MODE(Mode, Flags);
  return opened(WEFT_REAL(open64)(Path, Flags, Mode), WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int openat(int Dir, const char *Path, int Flags, ...) {
  WEFT_ENSURE_REAL(openat);
  WEFT_OPEN_MODE(Mode, Flags);
  return opened(WEFT_REAL(openat)(Dir, Path, Flags, Mode), WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int openat64(int Dir, const char *Path, int Flags, ...) {
  WEFT_ENSURE_REAL(openat64);
  WEFT_OPEN_MODE(Mode, Flags);
  return opened(WEFT_REAL(openat64)(Dir, Path, Flags, Mode), WEFT_CALLER_PC);
}

WEFT_INTERCEPTOR int creat(const char *Path, mode_t Mode) {
  WEFT_ENSURE_REAL(creat);
  return opened(WEFT_REAL(creat)(Path, Mode), WEFT_CALLER_PC);
}

//===--- Connections -------------------------------------------------------===//

namespace {
/// accept and accept4: wait for a connection on \p Fd; the new socket
/// acquires what connect released into the socket channel.
template <typename F> int acceptLike(const char *Name, int Fd, uintptr_t Pc, F Call) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return Call();
  fdUsed(Fd, Pc);
  int R = callMaybeBlocking(Thr, fdMayBlock(Fd, POLLIN, 0), Name, Fd, Call);
  if (R >= 0) {
    setChannel(R, kSocketChannel);
    fdCreated(R, Pc);
    fdAcquire(Thr, R); // connect released into the socket channel
    fdActivity();
  }
  return R;
}
} // namespace

WEFT_INTERCEPTOR int accept(int Fd, struct sockaddr *Addr, socklen_t *Len) {
  WEFT_ENSURE_REAL(accept);
  return acceptLike("accept", Fd, WEFT_CALLER_PC,
                    [&] { return WEFT_REAL(accept)(Fd, Addr, Len); });
}

WEFT_INTERCEPTOR int accept4(int Fd, struct sockaddr *Addr, socklen_t *Len, int Flags) {
  WEFT_ENSURE_REAL(accept4);
  return acceptLike("accept4", Fd, WEFT_CALLER_PC,
                    [&] { return WEFT_REAL(accept4)(Fd, Addr, Len, Flags); });
}

WEFT_INTERCEPTOR int connect(int Fd, const struct sockaddr *Addr, socklen_t Len) {
  WEFT_ENSURE_REAL(connect);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(connect)(Fd, Addr, Len);
  fdUsed(Fd, WEFT_CALLER_PC);
  fdRelease(Thr, Fd);
  // A blocking connect may wait for the peer's accept queue to drain.
  int R = callMaybeBlocking(Thr, fdIsBlocking(Fd), "connect", Fd,
                            [&] { return WEFT_REAL(connect)(Fd, Addr, Len); });
  fdActivity(); // the listener has a connection to accept
  return R;
}

//===--- Waiting for many descriptors --------------------------------------===//
//
// First the call with a zero timeout, holding the baton: if something is
// ready (or the caller did not want to wait) that is the answer. Otherwise
// the thread waits in virtual time (waitForDescriptors in blocking_call.h):
// a timeout that passes with nothing ready advances virtual time by its
// length, like a sleep, and the events a wait returns depend only on the
// schedule. A wait on no descriptor at all is a sleep.

namespace {

constexpr uint64_t kNsPerMs = 1000000;

uint64_t msTimeout(int Ms) { return Ms < 0 ? kNoDeadline : uint64_t(Ms) * kNsPerMs; }

uint64_t tsTimeout(const struct timespec *Ts) {
  if (!Ts)
    return kNoDeadline;
  if (Ts->tv_sec < 0)
    return 0;
  return uint64_t(Ts->tv_sec) * 1000000000ull + uint64_t(Ts->tv_nsec);
}

/// The descriptors of select's sets, as poll would watch them.
void watchSets(int N, const fd_set *Rd, const fd_set *Wr, const fd_set *Ex,
               InternalVector<struct pollfd> &Out) {
  for (int Fd = 0; Fd < N && Fd < FD_SETSIZE; ++Fd) {
    short Ev = 0;
    if (Rd && FD_ISSET(Fd, Rd))
      Ev |= POLLIN;
    if (Wr && FD_ISSET(Fd, Wr))
      Ev |= POLLOUT;
    if (Ex && FD_ISSET(Fd, Ex))
      Ev |= POLLPRI;
    if (Ev)
      Out.push_back({Fd, Ev, 0});
  }
}

struct FdSets {
  fd_set R, W, E;
  void save(fd_set *Rd, fd_set *Wr, fd_set *Ex) {
    if (Rd)
      R = *Rd;
    if (Wr)
      W = *Wr;
    if (Ex)
      E = *Ex;
  }
  void restore(fd_set *Rd, fd_set *Wr, fd_set *Ex) const {
    if (Rd)
      *Rd = R;
    if (Wr)
      *Wr = W;
    if (Ex)
      *Ex = E;
  }
};

template <typename F>
int pollLike(ThreadState *Thr, const char *Name, struct pollfd *Fds, nfds_t N,
             uint64_t TimeoutNs, uintptr_t Pc, F Once) {
  if (N == 0 && TimeoutNs != kNoDeadline) {
    if (virtualSleep(Thr, TimeoutNs, Pc)) {
      errno = EINTR; // never restarted after a handler (signal(7))
      return -1;
    }
    return 0;
  }
  // The program's own array: a real wait writes only revents, which the
  // call itself writes anyway.
  return waitForDescriptors(Thr, Name, N == 1 ? Fds[0].fd : -1, Fds, N, TimeoutNs, Pc,
                            Once);
}

template <typename F>
int selectLike(ThreadState *Thr, const char *Name, int N, fd_set *Rd, fd_set *Wr,
               fd_set *Ex, uint64_t TimeoutNs, uintptr_t Pc, F Once) {
  InternalVector<struct pollfd> Watch;
  watchSets(N, Rd, Wr, Ex, Watch);
  if (Watch.empty() && TimeoutNs != kNoDeadline) {
    if (virtualSleep(Thr, TimeoutNs, Pc)) {
      errno = EINTR; // never restarted after a handler (signal(7))
      return -1;
    }
    return 0;
  }
  // select overwrites its sets: each look starts from the caller's.
  FdSets Saved;
  Saved.save(Rd, Wr, Ex);
  return waitForDescriptors(Thr, Name, -1, Watch.begin(), Watch.size(), TimeoutNs,
                            Pc, [&] {
                              Saved.restore(Rd, Wr, Ex);
                              return Once();
                            });
}

template <typename F>
int epollLike(ThreadState *Thr, const char *Name, int Ep, uint64_t TimeoutNs,
              uintptr_t Pc, F Once) {
  // An epoll descriptor is readable while a wait on it would return events.
  struct pollfd Watch = {Ep, POLLIN, 0};
  return waitForDescriptors(Thr, Name, Ep, &Watch, 1, TimeoutNs, Pc, Once);
}

} // namespace

WEFT_INTERCEPTOR int poll(struct pollfd *Fds, nfds_t N, int Timeout) {
  WEFT_ENSURE_REAL(poll);
  ThreadState *Thr = CurThread;
  if (!Thr || (N == 0 && Timeout < 0))
    return callMaybeBlocking(Thr, Thr != nullptr, "poll", -1,
                             [&] { return WEFT_REAL(poll)(Fds, N, Timeout); });
  return pollLike(Thr, "poll", Fds, N, msTimeout(Timeout), WEFT_CALLER_PC,
                  [&] { return WEFT_REAL(poll)(Fds, N, 0); });
}

WEFT_INTERCEPTOR int ppoll(struct pollfd *Fds, nfds_t N, const struct timespec *Ts,
                           const sigset_t *Mask) {
  WEFT_ENSURE_REAL(ppoll);
  ThreadState *Thr = CurThread;
  if (!Thr || (N == 0 && !Ts))
    return callMaybeBlocking(Thr, Thr != nullptr, "ppoll", -1,
                             [&] { return WEFT_REAL(ppoll)(Fds, N, Ts, Mask); });
  struct timespec Zero = {0, 0};
  return pollLike(Thr, "ppoll", Fds, N, tsTimeout(Ts), WEFT_CALLER_PC,
                  [&] { return WEFT_REAL(ppoll)(Fds, N, &Zero, Mask); });
}

WEFT_INTERCEPTOR int select(int N, fd_set *Rd, fd_set *Wr, fd_set *Ex, struct timeval *Tv) {
  WEFT_ENSURE_REAL(select);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(select)(N, Rd, Wr, Ex, Tv);
  if (Tv && (Tv->tv_sec < 0 || Tv->tv_usec < 0 || Tv->tv_usec >= 1000000)) {
    errno = EINVAL;
    return -1;
  }
  uint64_t TimeoutNs =
      Tv ? uint64_t(Tv->tv_sec) * 1000000000ull + uint64_t(Tv->tv_usec) * 1000 : kNoDeadline;
  uint64_t Start = Rt.Sched.now();
  int R = selectLike(Thr, "select", N, Rd, Wr, Ex, TimeoutNs, WEFT_CALLER_PC, [&] {
    struct timeval Zero = {0, 0};
    return WEFT_REAL(select)(N, Rd, Wr, Ex, &Zero);
  });
  if (Tv) {
    // Linux leaves the time not slept in the timeout, in virtual time here.
    uint64_t Slept = Rt.Sched.now() - Start;
    uint64_t Left = Slept < TimeoutNs ? TimeoutNs - Slept : 0;
    Tv->tv_sec = time_t(Left / 1000000000ull);
    Tv->tv_usec = long(Left % 1000000000ull) / 1000;
  }
  return R;
}

WEFT_INTERCEPTOR int pselect(int N, fd_set *Rd, fd_set *Wr, fd_set *Ex,
                             const struct timespec *Ts, const sigset_t *Mask) {
  WEFT_ENSURE_REAL(pselect);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(pselect)(N, Rd, Wr, Ex, Ts, Mask);
  if (Ts && (Ts->tv_sec < 0 || Ts->tv_nsec < 0 || Ts->tv_nsec >= 1000000000)) {
    errno = EINVAL;
    return -1;
  }
  return selectLike(Thr, "pselect", N, Rd, Wr, Ex, tsTimeout(Ts), WEFT_CALLER_PC, [&] {
    struct timespec Zero = {0, 0};
    return WEFT_REAL(pselect)(N, Rd, Wr, Ex, &Zero, Mask);
  });
}

WEFT_INTERCEPTOR int epoll_wait(int Ep, struct epoll_event *Ev, int Max, int Timeout) {
  WEFT_ENSURE_REAL(epoll_wait);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(epoll_wait)(Ep, Ev, Max, Timeout);
  return epollLike(Thr, "epoll_wait", Ep, msTimeout(Timeout), WEFT_CALLER_PC,
                   [&] { return WEFT_REAL(epoll_wait)(Ep, Ev, Max, 0); });
}

WEFT_INTERCEPTOR int epoll_pwait(int Ep, struct epoll_event *Ev, int Max, int Timeout,
                                 const sigset_t *Mask) {
  WEFT_ENSURE_REAL(epoll_pwait);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(epoll_pwait)(Ep, Ev, Max, Timeout, Mask);
  return epollLike(Thr, "epoll_pwait", Ep, msTimeout(Timeout), WEFT_CALLER_PC,
                   [&] { return WEFT_REAL(epoll_pwait)(Ep, Ev, Max, 0, Mask); });
}

WEFT_INTERCEPTOR int epoll_pwait2(int Ep, struct epoll_event *Ev, int Max,
                                  const struct timespec *Ts, const sigset_t *Mask) {
  WEFT_ENSURE_REAL(epoll_pwait2);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(epoll_pwait2)(Ep, Ev, Max, Ts, Mask);
  struct timespec Zero = {0, 0};
  return epollLike(Thr, "epoll_pwait2", Ep, tsTimeout(Ts), WEFT_CALLER_PC,
                   [&] { return WEFT_REAL(epoll_pwait2)(Ep, Ev, Max, &Zero, Mask); });
}

//===--- Child processes ---------------------------------------------------===//
//
// Waiting for a child process waits for another process, which may itself
// wait for a program thread (through a pipe): outside the schedule, unless
// a child has already changed state.

WEFT_INTERCEPTOR pid_t wait4(pid_t Pid, int *Status, int Options, struct rusage *Ru) {
  WEFT_ENSURE_REAL(wait4);
  ThreadState *Thr = CurThread;
  if (!Thr || (Options & WNOHANG))
    return WEFT_REAL(wait4)(Pid, Status, Options, Ru);
  pid_t R = WEFT_REAL(wait4)(Pid, Status, Options | WNOHANG, Ru);
  if (R != 0)
    return R;
  return callMaybeBlocking(Thr, true, "waitpid", -1,
                           [&] { return WEFT_REAL(wait4)(Pid, Status, Options, Ru); });
}
WEFT_DEFINE_OWN(wait4)

WEFT_INTERCEPTOR pid_t waitpid(pid_t Pid, int *Status, int Options) {
  return WEFT_OWN(wait4)(Pid, Status, Options, nullptr);
}

WEFT_INTERCEPTOR pid_t wait(int *Status) { return WEFT_OWN(wait4)(-1, Status, 0, nullptr); }
