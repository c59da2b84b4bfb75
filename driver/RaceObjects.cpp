//===- RaceObjects.cpp - Is this object compiled with -race? --------------===//
//
// See RaceObjects.h. LLVM's object library reads the symbol tables, so ELF
// objects and GNU/thin archives are handled as the linker sees them.
//
//===----------------------------------------------------------------------===//

#include "RaceObjects.h"

#include "absl/strings/match.h"

#include "llvm/Object/Archive.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/MemoryBuffer.h"

namespace weft {
namespace driver {

namespace {

constexpr llvm::StringRef MarkSymbol = "__weft_init";

enum class Mark { None, Referenced, Defined };

/// What the symbol table of \p Buffer, an object file, says of MarkSymbol.
Mark markIn(llvm::MemoryBufferRef Buffer) {
  llvm::Expected<std::unique_ptr<llvm::object::ObjectFile>> Object =
      llvm::object::ObjectFile::createObjectFile(Buffer);
  if (!Object) {
    llvm::consumeError(Object.takeError());
    return Mark::None;
  }
  for (const llvm::object::SymbolRef &Symbol : (*Object)->symbols()) {
    llvm::Expected<llvm::StringRef> Name = Symbol.getName();
    if (!Name) {
      llvm::consumeError(Name.takeError());
      continue;
    }
    if (*Name != MarkSymbol)
      continue;
    llvm::Expected<uint32_t> Flags = Symbol.getFlags();
    if (!Flags) {
      llvm::consumeError(Flags.takeError());
      return Mark::None;
    }
    return (*Flags & llvm::object::SymbolRef::SF_Undefined) ? Mark::Referenced
                                                             : Mark::Defined;
  }
  return Mark::None;
}

} // namespace

bool isObjectOrArchiveName(absl::string_view Path) {
  for (const char *Ext : {".o", ".obj", ".lo", ".a"})
    if (absl::EndsWith(Path, Ext))
      return true;
  return false;
}

bool isCompiledWithRace(const std::string &Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return false;
  llvm::MemoryBufferRef Ref = (*Buffer)->getMemBufferRef();
  if (!Ref.getBuffer().starts_with("!<arch>\n") &&
      !Ref.getBuffer().starts_with("!<thin>\n"))
    return markIn(Ref) == Mark::Referenced;

  llvm::Expected<std::unique_ptr<llvm::object::Archive>> Archive =
      llvm::object::Archive::create(Ref);
  if (!Archive) {
    llvm::consumeError(Archive.takeError());
    return false;
  }
  // The runtime archive defines the mark in one member and references it in
  // others: an archive that defines it anywhere is weft's own.
  bool Referenced = false, Defined = false;
  llvm::Error Err = llvm::Error::success();
  for (const llvm::object::Archive::Child &Child : (*Archive)->children(Err)) {
    llvm::Expected<llvm::MemoryBufferRef> Member = Child.getMemoryBufferRef();
    if (!Member) {
      llvm::consumeError(Member.takeError());
      continue;
    }
    Mark M = markIn(*Member);
    Referenced |= M == Mark::Referenced;
    Defined |= M == Mark::Defined;
  }
  llvm::consumeError(std::move(Err));
  return Referenced && !Defined;
}

} // namespace driver
} // namespace weft
