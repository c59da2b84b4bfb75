//===- RuntimeCheck.cpp - Does a program carry weft's runtime? ------------===//
//
// Reads the ELF symbol tables (.symtab, and .dynsym, which a stripped
// executable keeps: the runtime's entry points are in the dynamic list
// every -race link exports) straight from a read-only mapping of the file;
// every offset is checked against the file's size first.
//
//===----------------------------------------------------------------------===//

#include "RuntimeCheck.h"

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"

#include <cstdlib>
#include <cstring>
#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace weft {
namespace driver {

namespace {

constexpr const char RuntimeSymbol[] = "__weft_init";

enum class FileKind { NotFound, NotElf, ElfWithRuntime, ElfWithout };

/// A name as exec would find it: with a '/', as is; else in PATH.
std::string findProgram(const std::string &Name) {
  if (Name.find('/') != std::string::npos)
    return Name;
  const char *Path = std::getenv("PATH");
  for (absl::string_view Dir :
       absl::StrSplit(Path ? Path : "/usr/local/bin:/usr/bin:/bin", ':')) {
    std::string Candidate =
        (Dir.empty() ? std::string(".") : std::string(Dir)) + "/" + Name;
    if (access(Candidate.c_str(), X_OK) == 0)
      return Candidate;
  }
  return "";
}

bool hasSymbol(const char *Data, size_t Size) {
  if (Size < sizeof(Elf64_Ehdr))
    return false;
  const auto *Eh = reinterpret_cast<const Elf64_Ehdr *>(Data);
  if (Eh->e_shentsize != sizeof(Elf64_Shdr) || Eh->e_shoff > Size ||
      Eh->e_shnum > (Size - Eh->e_shoff) / sizeof(Elf64_Shdr))
    return false;
  const auto *Sections = reinterpret_cast<const Elf64_Shdr *>(Data + Eh->e_shoff);
  for (unsigned I = 0; I < Eh->e_shnum; ++I) {
    const Elf64_Shdr &S = Sections[I];
    if ((S.sh_type != SHT_SYMTAB && S.sh_type != SHT_DYNSYM) ||
        S.sh_link >= Eh->e_shnum || S.sh_offset > Size ||
        S.sh_size > Size - S.sh_offset)
      continue;
    const Elf64_Shdr &Str = Sections[S.sh_link];
    if (Str.sh_offset > Size || Str.sh_size > Size - Str.sh_offset)
      continue;
    const char *Names = Data + Str.sh_offset;
    const auto *Syms = reinterpret_cast<const Elf64_Sym *>(Data + S.sh_offset);
    size_t Count = S.sh_size / sizeof(Elf64_Sym);
    for (size_t J = 0; J < Count; ++J) {
      size_t Name = Syms[J].st_name;
      if (Name + sizeof(RuntimeSymbol) <= Str.sh_size &&
          std::memcmp(Names + Name, RuntimeSymbol, sizeof(RuntimeSymbol)) == 0)
        return true;
    }
  }
  return false;
}

FileKind inspect(const std::string &Path) {
  int Fd = open(Path.c_str(), O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return FileKind::NotFound;
  struct stat St;
  if (fstat(Fd, &St) != 0 || !S_ISREG(St.st_mode) || St.st_size < 4) {
    close(Fd);
    return FileKind::NotElf;
  }
  size_t Size = static_cast<size_t>(St.st_size);
  void *Map = mmap(nullptr, Size, PROT_READ, MAP_PRIVATE, Fd, 0);
  close(Fd);
  if (Map == MAP_FAILED)
    return FileKind::NotFound;
  const char *Data = static_cast<const char *>(Map);
  FileKind Kind = FileKind::NotElf;
  if (std::memcmp(Data, ELFMAG, SELFMAG) == 0) {
    // 32-bit or foreign files cannot hold weft's (x86-64) runtime.
    bool Elf64 = Size > EI_CLASS && Data[EI_CLASS] == ELFCLASS64;
    Kind = Elf64 && hasSymbol(Data, Size) ? FileKind::ElfWithRuntime
                                          : FileKind::ElfWithout;
  }
  munmap(Map, Size);
  return Kind;
}

} // namespace

RuntimeCheck checkWeftRuntime(absl::Span<const std::string> Program,
                              std::string &Path) {
  Path = Program.empty() ? "" : findProgram(Program[0]);
  if (Path.empty())
    return RuntimeCheck::Unknown;
  switch (inspect(Path)) {
  case FileKind::ElfWithRuntime:
    return RuntimeCheck::Present;
  case FileKind::NotFound:
  case FileKind::NotElf:
    return RuntimeCheck::Unknown;
  case FileKind::ElfWithout:
    break;
  }
  // A launcher (env, timeout, sh -c '...') is judged by the programs its
  // arguments name: one with the runtime makes the run testable; a file
  // that is not ELF among them (a script, or the program's input) could
  // start one, so it is not judged.
  bool Unjudged = false;
  for (size_t I = 1; I < Program.size(); ++I) {
    for (absl::string_view Word :
         absl::StrSplit(Program[I], absl::ByAnyChar(" \t\n;&|()<>'\"`"),
                        absl::SkipEmpty())) {
      if (Word[0] == '-' || absl::StrContains(Word, "="))
        continue;
      std::string Found = findProgram(std::string(Word));
      if (Found.empty())
        continue;
      FileKind Kind = inspect(Found);
      if (Kind == FileKind::ElfWithRuntime)
        return RuntimeCheck::Present;
      Unjudged |= Kind == FileKind::NotElf;
    }
  }
  return Unjudged ? RuntimeCheck::Unknown : RuntimeCheck::Missing;
}

} // namespace driver
} // namespace weft
