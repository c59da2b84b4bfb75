//===- cpu_pinning.h - All program threads on one CPU ----------------------===//
//
// See cpu_pinning.cc: why weft pins, and how the program keeps seeing (and
// passing on) its own affinity.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_CPU_PINNING_H
#define WEFT_RUNTIME_CPU_PINNING_H

#include <pthread.h>

namespace weft {

struct ThreadState;

namespace cpu_pinning {

/// Pins the calling thread, and so every thread it creates later, to the CPU
/// named by WEFT_PIN_CPU (set by `weft test` per job) if the program may run
/// there, else to the CPU it runs on. Call before the program has threads. False if the process may
/// not change its affinity; then waiting threads must spin instead.
bool pinToCurrentCpu();

/// \p Child, being created by \p Parent (which holds the baton) with
/// \p Attr, inherits \p Parent's affinity as the program sees it, or takes
/// the one its attributes name.
void threadCreated(ThreadState *Parent, ThreadState *Child, const pthread_attr_t *Attr);
/// The new thread \p T runs for the first time (holding the baton): its
/// kernel id is known, and a mask its attributes applied is read back and
/// replaced by the pin.
void threadStarted(ThreadState *T);
/// \p T has run its last scheduled instruction: its mask is forgotten.
void threadFinished(ThreadState *T);

} // namespace cpu_pinning
} // namespace weft

#endif
