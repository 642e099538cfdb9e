// Hostile values where the portal reads user data (SQLite and PostgreSQL): every {parameter}
// of every route given traversals, NUL, invalid UTF-8 and numbers that are not ids; static
// files asked for outside their folder; invalid UTF-8 in forms, queries and cookies; tampered
// and misplaced session cookies. Never a 500, never another candidate's or a file's content,
// and the candidate's data whole after each.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "integration/bureau.hpp"
#include "integration/hostile.hpp"
#include "integration/justificatifs_support.hpp"
#include "unit/echantillons.hpp"

namespace examens::testing {
namespace {

struct Route {
  std::string method;
  std::string pattern;
  bool staff = false;
};

// Every route with a {parameter}: src/portail/*.cpp and src/gestion/*.cpp, add_*routes.
const std::vector<Route> kRoutes{
    {"GET", "/documents/{id}"},
    {"GET", "/inscription/saisie/{cle}/7/recapitulatif.pdf"},
    {"GET", "/inscription/{id}"},
    {"GET", "/inscription/{id}/recapitulatif"},
    {"GET", "/inscription/{id}/numero"},
    {"POST", "/inscription/{id}/modifier"},
    {"GET", "/inscription/{id}/desinscrire"},
    {"POST", "/inscription/{id}/desinscrire"},
    {"GET", "/inscription/{id}/justificatifs"},
    {"POST", "/inscription/{id}/justificatifs/pieces/{code}"},
    {"POST", "/inscription/{id}/justificatifs/valider"},
    {"GET", "/inscription/{id}/justificatifs/fichiers/{depot}"},
    {"POST", "/inscription/{id}/justificatifs/fichiers/{depot}/supprimer"},
    {"GET", "/messages/{id}"},
    {"GET", "/inscription/saisie/{cle}/{onglet}"},
    {"POST", "/inscription/saisie/{cle}/{onglet}"},
    {"GET", "/gestion/candidatures/{id}", true},
    {"POST", "/gestion/candidatures/{id}/pieces/{code}", true},
    {"POST", "/gestion/candidatures/{id}/rouvrir", true},
    {"GET", "/gestion/candidatures/{id}/fichiers/{depot}", true},
};

struct Value {
  std::string text;
  int status;
};

// Refused by the server before any route (400): a NUL, a control character, invalid UTF-8.
// The others reach the handler and name nothing there (404).
const std::vector<Value> kValues{
    {"..", 404},
    {".", 404},
    {"%2e%2e", 404},
    {"%2e%2e%2f%2e%2e%2fetc%2fpasswd", 404},
    {"..%2f..%2f..%2f..%2fetc%2fpasswd", 404},
    {"..%5c..%5cetc%5cpasswd", 404},
    {"%252e%252e%252f", 404},
    {"%00", 400},
    {"1%00", 400},
    {"%0d%0aSet-Cookie:%20x=y", 400},
    {"%FF", 400},
    {"%C0%AE%C0%AE", 400},
    {"%C3%28", 400},
    {"-1", 404},
    {"0", 404},
    {"+1", 404},
    {"%201", 404},
    {"1%20", 404},
    {"01", 404},
    {"1e3", 404},
    {"1abc", 404},
    {"0x1", 404},
    {"9223372036854775807", 404},
    {"9223372036854775808", 404},
    {"-9223372036854775809", 404},
    {"99999999999999999999999999", 404},
    {std::string(4000, '9'), 404},
    {std::string(4000, 'a'), 404},
};

class HostileParams : public Hostile {
 protected:
  void SetUp() override {
    Hostile::SetUp();
    if (HasFatalFailure()) return;
    const std::string agent = "marie.defi@ac-guyane.fr";
    ASSERT_EQ(activate_agent(bureau, add_agent(portal, agent), "Secret-Bureau-2026").status, 303);
    ASSERT_EQ(staff_login(bureau, agent, "Secret-Bureau-2026").status, 303);
    // A draft in progress, for the wizard's {cle} and {onglet}.
    ASSERT_EQ(parcours.demarrer("AIX").status, 303);
  }

  // The route's target with `value` in place of `attacked` and the real ids elsewhere.
  std::string target(const std::string& pattern, const std::string& attacked,
                     const std::string& value) const {
    const std::map<std::string, std::string> real{{"id", std::to_string(id)},
                                                  {"cle", "N-BCP-2027-AIX"},
                                                  {"onglet", "1"},
                                                  {"code", "93475001"},
                                                  {"depot", std::to_string(depot)}};
    std::string out = pattern;
    for (const auto& [name, valid] : real) {
      const std::string placeholder = "{" + name + "}";
      const auto at = out.find(placeholder);
      if (at != std::string::npos)
        out.replace(at, placeholder.size(), name == attacked ? value : valid);
    }
    return out;
  }

  // The route's request as its page sends it, a complete form included, so that only the
  // attacked parameter can be what is refused.
  std::string attack(const Route& route, const std::string& t, const std::string& jeton_candidat,
                     const std::string& jeton_agent) const {
    if (route.staff)
      return request(route.method, t,
                     "examens_gestion=" + bureau.cookie("examens_gestion").value_or(""),
                     route.method == "POST" ? "csrf=" + jeton_agent + "&statut=conforme" : "");
    if (route.method == "GET") return request("GET", t, cookies());
    if (route.pattern.ends_with("{code}"))
      return request("POST", t + "?csrf=" + jeton_candidat, cookies(),
                     multipart(jeton_candidat, "bulletin.pdf", kPdf),
                     "multipart/form-data; boundary=" + kBoundary);
    return request("POST", t, cookies(), "csrf=" + jeton_candidat + "&action=suivant");
  }

  Client bureau{portal.base_url()};
};

std::vector<std::string> params_of(const std::string& pattern) {
  std::vector<std::string> out;
  for (auto open = pattern.find('{'); open != std::string::npos; open = pattern.find('{', open + 1))
    out.push_back(pattern.substr(open + 1, pattern.find('}', open) - open - 1));
  return out;
}

TEST_F(HostileParams, every_path_parameter_refuses_traversal_nul_and_numbers_that_are_no_id) {
  const std::string jeton_candidat = csrf();
  const std::string jeton_agent = csrf_of(bureau.get("/gestion/candidatures").body);
  ASSERT_FALSE(jeton_agent.empty());
  for (const auto& route : kRoutes)
    for (const auto& param : params_of(route.pattern)) {
      for (const auto& value : kValues) {
        const std::string t = target(route.pattern, param, value.text);
        const std::string answer = exchange(port(), attack(route, t, jeton_candidat, jeton_agent));
        // A file sent to a path no upload route has is refused on its head, unread.
        const bool elsewhere = contains(value.text, "%2f") && route.pattern.ends_with("{code}");
        const int expected = elsewhere && !route.staff ? 415 : value.status;
        EXPECT_EQ(statuses(answer), std::vector<int>{expected})
            << route.method << " " << route.pattern << " {" << param
            << "} = " << value.text.substr(0, 40);
        EXPECT_FALSE(contains(answer, "root:x:0:0")) << t;
      }
      intact(route.method + " " + route.pattern + " {" + param + "}");
    }
}

TEST_F(HostileParams, static_files_are_never_served_from_outside_their_folder) {
  for (const std::string target :
       {"/assets/../../etc/passwd", "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/assets/..%2f..%2f..%2fetc%2fpasswd", "/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/static/../../../etc/passwd", "/static/..%5c..%5cetc%5cpasswd",
        "/assets/%252e%252e/etc/passwd", "/assets/....//....//etc/passwd", "//etc/passwd",
        "/assets//etc/passwd", "/assets/.git/config", "/static/.env"}) {
    const std::string answer = exchange(port(), request("GET", target));
    EXPECT_EQ(statuses(answer), std::vector<int>{404}) << target;
    EXPECT_FALSE(contains(answer, "root:x:0:0")) << target;
  }
  for (const std::string target :
       {"/assets/%00", "/assets/app.css%00.png", "/assets/%C0%AE%C0%AE/"})
    EXPECT_EQ(statuses(exchange(port(), request("GET", target))), std::vector<int>{400}) << target;
  intact("static traversal");
}

TEST_F(HostileParams, invalid_utf8_in_forms_queries_and_cookies_is_refused_and_stores_nothing) {
  const std::string jeton = csrf();
  const std::string upload = page() + "/justificatifs/pieces/93475001?csrf=" + jeton;
  const std::string b = "--" + kBoundary + "\r\n";
  const std::vector<std::pair<std::string, std::string>> refused{
      {"percent-encoded in a field",
       request("POST", "/compte/modifier", cookies(), "csrf=" + jeton + "&nom=LAMY%FF%FE")},
      {"raw in a field",
       request("POST", "/compte/modifier", cookies(), "csrf=" + jeton + "&nom=LAMY\xff")},
      {"overlong in a field",
       request("POST", "/compte/modifier", cookies(), "csrf=" + jeton + "&nom=%C0%AE")},
      {"in a field's name",
       request("POST", "/compte/modifier", cookies(), "csrf=" + jeton + "&%FF=LAMY")},
      {"in a multipart field", request("POST", upload, cookies(),
                                       b + "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n" +
                                           jeton + "\xff\r\n--" + kBoundary + "--\r\n",
                                       "multipart/form-data; boundary=" + kBoundary)},
      {"in a query", request("GET", "/referentiel/communes?departement=35&q=%C3%28")},
      {"raw in a query", request("GET", "/connexion?identifiant=\xff")},
      {"in a path", request("GET", "/inscription/%E9t%E9")},
  };
  for (const auto& [name, bytes] : refused) {
    EXPECT_EQ(raw(bytes), std::vector<int>{400}) << name;
    intact(name);
  }
  // In a cookie: no session, the visitor's page.
  const auto answer = raw(
      request("GET", page() + "/recapitulatif", "examens_session=\xff\xfe; examens_visiteur=\xc3"));
  EXPECT_EQ(answer, std::vector<int>{303});
  EXPECT_EQ(raw(request("GET", "/connexion", "examens_session=\xff\xfe")), std::vector<int>{200});
  intact("in a cookie");
}

TEST_F(HostileParams, tampered_and_misplaced_cookies_are_no_session) {
  const std::string session = client.cookie("examens_session").value_or("");
  const std::string staff = bureau.cookie("examens_gestion").value_or("");
  ASSERT_FALSE(session.empty());
  ASSERT_FALSE(staff.empty());
  std::string changed = session;
  changed[changed.size() / 2] = changed[changed.size() / 2] == 'A' ? 'B' : 'A';
  const std::string recapitulatif = page() + "/recapitulatif";
  struct Attempt {
    std::string name, target, cookie;
    int status;
  };
  const std::vector<Attempt> attempts{
      {"one character changed", recapitulatif, "examens_session=" + changed, 303},
      {"cut", recapitulatif, "examens_session=" + session.substr(0, session.size() - 1), 303},
      {"lengthened", recapitulatif, "examens_session=" + session + "A", 303},
      {"too long", recapitulatif, "examens_session=" + std::string(8000, 'A'), 303},
      {"quoted", recapitulatif, "examens_session=\"" + changed + "\"", 303},
      {"empty", recapitulatif, "examens_session=", 303},
      {"no value", recapitulatif, "examens_session", 303},
      {"tampered first, good second", recapitulatif,
       "examens_session=" + changed + "; examens_session=" + session, 303},
      {"good first, tampered second", recapitulatif,
       "examens_session=" + session + "; examens_session=" + changed, 200},
      {"the staff cookie on a candidate's page", recapitulatif, "examens_gestion=" + staff, 303},
      {"the staff value as a candidate's", recapitulatif, "examens_session=" + staff, 303},
      {"the candidate's value as the staff's", "/gestion/candidatures",
       "examens_gestion=" + session, 303},
      {"the candidate's cookie on the office", "/gestion/candidatures",
       "examens_session=" + session, 303},
      {"percent-encoded CR LF", recapitulatif, "examens_session=" + session + "%0d%0a", 303},
      {"a CR", recapitulatif, "examens_session=" + session + "\rX: y", 400},
      {"a LF", recapitulatif, "examens_session=" + session + "\nX: y", 400},
      {"a NUL", recapitulatif, "examens_session=" + session + std::string(1, '\0'), 400},
      {"over the head's limit", recapitulatif, "examens_session=" + std::string(20000, 'A'), 431},
  };
  for (const auto& a : attempts) {
    const std::string answer = exchange(port(), request("GET", a.target, a.cookie));
    EXPECT_EQ(statuses(answer), std::vector<int>{a.status}) << a.name;
    if (a.status == 303) {
      const bool office = a.target.starts_with("/gestion/");
      EXPECT_TRUE(
          contains(answer, office ? "Location: /gestion/connexion" : "Location: /connexion"))
          << a.name << "\n"
          << answer.substr(0, 400);
    }
    intact(a.name);
  }
}

}  // namespace
}  // namespace examens::testing
