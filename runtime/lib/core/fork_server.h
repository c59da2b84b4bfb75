//===- fork_server.h - Serving `weft test` runs by fork instead of exec ---===//
//
// Owns the server side of the fork-server protocol
// (weft/fork_server_protocol.h). It must never touch runtime state: the
// server has to stay a process in which weft has not started yet.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_FORK_SERVER_H
#define WEFT_RUNTIME_FORK_SERVER_H

namespace weft {

/// Called first thing in initialize(). Returns at once unless `weft test`
/// started this process as a fork server. Then it never returns in the
/// server: it forks one child per run the driver asks for and reports each
/// child's status. It returns in each child, with the run's environment
/// (WEFT_SEED, WEFT_OPTIONS) and output in place, so that initialization
/// goes on exactly as in a freshly executed program.
void serveForksIfAsked();

} // namespace weft

#endif
