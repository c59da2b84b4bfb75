//===- internal_mappings.h - Where weft's own mappings go ------------------===//
//
// Every mapping weft makes for itself (its allocator's chunks, shadow and
// sync tables, signal and scheduler stacks, weft test's shared caches) is
// placed in a range of its own, far from where the kernel puts the
// program's mappings. The kernel places a new mapping in the highest gap
// below the last ones; had weft's mappings been placed there too, how much
// weft had mapped (more under `weft test`, whose fork server shares a
// symbol cache; more after a report) would shift every later mapping of
// the program: its thread stacks, glibc's arenas, its own mmaps. A program
// that hashes those addresses (pthread_self as a seed, pointers as keys)
// would then take other branches under `weft replay` than in the run that
// failed. With ASLR off (fixed_layout.cc), the program's layout depends on
// the program alone.
//
// Never calls the program's (intercepted) mmap.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_BASE_INTERNAL_MAPPINGS_H
#define WEFT_SCHEDULER_BASE_INTERNAL_MAPPINGS_H

#include <cstddef>
#include <cstdint>

namespace weft {

/// The start of weft's range: 32 TiB below the top of the user address
/// space, where the program's mappings (growing down from 128 TiB) and its
/// heap (growing up from the executable near 85 TiB) do not reach.
constexpr uintptr_t kInternalMappingsBase = uintptr_t(0x6000) << 32;

/// mmap(2) of \p Size bytes of anonymous memory with \p Prot and \p Flags
/// (MAP_PRIVATE or MAP_SHARED, MAP_NORESERVE...), in weft's range when it
/// has room, else where the kernel chooses; -1 on failure, as the system
/// call. Never at a fixed address the caller chose.
long mapInternal(size_t Size, int Prot, int Flags);

} // namespace weft

#endif
