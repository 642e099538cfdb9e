// Unit tests of the templates on the repository's own templates/: mails' text parts are plain
// text, their HTML parts and the pages are HTML-escaped.
#include "templates/templates.hpp"

#include <gtest/gtest.h>

namespace examens::templates {
namespace {

const Templates& templates() {
  static const Templates t(std::filesystem::path(EXAMENS_SOURCE_DIR) / "templates");
  return t;
}

Data mail_data() {
  Data d;
  d.set("identifiant", "o'neil&co<x>@example.fr");
  d.set("lien", "https://examens.example/mot-de-passe?jeton=a&b");
  return d;
}

TEST(Templates, a_mail_text_part_shows_values_verbatim) {
  const std::string texte = templates().render("mail/mot_de_passe_texte", mail_data());
  EXPECT_NE(texte.find("(o'neil&co<x>@example.fr)"), std::string::npos) << texte;
  EXPECT_EQ(texte.find("&apos;"), std::string::npos) << texte;
  EXPECT_EQ(texte.find("&amp;"), std::string::npos) << texte;
}

TEST(Templates, a_mail_html_part_escapes_values) {
  const std::string html = templates().render("mail/mot_de_passe_html", mail_data());
  EXPECT_NE(html.find("(o&apos;neil&amp;co&lt;x&gt;@example.fr)"), std::string::npos) << html;
  EXPECT_EQ(html.find("o'neil"), std::string::npos) << html;
}

TEST(Templates, a_text_template_rendered_first_leaves_pages_escaped) {
  // Compiled templates are cached per thread: the plain-text rule must not leak to others.
  templates().render("mail/mot_de_passe_texte", mail_data());
  Data d;
  d.set("message", "<b>L'erreur</b>");
  d.set("titre", "<b>L'erreur</b>");
  const std::string page = templates().render("erreur", d);
  EXPECT_NE(page.find("<h1>&lt;b&gt;L&apos;erreur&lt;/b&gt;</h1>"), std::string::npos) << page;
}

}  // namespace
}  // namespace examens::templates
