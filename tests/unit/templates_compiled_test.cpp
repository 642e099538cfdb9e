// The compiled renderer against kainjow's mustache, which it replaces: the same bytes for
// every template of the repository under random data shaped by the template's own tags, and
// for the cases of kainjow's line rule written out.
#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <set>

#include "templates/compiled.hpp"
#include "templates/templates.hpp"

namespace examens::templates {
namespace {

std::string kainjow_render(const std::string& source, const Data& data, bool escape) {
  kainjow::mustache::mustache m(source);
  EXPECT_TRUE(m.is_valid()) << m.error_message();
  if (!escape) m.set_custom_escape([](const std::string& s) { return s; });
  return m.render(data);
}

void expect_same(const std::string& source, const Data& data, bool escape = true) {
  EXPECT_EQ(Compiled(source).render(data, escape), kainjow_render(source, data, escape)) << source;
}

// The names a template's tags use: "a.b" gives "a" and "b".
std::vector<std::string> names_of(const std::string& source) {
  static const std::regex tag(R"(\{\{\{?\s*[#^&/]?\s*([A-Za-z0-9_.]+)\s*\}?\}\})");
  std::set<std::string> names;
  for (auto it = std::sregex_iterator(source.begin(), source.end(), tag);
       it != std::sregex_iterator(); ++it) {
    std::string name = (*it)[1];
    for (std::size_t start = 0, dot;; start = dot + 1) {
      dot = name.find('.', start);
      if (name.substr(start, dot - start) != "") names.insert(name.substr(start, dot - start));
      if (dot == std::string::npos) break;
    }
  }
  return {names.begin(), names.end()};
}

Data random_object(std::mt19937& rng, const std::vector<std::string>& names, int depth) {
  Data object{Data::type::object};
  std::uniform_int_distribution<int> pick(0, depth > 0 ? 9 : 6);
  for (const auto& name : names) {
    switch (pick(rng)) {
      case 0:
      case 1: break;  // absent
      case 2: object.set(name, "<b a=\"x\">L'été & co</b>"); break;
      case 3: object.set(name, ""); break;
      case 4: object.set(name, true); break;
      case 5: object.set(name, false); break;
      case 6: object.set(name, Data{Data::type::list}); break;
      case 7:
      case 8: {
        Data list{Data::type::list};
        for (int i = std::uniform_int_distribution<int>(1, 3)(rng); i > 0; --i)
          list.push_back(random_object(rng, names, depth - 1));
        object.set(name, list);
        break;
      }
      default: object.set(name, random_object(rng, names, depth - 1));
    }
  }
  return object;
}

TEST(CompiledTemplates, every_template_renders_as_kainjow_does_under_random_data) {
  const std::filesystem::path dir = std::filesystem::path(EXAMENS_SOURCE_DIR) / "templates";
  const Templates templates(dir);
  std::mt19937 rng(20261130);
  int compared = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.path().extension() != ".mustache") continue;
    auto rel = std::filesystem::relative(entry.path(), dir);
    rel.replace_extension();
    const std::string name = rel.generic_string();
    const std::string& source = templates.source(name);
    const bool escape = !name.ends_with("_texte");
    const auto names = names_of(source);
    for (int i = 0; i < 8; ++i) {
      const Data data = random_object(rng, names, 2);
      ASSERT_EQ(templates.render(name, data), kainjow_render(source, data, escape))
          << name << " (draw " << i << ")";
      ++compared;
    }
  }
  EXPECT_GT(compared, 500);
}

TEST(CompiledTemplates, kainjows_line_rule_and_lookups_are_kept) {
  Data d;
  d.set("vrai", true);
  d.set("faux", false);
  d.set("texte", "a<b");
  Data liste{Data::type::list};
  for (const char* v : {"x", "y"}) liste.push_back(Data(v));
  d.set("liste", liste);
  Data objet;
  objet.set("nom", "dedans");
  d.set("objet", objet);
  d.set("nom", "dehors");
  for (const char* source :
       {"a\n  {{#vrai}}\n  b\n  {{/vrai}}\nc", "a\n  {{#faux}}\n  b\n  {{/faux}}\nc",
        "a\n  {{^faux}}\n  b\n  {{/faux}}\nc\n", "{{#liste}}{{.}},{{/liste}}\n",
        "{{#liste}}\n- {{.}}\n{{/liste}}\n",
        "{{! commentaire }}\n{{texte}} {{{texte}}} {{& texte}}",
        "{{#objet}}{{nom}} {{objet.nom}}{{/objet}} {{nom}} {{inconnu}} {{objet.inconnu}}",
        "  {{#vrai}}  \r\n  x\r\n{{/vrai}}\r\n", "{{#vrai}} {{faux}} {{/vrai}}\n\n",
        "{{ texte }}\t\n", "{{^liste}}vide{{/liste}}{{#liste}}{{/liste}}\n  \n",
        "{{#texte}}[{{.}}]{{/texte}}"})
    expect_same(source, d);
  expect_same("{{texte}}\n", d, false);
}

TEST(CompiledTemplates, globals_are_the_outermost_context_and_a_slot_prints_as_given) {
  Data globals;
  Data assets;
  assets.set("css", "/a.css");
  globals.set("assets", assets);
  globals.set("titre", "global");
  Data data;
  data.set("titre", "<propre>");
  const Slot slot{"content", "<main>page</main>"};
  const Compiled layout("{{assets.css}} {{titre}} {{{content}}} {{content}}");
  EXPECT_EQ(layout.render(data, true, {&globals, &slot}),
            "/a.css &lt;propre&gt; <main>page</main> <main>page</main>");
  EXPECT_EQ(layout.render(data, true), " &lt;propre&gt;  ");
}

TEST(CompiledTemplates, a_broken_template_is_refused_with_where) {
  for (const char* source :
       {"{{#a}}x", "{{/a}}", "{{#a}}{{/b}}", "x {{y", "{{>partiel}}", "{{=<% %>=}}"})
    EXPECT_THROW(Compiled{source}, std::runtime_error) << source;
}

}  // namespace
}  // namespace examens::templates
