/*===- weft/annotations.h - Telling weft what it cannot see ----------------===
 *
 * Source annotations for synchronization weft cannot observe (a custom lock
 * built from plain memory and inline assembly, a hand-off through a device)
 * and for races a program accepts on purpose:
 *
 *   WEFT_HAPPENS_BEFORE(addr)   everything this thread did so far ...
 *   WEFT_HAPPENS_AFTER(addr)    ... happens before what follows here, in the
 *                               thread that passes the same address
 *   WEFT_IGNORE_READS_BEGIN() / WEFT_IGNORE_READS_END()
 *   WEFT_IGNORE_WRITES_BEGIN() / WEFT_IGNORE_WRITES_END()
 *                               this thread's reads / writes in between are
 *                               neither checked nor recorded (they nest)
 *   WEFT_BENIGN_RACE(addr, size, "why")
 *                               races on these bytes are not reported
 *
 * Without `weft cc -race` (which defines __WEFT__) the macros expand to
 * nothing, so annotated code builds everywhere. Code already annotated for
 * ThreadSanitizer or Valgrind (AnnotateHappensBefore, ...) needs no change:
 * the runtime defines those functions too (see docs/usage.md).
 *
 *===----------------------------------------------------------------------===*/

#ifndef WEFT_ANNOTATIONS_H
#define WEFT_ANNOTATIONS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void __weft_happens_before(const volatile void *addr);
void __weft_happens_after(const volatile void *addr);
void __weft_ignore_reads_begin(void);
void __weft_ignore_reads_end(void);
void __weft_ignore_writes_begin(void);
void __weft_ignore_writes_end(void);
void __weft_benign_race(const volatile void *addr, size_t size, const char *why);

#ifdef __cplusplus
}
#endif

#ifdef __WEFT__
#define WEFT_HAPPENS_BEFORE(addr) __weft_happens_before(addr)
#define WEFT_HAPPENS_AFTER(addr) __weft_happens_after(addr)
#define WEFT_IGNORE_READS_BEGIN() __weft_ignore_reads_begin()
#define WEFT_IGNORE_READS_END() __weft_ignore_reads_end()
#define WEFT_IGNORE_WRITES_BEGIN() __weft_ignore_writes_begin()
#define WEFT_IGNORE_WRITES_END() __weft_ignore_writes_end()
#define WEFT_BENIGN_RACE(addr, size, why) __weft_benign_race((addr), (size), (why))
#else
#define WEFT_HAPPENS_BEFORE(addr) ((void)(addr))
#define WEFT_HAPPENS_AFTER(addr) ((void)(addr))
#define WEFT_IGNORE_READS_BEGIN() ((void)0)
#define WEFT_IGNORE_READS_END() ((void)0)
#define WEFT_IGNORE_WRITES_BEGIN() ((void)0)
#define WEFT_IGNORE_WRITES_END() ((void)0)
#define WEFT_BENIGN_RACE(addr, size, why) ((void)(addr), (void)(size), (void)(why))
#endif

#endif
