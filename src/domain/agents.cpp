// Rules of the staff accounts.
#include "domain/agents.hpp"

#include <array>

#include "domain/compte.hpp"
#include "texte/texte.hpp"

namespace examens::domain {
namespace {

// Latin-1's capitals (À…Þ but ×) lie 0x20 below their small letters; the names of académies
// need no other letters.
char32_t lower(char32_t c) {
  if ((c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
  return c;
}
char32_t upper(char32_t c) {
  if ((c >= U'a' && c <= U'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 0x20;
  return c;
}
bool is_letter(char32_t c) {
  return lower(c) != c || upper(c) != c || c == 0xDF;
}

// The words a name keeps in small letters, but as its first word.
bool stays_small(std::string_view word) {
  static constexpr std::array<std::string_view, 6> kSmall{"de", "la", "le", "les", "du", "des"};
  for (auto small : kSmall)
    if (word == small) return true;
  return word == "d" || word == "l";  // before an apostrophe
}

}  // namespace

std::optional<std::string_view> libelle_role(std::string_view role) {
  if (role == kRoleGestionnaire) return "Gestionnaire";
  if (role == kRoleAdministrateur) return "Administrateur";
  return std::nullopt;
}

AgentValidation validate_agent(const AgentForm& form, const Catalogue& catalogue) {
  AgentValidation v;
  AgentForm agent{std::string(texte::trim(form.email)), std::string(texte::trim(form.role)),
                  texte::ascii_upper(texte::trim(form.academie)),
                  std::string(texte::trim(form.nom)), std::string(texte::trim(form.prenom))};
  if (!is_valid_email(agent.email))
    v.errors.add("email", "L'adresse mail doit être au format nom.prenom@domaine.fr.");
  if (!libelle_role(agent.role))
    v.errors.add("role", "Rôle inconnu : choisissez gestionnaire ou administrateur.");
  if (!catalogue.academie(agent.academie))
    v.errors.add("academie",
                 "Académie inconnue : indiquez le code d'une académie du catalogue "
                 "(par exemple GUY).");
  if (v.errors.empty()) v.agent = std::move(agent);
  return v;
}

std::string nom_affiche_agent(std::string_view prenom, std::string_view nom,
                              std::string_view email) {
  std::string out(prenom);
  if (!out.empty() && !nom.empty()) out += ' ';
  out += nom;
  return out.empty() ? std::string(email) : out;
}

std::string nom_courant_academie(std::string_view nom) {
  std::u32string text;
  for (std::size_t i = 0; i < nom.size();) text.push_back(lower(texte::decode_utf8(nom, i)));
  std::string out;
  bool first_word = true;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = start;
    while (end < text.size() && is_letter(text[end])) ++end;
    if (end > start) {
      std::string word;
      for (std::size_t k = start; k < end; ++k) texte::append_utf8(word, text[k]);
      if (first_word || !stays_small(word)) {
        word.clear();
        texte::append_utf8(word, upper(text[start]));
        for (std::size_t k = start + 1; k < end; ++k) texte::append_utf8(word, text[k]);
      }
      out += word;
      first_word = false;
    }
    if (end < text.size()) texte::append_utf8(out, text[end++]);
    start = end;
  }
  return out;
}

}  // namespace examens::domain
