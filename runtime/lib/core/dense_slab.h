//===- dense_slab.h - Fixed-size objects named by 32-bit ids -----------------===//
//
// Storage for many objects of one type that tables refer to by a 32-bit id
// instead of a pointer: a table of ids is half the size of one of pointers
// (the sync table keeps a head per 8-byte granule of the program's memory),
// and the objects carry no allocator header. Objects live in segments of
// 2^kSegmentShift, reserved on demand (MAP_NORESERVE: a page costs memory
// once an object on it is used) and never moved or unmapped, so a pointer
// to a live object stays valid; id 0 is never handed out and means "none".
// A freed id is reused first (LIFO), so the pages in use stay few.
//
// at() is two dependent loads; nothing here locks: the owner serializes
// (the sync table is only changed by the thread holding the baton).
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_RUNTIME_CORE_DENSE_SLAB_H
#define WEFT_RUNTIME_CORE_DENSE_SLAB_H

#include "base/internal_alloc.h"

#include <cstddef>
#include <cstdint>
#include <new>

namespace weft {

template <typename T, unsigned kSegmentShift = 16> class DenseSlab {
public:
  static constexpr uint32_t kNone = 0;
  static constexpr size_t kPerSegment = size_t(1) << kSegmentShift;
  static constexpr size_t kMaxSegments = size_t(1) << (32 - kSegmentShift);

  /// The object named \p Id (not kNone), live or freed.
  T *at(uint32_t Id) const {
    return Segments[Id >> kSegmentShift] + (Id & (kPerSegment - 1));
  }

  /// A new value-initialized object and its id (\p What names the data in
  /// the message if the address space runs out).
  uint32_t create(const char *What) {
    uint32_t Id;
    if (FreeHead != kNone) {
      Id = FreeHead;
      FreeHead = *reinterpret_cast<uint32_t *>(at(Id));
    } else {
      Id = ++Handed;
      if (Id == 0) // wrapped: every id is in use
        dieOutOfAddressSpace(What, size_t(1) << 32);
      T *&Segment = Segments[Id >> kSegmentShift];
      if (!Segment) {
        Segment = static_cast<T *>(reserveAddressSpace(kPerSegment * sizeof(T)));
        if (!Segment)
          dieOutOfAddressSpace(What, kPerSegment * sizeof(T));
      }
    }
    new (at(Id)) T();
    ++Live;
    return Id;
  }

  /// Destroys the object named \p Id; its id and storage go to the next
  /// create().
  void destroy(uint32_t Id) {
    T *P = at(Id);
    P->~T();
    *reinterpret_cast<uint32_t *>(P) = FreeHead;
    FreeHead = Id;
    --Live;
  }

  /// Objects created and not destroyed.
  size_t live() const { return Live; }

private:
  static_assert(sizeof(T) >= sizeof(uint32_t), "a freed object holds the next free id");
  // All zero at start, so that a global slab sits in .bss.
  T *Segments[kMaxSegments] = {};
  uint32_t Handed = 0; // ids 1..Handed were given out once
  uint32_t FreeHead = kNone;
  size_t Live = 0;
};

} // namespace weft

#endif
