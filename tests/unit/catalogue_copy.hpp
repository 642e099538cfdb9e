// Test fixture: a test's own copy of the repository's catalogue folder, to break on
// purpose, removed afterwards.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace examens::testing {

inline std::filesystem::path repo_catalogue() {
  const char* env = std::getenv("EXAMENS_SOURCE_DIR");
  return std::filesystem::path(env && *env ? env : EXAMENS_SOURCE_DIR) / "data/catalogue";
}

class CatalogueCopy : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* unit = ::testing::UnitTest::GetInstance();
    dir = std::filesystem::temp_directory_path() /
          ("examens-catalogue-" + std::to_string(unit->random_seed()) + "-" +
           unit->current_test_info()->test_suite_name() + "-" + unit->current_test_info()->name());
    std::filesystem::remove_all(dir);
    std::filesystem::copy(repo_catalogue(), dir);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  void append(const std::string& file, const std::string& line) {
    std::ofstream(dir / file, std::ios::app) << line << "\n";
  }
  int lines_of(const std::string& file) {
    std::ifstream in(dir / file);
    int n = 0;
    for (std::string l; std::getline(in, l);) ++n;
    return n;
  }
  std::filesystem::path dir;
};

}  // namespace examens::testing
