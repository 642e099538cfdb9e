// The catalogue's data files and their reader.
#include "catalogue/csv.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace examens::catalogue {

std::string LoadError::message() const {
  std::string out = file;
  if (line > 0) out += ':' + std::to_string(line);
  out += ": ";
  out += reason;
  return out;
}

Files read_files(const std::filesystem::path& dir) {
  Files files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".csv") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + entry.path().string());
    std::ostringstream content;
    content << in.rdbuf();
    files[entry.path().filename().string()] = content.str();
  }
  if (ec) throw std::runtime_error("cannot read the catalogue folder " + dir.string());
  return files;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split(std::string_view line, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto at = line.find(separator, start);
    out.push_back(trim(line.substr(start, at == std::string_view::npos ? at : at - start)));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  for (auto& w : split(text, ' '))
    if (!w.empty()) out.push_back(std::move(w));
  return out;
}

void read_csv(const Files& files, const std::string& name, const std::vector<std::string>& columns,
              std::vector<LoadError>& errors, const std::function<std::string(const Row&)>& row) {
  auto file = files.find(name);
  if (file == files.end()) return errors.push_back({name, 0, "fichier manquant"});
  std::istringstream in(file->second);
  std::string line;
  int number = 0;
  bool header = false;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 BOM
    const std::string content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    Row fields = split(content, ';');
    if (!header) {
      if (fields != columns) {
        std::string expected;
        for (const auto& c : columns) {
          if (!expected.empty()) expected += ';';
          expected += c;
        }
        return errors.push_back({name, number, "en-tête attendu : " + expected});
      }
      header = true;
      continue;
    }
    if (fields.size() != columns.size()) {
      errors.push_back({name, number,
                        std::to_string(columns.size()) + " colonnes attendues, " +
                            std::to_string(fields.size()) + " trouvées"});
      continue;
    }
    if (auto reason = row(fields); !reason.empty())
      errors.push_back({name, number, std::move(reason)});
  }
  if (!header) errors.push_back({name, 0, "fichier vide (en-tête manquant)"});
}

}  // namespace examens::catalogue
