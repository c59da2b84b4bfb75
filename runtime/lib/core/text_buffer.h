//===- text_buffer.h - Building report text without the program's heap ---===//

#ifndef WEFT_RUNTIME_TEXT_BUFFER_H
#define WEFT_RUNTIME_TEXT_BUFFER_H

#include "base/internal_libc.h"
#include "base/internal_alloc.h"
#include "base/raw_syscall.h"

#include <fcntl.h>
#include <sys/syscall.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace weft {

class TextBuffer {
public:
  TextBuffer() = default;
  TextBuffer(const TextBuffer &) = delete;
  TextBuffer &operator=(const TextBuffer &) = delete;
  ~TextBuffer() { internalFree(Data); }

  TextBuffer &operator<<(const char *S) {
    append(S, internalStrlen(S));
    return *this;
  }
  TextBuffer &operator<<(char C) {
    append(&C, 1);
    return *this;
  }
  TextBuffer &dec(uint64_t V) {
    char Tmp[24];
    int N = 0;
    do
      Tmp[N++] = char('0' + V % 10);
    while ((V /= 10) != 0);
    while (N)
      append(&Tmp[--N], 1);
    return *this;
  }
  TextBuffer &hex(uint64_t V) {
    char Tmp[20];
    int N = 0;
    do
      Tmp[N++] = "0123456789abcdef"[V & 15];
    while ((V >>= 4) != 0);
    append("0x", 2);
    while (N)
      append(&Tmp[--N], 1);
    return *this;
  }
  void append(const char *S, size_t Len) {
    if (Size + Len + 1 > Cap) {
      size_t NewCap = Cap ? Cap * 2 : 1024;
      while (NewCap < Size + Len + 1)
        NewCap *= 2;
      Data = static_cast<char *>(internalRealloc(Data, NewCap));
      Cap = NewCap;
    }
    internalMemcpy(Data + Size, S, Len);
    Size += Len;
    Data[Size] = 0;
  }
  /// Appends the whole file at \p Path (read with raw system calls, so it
  /// never re-enters weft's interceptors); false if it cannot be opened or
  /// read.
  bool appendFile(const char *Path, bool *Opened = nullptr) {
    long Fd = rawSyscall(SYS_open, long(Path), O_RDONLY | O_CLOEXEC);
    if (Opened)
      *Opened = Fd >= 0;
    if (Fd < 0)
      return false;
    char Buf[4096];
    long N;
    while ((N = rawSyscall(SYS_read, Fd, long(Buf), long(sizeof(Buf)))) > 0)
      append(Buf, size_t(N));
    rawSyscall(SYS_close, Fd);
    return N == 0;
  }
  const char *str() const { return Data ? Data : ""; }
  /// The text, writable in place (parsers cut it into lines); never null.
  char *data() {
    if (!Data)
      append("", 0);
    return Data;
  }
  size_t size() const { return Size; }
  void clear() {
    Size = 0;
    if (Data)
      Data[0] = 0;
  }

private:
  char *Data = nullptr;
  size_t Size = 0;
  size_t Cap = 0;
};

} // namespace weft

#endif
