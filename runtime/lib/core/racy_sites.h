//===- racy_sites.h - Race-directed scheduling points ---------------------===//
//
// Owns the run's set of racy sites: access sites (module+0xoffset of the
// access's call, as steer_deadlock names lock sites, so that they survive
// ASLR) that raced in an earlier schedule. `weft test` learns them from
// the runs' report files and hands them to later runs (racy_sites=FILE);
// a schedule file carries them in its header, so a replay runs with the
// same points. An access at such a site is a scheduling point
// (PointKind::RacyAccess) on every execution, whatever the quantum: the
// window between a read and a write of a lost update then exists in the
// schedule, where the strategy can preempt.
//
// The hot path never looks the set up: each access of 1 to 8 bytes,
// checked inline or called out of line, has a site flag
// (weft/shadow_layout.h) that the slow path resolves once per run
// (resolve()) and tests from then on. Decisions depend on the set and
// the execution only, never on addresses: a site is compared by module name
// and offset.
//
// It also tells `weft test` what a run learned: the first time a race
// involves a site not in the set, one line in the report file
// (weft/test_channel.h, kRacySitesMarker). Never prints to the program's
// output, never changes a report.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_RACY_SITES_H
#define WEFT_RUNTIME_RACY_SITES_H

#include <cstddef>
#include <cstdint>

namespace weft {

class TextBuffer;

namespace racy_sites {

/// Reads racy_sites= (a file of module+0xoffset sites, separated by
/// blanks, newlines or '/'). A bad file or site is a `weft: error:` and
/// exit 2. Call before the first instrumented access is checked.
void init();
/// Adds the '/'-separated sites of \p List (a schedule file's header).
void addList(const char *List, size_t Len);
/// Whether any site is in the set.
bool directed();
/// The flag (WEFT_SITE_POINT or WEFT_SITE_QUIET) of the access whose call
/// returns to \p Pc. Looks the module up: once per site per run.
uint8_t resolve(uintptr_t Pc);
/// A race between the accesses returning to \p CurPc and \p PrevPc: tells
/// weft test the sites it did not know (once per run and site).
void learn(uintptr_t CurPc, uintptr_t PrevPc);
/// The set, '/'-separated, for a schedule file's header (nothing if empty).
void appendList(TextBuffer &B);

} // namespace racy_sites
} // namespace weft

#endif
