//===- shadow_layout.h - What the pass's inline fast paths read -----------===//
//
// The pass inlines two fast paths into the program: the access check's
// "this thread already recorded, in this epoch, an access covering these
// bytes in the granule's first slot", and function entry/exit's push and
// pop of a return pc on the thread's call stack. These are the facts of the
// runtime's layout they rely on, in one place: the runtime defines its
// constants from them and static_asserts the rest (runtime/lib/shadow/shadow.h,
// runtime/lib/core/access.cc), so the two cannot drift apart.
//
// The inline check stores nothing but the countdown, which it decrements as
// the entry points do. Anything else — no thread, the countdown run out, a
// shadow region not mapped yet, a slot that does not cover the access —
// calls the access's slow entry point (__weft_read8_slow, ...), which does
// the rest of the check exactly as the entry point (__weft_read8) would.
//
// Plain C macros: the pass (C++) and the runtime both include this file.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SHADOW_LAYOUT_H
#define WEFT_SHADOW_LAYOUT_H

// The runtime's thread-local pointer to the running thread's state, null
// when the thread is not scheduled by weft.
#define WEFT_CURRENT_THREAD_SYMBOL "__weft_current_thread"
// What the inline paths load instead (initial-exec TLS): the same pointer,
// never null. A thread weft does not schedule points at a dormant stand-in
// with the same fields (runtime/lib/core/inline_thread.cc), which the
// inline paths read and write like a thread's: whatever they conclude
// there, the slow entry points they call find no current thread and
// return, as they did when the inline paths tested for null themselves
// (two instructions at every check, entry and exit).
#define WEFT_INLINE_THREAD_SYMBOL "__weft_inline_thread"
// In that state: a uint32_t, accesses left before the next scheduling point
// (the point is due on the access that takes it from 1 to 0) ...
#define WEFT_THREAD_COUNTDOWN_OFFSET 0
// ... and a uint64_t, the thread's tid and epoch bits of a slot.
#define WEFT_THREAD_SLOT_BASE_OFFSET 64

// The thread's call stack (runtime/lib/shadow/shadow_stack.h): a pointer to its
// array of return pcs, WEFT_STACK_FRAMES of them and one spare slot that
// every deeper frame shares; its depth (uint32_t); and its low mark
// (uint32_t), below which no frame changed since a stack was last kept. An
// entry stores the pc at the depth, raises the depth and stores the pc
// again (compiler barriers between: a signal handler pushing its own frames
// cannot leave its pc in the slot); an exit lowers the depth, unless that
// takes it down to the low mark, which __weft_func_exit handles.
#define WEFT_THREAD_STACK_PCS_OFFSET 104
#define WEFT_THREAD_STACK_DEPTH_OFFSET 112
#define WEFT_THREAD_STACK_LOW_OFFSET 116
#define WEFT_STACK_FRAMES 65536

// The shadow: an array of 2^WEFT_REGION_INDEX_BITS pointers, one for each
// 2^WEFT_REGION_SHIFT bytes of address space (index: the address's bits
// from WEFT_REGION_SHIFT up, below 2^49), null until the region is first
// touched. A region is 32 MiB, so its shadow is 64 MiB of address space:
// small enough that a program touching a few regions (its globals, heap,
// libraries, stacks) runs under an address-space limit of 4 GiB
// (`ulimit -v`); 4 GiB regions needed 24 GiB each. The table is 128 MiB
// of zero pages, touched only where the program's memory is.
#define WEFT_SHADOW_REGIONS_SYMBOL "__weft_shadow_regions"
#define WEFT_REGION_SHIFT 25
#define WEFT_REGION_INDEX_BITS 24
// Each 8-byte granule of a region has WEFT_GRANULE_SHADOW_BYTES of shadow
// (two slots: two bytes of shadow per byte, as TSan), in address order,
// starting with its first slot (a uint64_t).
#define WEFT_GRANULE_BYTES 8
#define WEFT_GRANULE_SHADOW_BYTES 16

// A slot is the thread's slot base, or'ed with the accessed bytes' mask
// (bit I: byte I of the granule) shifted left by WEFT_SLOT_MASK_SHIFT, and
// with bit WEFT_SLOT_WRITE_BIT for a write. A slot S covers an access A of
// this thread and epoch when S equals A outside the mask and write bits and
// holds every mask and write bit A holds.
#define WEFT_SLOT_MASK_SHIFT 54
#define WEFT_SLOT_WRITE_BIT 62

// Each access of 1 to 8 bytes the pass checks has a site flag, inline or
// out of line: a writable byte of the module's, zero at start. The
// runtime's slow path sets it the first time it sees the site:
// WEFT_SITE_QUIET, or WEFT_SITE_POINT when the site is one of the run's
// race-directed scheduling points (racy_sites=,
// runtime/lib/core/racy_sites.h). No fast path reads it (it costs nothing
// in a run without racy sites): the inline check hands the flag's address
// to the slow entry point, an out-of-line call to __weft_read8 and friends
// as their second argument, and a run with racy sites keeps every thread's
// countdown at 1, so that every access reaches the slow path.
// Accesses whose check the pass elides test the flag of the access that
// covers them (__weft_site_point).
#define WEFT_SITE_UNSEEN 0
#define WEFT_SITE_QUIET 1
#define WEFT_SITE_POINT 2

#endif // WEFT_SHADOW_LAYOUT_H
