//===- internal_vector.h - A growable array in internal memory ------------===//
//
// std::vector would allocate through the program's (intercepted) operator new
// and pull in libstdc++'s exception helpers; the runtime needs neither. Only
// trivially copyable element types are supported: elements move with memcpy.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_SCHEDULER_BASE_INTERNAL_VECTOR_H
#define WEFT_SCHEDULER_BASE_INTERNAL_VECTOR_H

#include "base/internal_libc.h"
#include "base/internal_alloc.h"

#include <cstring>
#include <type_traits>

namespace weft {

template <typename T> class InternalVector {
  static_assert(std::is_trivially_copyable<T>::value,
                "InternalVector moves elements with memcpy");

public:
  InternalVector() = default;
  InternalVector(const InternalVector &) = delete;
  InternalVector &operator=(const InternalVector &) = delete;
  ~InternalVector() { internalFree(Data); }

  size_t size() const { return Size; }
  bool empty() const { return Size == 0; }
  T *begin() { return Data; }
  T *end() { return Data + Size; }
  const T *begin() const { return Data; }
  const T *end() const { return Data + Size; }
  T &operator[](size_t I) { return Data[I]; }
  const T &operator[](size_t I) const { return Data[I]; }
  T &back() { return Data[Size - 1]; }

  void push_back(const T &V) {
    if (Size == Capacity)
      grow(Size + 1);
    Data[Size++] = V;
  }
  /// Appends a zero-filled element and returns it.
  T &emplaceBack() {
    resize(Size + 1);
    return Data[Size - 1];
  }
  void pop_back() { --Size; }
  void clear() { Size = 0; }
  void resize(size_t N) {
    if (N > Capacity)
      grow(N);
    if (N > Size)
      internalMemset(static_cast<void *>(Data + Size), 0, (N - Size) * sizeof(T));
    Size = N;
  }
  void insert(size_t Pos, const T &V) {
    if (Size == Capacity)
      grow(Size + 1);
    internalMemmove(static_cast<void *>(Data + Pos + 1), Data + Pos, (Size - Pos) * sizeof(T));
    Data[Pos] = V;
    ++Size;
  }
  void erase(size_t Pos) {
    internalMemmove(static_cast<void *>(Data + Pos), Data + Pos + 1, (Size - Pos - 1) * sizeof(T));
    --Size;
  }

private:
  void grow(size_t Min) {
    size_t NewCap = Capacity ? Capacity * 2 : 8;
    if (NewCap < Min)
      NewCap = Min;
    Data = static_cast<T *>(internalRealloc(Data, NewCap * sizeof(T)));
    Capacity = NewCap;
  }
  T *Data = nullptr;
  size_t Size = 0;
  size_t Capacity = 0;
};

} // namespace weft

#endif
