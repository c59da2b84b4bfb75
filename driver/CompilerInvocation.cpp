//===- CompilerInvocation.cpp - `weft cc -race` as a clang command --------===//
//
// See CompilerInvocation.h. The classification follows clang 19's driver
// (clang/include/clang/Driver/Options.td) for the options that matter here;
// an option it does not know is treated as a flag without a value, which is
// right for the vast majority of clang's options.
//
//===----------------------------------------------------------------------===//

#include "CompilerInvocation.h"
#include "RaceObjects.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

#include <fstream>
#include <iterator>
#include <cstring>

namespace weft {
namespace driver {

namespace {

/// How clang will treat an input file.
enum class InputKind {
  Compile, // goes through the compiler proper (and so through the pass)
  Assemble, // plain assembly: nothing to instrument, compile flags unused
  Link,    // objects, archives, shared libraries, anything unrecognised
};

InputKind kindForExtension(absl::string_view Path) {
  size_t Slash = Path.rfind('/');
  absl::string_view Name =
      Slash == absl::string_view::npos ? Path : Path.substr(Slash + 1);
  size_t Dot = Name.rfind('.');
  if (Dot == absl::string_view::npos || Dot == 0)
    return InputKind::Link;
  absl::string_view Ext = Name.substr(Dot + 1);
  // Case matters: .C and .H are C++, .S is preprocessed assembly.
  static const char *const CompileExts[] = {
      "c",  "i",   "h",   "cc",  "cp", "cxx", "cpp", "CPP", "c++", "C",
      "ii", "hh",  "hpp", "hxx", "H",  "h++", "m",   "mi",  "mm",  "M",
      "mii", "S",  "sx",  "ll",  "bc"};
  for (const char *Known : CompileExts)
    if (Ext == Known)
      return InputKind::Compile;
  if (Ext == "s")
    return InputKind::Assemble;
  return InputKind::Link;
}

InputKind kindForLanguage(absl::string_view Lang) {
  if (Lang == "assembler")
    return InputKind::Assemble;
  return InputKind::Compile;
}

/// Splits a response file the way clang does on Linux (GNU rules): words are
/// separated by whitespace, a backslash escapes the next character, and
/// single or double quotes group (backslash still escapes inside "...").
std::vector<std::string> tokenizeResponseFile(const std::string &Text) {
  std::vector<std::string> Words;
  std::string Word;
  bool InWord = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == ' ' || C == '\t' || C == '\n' || C == '\r') {
      if (InWord)
        Words.push_back(std::move(Word));
      Word.clear();
      InWord = false;
      continue;
    }
    InWord = true;
    if (C == '\\' && I + 1 < Text.size()) {
      Word += Text[++I];
    } else if (C == '\'' || C == '"') {
      char Quote = C;
      for (++I; I < Text.size() && Text[I] != Quote; ++I) {
        if (Quote == '"' && Text[I] == '\\' && I + 1 < Text.size())
          ++I;
        Word += Text[I];
      }
    } else {
      Word += C;
    }
  }
  if (InWord)
    Words.push_back(std::move(Word));
  return Words;
}

/// Args with every readable @file replaced by its words, recursively (clang
/// does the same; an unreadable @file is an input named "@file" to clang).
void expandResponseFiles(const std::vector<std::string> &Args, int Depth,
                         std::vector<std::string> &Out) {
  for (const std::string &Arg : Args) {
    if (Arg.size() > 1 && Arg[0] == '@' && Depth < 16) {
      std::ifstream File(Arg.substr(1));
      if (File) {
        std::string Text((std::istreambuf_iterator<char>(File)),
                         std::istreambuf_iterator<char>());
        expandResponseFiles(tokenizeResponseFile(Text), Depth + 1, Out);
        continue;
      }
    }
    Out.push_back(Arg);
  }
}

bool isDebugFlag(absl::string_view Arg) {
  // -g, -g0..-g3, -ggdb, -gdwarf-5, -gline-tables-only, -gno-..., -gz, ...
  // but not the driver options that merely start with those letters.
  return absl::StartsWith(Arg, "-g") && !absl::StartsWith(Arg, "-gen-") &&
         !absl::StartsWith(Arg, "-gcc-") && !absl::StartsWith(Arg, "-gpu");
}

/// Linker arguments that make the output something other than an executable.
bool isNonExecutableLinkerArg(absl::string_view Arg) {
  return Arg == "-shared" || Arg == "--shared" || Arg == "-Bshareable" ||
         Arg == "-r" || Arg == "--relocatable" || Arg == "-i";
}

} // namespace

bool takesSeparateValue(absl::string_view Arg) {
  static const char *const Options[] = {
      "-o", "-x", "-I", "-D", "-U", "-L", "-l", "-F", "-B", "-A", "-T", "-u",
      "-e", "-z", "-MF", "-MT", "-MQ", "-MJ", "-include", "-include-pch",
      "-imacros", "-isystem", "-idirafter", "-iquote", "-iprefix",
      "-iwithprefix", "-iwithprefixbefore", "-iwithsysroot", "-isysroot",
      "-imultilib", "-iframework", "-ivfsoverlay", "-cxx-isystem",
      "-Xlinker", "-Xassembler", "-Xpreprocessor", "-Xclang", "-Xanalyzer",
      "-Xopenmp-target", "-mllvm", "-arch", "-target", "-gcc-toolchain",
      "--sysroot", "--param", "-dependency-file", "-dependency-dot",
      "-serialize-diagnostics", "-resource-dir", "-working-directory",
      "-ccc-install-dir", "-main-file-name", "-Xcuda-fatbinary",
      "-Xcuda-ptxas"};
  for (const char *Option : Options)
    if (Arg == Option)
      return true;
  // -Xarch_<arch> <arg>
  return absl::StartsWith(Arg, "-Xarch_") && Arg.size() > 7;
}

std::optional<Language> sourceLanguage(absl::string_view Path) {
  if (absl::EndsWith(Path, ".c") && Path.size() > 2)
    return Language::C;
  for (const char *Ext : {".cc", ".cpp", ".cxx", ".c++", ".cp", ".C"})
    if (absl::EndsWith(Path, Ext) && Path.size() > std::strlen(Ext))
      return Language::CXX;
  return std::nullopt;
}

CompilerInvocation
CompilerInvocation::parse(Language Lang,
                          const std::vector<std::string> &RawArgs) {
  CompilerInvocation CI;
  CI.Lang = Lang;

  // Remove -race where it is an option, not the value of one (`-o -race`).
  for (size_t I = 0; I < RawArgs.size(); ++I) {
    const std::string &Arg = RawArgs[I];
    if (Arg == "-race") {
      CI.Race = true;
      continue;
    }
    CI.Args.push_back(Arg);
    if (takesSeparateValue(Arg) && I + 1 < RawArgs.size())
      CI.Args.push_back(RawArgs[++I]);
  }
  // Without -race the arguments reach clang unchanged; the scan below only
  // reads them (to refuse linking -race objects without the runtime).
  std::vector<std::string> Args;
  expandResponseFiles(CI.Args, 0, Args);

  absl::string_view CurrentLanguage; // empty or "none": by extension
  bool OnlyInputsFollow = false;     // after "--"
  auto NoteInput = [&](absl::string_view Path) {
    CI.HasInput = true;
    InputKind Kind;
    if (!CurrentLanguage.empty() && CurrentLanguage != "none")
      Kind = kindForLanguage(CurrentLanguage);
    else if (Path == "-") // stdin: clang reads it as C (with -E) or as -x says
      Kind = InputKind::Compile;
    else
      Kind = kindForExtension(Path);
    if (Kind == InputKind::Compile)
      CI.HasCompileInput = true;
    else if (Kind == InputKind::Link && isObjectOrArchiveName(Path))
      CI.LinkInputs.push_back(std::string(Path));
  };
  auto NoteLinkerArgs = [&](absl::string_view Joined) {
    for (absl::string_view Part : absl::StrSplit(Joined, ','))
      if (isNonExecutableLinkerArg(Part))
        CI.NoRuntimeLink = true;
  };

  for (size_t I = 0; I < Args.size(); ++I) {
    absl::string_view Arg = Args[I];
    if (OnlyInputsFollow || Arg == "-" || Arg.empty() || Arg[0] != '-') {
      NoteInput(Arg);
      continue;
    }
    if (Arg == "--") {
      OnlyInputsFollow = true;
      continue;
    }
    if (takesSeparateValue(Arg)) {
      if (I + 1 >= Args.size())
        break; // clang reports the missing value
      absl::string_view Value = Args[++I];
      if (Arg == "-x")
        CurrentLanguage = Value;
      else if (Arg == "-Xlinker")
        NoteLinkerArgs(Value);
      continue;
    }
    if (absl::StartsWith(Arg, "-x")) {
      CurrentLanguage = Arg.substr(2); // -xc
      continue;
    }
    if (absl::StartsWith(Arg, "-Wl,")) {
      NoteLinkerArgs(Arg.substr(4));
      continue;
    }
    if (absl::StartsWith(Arg, "-fsanitize=")) {
      if (CI.Race)
        for (absl::string_view Name : absl::StrSplit(Arg.substr(11), ','))
          if (Name == "thread" || Name == "address" || Name == "memory" ||
              Name == "hwaddress" || Name == "kernel-address")
            CI.ConflictingSanitizer = std::string(Arg);
      continue;
    }
    if (Arg == "-c" || Arg == "-S" || Arg == "--precompile") {
      CI.StopsBeforeLink = true;
    } else if (Arg == "-E" || Arg == "-M" || Arg == "-MM" ||
               Arg == "-fsyntax-only") {
      CI.StopsBeforeLink = true;
      CI.NoCodegen = true;
    } else if (Arg == "-shared" || Arg == "--shared" || Arg == "-r") {
      CI.NoRuntimeLink = true;
    } else if (Arg == "-###") {
      CI.DryRun = true;
    } else if (isDebugFlag(Arg)) {
      CI.UserDebugFlag = true;
    }
  }
  CI.LanguageInEffect = !CurrentLanguage.empty() && CurrentLanguage != "none";
  return CI;
}

std::vector<std::string>
CompilerInvocation::clangCommand(const std::string &LibDir) const {
  std::vector<std::string> Command{clangPath(Lang)};
  if (!Race) {
    Command.insert(Command.end(), Args.begin(), Args.end());
    return Command;
  }
  // weft's compile flags go first so that the user's own flags win
  // (-fomit-frame-pointer, -U__WEFT__, ...).
  if (addsPassPlugin())
    Command.push_back(absl::StrCat("-fpass-plugin=", passPluginPath(LibDir)));
  if (addsCompileFlags()) {
    // Reports need file:line for every frame; line tables are enough and
    // cheap. A user who chose their own -g level keeps it.
    if (!UserDebugFlag)
      Command.push_back("-gline-tables-only");
    // The runtime walks frame pointers for its stacks.
    Command.push_back("-fno-omit-frame-pointer");
    Command.push_back("-D__WEFT__=1");
  }
  Command.insert(Command.end(), Args.begin(), Args.end());
  if (linksRuntime()) {
    // A -x still in effect would make clang compile the archive as source.
    if (LanguageInEffect) {
      Command.push_back("-x");
      Command.push_back("none");
    }
    // --whole-archive: the interceptors must win over libc's symbols even
    // though nothing in the program references them. The dynamic list
    // exports them (and __weft_*) so that shared libraries bind to them too.
    Command.push_back("-Wl,--whole-archive");
    Command.push_back(runtimeArchivePath(LibDir));
    Command.push_back("-Wl,--no-whole-archive");
    Command.push_back(
        absl::StrCat("-Wl,--dynamic-list=", runtimeDynamicListPath(LibDir)));
    for (const char *Lib : {"-lstdc++", "-lpthread", "-ldl", "-lm"})
      Command.push_back(Lib);
  }
  return Command;
}

std::optional<std::string> CompilerInvocation::raceInputWithoutRace() const {
  if (Race || !linksExecutable())
    return std::nullopt;
  for (const std::string &Input : LinkInputs)
    if (isCompiledWithRace(Input))
      return Input;
  return std::nullopt;
}

std::vector<std::string>
CompilerInvocation::requiredWeftFiles(const std::string &LibDir) const {
  std::vector<std::string> Files;
  if (!Race || DryRun)
    return Files;
  if (addsPassPlugin())
    Files.push_back(passPluginPath(LibDir));
  if (linksRuntime()) {
    Files.push_back(runtimeArchivePath(LibDir));
    Files.push_back(runtimeDynamicListPath(LibDir));
  }
  return Files;
}

} // namespace driver
} // namespace weft
