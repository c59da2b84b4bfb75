//===- fork_server_protocol.h - What `weft test` and a fork server say ----===//
//
// `weft test` can start the program once as a *fork server* and have it fork
// one child per schedule instead of executing the program again for each
// (docs/design.md, "Fork server"). The driver and the runtime talk over a
// SOCK_SEQPACKET socket pair whose server end the program inherits; this
// header is the whole contract, included by both sides so that nothing is
// spelled twice. It must never grow anything but plain data.
//
// Every message is one packet: a MessageHeader, then Length bytes of text.
//
//   driver -> server   Run    text: "NAME=value\0" assignments for the run's
//                             environment; one descriptor (SCM_RIGHTS): the
//                             run's stdout and stderr; Id: the driver's
//                             name for the run
//                      Kill   send signal Value (0: SIGKILL) to run Id (a
//                             timeout or a stop); ignored when run Id has
//                             ended; a queued run Id is dropped
//   server -> driver   Hello  Value 0: serving; 1: refused (text: why)
//                      Exited run Id ended; Value: its wait status
//
// One run at a time per server, but the driver may send the next Run while
// one runs: the server forks it as soon as it has reaped the one before,
// before it reports that one, so a job's runs follow each other without
// waiting for the driver. A second queued Run is not understood. A Kill of
// the queued run drops it (Exited, as killed by SIGKILL).
//
// Closing the driver's end stops the server (killing a running child).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_FORK_SERVER_PROTOCOL_H
#define WEFT_FORK_SERVER_PROTOCOL_H

#include <stdint.h>

namespace weft {
namespace fork_protocol {

/// Set in the server's environment to the number of its end of the socket.
constexpr const char *kEnvVar = "WEFT_FORK_SERVER";

/// "WFS1": a message from a different protocol version is not understood.
constexpr uint32_t kMagic = 0x31534657;

/// No packet is larger (the text of a Run holds WEFT_OPTIONS).
constexpr uint32_t kMaxMessage = 64 * 1024;

enum class Kind : uint32_t { Hello = 1, Run = 2, Kill = 3, Exited = 4 };

struct MessageHeader {
  uint32_t Magic;
  Kind What;
  int32_t Value;
  uint32_t Id;
  uint32_t Length; // bytes of text after the header
};

} // namespace fork_protocol
} // namespace weft

#endif // WEFT_FORK_SERVER_PROTOCOL_H
