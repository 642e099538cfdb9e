// The documents' kinds and verification codes.
#include "domain/document.hpp"

#include "texte/texte.hpp"

namespace examens::domain {

std::string_view code_nature(NatureDocument nature) {
  return nature == NatureDocument::recapitulatif ? "recapitulatif" : "demande_pieces";
}

std::optional<NatureDocument> nature_of_code(std::string_view code) {
  for (const auto nature : kNaturesDocument)
    if (code_nature(nature) == code) return nature;
  return std::nullopt;
}

std::string_view libelle_nature(NatureDocument nature) {
  return nature == NatureDocument::recapitulatif ? "Récapitulatif de votre candidature"
                                                 : "Demande de pièces justificatives";
}

std::string_view titre_nature(NatureDocument nature) {
  return nature == NatureDocument::recapitulatif ? "Récapitulatif de candidature"
                                                 : "Demande de pièces justificatives";
}

std::string_view fichier_nature(NatureDocument nature) {
  return nature == NatureDocument::recapitulatif ? "recapitulatif-candidature"
                                                 : "demande-pieces-justificatives";
}

std::optional<std::string> normaliser_code(std::string_view saisi) {
  std::string code;
  for (const char raw : saisi) {
    if (raw == ' ' || raw == '-' || raw == '\t') continue;
    char c = (raw >= 'a' && raw <= 'z') ? static_cast<char>(raw - 'a' + 'A') : raw;
    if (c == 'O') c = '0';
    if (c == 'I' || c == 'L') c = '1';
    if (kAlphabetCode.find(c) == std::string_view::npos) return std::nullopt;
    code.push_back(c);
  }
  if (code.size() != kLongueurCode) return std::nullopt;
  return code;
}

std::string code_affiche(std::string_view code) {
  std::string out;
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back('-');
    out.push_back(code[i]);
  }
  return out;
}

std::string initiales(std::string_view prenoms, std::string_view nom) {
  std::string out;
  for (const auto part : {texte::trim(prenoms), texte::trim(nom)}) {
    if (part.empty()) continue;
    std::size_t i = 0;
    texte::decode_utf8(part, i);  // moves past the first character, whatever its length
    if (!out.empty()) out.push_back(' ');
    out += texte::ascii_upper(part.substr(0, i)) + ".";
  }
  return out;
}

}  // namespace examens::domain
