//===- ForkServer.h - A copy of the program that forks runs on request -*- C++ -*-===//
//
// The driver's side of the fork server (weft/fork_server_protocol.h,
// docs/design.md): `weft test` starts the program once with
// WEFT_FORK_SERVER set; its runtime stops at the start of initialization
// and forks one child per run asked for. A run gets the same environment,
// descriptors and output capture as an executed program. This class knows
// the protocol and the server process, nothing about schedules.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_FORKSERVER_H
#define WEFT_DRIVER_FORKSERVER_H

#include "Process.h"

#include "absl/types/span.h"

#include <memory>
#include <string>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace weft {
namespace driver {

class ForkServer {
public:
  enum class Start {
    Ready,      // serving
    Refused,    // the runtime declined (Why says why)
    NotServing, // the program ended without answering: not built with -race
    Failed,     // could not be started, or did not answer in time
  };

  /// Starts \p Program as a server and waits for its answer (at most
  /// \p TimeoutSeconds when > 0). Returns the server when Ready.
  static std::unique_ptr<ForkServer> start(absl::Span<const std::string> Program,
                                           double TimeoutSeconds, Start &Result,
                                           std::string &Why);
  ~ForkServer();
  ForkServer(const ForkServer &) = delete;
  ForkServer &operator=(const ForkServer &) = delete;

  /// Whether a run with \p Env fits in one request (the protocol's
  /// kMaxMessage); one that does not is executed instead.
  static bool carries(absl::Span<const std::pair<std::string, std::string>> Env);
  /// Starts run \p Id, whose environment is the driver's with \p Env set
  /// (as environmentWith; it must be carried) and whose stdout and stderr go
  /// to \p OutputFd. While another run runs, this one is queued and starts
  /// the moment that one ends (at most one queued). False if the server is
  /// gone.
  bool run(absl::Span<const std::pair<std::string, std::string>> Env, int OutputFd,
           uint32_t Id);
  /// Readable when a run has ended or the server died.
  int fd() const { return Sock; }
  /// After fd() was readable: true with the status of the run \p Id that
  /// ended, false if the server died (its runs were killed with it).
  bool finish(ExitStatus &Status, uint32_t &Id);
  /// Asks the server to send \p Signal (0: SIGKILL) to run \p Id; a queued
  /// run is dropped whatever the signal (its status follows). After SIGKILL
  /// its status follows too.
  void kill(uint32_t Id, int Signal = 0);
  /// How the server ended, once finish() returned false.
  std::string deathReason();

private:
  ForkServer(pid_t Pid, int Sock) : Pid(Pid), Sock(Sock) {}
  pid_t Pid;
  int Sock;
  /// What the program wrote before the server answered (a library
  /// constructor's output): every executed run would write it first.
  std::string Preamble;
};

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_FORKSERVER_H
