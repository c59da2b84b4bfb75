//===- suppressions.cc - The suppressions file (TSan syntax) --------------===//

#include "report/suppressions.h"

#include "base/internal_libc.h"

#include "base/internal_alloc.h"
#include "base/internal_vector.h"
#include "base/raw_syscall.h"
#include "core/no_destroy.h"
#include "core/text_buffer.h"

#include <cstring>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace weft {
namespace suppressions {
namespace {

struct Suppression {
  const char *Type;
  const char *Pattern;
  unsigned Hits;
};
NoDestroy<InternalVector<Suppression>> ListStorage;
InternalVector<Suppression> &List = *ListStorage;

const char *const kTypes[] = {"race", "deadlock", "mutex", "thread",
                              "called_from_lib", "signal"};

[[noreturn]] void badFile(const char *Path, unsigned Line, const char *What,
                          const char *Detail) {
  TextBuffer B;
  B << "weft: error: suppressions file '" << Path << '\'';
  if (Line) {
    B << " line ";
    B.dec(Line);
  }
  B << ": " << What;
  if (Detail)
    B << " '" << Detail << '\'';
  B << '\n';
  rawWriteAll(2, B.str(), B.size());
  rawExit(2);
}

char *copyOf(const char *S, size_t Len) {
  char *P = static_cast<char *>(internalAlloc(Len + 1));
  internalMemcpy(P, S, Len);
  P[Len] = 0;
  return P;
}

/// Matches \p P (no anchors left but a trailing '$' handled by the caller)
/// at the start of \p T; '*' backtracks.
bool matchHere(const char *P, const char *PEnd, const char *T, bool AnchorEnd) {
  while (P < PEnd) {
    if (*P == '*') {
      ++P;
      for (const char *S = T;; ++S) {
        if (matchHere(P, PEnd, S, AnchorEnd))
          return true;
        if (!*S)
          return false;
      }
    }
    if (!*T || *P != *T)
      return false;
    ++P;
    ++T;
  }
  return !AnchorEnd || !*T;
}

} // namespace

bool templateMatch(const char *Pattern, const char *Text) {
  if (!Text)
    return false;
  const char *P = Pattern;
  const char *PEnd = P + internalStrlen(P);
  bool AnchorStart = *P == '^';
  if (AnchorStart)
    ++P;
  bool AnchorEnd = PEnd > P && PEnd[-1] == '$';
  if (AnchorEnd)
    --PEnd;
  if (AnchorStart)
    return matchHere(P, PEnd, Text, AnchorEnd);
  for (const char *T = Text;; ++T) {
    if (matchHere(P, PEnd, T, AnchorEnd))
      return true;
    if (!*T)
      return false;
  }
}

void load(const char *Path) {
  TextBuffer Text;
  if (!Text.appendFile(Path))
    badFile(Path, 0, "cannot open it", nullptr);
  const char *P = Text.str();
  const char *End = P + Text.size();
  unsigned LineNo = 0;
  while (P < End) {
    ++LineNo;
    const char *Eol = static_cast<const char *>(internalMemchr(P, '\n', size_t(End - P)));
    if (!Eol)
      Eol = End;
    const char *B = P, *E = Eol;
    P = Eol + 1;
    while (B < E && (*B == ' ' || *B == '\t' || *B == '\r'))
      ++B;
    while (E > B && (E[-1] == ' ' || E[-1] == '\t' || E[-1] == '\r'))
      --E;
    if (B == E || *B == '#')
      continue;
    const char *Colon = static_cast<const char *>(internalMemchr(B, ':', size_t(E - B)));
    if (!Colon)
      badFile(Path, LineNo, "expected 'type:pattern', got", copyOf(B, size_t(E - B)));
    const char *Type = nullptr;
    for (const char *K : kTypes)
      if (internalStrlen(K) == size_t(Colon - B) && !internalStrncmp(K, B, size_t(Colon - B)))
        Type = K;
    if (!Type)
      badFile(Path, LineNo, "unknown suppression type", copyOf(B, size_t(Colon - B)));
    if (Colon + 1 == E)
      badFile(Path, LineNo, "empty pattern for", Type);
    List.push_back(Suppression{Type, copyOf(Colon + 1, size_t(E - Colon - 1)), 0});
  }
}

int match(const char *Type, const char *const *Names, size_t NumNames,
          const char *const *Modules, size_t NumModules) {
  for (size_t I = 0; I < List.size(); ++I) {
    Suppression &S = List[I];
    bool Hit = false;
    if (!internalStrcmp(S.Type, Type)) {
      for (size_t J = 0; J < NumNames && !Hit; ++J)
        Hit = templateMatch(S.Pattern, Names[J]);
      for (size_t J = 0; J < NumModules && !Hit; ++J)
        Hit = templateMatch(S.Pattern, Modules[J]);
    } else if (!internalStrcmp(S.Type, "called_from_lib")) {
      for (size_t J = 0; J < NumModules && !Hit; ++J)
        Hit = templateMatch(S.Pattern, Modules[J]);
    }
    if (Hit) {
      ++S.Hits;
      return int(I);
    }
  }
  return -1;
}

void printMatched(int Fd) {
  unsigned Matched = 0;
  for (const Suppression &S : List)
    Matched += S.Hits != 0;
  if (!Matched)
    return;
  TextBuffer B;
  B << "weft: matched ";
  B.dec(Matched);
  B << (Matched == 1 ? " suppression (pid=" : " suppressions (pid=");
  B.dec(uint64_t(rawGetpid()));
  B << "):\n";
  for (const Suppression &S : List)
    if (S.Hits) {
      B << "  ";
      B.dec(S.Hits);
      B << ' ' << S.Type << ':' << S.Pattern << '\n';
    }
  rawWriteAll(Fd, B.str(), B.size());
}

} // namespace suppressions
} // namespace weft
