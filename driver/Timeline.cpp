//===- Timeline.cpp - Running a failing seed again to draw it -------------===//

#include "Timeline.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace weft {
namespace driver {

bool runTraced(const std::vector<std::string> &Program,
               std::vector<std::pair<std::string, std::string>> Env,
               double TimeoutSeconds, TracedRun &Run, std::string &Error) {
  char Dir[] = "/tmp/weft-trace-XXXXXX";
  if (!mkdtemp(Dir)) {
    Error = std::string("cannot create a directory for the trace: ") + std::strerror(errno);
    return false;
  }
  std::string TracePath = std::string(Dir) + "/run.trace";
  bool HaveOptions = false;
  for (auto &[Name, Value] : Env)
    if (Name == "WEFT_OPTIONS") {
      Value += (Value.empty() ? "" : " ") + ("trace_out=" + TracePath);
      HaveOptions = true;
    }
  if (!HaveOptions) {
    const char *Old = std::getenv("WEFT_OPTIONS");
    Env.emplace_back("WEFT_OPTIONS", (Old && *Old ? std::string(Old) + " " : std::string()) +
                                         "trace_out=" + TracePath);
  }
  std::vector<std::string> Environment = environmentWith(Env);
  int Out = memfd_create("weft-traced-run", MFD_CLOEXEC);
  if (Out < 0) {
    Error = std::string("cannot capture the run's output: ") + std::strerror(errno);
    rmdir(Dir);
    return false;
  }
  SpawnOptions Spawn;
  Spawn.Environment = &Environment;
  Spawn.OutputFd = Out;
  Spawn.NullStdin = true;
  absl::StatusOr<pid_t> Pid = spawnProcess(Program, Spawn);
  if (!Pid.ok()) {
    close(Out);
    rmdir(Dir);
    Error = std::string(Pid.status().message());
    return false;
  }
  Run.Status = waitProcessFor(*Pid, TimeoutSeconds, Run.TimedOut);
  Run.Output = readAll(Out);
  close(Out);
  bool Ok = readTrace(TracePath, Run.Steps, Error);
  unlink(TracePath.c_str());
  rmdir(Dir);
  if (!Ok && Run.TimedOut)
    Error += " (the run ran out of time)";
  return Ok;
}

} // namespace driver
} // namespace weft
