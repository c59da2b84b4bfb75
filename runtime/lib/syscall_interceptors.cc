//===- syscall_interceptors.cc - Blocking system calls release the baton --===//
//
// read/write/recv/send/accept/connect/poll/select/epoll_wait/waitpid and
// friends may wait in the kernel for another program thread (the writer of
// a pipe, the client of a socket). They run outside the schedule when they
// may block (blocking_call.h), so the other thread can run and the program
// stays live. A run where that happened while other threads could run has
// a schedule that depends on when the calls returned: it is not replayable
// byte for byte, and says so at exit.
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

#include "blocking_call.h"
#include "interceptor.h"
#include "rtl.h"
#include "sync_ops.h"
#include "text_buffer.h"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sys/epoll.h>
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
  bool Ready = rawPoll(Fd, Events, &Rev) > 0;
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

void appendSyscallNote(TextBuffer &B) {
  if (!Rt.Sched.dependsOnSyscalls())
    return;
  SyscallInfo I = Rt.Sched.firstDependentSyscall();
  B << "weft: note: this run blocked in system calls between threads (" << I.Name;
  if (I.Fd >= 0) {
    B << " on fd ";
    B.dec(uint64_t(I.Fd));
  }
  B << "), so its schedule may not replay exactly\n";
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
ssize_t readLike(const char *Name, int Fd, bool NoWait, F Call) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return Call();
  bool MayBlock = !NoWait && fdMayBlock(Fd, POLLIN, 0);
  // A signalfd waits in the scheduler for a signal (signal_interceptors.cc).
  if (MayBlock && waitForSignalFd(Thr, Fd, 0))
    MayBlock = false;
  ssize_t R = callMaybeBlocking(Thr, MayBlock, Name, Fd, Call);
  if (R > 0)
    fdAcquire(Thr, Fd);
  return R;
}

template <typename F>
ssize_t writeLike(const char *Name, int Fd, size_t Len, bool NoWait, F Call) {
  ThreadState *Thr = CurThread;
  if (!Thr)
    return Call();
  fdRelease(Thr, Fd);
  bool MayBlock = !NoWait && fdMayBlock(Fd, POLLOUT, Len);
  return callMaybeBlocking(Thr, MayBlock, Name, Fd, Call);
}

} // namespace

WEFT_DECLARE_REAL(ssize_t, read, int, void *, size_t)
WEFT_DECLARE_REAL(ssize_t, write, int, const void *, size_t)
WEFT_DECLARE_REAL(ssize_t, readv, int, const struct iovec *, int)
WEFT_DECLARE_REAL(ssize_t, writev, int, const struct iovec *, int)
WEFT_DECLARE_REAL(ssize_t, pread, int, void *, size_t, off_t)
WEFT_DECLARE_REAL(ssize_t, pwrite, int, const void *, size_t, off_t)
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
WEFT_DECLARE_REAL(int, poll, struct pollfd *, nfds_t, int)
WEFT_DECLARE_REAL(int, ppoll, struct pollfd *, nfds_t, const struct timespec *, const sigset_t *)
WEFT_DECLARE_REAL(int, select, int, fd_set *, fd_set *, fd_set *, struct timeval *)
WEFT_DECLARE_REAL(int, pselect, int, fd_set *, fd_set *, fd_set *, const struct timespec *, const sigset_t *)
WEFT_DECLARE_REAL(int, epoll_wait, int, struct epoll_event *, int, int)
WEFT_DECLARE_REAL(int, epoll_pwait, int, struct epoll_event *, int, int, const sigset_t *)
WEFT_DECLARE_REAL(pid_t, wait4, pid_t, int *, int, struct rusage *)

//===--- Reads and writes --------------------------------------------------===//

WEFT_INTERCEPTOR ssize_t read(int Fd, void *Buf, size_t N) {
  WEFT_ENSURE_REAL(read);
  ssize_t R = readLike("read", Fd, false, [&] { return WEFT_REAL(read)(Fd, Buf, N); });
  if (R > 0)
    libcAccess(Buf, size_t(R), true, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR ssize_t write(int Fd, const void *Buf, size_t N) {
  WEFT_ENSURE_REAL(write);
  libcAccess(Buf, N, false, WEFT_CALLER_PC);
  return writeLike("write", Fd, N, false, [&] { return WEFT_REAL(write)(Fd, Buf, N); });
}

WEFT_INTERCEPTOR ssize_t readv(int Fd, const struct iovec *Iov, int N) {
  WEFT_ENSURE_REAL(readv);
  ssize_t R = readLike("readv", Fd, false, [&] { return WEFT_REAL(readv)(Fd, Iov, N); });
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
  return writeLike("writev", Fd, Len, false, [&] { return WEFT_REAL(writev)(Fd, Iov, N); });
}

WEFT_INTERCEPTOR ssize_t pread(int Fd, void *Buf, size_t N, off_t Off) {
  WEFT_ENSURE_REAL(pread);
  ssize_t R = readLike("pread", Fd, false, [&] { return WEFT_REAL(pread)(Fd, Buf, N, Off); });
  if (R > 0)
    libcAccess(Buf, size_t(R), true, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR ssize_t pwrite(int Fd, const void *Buf, size_t N, off_t Off) {
  WEFT_ENSURE_REAL(pwrite);
  libcAccess(Buf, N, false, WEFT_CALLER_PC);
  return writeLike("pwrite", Fd, N, false, [&] { return WEFT_REAL(pwrite)(Fd, Buf, N, Off); });
}

WEFT_INTERCEPTOR ssize_t recv(int Fd, void *Buf, size_t N, int Flags) {
  WEFT_ENSURE_REAL(recv);
  ssize_t R = readLike("recv", Fd, Flags & MSG_DONTWAIT,
                       [&] { return WEFT_REAL(recv)(Fd, Buf, N, Flags); });
  if (R > 0)
    libcAccess(Buf, size_t(R) < N ? size_t(R) : N, true, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR ssize_t recvfrom(int Fd, void *Buf, size_t N, int Flags,
                                  struct sockaddr *Addr, socklen_t *AddrLen) {
  WEFT_ENSURE_REAL(recvfrom);
  ssize_t R = readLike("recvfrom", Fd, Flags & MSG_DONTWAIT, [&] {
    return WEFT_REAL(recvfrom)(Fd, Buf, N, Flags, Addr, AddrLen);
  });
  if (R > 0)
    libcAccess(Buf, size_t(R) < N ? size_t(R) : N, true, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR ssize_t recvmsg(int Fd, struct msghdr *Msg, int Flags) {
  WEFT_ENSURE_REAL(recvmsg);
  ssize_t R = readLike("recvmsg", Fd, Flags & MSG_DONTWAIT,
                       [&] { return WEFT_REAL(recvmsg)(Fd, Msg, Flags); });
  if (R > 0 && CurThread && Msg)
    iovAccess(Msg->msg_iov, int(Msg->msg_iovlen), size_t(R), true, WEFT_CALLER_PC);
  return R;
}

WEFT_INTERCEPTOR ssize_t send(int Fd, const void *Buf, size_t N, int Flags) {
  WEFT_ENSURE_REAL(send);
  libcAccess(Buf, N, false, WEFT_CALLER_PC);
  return writeLike("send", Fd, N, Flags & MSG_DONTWAIT,
                   [&] { return WEFT_REAL(send)(Fd, Buf, N, Flags); });
}

WEFT_INTERCEPTOR ssize_t sendto(int Fd, const void *Buf, size_t N, int Flags,
                                const struct sockaddr *Addr, socklen_t AddrLen) {
  WEFT_ENSURE_REAL(sendto);
  libcAccess(Buf, N, false, WEFT_CALLER_PC);
  return writeLike("sendto", Fd, N, Flags & MSG_DONTWAIT, [&] {
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
  return writeLike("sendmsg", Fd, Len, Flags & MSG_DONTWAIT,
                   [&] { return WEFT_REAL(sendmsg)(Fd, Msg, Flags); });
}

//===--- Descriptors and their channels ------------------------------------===//

WEFT_INTERCEPTOR int pipe(int Fds[2]) {
  WEFT_ENSURE_REAL(pipe);
  int R = WEFT_REAL(pipe)(Fds);
  if (R == 0 && CurThread) {
    uint32_t C = newChannel();
    setChannel(Fds[0], C);
    setChannel(Fds[1], C);
  }
  return R;
}

WEFT_INTERCEPTOR int pipe2(int Fds[2], int Flags) {
  WEFT_ENSURE_REAL(pipe2);
  int R = WEFT_REAL(pipe2)(Fds, Flags);
  if (R == 0 && CurThread) {
    uint32_t C = newChannel();
    setChannel(Fds[0], C);
    setChannel(Fds[1], C);
  }
  return R;
}

WEFT_INTERCEPTOR int socketpair(int Domain, int Type, int Proto, int Fds[2]) {
  WEFT_ENSURE_REAL(socketpair);
  int R = WEFT_REAL(socketpair)(Domain, Type, Proto, Fds);
  if (R == 0 && CurThread) {
    uint32_t C = newChannel();
    setChannel(Fds[0], C);
    setChannel(Fds[1], C);
  }
  return R;
}

WEFT_INTERCEPTOR int socket(int Domain, int Type, int Proto) {
  WEFT_ENSURE_REAL(socket);
  int Fd = WEFT_REAL(socket)(Domain, Type, Proto);
  if (Fd >= 0 && CurThread)
    setChannel(Fd, kSocketChannel);
  return Fd;
}

WEFT_INTERCEPTOR int close(int Fd) {
  WEFT_ENSURE_REAL(close);
  if (CurThread)
    setChannel(Fd, kNoChannel);
  return WEFT_REAL(close)(Fd);
}

WEFT_INTERCEPTOR int dup(int Fd) {
  WEFT_ENSURE_REAL(dup);
  int New = WEFT_REAL(dup)(Fd);
  if (New >= 0 && CurThread) {
    uint32_t C = size_t(Fd) < FdChannel.size() ? FdChannel[size_t(Fd)] : kNoChannel;
    setChannel(New, C);
  }
  return New;
}

WEFT_INTERCEPTOR int dup2(int Fd, int New) {
  WEFT_ENSURE_REAL(dup2);
  int R = WEFT_REAL(dup2)(Fd, New);
  if (R >= 0 && CurThread && Fd >= 0) {
    uint32_t C = size_t(Fd) < FdChannel.size() ? FdChannel[size_t(Fd)] : kNoChannel;
    setChannel(R, C);
  }
  return R;
}

//===--- Connections -------------------------------------------------------===//

WEFT_INTERCEPTOR int accept(int Fd, struct sockaddr *Addr, socklen_t *Len) {
  WEFT_ENSURE_REAL(accept);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(accept)(Fd, Addr, Len);
  int R = callMaybeBlocking(Thr, fdMayBlock(Fd, POLLIN, 0), "accept", Fd,
                            [&] { return WEFT_REAL(accept)(Fd, Addr, Len); });
  if (R >= 0) {
    setChannel(R, kSocketChannel);
    fdAcquire(Thr, R); // connect released into the socket channel
  }
  return R;
}

WEFT_INTERCEPTOR int accept4(int Fd, struct sockaddr *Addr, socklen_t *Len, int Flags) {
  WEFT_ENSURE_REAL(accept4);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(accept4)(Fd, Addr, Len, Flags);
  int R = callMaybeBlocking(Thr, fdMayBlock(Fd, POLLIN, 0), "accept4", Fd,
                            [&] { return WEFT_REAL(accept4)(Fd, Addr, Len, Flags); });
  if (R >= 0) {
    setChannel(R, kSocketChannel);
    fdAcquire(Thr, R);
  }
  return R;
}

WEFT_INTERCEPTOR int connect(int Fd, const struct sockaddr *Addr, socklen_t Len) {
  WEFT_ENSURE_REAL(connect);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(connect)(Fd, Addr, Len);
  fdRelease(Thr, Fd);
  // A blocking connect may wait for the peer's accept queue to drain.
  return callMaybeBlocking(Thr, fdIsBlocking(Fd), "connect", Fd,
                           [&] { return WEFT_REAL(connect)(Fd, Addr, Len); });
}

//===--- Waiting for many descriptors --------------------------------------===//
//
// First the call with a zero timeout, holding the baton: if something is
// ready (or the caller did not want to wait) that is the answer, and the run
// stays deterministic. Only otherwise is the real wait made outside. A wait
// on no descriptor at all is a sleep, in virtual time.

namespace weft {
}

WEFT_INTERCEPTOR int poll(struct pollfd *Fds, nfds_t N, int Timeout) {
  WEFT_ENSURE_REAL(poll);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(poll)(Fds, N, Timeout);
  if (N == 0 && Timeout > 0) {
    virtualSleep(Thr, uint64_t(Timeout) * 1000000, WEFT_CALLER_PC);
    return 0;
  }
  int R = WEFT_REAL(poll)(Fds, N, 0);
  if (R != 0 || Timeout == 0)
    return R;
  return callMaybeBlocking(Thr, true, "poll", N == 1 ? Fds[0].fd : -1,
                           [&] { return WEFT_REAL(poll)(Fds, N, Timeout); });
}

WEFT_INTERCEPTOR int ppoll(struct pollfd *Fds, nfds_t N, const struct timespec *Ts,
                           const sigset_t *Mask) {
  WEFT_ENSURE_REAL(ppoll);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(ppoll)(Fds, N, Ts, Mask);
  struct timespec Zero = {0, 0};
  int R = WEFT_REAL(ppoll)(Fds, N, &Zero, Mask);
  if (R != 0 || (Ts && Ts->tv_sec == 0 && Ts->tv_nsec == 0))
    return R;
  return callMaybeBlocking(Thr, true, "ppoll", N == 1 ? Fds[0].fd : -1,
                           [&] { return WEFT_REAL(ppoll)(Fds, N, Ts, Mask); });
}

namespace {
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
} // namespace

WEFT_INTERCEPTOR int select(int N, fd_set *Rd, fd_set *Wr, fd_set *Ex, struct timeval *Tv) {
  WEFT_ENSURE_REAL(select);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(select)(N, Rd, Wr, Ex, Tv);
  if (N == 0 && Tv) {
    virtualSleep(Thr, uint64_t(Tv->tv_sec) * 1000000000 + uint64_t(Tv->tv_usec) * 1000,
                    WEFT_CALLER_PC);
    Tv->tv_sec = Tv->tv_usec = 0;
    return 0;
  }
  // select overwrites its sets: keep the caller's for the real wait.
  FdSets Saved;
  Saved.save(Rd, Wr, Ex);
  struct timeval Zero = {0, 0};
  int R = WEFT_REAL(select)(N, Rd, Wr, Ex, &Zero);
  if (R != 0 || (Tv && Tv->tv_sec == 0 && Tv->tv_usec == 0))
    return R;
  Saved.restore(Rd, Wr, Ex);
  return callMaybeBlocking(Thr, true, "select", -1,
                           [&] { return WEFT_REAL(select)(N, Rd, Wr, Ex, Tv); });
}

WEFT_INTERCEPTOR int pselect(int N, fd_set *Rd, fd_set *Wr, fd_set *Ex,
                             const struct timespec *Ts, const sigset_t *Mask) {
  WEFT_ENSURE_REAL(pselect);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(pselect)(N, Rd, Wr, Ex, Ts, Mask);
  FdSets Saved;
  Saved.save(Rd, Wr, Ex);
  struct timespec Zero = {0, 0};
  int R = WEFT_REAL(pselect)(N, Rd, Wr, Ex, &Zero, Mask);
  if (R != 0 || (Ts && Ts->tv_sec == 0 && Ts->tv_nsec == 0))
    return R;
  Saved.restore(Rd, Wr, Ex);
  return callMaybeBlocking(Thr, true, "pselect", -1,
                           [&] { return WEFT_REAL(pselect)(N, Rd, Wr, Ex, Ts, Mask); });
}

WEFT_INTERCEPTOR int epoll_wait(int Ep, struct epoll_event *Ev, int Max, int Timeout) {
  WEFT_ENSURE_REAL(epoll_wait);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(epoll_wait)(Ep, Ev, Max, Timeout);
  int R = WEFT_REAL(epoll_wait)(Ep, Ev, Max, 0);
  if (R != 0 || Timeout == 0)
    return R;
  return callMaybeBlocking(Thr, true, "epoll_wait", Ep,
                           [&] { return WEFT_REAL(epoll_wait)(Ep, Ev, Max, Timeout); });
}

WEFT_INTERCEPTOR int epoll_pwait(int Ep, struct epoll_event *Ev, int Max, int Timeout,
                                 const sigset_t *Mask) {
  WEFT_ENSURE_REAL(epoll_pwait);
  ThreadState *Thr = CurThread;
  if (!Thr)
    return WEFT_REAL(epoll_pwait)(Ep, Ev, Max, Timeout, Mask);
  int R = WEFT_REAL(epoll_pwait)(Ep, Ev, Max, 0, Mask);
  if (R != 0 || Timeout == 0)
    return R;
  return callMaybeBlocking(Thr, true, "epoll_pwait", Ep, [&] {
    return WEFT_REAL(epoll_pwait)(Ep, Ev, Max, Timeout, Mask);
  });
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
