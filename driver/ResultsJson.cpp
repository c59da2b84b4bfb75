//===- ResultsJson.cpp - weft test --json, and reading it back ------------===//
//
// The JSON of a run: totals, every failure (seed, kind, location, status,
// reproduce line, output) and the failures grouped by kind and location.
// Written with llvm::json's streaming writer so that keys keep the order a
// reader expects; read back with llvm::json::parse by `weft merge`.
//
//===----------------------------------------------------------------------===//

#include "Results.h"

#include "absl/strings/str_format.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <csignal>

namespace weft {
namespace driver {

std::vector<std::vector<const FailedRun *>>
groupFailures(const std::vector<FailedRun> &Failures) {
  std::vector<std::vector<const FailedRun *>> Groups;
  for (const FailedRun &F : Failures) {
    bool Placed = false;
    for (auto &G : Groups)
      if (G[0]->What.Kind == F.What.Kind &&
          G[0]->What.Location == F.What.Location) {
        G.push_back(&F);
        Placed = true;
        break;
      }
    if (!Placed)
      Groups.push_back({&F});
  }
  return Groups;
}

std::string jsonText(absl::string_view S) {
  llvm::StringRef Ref(S.data(), S.size());
  return llvm::json::isUTF8(Ref) ? Ref.str() : llvm::json::fixUTF8(Ref);
}

namespace {

/// A number with \p Digits decimals: llvm::json writes doubles with 17
/// significant digits, which no reader of a duration needs.
void fixedAttribute(llvm::json::OStream &J, llvm::StringRef Key, double Value,
                    int Digits) {
  J.attributeBegin(Key);
  J.rawValue(absl::StrFormat("%.*f", Digits, Value));
  J.attributeEnd();
}

} // namespace

bool writeJsonFile(const std::string &Path,
                   llvm::function_ref<void(llvm::json::OStream &)> Body) {
  std::error_code EC;
  llvm::raw_fd_ostream File(Path, EC, llvm::sys::fs::OF_Text);
  if (EC) {
    errno = EC.value();
    return false;
  }
  {
    llvm::json::OStream J(File, 2);
    Body(J);
  }
  File << "\n";
  File.close();
  if (File.has_error()) {
    errno = File.error().value();
    File.clear_error();
    return false;
  }
  return true;
}

bool writeResultsJson(const TestResults &R, const std::string &Path) {
  return writeJsonFile(Path, [&](llvm::json::OStream &J) {
    J.object([&] {
      J.attribute("seed", R.Seed);
      J.attribute("strategy", R.Strategy);
      J.attribute("shard", R.Shard);
      J.attribute("program", jsonText(R.Program));
      if (!R.Interrupted.empty())
        J.attribute("interrupted", R.Interrupted);
      J.attribute("schedules", static_cast<int64_t>(R.Schedules));
      J.attribute("failed", static_cast<int64_t>(R.Failures.size()));
      fixedAttribute(J, "seconds", R.Seconds, 3);
      fixedAttribute(J, "schedules_per_second",
                     R.Seconds > 0 ? R.Schedules / R.Seconds : 0.0, 1);
      J.attributeArray("failures", [&] {
        for (const FailedRun &F : R.Failures)
          J.object([&] {
            J.attribute("index", static_cast<int64_t>(F.Index));
            J.attribute("seed", F.Seed);
            J.attribute("kind", jsonText(F.What.Kind));
            J.attribute("location", jsonText(F.What.Location));
            if (F.Status.Signaled)
              J.attribute("signal", signalName(F.Status.Value));
            else
              J.attribute("exit_code", F.Status.Value);
            if (F.TimedOutAfterReport)
              J.attribute("timed_out", true);
            if (!F.ConfirmedSeed.empty())
              J.attributeObject("confirmed_deadlock", [&] {
                J.attribute("seed", F.ConfirmedSeed);
                J.attribute("reproduce", jsonText(F.ConfirmedReproduce));
              });
            fixedAttribute(J, "seconds", F.Seconds, 3);
            J.attribute("reproduce", jsonText(F.Reproduce));
            J.attribute("output", jsonText(F.Output));
          });
      });
      J.attributeArray("groups", [&] {
        for (const auto &G : groupFailures(R.Failures))
          J.object([&] {
            J.attribute("kind", jsonText(G[0]->What.Kind));
            J.attribute("location", jsonText(G[0]->What.Location));
            J.attribute("count", static_cast<int64_t>(G.size()));
            J.attributeArray("seeds", [&] {
              for (const FailedRun *F : G)
                J.value(F->Seed);
            });
          });
      });
    });
  });
}

namespace {

std::string stringOr(const llvm::json::Object &O, llvm::StringRef Key) {
  if (std::optional<llvm::StringRef> S = O.getString(Key))
    return S->str();
  return "";
}

int signalNumber(llvm::StringRef Name) {
  for (int S = 1; S < NSIG; ++S)
    if (signalName(S) == Name)
      return S;
  return 0;
}

} // namespace

bool readResultsJson(const std::string &Path, TestResults &R,
                     std::string &Error) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer) {
    Error = Buffer.getError().message();
    return false;
  }
  llvm::Expected<llvm::json::Value> Parsed =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Parsed) {
    Error = llvm::toString(Parsed.takeError());
    return false;
  }
  const llvm::json::Object *Top = Parsed->getAsObject();
  const llvm::json::Array *Failures =
      Top ? Top->getArray("failures") : nullptr;
  std::optional<int64_t> Schedules =
      Top ? Top->getInteger("schedules") : std::nullopt;
  if (!Failures || !Schedules || !Top->getString("seed")) {
    Error = "not the JSON of 'weft test --json' (no seed, schedules or "
            "failures)";
    return false;
  }
  R.Seed = stringOr(*Top, "seed");
  R.Strategy = stringOr(*Top, "strategy");
  R.Shard = stringOr(*Top, "shard");
  R.Program = stringOr(*Top, "program");
  R.Schedules = static_cast<uint64_t>(*Schedules);
  R.Seconds = Top->getNumber("seconds").value_or(0);
  for (const llvm::json::Value &V : *Failures) {
    const llvm::json::Object *O = V.getAsObject();
    if (!O) {
      Error = "a failure is not an object";
      return false;
    }
    FailedRun F;
    F.Index = static_cast<uint64_t>(O->getInteger("index").value_or(0));
    F.Seed = stringOr(*O, "seed");
    F.What.Kind = stringOr(*O, "kind");
    F.What.Location = stringOr(*O, "location");
    if (std::optional<llvm::StringRef> Signal = O->getString("signal"))
      F.Status = ExitStatus{true, signalNumber(*Signal)};
    else
      F.Status = ExitStatus{
          false, static_cast<int>(O->getInteger("exit_code").value_or(1))};
    if (const llvm::json::Object *C = O->getObject("confirmed_deadlock")) {
      F.ConfirmedSeed = stringOr(*C, "seed");
      F.ConfirmedReproduce = stringOr(*C, "reproduce");
    }
    F.Seconds = O->getNumber("seconds").value_or(0);
    F.Reproduce = stringOr(*O, "reproduce");
    F.Output = stringOr(*O, "output");
    R.Failures.push_back(std::move(F));
  }
  return true;
}

} // namespace driver
} // namespace weft
