// The catalogue's CSV reader (catalogue::read_csv) through its two loaders. The input is the
// data files separated by NUL bytes, in the order of kNames: load_catalogue reads the first
// four and, when they load, load_qualification reads the rest against them. Every error
// names a file of the set and a line that file has; a catalogue comes back exactly when no
// error does, and the loaded windows close after they open.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue/fichiers.hpp"
#include "catalogue/qualification_fichiers.hpp"
#include "fuzz_check.hpp"

namespace {

using examens::catalogue::Files;
using examens::catalogue::LoadError;

constexpr std::array<std::string_view, 19> kNames = {
    "domaines.csv",        "sessions.csv",    "academies.csv",
    "periodes.csv",        "specialites.csv", "epreuves.csv",
    "formes_passage.csv",  "categories.csv",  "situations.csv",
    "sections_langue.csv", "csp.csv",         "etablissements.csv",
    "types_acquis.csv",    "acquis.csv",      "acquis_dispenses.csv",
    "choix_epreuves.csv",  "pieces.csv",      "pieces_requises.csv",
    "depots_pieces.csv"};

void check_errors(const Files& files, const std::vector<LoadError>& errors) {
  for (const auto& e : errors) {
    FUZZ_CHECK(std::find(kNames.begin(), kNames.end(), e.file) != kNames.end());
    FUZZ_CHECK(!e.reason.empty() && !e.message().empty());
    const auto file = files.find(e.file);
    const long lines =
        file == files.end() ? 0 : std::count(file->second.begin(), file->second.end(), '\n') + 1;
    FUZZ_CHECK(e.line >= 0 && e.line <= lines);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  Files files;
  for (std::size_t i = 0; i < kNames.size() && !rest.empty(); ++i) {
    const std::size_t nul = rest.find('\0');
    files[std::string(kNames[i])] = std::string(rest.substr(0, nul));
    rest = nul == std::string_view::npos ? std::string_view{} : rest.substr(nul + 1);
  }

  const auto base = examens::catalogue::load_catalogue(files);
  check_errors(files, base.errors);
  FUZZ_CHECK(base.catalogue.has_value() == base.errors.empty());
  if (!base.catalogue) return 0;
  for (const auto& p : base.catalogue->periodes) FUZZ_CHECK(p.ouverture < p.fermeture);

  const auto qualification = examens::catalogue::load_qualification(files, *base.catalogue);
  check_errors(files, qualification.errors);
  FUZZ_CHECK(qualification.qualification.has_value() == qualification.errors.empty());
  return 0;
}
