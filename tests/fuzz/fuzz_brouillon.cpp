// The wizard's draft as the database hands it back (actions::brouillon_de_json): whatever
// the text, a decoded draft names an exam and a tab within the tabs, and encoding it then
// decoding again gives the same draft.
#include <cstddef>
#include <cstdint>
#include <string>

#include "actions/brouillon_json.hpp"
#include "fuzz_check.hpp"

namespace {

bool same(const examens::actions::Brouillon& a, const examens::actions::Brouillon& b) {
  return a.cle == b.cle && a.dossier.domaine == b.dossier.domaine &&
         a.dossier.session == b.dossier.session && a.dossier.academie == b.dossier.academie &&
         a.dossier.champs == b.dossier.champs && a.candidature == b.candidature &&
         a.atteint == b.atteint;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto b = examens::actions::brouillon_de_json("N-BTS-2027-ORLEANS", text);
  if (!b) return 0;
  FUZZ_CHECK(!b->dossier.domaine.empty());
  FUZZ_CHECK(b->atteint >= 1 && b->atteint <= examens::domain::kOngletConditions);
  const auto again = examens::actions::brouillon_de_json(b->cle, brouillon_json(*b));
  FUZZ_CHECK(again && same(*again, *b));
  return 0;
}
