//===- cpu_pinning.h - All program threads on one CPU ----------------------===//
//
// See cpu_pinning.cc: why weft pins, and how the program keeps seeing (and
// passing on) its own affinity.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_CPU_PINNING_H
#define WEFT_RUNTIME_CPU_PINNING_H

namespace weft {
namespace cpu_pinning {

/// Pins the calling thread, and so every thread it creates later, to the CPU
/// named by WEFT_PIN_CPU (set by `weft test` per job) if the program may run
/// there, else to the CPU it runs on. Call before the program has threads. False if the process may
/// not change its affinity; then waiting threads must spin instead.
bool pinToCurrentCpu();

} // namespace cpu_pinning
} // namespace weft

#endif
