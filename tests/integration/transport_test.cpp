// The portal as the server's wiring makes it, on SQLite and on PostgreSQL: uploads refused
// before any byte reaches the disk, no cookie in a publicly cacheable answer, the security
// headers on the server's own answers, and the overload page of the hashing pool.
#include <curl/curl.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "integration/support.hpp"

namespace examens::testing {
namespace {

// A multipart POST of `bytes` bytes in one file part, with the visitor's cookies and CSRF.
HttpResult post_multipart(const std::string& url, const std::string& cookie,
                          const std::string& csrf, std::size_t bytes) {
  HttpResult result;
  CURL* curl = curl_easy_init();
  curl_mime* mime = curl_mime_init(curl);
  curl_mimepart* part = curl_mime_addpart(mime);
  curl_mime_name(part, "csrf");
  curl_mime_data(part, csrf.c_str(), CURL_ZERO_TERMINATED);
  const std::string content(bytes, 'p');
  part = curl_mime_addpart(mime);
  curl_mime_name(part, "piece");
  curl_mime_data(part, content.data(), content.size());
  curl_mime_filename(part, "piece.pdf");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);
  curl_easy_setopt(curl, CURLOPT_COOKIE, cookie.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(
      curl, CURLOPT_WRITEFUNCTION, +[](char* data, std::size_t size, std::size_t n, void* out) {
        static_cast<std::string*>(out)->append(data, size * n);
        return size * n;
      });
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  if (curl_easy_perform(curl) == CURLE_OK)
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_mime_free(mime);
  curl_easy_cleanup(curl);
  return result;
}

TEST(Transport, a_multipart_post_to_the_login_is_refused_and_leaves_no_file) {
  TestPortal portal;
  Client client(portal.base_url());
  const auto form = client.get("/connexion");
  const std::string cookie = "examens_visiteur=" + client.cookie("examens_visiteur").value_or("");
  const auto refused =
      post_multipart(portal.base_url() + "/connexion", cookie, csrf_of(form.body), 2 * 1024 * 1024);
  EXPECT_EQ(refused.status, 415);
  EXPECT_TRUE(contains(refused.body, "n'accepte pas l'envoi de fichiers")) << refused.body;
  EXPECT_TRUE(std::filesystem::is_empty(portal.upload_dir()));
}

TEST(Transport, a_public_answer_carries_no_cookie_and_the_commune_search_still_works) {
  TestPortal portal;
  Client client(portal.base_url());  // a new visitor: no cookie yet
  const auto r = client.get("/referentiel/communes?departement=35&q=rennes");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"([{"code":"35238","nom":"Rennes"}])");
  EXPECT_TRUE(contains(r.header("cache-control"), "public"));
  EXPECT_TRUE(r.set_cookies.empty()) << r.set_cookies.front();
  // A page that is not public still gives the visitor the cookie its forms need.
  EXPECT_FALSE(client.get("/connexion").set_cookies.empty());
}

TEST(Transport, the_servers_own_answers_carry_the_security_headers) {
  TestPortal portal;
  Client client(portal.base_url());
  // A target the server refuses before the portal sees it.
  const auto r = client.get("/connexion%zz");
  EXPECT_EQ(r.status, 400);
  EXPECT_TRUE(contains(r.header("content-security-policy"), "frame-ancestors 'none'"));
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("x-frame-options"), "DENY");
  EXPECT_EQ(r.header("referrer-policy"), "same-origin");
}

TEST(Transport, a_full_hashing_pool_answers_the_dsfr_overload_page) {
  TestPortal portal([](http::ServerOptions& options) { options.limits.max_hashing_in_flight = 0; });
  Client client(portal.base_url());
  const auto r = login(client, "paul.lamy@example.fr", "Secret-2026");
  EXPECT_EQ(r.status, 503);
  EXPECT_TRUE(
      contains(r.body, "Trop de connexions simultanées : réessayez dans quelques secondes."))
      << r.body;
  EXPECT_TRUE(contains(r.body, "fr-skiplinks"));  // the portal's layout, not a bare text
  EXPECT_EQ(r.header("retry-after"), "5");
  EXPECT_TRUE(contains(r.header("content-security-policy"), "script-src 'self'"));
  EXPECT_EQ(client.get("/connexion").status, 200);  // pages are on the other pool
}

}  // namespace
}  // namespace examens::testing
