// The catalogue's data files as the loaders see them: names and contents (read from
// data/catalogue or from the database), and the one reader of their ';'-separated lines.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace examens::catalogue {

struct LoadError {
  std::string file;  // file name, e.g. "periodes.csv"
  int line = 0;      // 1-based; 0 when the whole file is concerned
  std::string reason;
  std::string message() const;  // "periodes.csv:4: reason"
};

using Files = std::map<std::string, std::string>;  // file name -> content
using Row = std::vector<std::string>;

// Every *.csv file of `dir`; throws std::runtime_error when the folder cannot be read.
Files read_files(const std::filesystem::path& dir);

std::string trim(std::string_view s);
std::vector<std::string> split(std::string_view line, char separator);
// Space-separated codes, empty items dropped.
std::vector<std::string> words(std::string_view text);

// Reads file `name`: a header line naming `columns`, then rows of as many ';'-separated
// fields; '#' starts a comment line. Each row goes to `row`, which returns the reason it
// refuses the row, or an empty string. Problems land in `errors` with file and line.
void read_csv(const Files& files, const std::string& name, const std::vector<std::string>& columns,
              std::vector<LoadError>& errors, const std::function<std::string(const Row&)>& row);

}  // namespace examens::catalogue
