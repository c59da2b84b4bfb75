//===- ExitCodes.h - The runtime's exit codes, as read here -----*- C++ -*-===//
//
// An instrumented program exits with one of these when the runtime stops it.
// They are a public contract (CI scripts test for them), so they are fixed:
// 66 is ThreadSanitizer's code for a race, and the other kinds follow it.
// The driver only reads them to name a failure in `weft test`.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_EXITCODES_H
#define WEFT_DRIVER_EXITCODES_H

namespace weft {
namespace driver {

constexpr int ExitDataRace = 66;
constexpr int ExitDeadlock = 67;
/// A crash (fatal signal) or a failed assertion under a schedule.
constexpr int ExitCrash = 68;
/// A replayed schedule no longer applies to the program (diverged_exitcode).
constexpr int ExitDiverged = 69;
/// weft's runtime could not go on (out of address space under `ulimit -v`,
/// too many threads...): not the program's status (kRuntimeFailureExit).
constexpr int ExitRuntimeFailure = 70;

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_EXITCODES_H
