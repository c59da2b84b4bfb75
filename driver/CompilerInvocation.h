//===- CompilerInvocation.h - weft cc -race as a clang command --*- C++ -*-===//
//
// weft cc / weft c++ are clang drop-ins. Without -race the arguments reach
// clang byte for byte, so a build that merely names weft as its compiler is
// unchanged. With -race, weft adds what instrumentation needs, and only where
// clang would use it: the pass plugin and debug/frame-pointer flags when there
// is something to compile, the runtime when the command links an executable
// (not a shared object: the executable brings the runtime, so a .so built
// with -race must not carry a second copy).
//
// Deciding that needs a model of clang's command line: which options take a
// separate value (so that `-o x.c` is not a source), which ones stop before
// the link, how -x changes the meaning of later inputs, and what sits inside
// @response files (build systems put object lists there). The model is
// deliberately small; it only has to classify, never to rewrite.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_COMPILERINVOCATION_H
#define WEFT_DRIVER_COMPILERINVOCATION_H

#include "Toolchain.h"

#include "absl/strings/string_view.h"

#include <optional>
#include <string>
#include <vector>

namespace weft {
namespace driver {

/// True for the clang options whose value is the next argument (`-o out`).
bool takesSeparateValue(absl::string_view Arg);

/// True if Path names a C or C++ source file that `weft run` accepts.
std::optional<Language> sourceLanguage(absl::string_view Path);

class CompilerInvocation {
public:
  /// Reads a `weft cc` / `weft c++` command line (without the "cc" word).
  static CompilerInvocation parse(Language Lang,
                                  const std::vector<std::string> &Args);

  bool raceEnabled() const { return Race; }

  /// The full clang command: clang's path, then the user's arguments (minus
  /// -race) and, with -race, weft's additions.
  std::vector<std::string> clangCommand(const std::string &LibDir) const;

  /// The files under LibDir that this command reads (none without -race, or
  /// under -### where clang only prints what it would do).
  std::vector<std::string> requiredWeftFiles(const std::string &LibDir) const;

  /// Without -race, a command that links an executable from objects or
  /// archives compiled with -race (they need the runtime weft would link):
  /// the first such input, or nothing.
  std::optional<std::string> raceInputWithoutRace() const;

  /// A -fsanitize= value that cannot coexist with weft's runtime, if any.
  const std::optional<std::string> &conflictingSanitizer() const {
    return ConflictingSanitizer;
  }

private:
  bool addsCompileFlags() const { return Race && HasCompileInput; }
  bool addsPassPlugin() const { return addsCompileFlags() && !NoCodegen; }
  bool linksExecutable() const {
    return HasInput && !StopsBeforeLink && !NoRuntimeLink && !DryRun;
  }
  bool linksRuntime() const {
    return Race && HasInput && !StopsBeforeLink && !NoRuntimeLink;
  }

  Language Lang = Language::C;
  bool Race = false;
  /// The user's arguments with every -race removed, otherwise untouched.
  std::vector<std::string> Args;

  // What the command does, from a scan of Args and their response files.
  bool HasInput = false;        // any input at all, of any kind
  bool HasCompileInput = false; // C, C++, Objective-C, preprocessed asm, IR
  bool StopsBeforeLink = false; // -c, -S, -E, -M, -MM, -fsyntax-only, ...
  bool NoCodegen = false;       // -E, -M, -MM, -fsyntax-only: no pass runs
  bool NoRuntimeLink = false;   // -shared, -r: the link is not an executable
  bool UserDebugFlag = false;   // any -g... the user chose the debug info
  bool LanguageInEffect = false; // a -x other than `none` is still active
  bool DryRun = false;          // -###
  std::optional<std::string> ConflictingSanitizer;
  /// Inputs the link reads as objects or archives (.o, .a, .lo, ...).
  std::vector<std::string> LinkInputs;
};

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_COMPILERINVOCATION_H
