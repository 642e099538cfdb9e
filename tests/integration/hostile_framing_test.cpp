// Hostile HTTP framing and oversized bodies, sent byte for byte on the real portal (SQLite and
// PostgreSQL): each answered with the status docs/decisions/0018-hostile-input.md gives it,
// the connection closed when its framing cannot be trusted, and after each one the portal
// still serves and the candidate's data is whole.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/hostile.hpp"
#include "integration/justificatifs_support.hpp"
#include "unit/echantillons.hpp"

namespace examens::testing {
namespace {

struct Case {
  std::string name;
  std::string bytes;
  std::vector<int> statuses;
};

const std::string kHead = "Host: 127.0.0.1\r\nConnection: close\r\n";

std::string post(const std::string& framing, const std::string& body) {
  return "POST /connexion HTTP/1.1\r\n" + kHead +
         "Content-Type: application/x-www-form-urlencoded\r\n" + framing + "\r\n" + body;
}

std::string many_headers(int n) {
  std::string out = "GET /connexion HTTP/1.1\r\n" + kHead;
  for (int i = 0; i < n; ++i) out += "X-En-Tete-" + std::to_string(i) + ": a\r\n";
  return out + "\r\n";
}

TEST_F(Hostile, bad_framing_is_refused_with_its_status_and_the_connection_closed) {
  const std::string target_8k = "/connexion?q=" + std::string(9 * 1024, 'a');
  const std::string target_20k = "/connexion?q=" + std::string(20 * 1024, 'a');
  const std::vector<Case> cases{
      {"garbage request line", "GARBAGE\r\n\r\n", {400}},
      {"binary request line", std::string("\x16\x03\x01\x02\x00\x01\x00\r\n\r\n", 11), {400}},
      {"HTTP/0.9", "GET /connexion\r\n\r\n", {400}},
      {"HTTP/2 version on HTTP/1 framing", "GET /connexion HTTP/2.0\r\n" + kHead + "\r\n", {400}},
      {"missing Host", "GET /connexion HTTP/1.1\r\nConnection: close\r\n\r\n", {400}},
      {"two Host", "GET /connexion HTTP/1.1\r\nHost: a\r\n" + kHead + "\r\n", {400}},
      {"HTTP/1.0 needs no Host", "GET /connexion HTTP/1.0\r\n\r\n", {200}},
      {"Content-Length and Transfer-Encoding",
       post("Content-Length: 3\r\nTransfer-Encoding: chunked\r\n", "3\r\na=b\r\n0\r\n\r\n"),
       {400}},
      {"two different Content-Length",
       post("Content-Length: 3\r\nContent-Length: 4\r\n", "a=bc"),
       {400}},
      {"negative Content-Length", post("Content-Length: -1\r\n", "a=b"), {400}},
      {"Content-Length over 64 bits",
       post("Content-Length: 99999999999999999999999\r\n", "a=b"),
       {400}},
      {"Content-Length not a number", post("Content-Length: 3a\r\n", "a=b"), {400}},
      {"huge Content-Length", post("Content-Length: 1000000000000\r\n", "a=b"), {413}},
      {"bad chunk size", post("Transfer-Encoding: chunked\r\n", "zz\r\na=b\r\n0\r\n\r\n"), {400}},
      {"chunk size over 64 bits",
       post("Transfer-Encoding: chunked\r\n", "fffffffffffffffffffff\r\na=b\r\n0\r\n\r\n"),
       {400}},
      {"chunked body over the form limit",
       post("Transfer-Encoding: chunked\r\n", "40001\r\n" + std::string(0x40001, 'a') + "\r\n"),
       {413}},
      {"chunk extension over the form limit",
       post("Transfer-Encoding: chunked\r\n",
            "3;x=" + std::string(300 * 1024, 'e') + "\r\na=b\r\n0\r\n\r\n"),
       {413}},
      {"trailer over the form limit",
       post("Transfer-Encoding: chunked\r\n",
            "3\r\na=b\r\n0\r\nX-Fin: " + std::string(300 * 1024, 't') + "\r\n\r\n"),
       {413}},
      {"transfer coding other than chunked", post("Transfer-Encoding: gzip\r\n", "a=b"), {400}},
      {"header line without colon",
       "GET /connexion HTTP/1.1\r\n" + kHead + "Sans deux-points\r\n\r\n",
       {400}},
      {"space before the colon",
       "GET /connexion HTTP/1.1\r\n" + kHead + "Cookie : a=b\r\n\r\n",
       {400}},
      // RFC 9112 5.2 lets a server replace the fold with a space, as Beast does.
      {"obsolete line folding",
       "GET /connexion HTTP/1.1\r\n" + kHead + "X-Plie: a\r\n b\r\n\r\n",
       {200}},
      {"bare LF in a header value",
       "GET /connexion HTTP/1.1\r\n" + kHead + "X-Brut: a\nb\r\n\r\n",
       {400}},
      {"header too large",
       "GET /connexion HTTP/1.1\r\n" + kHead + "X-Long: " + std::string(20 * 1024, 'a') +
           "\r\n\r\n",
       {431}},
      {"too many headers", many_headers(200), {431}},
      {"target over the limit", "GET " + target_8k + " HTTP/1.1\r\n" + kHead + "\r\n", {414}},
      {"target over the head's limit",
       "GET " + target_20k + " HTTP/1.1\r\n" + kHead + "\r\n",
       {414}},
      {"unknown method", "BREW /connexion HTTP/1.1\r\n" + kHead + "\r\n", {405}},
      {"pipelined, the second malformed",
       "GET /connexion HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /connexion HTTP/1.1\r\n" + kHead +
           "Sans deux-points\r\n\r\n",
       {200, 400}},
      {"pipelined, the second without Host",
       "GET /connexion HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /connexion HTTP/1.1\r\n\r\n",
       {200, 400}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(raw(c.bytes), c.statuses) << c.name;
    intact(c.name);
  }
}

TEST_F(Hostile, a_body_shorter_than_its_length_then_closed_is_dropped_unanswered) {
  RawConnection connection(port());
  const std::string body = "csrf=" + csrf() + "&action=enregistrer";
  connection.send(request("POST", page() + "/justificatifs/valider", cookies(), body)
                      .substr(0, body.size() / 2 + 200));
  connection.close_write();
  bool closed = false;
  EXPECT_EQ(connection.read_until_closed(std::chrono::seconds(10), &closed), "");
  EXPECT_TRUE(closed);
  intact("short body");
}

TEST_F(Hostile, oversized_forms_and_uploads_are_refused_and_store_nothing) {
  const std::string jeton = csrf();
  const std::string type = "multipart/form-data; boundary=" + kBoundary;
  const std::string upload = page() + "/justificatifs/pieces/93475001?csrf=" + jeton;
  const std::string b = "--" + kBoundary + "\r\n";
  const auto part = [&](const std::string& disposition, const std::string& content) {
    return b + "Content-Disposition: form-data; " + disposition + "\r\n\r\n" + content + "\r\n";
  };
  std::string many_files = part("name=\"csrf\"", jeton);
  for (int i = 0; i < 11; ++i)
    many_files += part("name=\"fichier\"; filename=\"f" + std::to_string(i) + ".pdf\"", kPdf);
  std::string many_fields = part("name=\"csrf\"", jeton);
  for (int i = 0; i < 600; ++i) many_fields += part("name=\"c" + std::to_string(i) + "\"", "v");
  std::string many_pairs = "csrf=" + jeton;
  for (int i = 0; i < 600; ++i) many_pairs += "&c" + std::to_string(i) + "=v";
  const std::string end = "--" + kBoundary + "--\r\n";
  const std::vector<Case> cases{
      {"urlencoded over the form limit",
       request("POST", "/connexion", cookies(), "a=" + std::string(300 * 1024, 'a')),
       {413}},
      {"urlencoded with too many fields",
       request("POST", page() + "/justificatifs/valider", cookies(), many_pairs),
       {413}},
      {"a part over the field limit",
       request("POST", upload, cookies(), part("name=\"csrf\"", std::string(300 * 1024, 'a')) + end,
               type),
       {413}},
      {"too many file parts", request("POST", upload, cookies(), many_files + end, type), {413}},
      {"too many parts", request("POST", upload, cookies(), many_fields + end, type), {413}},
      {"a part without a name",
       request("POST", upload, cookies(),
               part("name=\"csrf\"", jeton) + part("filename=\"a.pdf\"", kPdf) + end, type),
       {400}},
      {"a part without headers",
       request("POST", upload, cookies(), b + "\r\n" + kPdf + "\r\n" + end, type),
       {400}},
      {"a boundary never closed",
       request("POST", upload, cookies(), part("name=\"csrf\"", jeton) + b, type),
       {400}},
      {"no boundary",
       request("POST", upload, cookies(), part("name=\"csrf\"", jeton) + end,
               "multipart/form-data"),
       {400}},
      {"declared over the upload limit",
       "POST " + upload + " HTTP/1.1\r\n" + kHead + "Cookie: " + cookies() + "\r\nContent-Type: " +
           type + "\r\nContent-Length: " + std::to_string(26 * 1024 * 1024) + "\r\n\r\n" + b,
       {413}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(raw(c.bytes), c.statuses) << c.name;
    intact(c.name);
  }
}

TEST_F(Hostile, a_piece_over_five_mo_is_refused_next_to_its_field) {
  const std::string jeton = csrf();
  const auto r =
      client.post_raw(page() + "/justificatifs/pieces/93475001?csrf=" + jeton,
                      "multipart/form-data; boundary=" + kBoundary,
                      multipart(jeton, "enorme.pdf", kPdf + std::string(5 * 1024 * 1024 + 1, ' ')));
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(contains(r.body, "dépasse la taille maximale de 5 Mo"));
  intact("piece over 5 Mo");
}

}  // namespace
}  // namespace examens::testing
