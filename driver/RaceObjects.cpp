//===- RaceObjects.cpp - Is this object compiled with -race? --------------===//
//
// See RaceObjects.h. The symbol tables are read here rather than with LLVM's
// object library: that library pulls in every object format and LLVM's IR
// reader, which only the shared libLLVM could provide, and loading libLLVM
// costs every `weft cc` ~60 ms of start-up (the driver links LLVM's Support
// library statically instead). Only what a Linux x86-64 link reads matters:
// 64-bit little-endian ELF relocatable objects, and GNU archives (regular or
// thin) of them. Every offset is checked against the file's size: a file
// that is not what its name says is simply not an instrumented object.
//
//===----------------------------------------------------------------------===//

#include "RaceObjects.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

#include <cstring>
#include <elf.h>
#include <fstream>
#include <iterator>

namespace weft {
namespace driver {

namespace {

constexpr absl::string_view MarkSymbol = "__weft_init";

enum class Mark { None, Referenced, Defined };

bool readFile(const std::string &Path, std::string &Data) {
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    return false;
  Data.assign(std::istreambuf_iterator<char>(In),
              std::istreambuf_iterator<char>());
  return true;
}

template <typename T> bool readAt(absl::string_view Data, uint64_t Off, T &Out) {
  if (Off > Data.size() || Data.size() - Off < sizeof(T))
    return false;
  std::memcpy(&Out, Data.data() + Off, sizeof(T));
  return true;
}

/// What the symbol table of \p Data, an ELF object, says of MarkSymbol.
Mark markInElf(absl::string_view Data) {
  Elf64_Ehdr H;
  if (!readAt(Data, 0, H) || std::memcmp(H.e_ident, ELFMAG, SELFMAG) != 0 ||
      H.e_ident[EI_CLASS] != ELFCLASS64 || H.e_ident[EI_DATA] != ELFDATA2LSB ||
      H.e_type != ET_REL || H.e_shentsize != sizeof(Elf64_Shdr))
    return Mark::None;
  for (uint16_t I = 0; I < H.e_shnum; ++I) {
    Elf64_Shdr Symtab, Strtab;
    if (!readAt(Data, H.e_shoff + uint64_t(I) * sizeof(Elf64_Shdr), Symtab))
      return Mark::None;
    if (Symtab.sh_type != SHT_SYMTAB || Symtab.sh_entsize != sizeof(Elf64_Sym))
      continue;
    if (Symtab.sh_link >= H.e_shnum ||
        !readAt(Data, H.e_shoff + uint64_t(Symtab.sh_link) * sizeof(Elf64_Shdr),
                Strtab) ||
        Strtab.sh_offset > Data.size() ||
        Data.size() - Strtab.sh_offset < Strtab.sh_size)
      return Mark::None;
    absl::string_view Names = Data.substr(Strtab.sh_offset, Strtab.sh_size);
    for (uint64_t S = 0; S < Symtab.sh_size / sizeof(Elf64_Sym); ++S) {
      Elf64_Sym Sym;
      if (!readAt(Data, Symtab.sh_offset + S * sizeof(Elf64_Sym), Sym))
        return Mark::None;
      if (Sym.st_name >= Names.size())
        continue;
      absl::string_view Name = Names.substr(Sym.st_name);
      Name = Name.substr(0, Name.find('\0'));
      if (Name == MarkSymbol)
        return Sym.st_shndx == SHN_UNDEF ? Mark::Referenced : Mark::Defined;
    }
  }
  return Mark::None;
}

/// The members of a GNU archive: regular ones hold their data, thin ones
/// name files relative to the archive's directory.
bool archiveReferencesMark(const std::string &Path, absl::string_view Data) {
  bool Thin = absl::StartsWith(Data, "!<thin>\n");
  std::string Dir = Path.substr(0, Path.rfind('/') + 1);
  absl::string_view LongNames;
  bool Referenced = false, Defined = false;
  for (uint64_t Off = 8; Off + 60 <= Data.size();) {
    absl::string_view Header = Data.substr(Off, 60);
    if (Header.substr(58, 2) != "`\n")
      break;
    uint64_t Size;
    if (!absl::SimpleAtoi(absl::StripAsciiWhitespace(Header.substr(48, 10)),
                          &Size))
      break;
    absl::string_view Name = absl::StripTrailingAsciiWhitespace(Header.substr(0, 16));
    uint64_t Body = Off + 60;
    // The symbol index and the long-name table are always stored inline,
    // even in thin archives.
    bool Special = Name == "/" || Name == "/SYM64/" || Name == "//";
    if (Name == "//" && Body <= Data.size())
      LongNames = Data.substr(Body, Size);
    if (!Special) {
      Mark M = Mark::None;
      if (!Thin) {
        if (Body > Data.size() || Data.size() - Body < Size)
          break;
        M = markInElf(Data.substr(Body, Size));
      } else {
        // "/123": offset 123 in the long-name table, ended by "/\n".
        uint64_t At;
        if (absl::ConsumePrefix(&Name, "/") && absl::SimpleAtoi(Name, &At) &&
            At < LongNames.size()) {
          absl::string_view Member = LongNames.substr(At);
          Member = Member.substr(0, Member.find("/\n"));
          std::string MemberPath(Member);
          if (MemberPath.empty() || MemberPath[0] != '/')
            MemberPath = Dir + MemberPath;
          std::string MemberData;
          if (readFile(MemberPath, MemberData))
            M = markInElf(MemberData);
        }
      }
      Referenced |= M == Mark::Referenced;
      Defined |= M == Mark::Defined;
    }
    uint64_t Next = Body + ((Thin && !Special) ? 0 : Size);
    Off = Next + (Next & 1); // members start at even offsets
  }
  // The runtime archive defines the mark in one member and references it in
  // others: an archive that defines it anywhere is weft's own.
  return Referenced && !Defined;
}

} // namespace

bool isObjectOrArchiveName(absl::string_view Path) {
  for (const char *Ext : {".o", ".obj", ".lo", ".a"})
    if (absl::EndsWith(Path, Ext))
      return true;
  return false;
}

bool isCompiledWithRace(const std::string &Path) {
  std::string Data;
  if (!readFile(Path, Data))
    return false;
  if (absl::StartsWith(Data, "!<arch>\n") || absl::StartsWith(Data, "!<thin>\n"))
    return archiveReferencesMark(Path, Data);
  return markInElf(Data) == Mark::Referenced;
}

} // namespace driver
} // namespace weft
