// examens_precompress DIR: stores beside each text file under DIR its gzip and Brotli
// codings (x.css.gz, x.css.br) when they are smaller, for http::StaticFiles to serve. Run by
// the build after scripts/build-assets.mjs (docs/decisions/0009-static-assets.md).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <tuple>
#include <vector>

#include "http/compression.hpp"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: examens_precompress DIR\n";
    return 2;
  }
  try {
    // Listed first: the loop adds files to the folder.
    std::vector<fs::path> files;
    for (const auto& entry : fs::recursive_directory_iterator(argv[1])) {
      const fs::path& path = entry.path();
      if (entry.is_regular_file() && path.extension() != ".gz" && path.extension() != ".br" &&
          examens::http::worth_compressing(path.filename().string()))
        files.push_back(path);
    }
    std::uintmax_t identity = 0, gzip = 0, br = 0;
    for (const auto& path : files) {
      const std::string content = read(path);
      identity += content.size();
      for (auto [suffix, coded, total] :
           {std::tuple{".gz", examens::http::gzip_compress(content), &gzip},
            std::tuple{".br", examens::http::brotli_compress(content), &br}}) {
        // A coding no smaller than the file would only cost the client a decoding.
        if (coded.size() >= content.size()) {
          fs::remove(fs::path(path) += suffix);
          *total += content.size();
          continue;
        }
        write(fs::path(path) += suffix, coded);
        *total += coded.size();
      }
    }
    std::cout << "examens_precompress: " << identity / 1024 << " KB of text files, " << gzip / 1024
              << " KB with gzip, " << br / 1024 << " KB with Brotli\n";
  } catch (const std::exception& e) {
    std::cerr << "examens_precompress: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
