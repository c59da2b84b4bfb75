//===- Sarif.cpp - SARIF 2.1.0 for code scanning --------------------------===//
//
// Every report of every failed schedule becomes a result:
//   ruleId       the report kind ("data-race", "deadlock", "crash", ...), one
//                rule per kind in tool.driver.rules
//   locations    the SUMMARY line's file:line:col and function
//   codeFlows    one threadFlow per access stack (the current and the
//                previous access of a race), outermost call first
//   stacks       every stack the report prints, innermost frame first
//   properties   the seed and the command that reproduces the failure
// A failure without a report (a timeout, an exit code, a signal) is one
// result without stacks. Paths under the source root are written relative
// to %SRCROOT%, which originalUriBaseIds defines, so that a code-scanning
// service can place them in the repository; others become file:// URIs.
//
//===----------------------------------------------------------------------===//

#include "Results.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <filesystem>
#include <map>

#ifndef WEFT_VERSION
#define WEFT_VERSION "0"
#endif

namespace weft {
namespace driver {

namespace {

/// Percent-encodes what a URI path cannot hold as is.
std::string uriPath(absl::string_view Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (absl::ascii_isalnum(C) || absl::StrContains("-._~/!$&()*+,;=:@", C))
      Out += static_cast<char>(C);
    else
      Out += absl::StrFormat("%%%02X", C);
  }
  return Out;
}

class SarifWriter {
public:
  SarifWriter(llvm::json::OStream &J, std::string Root)
      : J(J), Root(std::move(Root)) {}

  void write(const TestResults &R);

private:
  struct Result {
    std::string RuleId, Kind;
    const FailedRun *Run;
    const Report *Rep; // null: a failure without a report
  };

  void artifactLocation(const std::string &File);
  void physicalLocation(const ReportFrame &F);
  /// A location for a frame: its file and line when known, its function as
  /// the logical location, and the frame's text as the message.
  void frameLocation(const ReportFrame &F);
  void result(const Result &Res, size_t RuleIndex);

  llvm::json::OStream &J;
  std::string Root; // absolute, no trailing '/'
};

/// Where a report's path points: under the source root (relative to it), or
/// elsewhere (absolute). A relative path is as the compiler saw it, from the
/// build's working directory: taken to be the source root when the file is
/// there (libc's "./csu/..." frames are not).
struct ArtifactPath {
  std::string Path;
  bool UnderRoot = false;
};

ArtifactPath artifactPath(const std::string &File, const std::string &Root) {
  if (!File.empty() && File[0] == '/') {
    if (absl::StartsWith(File, Root + "/"))
      return {File.substr(Root.size() + 1), true};
    return {File, false};
  }
  std::string Rel = File;
  while (absl::StartsWith(Rel, "./"))
    Rel = Rel.substr(2);
  std::error_code EC;
  if (std::filesystem::exists(Root + "/" + Rel, EC))
    return {Rel, true};
  return {File, false};
}

void SarifWriter::artifactLocation(const std::string &File) {
  ArtifactPath A = artifactPath(File, Root);
  J.attributeObject("artifactLocation", [&] {
    if (A.UnderRoot) {
      J.attribute("uri", jsonText(uriPath(A.Path)));
      J.attribute("uriBaseId", "SRCROOT");
    } else if (!A.Path.empty() && A.Path[0] == '/') {
      J.attribute("uri", jsonText("file://" + uriPath(A.Path)));
    } else {
      J.attribute("uri", jsonText(uriPath(A.Path)));
    }
  });
}

void SarifWriter::physicalLocation(const ReportFrame &F) {
  J.attributeObject("physicalLocation", [&] {
    artifactLocation(F.File);
    if (F.Line > 0)
      J.attributeObject("region", [&] {
        J.attribute("startLine", static_cast<int64_t>(F.Line));
        if (F.Column > 0)
          J.attribute("startColumn", static_cast<int64_t>(F.Column));
      });
  });
}

void SarifWriter::frameLocation(const ReportFrame &F) {
  J.object([&] {
    if (!F.File.empty())
      physicalLocation(F);
    if (!F.Function.empty())
      J.attributeArray("logicalLocations", [&] {
        J.object([&] {
          J.attribute("name", jsonText(F.Function));
          J.attribute("kind", "function");
        });
      });
    std::string Text = F.Function;
    if (!F.Module.empty())
      Text += " (" + F.Module + ")";
    J.attributeObject("message",
                      [&] { J.attribute("text", jsonText(Text)); });
  });
}

/// The stacks of a report that show an access or an operation, as opposed
/// to where a thread was created or a mutex acquired.
bool isFlowStack(const ReportStack &S) {
  return !absl::StrContains(S.Title, " created by ") &&
         !absl::StartsWith(S.Title, "Mutex ") &&
         !absl::StrContains(S.Title, "allocated by");
}

/// "T1" from "... by thread T1", "main" from "... by main thread".
std::string threadOf(absl::string_view Title) {
  size_t At = Title.find("by thread T");
  if (At != absl::string_view::npos) {
    absl::string_view Rest = Title.substr(At + 10);
    return std::string(Rest.substr(0, Rest.find_first_of(" ,:(")));
  }
  if (absl::StrContains(Title, "main thread"))
    return "main";
  return "";
}

void SarifWriter::result(const Result &Res, size_t RuleIndex) {
  const FailedRun &F = *Res.Run;
  const Report *Rep = Res.Rep;
  ReportFrame Where;
  if (Rep && !Rep->Summary.File.empty()) {
    Where = Rep->Summary;
  } else if (Rep) {
    for (const ReportStack &S : Rep->Stacks)
      for (const ReportFrame &Frame : S.Frames)
        if (Where.File.empty() && !Frame.File.empty())
          Where = Frame;
  }
  J.object([&] {
    J.attribute("ruleId", Res.RuleId);
    J.attribute("ruleIndex", static_cast<int64_t>(RuleIndex));
    J.attribute("level", "error");
    std::string Message = Res.Kind;
    if (!Where.File.empty())
      absl::StrAppend(&Message, " at ", artifactPath(Where.File, Root).Path,
                      ":", Where.Line,
                      Where.Column ? absl::StrCat(":", Where.Column) : "",
                      Where.Function.empty() ? "" : " in " + Where.Function);
    if (!F.Seed.empty())
      absl::StrAppend(&Message, " (seed ", F.Seed, ")");
    if (!F.Reproduce.empty())
      absl::StrAppend(&Message, ". To reproduce: ", F.Reproduce);
    J.attributeObject("message",
                      [&] { J.attribute("text", jsonText(Message)); });
    J.attributeArray("locations", [&] {
      if (!Where.File.empty())
        frameLocation(Where);
    });
    if (Rep) {
      bool AnyFlow = false;
      for (const ReportStack &S : Rep->Stacks)
        AnyFlow |= isFlowStack(S) && !S.Frames.empty();
      if (AnyFlow)
        J.attributeArray("codeFlows", [&] {
          J.object([&] {
            J.attributeObject("message", [&] {
              J.attribute("text", jsonText(Res.Kind));
            });
            J.attributeArray("threadFlows", [&] {
              for (const ReportStack &S : Rep->Stacks) {
                if (!isFlowStack(S) || S.Frames.empty())
                  continue;
                J.object([&] {
                  std::string Thread = threadOf(S.Title);
                  if (!Thread.empty())
                    J.attribute("id", Thread);
                  J.attributeObject("message", [&] {
                    J.attribute("text", jsonText(S.Title));
                  });
                  // Execution order: the outermost call first.
                  J.attributeArray("locations", [&] {
                    for (size_t I = S.Frames.size(); I-- > 0;)
                      J.object([&] {
                        J.attributeBegin("location");
                        frameLocation(S.Frames[I]);
                        J.attributeEnd();
                        J.attribute("nestingLevel", static_cast<int64_t>(
                                                        S.Frames.size() - 1 - I));
                      });
                  });
                });
              }
            });
          });
        });
      if (!Rep->Stacks.empty())
        J.attributeArray("stacks", [&] {
          for (const ReportStack &S : Rep->Stacks)
            J.object([&] {
              J.attributeObject("message", [&] {
                J.attribute("text", jsonText(S.Title));
              });
              J.attributeArray("frames", [&] {
                for (const ReportFrame &Frame : S.Frames)
                  J.object([&] {
                    J.attributeBegin("location");
                    frameLocation(Frame);
                    J.attributeEnd();
                    if (!Frame.Module.empty())
                      J.attribute("module", jsonText(Frame.Module));
                  });
              });
            });
        });
    }
    // One alert per kind and place across schedules, runs and checkouts.
    J.attributeObject("partialFingerprints", [&] {
      J.attribute("weftKindLocation/v1",
                  jsonText(absl::StrCat(Res.RuleId, ":",
                                        artifactPath(Where.File, Root).Path, ":",
                                        Where.Line, ":", Where.Function)));
    });
    J.attributeObject("properties", [&] {
      if (!F.Seed.empty())
        J.attribute("seed", F.Seed);
      if (!F.Reproduce.empty())
        J.attribute("reproduce", jsonText(F.Reproduce));
      if (!F.HasStatus)
        ;
      else if (F.Status.Signaled)
        J.attribute("signal", signalName(F.Status.Value));
      else
        J.attribute("exitCode", F.Status.Value);
      if (!F.ConfirmedSeed.empty())
        J.attribute("confirmedDeadlockReproduce",
                    jsonText(F.ConfirmedReproduce));
    });
  });
}

void SarifWriter::write(const TestResults &R) {
  // Every report of every failure, and the rules in order of first use.
  std::vector<std::vector<Report>> Parsed;
  Parsed.reserve(R.Failures.size());
  std::vector<Result> Results;
  std::vector<std::pair<std::string, std::string>> Rules; // id, kind
  std::map<std::string, size_t> RuleIndex;
  for (const FailedRun &F : R.Failures)
    Parsed.push_back(parseReports(F.Output));
  auto Add = [&](const std::string &Kind, const FailedRun &F,
                 const Report *Rep) {
    std::string Id = ruleIdOf(Kind);
    if (RuleIndex.emplace(Id, Rules.size()).second)
      Rules.push_back({Id, Kind.substr(0, Kind.find(" ("))});
    Results.push_back({Id, Kind, &F, Rep});
  };
  for (size_t I = 0; I < R.Failures.size(); ++I) {
    if (Parsed[I].empty())
      Add(R.Failures[I].What.Kind, R.Failures[I], nullptr);
    for (const Report &Rep : Parsed[I])
      Add(Rep.Kind, R.Failures[I], &Rep);
  }

  J.object([&] {
    J.attribute("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    J.attribute("version", "2.1.0");
    J.attributeArray("runs", [&] {
      J.object([&] {
        J.attributeObject("tool", [&] {
          J.attributeObject("driver", [&] {
            J.attribute("name", "weft");
            J.attribute("version", WEFT_VERSION);
            J.attribute("semanticVersion", WEFT_VERSION);
            J.attribute("informationUri", "https://github.com/weft/weft");
            J.attributeArray("rules", [&] {
              for (const auto &[Id, Kind] : Rules)
                J.object([&] {
                  J.attribute("id", Id);
                  J.attributeObject("shortDescription", [&] {
                    J.attribute("text", jsonText("weft: " + Kind));
                  });
                  J.attributeObject("defaultConfiguration",
                                    [&] { J.attribute("level", "error"); });
                });
            });
          });
        });
        J.attributeObject("originalUriBaseIds", [&] {
          J.attributeObject("SRCROOT", [&] {
            J.attribute("uri", "file://" + uriPath(Root) + "/");
          });
        });
        J.attributeArray("invocations", [&] {
          J.object([&] {
            J.attribute("executionSuccessful", true);
            // weft test's run; nothing for reports read from a log.
            if (!R.Seed.empty())
              J.attributeObject("properties", [&] {
                J.attribute("program", jsonText(R.Program));
                J.attribute("seed", R.Seed);
                J.attribute("strategy", R.Strategy);
                J.attribute("shard", R.Shard);
                J.attribute("schedules", static_cast<int64_t>(R.Schedules));
              });
          });
        });
        J.attributeArray("results", [&] {
          for (const Result &Res : Results)
            result(Res, RuleIndex[Res.RuleId]);
        });
        J.attribute("columnKind", "unicodeCodePoints");
      });
    });
  });
}

} // namespace

bool writeSarif(const TestResults &R, const std::string &Path,
                const std::string &SourceRoot) {
  std::error_code EC;
  std::filesystem::path Root =
      SourceRoot.empty() ? std::filesystem::current_path(EC)
                         : std::filesystem::absolute(SourceRoot, EC);
  std::string RootText = Root.lexically_normal().string();
  while (RootText.size() > 1 && RootText.back() == '/')
    RootText.pop_back();
  return writeJsonFile(Path,
                       [&](llvm::json::OStream &J) { SarifWriter(J, RootText).write(R); });
}

} // namespace driver
} // namespace weft
