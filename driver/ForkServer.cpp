//===- ForkServer.cpp - A copy of the program that forks runs on request --===//
//
// The channel is a SOCK_SEQPACKET socket pair: packets keep their
// boundaries, carry the run's output descriptor (SCM_RIGHTS), and the
// server's death shows as end-of-file on the driver's end, so waiting for
// a run can never hang on a server that is gone.
//
//===----------------------------------------------------------------------===//

#include "ForkServer.h"

#include "weft/fork_server_protocol.h"

#include "absl/strings/str_cat.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace weft {
namespace driver {

using namespace fork_protocol;

namespace {

bool sendPacket(int Sock, Kind What, uint32_t Id, const std::string &Text, int Fd,
                int32_t Value = 0) {
  MessageHeader H{kMagic, What, Value, Id, static_cast<uint32_t>(Text.size())};
  std::string Packet(reinterpret_cast<const char *>(&H), sizeof(H));
  Packet += Text;
  struct iovec Io = {Packet.data(), Packet.size()};
  struct msghdr Msg = {};
  Msg.msg_iov = &Io;
  Msg.msg_iovlen = 1;
  alignas(struct cmsghdr) char Control[CMSG_SPACE(sizeof(int))];
  if (Fd >= 0) {
    std::memset(Control, 0, sizeof(Control));
    Msg.msg_control = Control;
    Msg.msg_controllen = sizeof(Control);
    struct cmsghdr *C = CMSG_FIRSTHDR(&Msg);
    C->cmsg_level = SOL_SOCKET;
    C->cmsg_type = SCM_RIGHTS;
    C->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(C), &Fd, sizeof(int));
  }
  for (;;) {
    if (sendmsg(Sock, &Msg, MSG_NOSIGNAL) == static_cast<ssize_t>(Packet.size()))
      return true;
    if (errno != EINTR)
      return false;
  }
}

/// Receives one packet; false at end of file (\p Eof), on an error or on a
/// packet that is not ours.
bool receivePacket(int Sock, MessageHeader &H, std::string &Text, bool &Eof) {
  char Buffer[sizeof(MessageHeader) + 1024];
  ssize_t Got;
  do
    Got = recv(Sock, Buffer, sizeof(Buffer), 0);
  while (Got < 0 && errno == EINTR);
  Eof = Got == 0;
  if (Got < static_cast<ssize_t>(sizeof(H)))
    return false;
  std::memcpy(&H, Buffer, sizeof(H));
  if (H.Magic != kMagic || H.Length > static_cast<size_t>(Got) - sizeof(H))
    return false;
  Text.assign(Buffer + sizeof(H), H.Length);
  return true;
}

} // namespace

std::unique_ptr<ForkServer> ForkServer::start(absl::Span<const std::string> Program,
                                              double TimeoutSeconds, Start &Result,
                                              std::string &Why) {
  Result = Start::Failed;
  int Pair[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, Pair) != 0) {
    Why = absl::StrCat("socketpair: ", std::strerror(errno));
    return nullptr;
  }
  int Output = memfd_create("weft-fork-server-output", MFD_CLOEXEC);
  if (Output < 0) {
    Why = absl::StrCat("memfd_create: ", std::strerror(errno));
    close(Pair[0]);
    close(Pair[1]);
    return nullptr;
  }
  std::vector<std::string> Env = environmentWith({{kEnvVar, absl::StrCat(Pair[1])}});
  SpawnOptions Spawn;
  Spawn.Environment = &Env;
  Spawn.OutputFd = Output;
  Spawn.NullStdin = true;
  Spawn.InheritFd = Pair[1];
  Spawn.OwnProcessGroup = true;
  absl::StatusOr<pid_t> Pid = spawnProcess(Program, Spawn);
  close(Pair[1]);
  if (!Pid.ok()) {
    Why = std::string(Pid.status().message());
    close(Pair[0]);
    close(Output);
    return nullptr;
  }
  std::unique_ptr<ForkServer> Server(new ForkServer(*Pid, Pair[0]));

  // Wait for the answer, or for the program to end without one: a program
  // without the runtime ends, but a child it left behind may keep the
  // channel open.
  int Exited = static_cast<int>(syscall(SYS_pidfd_open, *Pid, 0));
  struct pollfd P[2] = {{Pair[0], POLLIN, 0}, {Exited, POLLIN, 0}};
  int Ms = TimeoutSeconds > 0 ? static_cast<int>(TimeoutSeconds * 1000) + 1 : -1;
  int Ready;
  do
    Ready = poll(P, Exited >= 0 ? 2 : 1, Ms);
  while (Ready < 0 && errno == EINTR);
  if (Exited >= 0)
    close(Exited);
  MessageHeader H;
  std::string Text;
  bool Eof = false;
  if (Ready <= 0) {
    Why = "the program did not start in time";
  } else if (!P[0].revents || !receivePacket(Pair[0], H, Text, Eof) ||
             H.What != Kind::Hello) {
    // It ran to its end without a word: no weft runtime (or an older one).
    Result = Start::NotServing;
  } else if (H.Value != 0) {
    Result = Start::Refused;
    Why = Text;
  } else {
    Result = Start::Ready;
    Server->Preamble = readAll(Output);
  }
  close(Output);
  if (Result != Start::Ready)
    return nullptr; // the destructor stops it
  return Server;
}

ForkServer::~ForkServer() {
  close(Sock);
  if (Pid > 0) {
    // A running child dies with it (PR_SET_PDEATHSIG), so this never waits
    // for a run.
    ::kill(Pid, SIGKILL);
    waitProcess(Pid);
  }
}

namespace {
/// A run request's text: NAME=VALUE entries, each ending in a NUL.
std::string requestText(absl::Span<const std::pair<std::string, std::string>> Env) {
  std::string Text;
  for (const auto &[Name, Value] : Env)
    Text += absl::StrCat(Name, "=", Value, std::string(1, '\0'));
  return Text;
}
} // namespace

bool ForkServer::carries(absl::Span<const std::pair<std::string, std::string>> Env) {
  return requestText(Env).size() <= kMaxMessage;
}

bool ForkServer::run(absl::Span<const std::pair<std::string, std::string>> Env,
                     int OutputFd, uint32_t Id) {
  std::string Text = requestText(Env);
  if (!Preamble.empty() &&
      write(OutputFd, Preamble.data(), Preamble.size()) !=
          static_cast<ssize_t>(Preamble.size()))
    return false;
  return sendPacket(Sock, Kind::Run, Id, Text, OutputFd);
}

bool ForkServer::finish(ExitStatus &Status, uint32_t &Id) {
  MessageHeader H;
  std::string Text;
  bool Eof = false;
  if (receivePacket(Sock, H, Text, Eof) && H.What == Kind::Exited) {
    Status = ExitStatus::fromWaitStatus(H.Value);
    Id = H.Id;
    return true;
  }
  if (!Eof && Pid > 0)
    ::kill(Pid, SIGKILL); // alive but making no sense: stop it
  return false;
}

void ForkServer::kill(uint32_t Id, int Signal) {
  sendPacket(Sock, Kind::Kill, Id, "", -1, Signal);
}

std::string ForkServer::deathReason() {
  if (Pid <= 0)
    return "it ended";
  // Usually end of file on the channel: the server is exiting (or was
  // killed by finish()). But a request the driver could not send leaves it
  // alive and waiting for the next one: stop it before waiting for it.
  ::kill(Pid, SIGKILL);
  ExitStatus Status = waitProcess(Pid);
  Pid = -1;
  return Status.Signaled ? "killed by " + signalName(Status.Value)
                         : absl::StrCat("exit status ", Status.Value);
}

} // namespace driver
} // namespace weft
