//===- signal_handlers.h - The program's signal handlers, run through weft -===//
//
// Every handler the program installs (sigaction, signal) is installed
// behind weft's trampoline, so that running it is an event weft sees:
// installing a handler happens before the handler runs (as in TSan, a
// thread that wrote what the handler reads and then installed it is not
// racing with the handler), and a handler of an asynchronous signal is
// checked for what it must not do: spoil errno, call malloc or free. The
// program sees its own handlers in every sigaction it makes.
//
// The runtime's own handlers (crash reports, the time limit's dump, the
// unwinder's fault catch) go through realSigaction, never the interceptor.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_SIGNAL_HANDLERS_H
#define WEFT_RUNTIME_SIGNAL_HANDLERS_H

#include <csignal>

namespace weft {

/// glibc's sigaction, for the runtime's own handlers.
int realSigaction(int Sig, const struct sigaction *Act, struct sigaction *Old);

} // namespace weft

#endif
