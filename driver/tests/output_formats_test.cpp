//===- output_formats_test.cpp - The driver's machine-readable outputs ----===//
//
// The report reader (parseReports), rule ids, the JUnit escaper, and the JSON
// of `weft test` written and read back (what `weft merge` relies on).
//
//===----------------------------------------------------------------------===//

#include "Failure.h"
#include "Results.h"

#include "gtest/gtest.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace weft::driver;

namespace {

const char RaceReport[] =
    "counter = 2000\n"
    "==================\n"
    "WARNING: weft: data race (pid=4242)\n"
    "  Write of size 8 at 0x55e4eb3d1370 by thread T1:\n"
    "    #0 work examples/counter.c:20:12 (counter+0x584d)\n"
    "    #1 std::vector<int, std::allocator<int> >::push_back(int const&) "
    "/usr/include/c++/12/bits/stl_vector.h:1281:4 (counter+0x1234)\n"
    "\n"
    "  Previous write of size 8 at 0x55e4eb3d1370 by main thread:\n"
    "    #0 operator delete(void*) <null> (counter+0x99)\n"
    "    [more frames unavailable: beyond weft's stack history]\n"
    "\n"
    "  Location is global 'counter' of size 8 at 0x55e4eb3d1370 "
    "(counter+0x44370)\n"
    "\n"
    "  Thread T1 (running) created by main thread at:\n"
    "    #0 main examples/counter.c:26:3 (counter+0x55d4)\n"
    "\n"
    "SUMMARY: weft: data race examples/counter.c:20:12 in work\n"
    "To reproduce: WEFT_SEED=0x2a ./counter\n"
    "==================\n"
    "==================\n"
    "WARNING: weft: crash (SEGV) on address 0x0 (pid=4242)\n"
    "  In thread T1:\n"
    "    #0 f x.c:3 (a.out+0x10)\n"
    "SUMMARY: weft: crash (SEGV) (libc.so.6+0x1f00) in memcpy\n"
    "To reproduce: WEFT_SEED=0x2a ./a.out\n"
    "==================\n";

TEST(ParseReports, ReadsKindsStacksFramesAndSummary) {
  std::vector<Report> Reports = parseReports(RaceReport);
  ASSERT_EQ(Reports.size(), 2u);
  const Report &R = Reports[0];
  EXPECT_EQ(R.Kind, "data race");
  EXPECT_EQ(R.Summary.File, "examples/counter.c");
  EXPECT_EQ(R.Summary.Line, 20u);
  EXPECT_EQ(R.Summary.Column, 12u);
  EXPECT_EQ(R.Summary.Function, "work");
  EXPECT_EQ(R.Reproduce, "WEFT_SEED=0x2a ./counter");
  ASSERT_EQ(R.Stacks.size(), 3u);
  EXPECT_EQ(R.Stacks[0].Title, "Write of size 8 at 0x55e4eb3d1370 by thread T1");
  ASSERT_EQ(R.Stacks[0].Frames.size(), 2u);
  EXPECT_EQ(R.Stacks[0].Frames[0].Module, "counter+0x584d");
  // A function with spaces in it is read from the right.
  EXPECT_EQ(R.Stacks[0].Frames[1].Function,
            "std::vector<int, std::allocator<int> >::push_back(int const&)");
  EXPECT_EQ(R.Stacks[0].Frames[1].File, "/usr/include/c++/12/bits/stl_vector.h");
  EXPECT_EQ(R.Stacks[0].Frames[1].Line, 1281u);
  // <null>: no file; the unavailable-frames line is not a frame.
  ASSERT_EQ(R.Stacks[1].Frames.size(), 1u);
  EXPECT_EQ(R.Stacks[1].Frames[0].Function, "operator delete(void*)");
  EXPECT_EQ(R.Stacks[1].Frames[0].File, "");
  EXPECT_EQ(R.Stacks[2].Title, "Thread T1 (running) created by main thread at");
  ASSERT_EQ(R.Notes.size(), 1u);
  EXPECT_EQ(R.Notes[0].rfind("Location is global 'counter'", 0), 0u);
  EXPECT_EQ(R.Text.rfind("==================\nWARNING: weft: data race", 0), 0u);
  EXPECT_EQ(R.Text.substr(R.Text.size() - 19), "==================\n");

  const Report &C = Reports[1];
  EXPECT_EQ(C.Kind, "crash (SEGV) on address 0x0");
  EXPECT_EQ(C.Summary.File, "");
  EXPECT_EQ(C.Summary.Module, "libc.so.6+0x1f00");
  EXPECT_EQ(C.Summary.Function, "memcpy");
  // file:line without a column.
  EXPECT_EQ(C.Stacks[0].Frames[0].File, "x.c");
  EXPECT_EQ(C.Stacks[0].Frames[0].Line, 3u);
  EXPECT_EQ(C.Stacks[0].Frames[0].Column, 0u);
}

TEST(ParseReports, KeepsAReportCutShort) {
  std::vector<Report> Reports = parseReports(
      "==================\nWARNING: weft: deadlock (pid=1)\n  Thread T1:\n"
      "    #0 f a.c:1:2 (a+0x1)\n");
  ASSERT_EQ(Reports.size(), 1u);
  EXPECT_EQ(Reports[0].Kind, "deadlock");
  ASSERT_EQ(Reports[0].Stacks.size(), 1u);
  EXPECT_EQ(Reports[0].Stacks[0].Frames.size(), 1u);
  EXPECT_TRUE(parseReports("no report here\n").empty());
}

TEST(RuleIdOf, OneRulePerKind) {
  EXPECT_EQ(ruleIdOf("data race"), "data-race");
  EXPECT_EQ(ruleIdOf("lock-order-inversion (potential deadlock)"),
            "lock-order-inversion");
  EXPECT_EQ(ruleIdOf("crash (SEGV) on address 0x0"), "crash");
  EXPECT_EQ(ruleIdOf("heap-use-after-free"), "heap-use-after-free");
  EXPECT_EQ(ruleIdOf("exit code 3"), "exit-code");
  EXPECT_EQ(ruleIdOf("signal SIGABRT"), "signal");
  EXPECT_EQ(ruleIdOf("thread leak"), "thread-leak");
  EXPECT_EQ(ruleIdOf(""), "failure");
}

TEST(XmlEscape, EscapesMarkupAndDropsForbiddenControls) {
  EXPECT_EQ(xmlEscape("a<b>&\"c\"'"), "a&lt;b&gt;&amp;&quot;c&quot;'");
  EXPECT_EQ(xmlEscape("tab\tnl\ncr\r"), "tab\tnl\ncr\r");
  EXPECT_EQ(xmlEscape(std::string("bell\a esc\x1b nul") + '\0'),
            "bell? esc? nul?");
  EXPECT_EQ(xmlEscape("caf\xc3\xa9"), "caf\xc3\xa9"); // UTF-8 passes
}

std::string tempPath(const char *Name) {
  return ::testing::TempDir() + Name + std::to_string(getpid());
}

TEST(ResultsJson, RoundTripsEverythingMergeNeeds) {
  TestResults R;
  R.Seed = "0x1";
  R.Strategy = "pct";
  R.Shard = "2/3";
  R.Program = "./prog 'a b'";
  R.Schedules = 7;
  R.Seconds = 1.25;
  FailedRun F;
  F.Index = 4;
  F.Seed = "0xabc";
  F.What = {"data race", "a.c:1:2 in f"};
  F.Status = ExitStatus{false, 66};
  F.Output = "quote\" backslash\\ ctrl\x01 nl\n bad\xff utf8";
  F.Reproduce = "weft replay 0xabc -- ./prog";
  F.Seconds = 0.5;
  F.ConfirmedSeed = "0xdef";
  F.ConfirmedReproduce = "weft replay 0xdef -- ./prog";
  R.Failures.push_back(F);
  FailedRun S = F;
  S.Index = 6;
  S.Status = ExitStatus{true, 6}; // SIGABRT
  S.What = {"signal SIGABRT", ""};
  S.ConfirmedSeed.clear();
  R.Failures.push_back(S);

  std::string Path = tempPath("results.json");
  ASSERT_TRUE(writeResultsJson(R, Path));
  TestResults Back;
  std::string Error;
  ASSERT_TRUE(readResultsJson(Path, Back, Error)) << Error;
  EXPECT_EQ(Back.Seed, "0x1");
  EXPECT_EQ(Back.Strategy, "pct");
  EXPECT_EQ(Back.Shard, "2/3");
  EXPECT_EQ(Back.Program, "./prog 'a b'");
  EXPECT_EQ(Back.Schedules, 7u);
  EXPECT_DOUBLE_EQ(Back.Seconds, 1.25);
  ASSERT_EQ(Back.Failures.size(), 2u);
  EXPECT_EQ(Back.Failures[0].Index, 4u);
  EXPECT_EQ(Back.Failures[0].What.Kind, "data race");
  EXPECT_EQ(Back.Failures[0].What.Location, "a.c:1:2 in f");
  EXPECT_FALSE(Back.Failures[0].Status.Signaled);
  EXPECT_EQ(Back.Failures[0].Status.Value, 66);
  EXPECT_EQ(Back.Failures[0].ConfirmedSeed, "0xdef");
  EXPECT_EQ(Back.Failures[0].ConfirmedReproduce, "weft replay 0xdef -- ./prog");
  // Escapes survive; the invalid byte becomes U+FFFD.
  EXPECT_EQ(Back.Failures[0].Output,
            "quote\" backslash\\ ctrl\x01 nl\n bad\xef\xbf\xbd utf8");
  EXPECT_TRUE(Back.Failures[1].Status.Signaled);
  EXPECT_EQ(Back.Failures[1].Status.Value, 6);
  EXPECT_EQ(Back.Failures[1].ConfirmedSeed, "");
  std::remove(Path.c_str());
}

TEST(ResultsJson, RejectsWhatIsNotTestResults) {
  std::string Path = tempPath("other.json");
  std::ofstream(Path) << "{\"version\": \"2.1.0\"}";
  TestResults Back;
  std::string Error;
  EXPECT_FALSE(readResultsJson(Path, Back, Error));
  EXPECT_NE(Error.find("not the JSON of 'weft test --json'"), std::string::npos);
  std::ofstream(Path) << "{\"seed\": ";
  EXPECT_FALSE(readResultsJson(Path, Back, Error));
  EXPECT_FALSE(Error.empty());
  std::remove(Path.c_str());
  EXPECT_FALSE(readResultsJson(Path, Back, Error));
}

} // namespace
