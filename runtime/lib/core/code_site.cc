//===- code_site.cc - module+0xoffset names for code ----------------------===//

#include "core/code_site.h"

#include "base/internal_alloc.h"
#include "base/internal_libc.h"
#include "core/rtl.h"
#include "core/text_buffer.h"
#include "report/symbolizer.h"

namespace weft {
namespace code_site {

const char *parseHex(const char *P, const char *End, uint64_t *Value) {
  uint64_t V = 0;
  for (; P < End; ++P) {
    char C = *P;
    if (C >= '0' && C <= '9')
      V = V * 16 + uint64_t(C - '0');
    else if (C >= 'a' && C <= 'f')
      V = V * 16 + uint64_t(C - 'a' + 10);
    else
      break;
  }
  *Value = V;
  return P;
}

bool parse(const char *P, const char *End, const char **ModuleEnd, uintptr_t *Offset) {
  const char *Plus = nullptr;
  for (const char *Q = P; Q < End; ++Q)
    if (*Q == '+')
      Plus = Q;
  if (!Plus || Plus == P || End - Plus < 4 || Plus[1] != '0' || Plus[2] != 'x')
    return false;
  uint64_t V;
  if (parseHex(Plus + 3, End, &V) != End)
    return false;
  *ModuleEnd = Plus;
  *Offset = uintptr_t(V);
  return true;
}

char *copyName(const char *P, size_t Len) {
  char *S = static_cast<char *>(internalAlloc(Len + 1));
  internalMemcpy(S, P, Len);
  S[Len] = 0;
  return S;
}

bool ofReturnAddress(uintptr_t Pc, const char **Module, uintptr_t *Offset) {
  const char *Path;
  uintptr_t Bias;
  UnscheduledScope Quiet; // dl_iterate_phdr takes the loader's lock
  if (!Pc || !findModule(Pc - 1, &Path, Module, &Bias))
    return false;
  *Offset = Pc - 1 - Bias;
  return true;
}

void append(TextBuffer &B, const char *Module, uintptr_t Offset) {
  B << Module << '+';
  B.hex(Offset);
}

} // namespace code_site
} // namespace weft
