// What the fuzz targets share. A broken property aborts, which libFuzzer records as a crash
// with the input that broke it (assert() would vanish under NDEBUG).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#define FUZZ_CHECK(condition)                                                               \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "%s:%d: property broken: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)

namespace examens::fuzz {

// A folder of this process for the parsers' uploads, made on first use.
inline const std::filesystem::path& upload_dir() {
  static const std::filesystem::path dir = [] {
    std::string templ = (std::filesystem::temp_directory_path() / "examens-fuzz-XXXXXX").string();
    FUZZ_CHECK(::mkdtemp(templ.data()) != nullptr);
    return std::filesystem::path(templ);
  }();
  return dir;
}

}  // namespace examens::fuzz
