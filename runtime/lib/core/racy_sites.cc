//===- racy_sites.cc - Race-directed scheduling points --------------------===//
//
// The set is small (the sites of the races a program has) and read only
// when a site is first seen in a run, so it is a plain list compared by
// module name and offset; the hot path reads the per-site flags instead.
//
//===----------------------------------------------------------------------===//

#include "core/racy_sites.h"

#include "base/internal_alloc.h"
#include "base/internal_libc.h"
#include "base/internal_vector.h"
#include "base/raw_syscall.h"
#include "core/code_site.h"
#include "core/rtl.h"
#include "core/text_buffer.h"
#include "report/report_channel.h"

#include "weft/shadow_layout.h"
#include "weft/test_channel.h"

namespace weft {
namespace racy_sites {
namespace {

struct Site {
  const char *Module; // basename, NUL-terminated (internal memory)
  uintptr_t Offset;   // of the access's call (return address - 1)
};

InternalVector<Site> *Sites;   // the set given to this run
InternalVector<Site> *Learned; // sites this run told weft test about
// Return addresses learn() has already handled: a racing access in a loop
// is detected again and again, and looking its module up each time would
// cost more than the check. Racy pcs are few.
InternalVector<uintptr_t> *LearnedPcs;

/// True the first time \p Pc is seen by learn().
bool firstTime(uintptr_t Pc) {
  for (uintptr_t P : *LearnedPcs)
    if (P == Pc)
      return false;
  LearnedPcs->push_back(Pc);
  return true;
}

[[noreturn]] void badSite(const char *Text, size_t Len, const char *Where) {
  TextBuffer B;
  B << "weft: error: bad racy site '";
  B.append(Text, Len);
  B << "' in " << Where << " (expected module+0xoffset)\n";
  rawWriteAll(2, B.str(), B.size());
  rawExit(2);
}

bool isSeparator(char C) { return C == '/' || C == ' ' || C == '\t' || C == '\n' || C == '\r'; }

bool contains(const InternalVector<Site> &List, const char *Module, uintptr_t Offset) {
  for (const Site &S : List)
    if (S.Offset == Offset && !internalStrcmp(S.Module, Module))
      return true;
  return false;
}

/// Parses "mod+0x1f/mod+0x2a" (or blank-separated; '#' starts a comment
/// that runs to the end of the line) into Sites.
void parse(const char *P, const char *End, const char *Where) {
  if (!Sites)
    Sites = internalNew<InternalVector<Site>>();
  while (P < End) {
    if (isSeparator(*P)) {
      ++P;
      continue;
    }
    if (*P == '#') {
      while (P < End && *P != '\n')
        ++P;
      continue;
    }
    const char *Stop = P;
    while (Stop < End && !isSeparator(*Stop))
      ++Stop;
    const char *Plus;
    uintptr_t Offset;
    if (!code_site::parse(P, Stop, &Plus, &Offset))
      badSite(P, size_t(Stop - P), Where);
    char *Module = code_site::copyName(P, size_t(Plus - P));
    if (!contains(*Sites, Module, Offset))
      Sites->push_back(Site{Module, Offset});
    else
      internalFree(Module);
    P = Stop;
  }
}

} // namespace

void init() {
  const char *Path = Rt.Opts.racy_sites;
  if (!Path || !*Path)
    return;
  TextBuffer *File = internalNew<TextBuffer>();
  bool Opened;
  if (!File->appendFile(Path, &Opened)) {
    TextBuffer B;
    B << "weft: error: cannot " << (Opened ? "read" : "open") << " racy_sites file '" << Path
      << "'\n";
    rawWriteAll(2, B.str(), B.size());
    rawExit(2);
  }
  parse(File->data(), File->data() + File->size(), "racy_sites file");
}

void addList(const char *List, size_t Len) { parse(List, List + Len, "schedule file"); }

bool directed() { return Sites && Sites->size() > 0; }

uint8_t resolve(uintptr_t Pc) {
  if (!directed())
    return WEFT_SITE_QUIET;
  const char *Module;
  uintptr_t Offset;
  if (!code_site::ofReturnAddress(Pc, &Module, &Offset))
    return WEFT_SITE_QUIET;
  return contains(*Sites, Module, Offset) ? WEFT_SITE_POINT : WEFT_SITE_QUIET;
}

void learn(uintptr_t CurPc, uintptr_t PrevPc) {
  if (!Learned) {
    Learned = internalNew<InternalVector<Site>>();
    LearnedPcs = internalNew<InternalVector<uintptr_t>>();
  }
  TextBuffer B;
  const uintptr_t Pcs[2] = {CurPc, PrevPc};
  for (uintptr_t Pc : Pcs) {
    const char *Module;
    uintptr_t Offset;
    if (!firstTime(Pc) || !code_site::ofReturnAddress(Pc, &Module, &Offset))
      continue;
    if ((Sites && contains(*Sites, Module, Offset)) || contains(*Learned, Module, Offset))
      continue;
    Learned->push_back(Site{code_site::copyName(Module, internalStrlen(Module)), Offset});
    if (B.size() == 0)
      B << test_channel::kRacySitesMarker;
    else
      B << ' ';
    code_site::append(B, Module, Offset);
  }
  if (B.size() == 0)
    return;
  B << '\n';
  recordChannelLine(B.str(), B.size());
}

void appendList(TextBuffer &B) {
  if (!Sites)
    return;
  for (size_t I = 0; I < Sites->size(); ++I) {
    if (I)
      B << '/';
    code_site::append(B, (*Sites)[I].Module, (*Sites)[I].Offset);
  }
}

} // namespace racy_sites
} // namespace weft
