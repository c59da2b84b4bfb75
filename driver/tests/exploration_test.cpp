//===- exploration_test.cpp - The portfolio and race-directed rounds ------===//

#include "Exploration.h"

#include "weft/test_channel.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace weft::driver;

namespace {

TEST(ExplorationTest, RoundsDoubleAndCoverEveryIndexOnce) {
  EXPECT_EQ(roundOf(0), 0u);
  EXPECT_EQ(roundOf(1), 1u);
  EXPECT_EQ(roundOf(2), 2u);
  EXPECT_EQ(roundOf(3), 2u);
  EXPECT_EQ(roundOf(4), 3u);
  EXPECT_EQ(roundOf(7), 3u);
  EXPECT_EQ(roundOf(8), 4u);
  for (uint64_t N = 0; N < 5000; ++N) {
    uint64_t R = roundOf(N);
    EXPECT_LE(roundStart(R), N);
    EXPECT_GT(roundStart(R + 1), N);
  }
}

TEST(ExplorationTest, PortfolioSlotsCycle) {
  EXPECT_STREQ(portfolioOptions(0), "preemption_rate=-1");
  for (uint64_t I = 0; I < 3 * kPortfolioSlots; ++I)
    EXPECT_STREQ(portfolioOptions(I), portfolioOptions(I % kPortfolioSlots));
}

TEST(ExplorationTest, ParsesTheSitesOfAReportFile) {
  std::string Marker = weft::test_channel::kRacySitesMarker;
  std::string Reports = std::string("weft: runtime started\n") + Marker +
                        "prog+0x12 prog+0x34\nWARNING: weft: data race\n  ... " + Marker +
                        "not at the start of a line\n" + Marker + "lib.so+0x5 prog+0x12\n";
  std::set<std::string> Sites;
  parseRacySites(Reports, Sites);
  EXPECT_EQ(Sites, (std::set<std::string>{"lib.so+0x5", "prog+0x12", "prog+0x34"}));
}

TEST(ExplorationTest, SiteFilesAreNamedAfterTheirContent) {
  char Dir[] = "/tmp/weft-exploration-test-XXXXXX";
  ASSERT_NE(mkdtemp(Dir), nullptr);
  setenv("TMPDIR", Dir, 1);
  std::string Why;
  std::string A = writeSitesFile({"prog+0x12", "prog+0x34"}, Why);
  std::string B = writeSitesFile({"prog+0x34", "prog+0x12"}, Why);
  std::string C = writeSitesFile({"prog+0x12"}, Why);
  unsetenv("TMPDIR");
  ASSERT_FALSE(A.empty()) << Why;
  EXPECT_EQ(A, B);
  EXPECT_NE(A, C);
  EXPECT_EQ(A.rfind(std::string(Dir) + "/weft-sites/", 0), 0u) << A;
  std::ifstream In(A);
  std::stringstream Text;
  Text << In.rdbuf();
  EXPECT_EQ(Text.str(), "prog+0x12\nprog+0x34\n");
  unlink(A.c_str());
  unlink(C.c_str());
  rmdir((std::string(Dir) + "/weft-sites").c_str());
  rmdir(Dir);
}

} // namespace
