//===- Commands.h - The weft subcommands and their usage text ---*- C++ -*-===//
//
// Main.cpp dispatches on the first word; each command lives in its own file
// and owns its usage text, so that `weft help CMD`, `weft CMD --help` and the
// overview printed by `weft --help` come from one place per command.
//
//===----------------------------------------------------------------------===//

#ifndef WEFT_DRIVER_COMMANDS_H
#define WEFT_DRIVER_COMMANDS_H

#include "Toolchain.h"

#include <string>
#include <vector>

namespace weft {
namespace driver {

/// Who the driver is, for the lines it prints for a user to paste (the
/// reproduce commands): argv[0] as the user typed it, so that `build/bin/weft`
/// stays `build/bin/weft` and `weft` found in PATH stays `weft`.
struct Invocation {
  std::string Argv0;
};

int compileCommand(Language Lang, const std::vector<std::string> &Args);
int runCommand(const Invocation &Self, const std::vector<std::string> &Args);
int replayCommand(const Invocation &Self, const std::vector<std::string> &Args);
int testCommand(const Invocation &Self, const std::vector<std::string> &Args);
int minimizeCommand(const Invocation &Self, const std::vector<std::string> &Args);
int mergeCommand(const std::vector<std::string> &Args);
int sarifCommand(const std::vector<std::string> &Args);

extern const char CompileUsage[];
extern const char RunUsage[];
extern const char ReplayUsage[];
extern const char TestUsage[];
extern const char MinimizeUsage[];
extern const char MergeUsage[];
extern const char SarifUsage[];

} // namespace driver
} // namespace weft

#endif // WEFT_DRIVER_COMMANDS_H
