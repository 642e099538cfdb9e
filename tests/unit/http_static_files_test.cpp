// Tests of static file serving: confinement to the root (traversal, dot-files, symlinks),
// content types, validators, conditional requests and cache headers; and of HTTP dates.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "http/form_parsing.hpp"
#include "http/static_files.hpp"

namespace examens::http {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

class WebStaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "examens-static-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    base_ = pattern;
    root_ = base_ / "public";
    write(root_ / "css" / "app.css", "body{margin:0}");
    write(root_ / "js" / "app.mjs", "export {}");
    write(root_ / "icons" / "logo.svg", "<svg/>");
    write(root_ / "fonts" / "Marianne-Regular.woff2", "wOF2");
    write(root_ / ".env", "SECRET=1");
    write(root_ / "sub" / "index.html", "<p>");
    write(base_ / "secret.txt", "ne pas servir");
    fs::create_symlink(base_ / "secret.txt", root_ / "escape.txt");
    fs::create_symlink(root_ / "css" / "app.css", root_ / "alias.css");
    fs::create_directory_symlink(base_, root_ / "up");
  }
  void TearDown() override { fs::remove_all(base_); }

  Request get(std::string path) {
    Request req;
    req.method = Method::get;
    req.path = std::move(path);
    return req;
  }

  std::optional<Response> serve(const Request& req, bool immutable = false) {
    return serve_static(req, "/static", root_, immutable);
  }

  fs::path base_;
  fs::path root_;
};

TEST_F(WebStaticFiles, serves_a_file_under_the_prefix_with_validators) {
  auto res = serve(get("/static/css/app.css"));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  ASSERT_TRUE(res->file_path);
  EXPECT_EQ(fs::path(*res->file_path), fs::canonical(root_ / "css" / "app.css"));
  EXPECT_EQ(res->header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(res->header("Cache-Control"), "public, max-age=3600");
  ASSERT_TRUE(res->header("ETag"));
  EXPECT_TRUE(res->header("ETag")->starts_with("\""));
  ASSERT_TRUE(res->header("Last-Modified"));
  EXPECT_TRUE(parse_http_date(*res->header("Last-Modified")));
  EXPECT_TRUE(res->body.empty());
}

TEST_F(WebStaticFiles, immutable_assets_are_cached_for_a_year) {
  auto res = serve(get("/static/css/app.css"), true);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->header("Cache-Control"), "public, max-age=31536000, immutable");
}

TEST_F(WebStaticFiles, answers_head_but_not_post) {
  auto req = get("/static/css/app.css");
  req.method = Method::head;
  EXPECT_TRUE(serve(req));
  req.method = Method::post;
  EXPECT_FALSE(serve(req));
}

TEST_F(WebStaticFiles, accepts_a_prefix_with_a_trailing_slash) {
  EXPECT_TRUE(serve_static(get("/static/css/app.css"), "/static/", root_, false));
}

TEST_F(WebStaticFiles, ignores_paths_outside_the_prefix) {
  EXPECT_FALSE(serve(get("/staticx/css/app.css")));
  EXPECT_FALSE(serve(get("/static")));
  EXPECT_FALSE(serve(get("/static/")));
  EXPECT_FALSE(serve(get("/css/app.css")));
}

TEST_F(WebStaticFiles, refuses_path_traversal) {
  EXPECT_FALSE(serve(get("/static/../secret.txt")));
  EXPECT_FALSE(serve(get("/static/css/../../secret.txt")));
  EXPECT_FALSE(serve(get("/static/css/../app.css")));  // even when it stays inside
  EXPECT_FALSE(serve(get("/static/./css/app.css")));
  EXPECT_FALSE(serve(get("/static/css//app.css")));
  EXPECT_FALSE(serve(get("/static/css\\..\\..\\secret.txt")));
  // Encoded dots arrive decoded from the server core; double encoding stays a literal name.
  auto decoded = percent_decode_path("/static/%2e%2e/secret.txt");
  ASSERT_TRUE(decoded);
  EXPECT_FALSE(serve(get(*decoded)));
  EXPECT_FALSE(serve(get("/static/%2e%2e/secret.txt")));
}

TEST_F(WebStaticFiles, refuses_dot_files) {
  EXPECT_FALSE(serve(get("/static/.env")));
}

TEST_F(WebStaticFiles, refuses_symlinks_escaping_the_root_but_follows_inner_ones) {
  EXPECT_FALSE(serve(get("/static/escape.txt")));
  EXPECT_FALSE(serve(get("/static/up/secret.txt")));
  auto res = serve(get("/static/alias.css"));
  ASSERT_TRUE(res);
  EXPECT_EQ(fs::path(*res->file_path), fs::canonical(root_ / "css" / "app.css"));
}

TEST_F(WebStaticFiles, directories_and_missing_files_are_not_served) {
  EXPECT_FALSE(serve(get("/static/css")));
  EXPECT_FALSE(serve(get("/static/sub")));
  EXPECT_FALSE(serve(get("/static/css/absent.css")));
}

TEST_F(WebStaticFiles, if_none_match_gives_304_with_validators_and_no_file) {
  auto first = serve(get("/static/css/app.css"));
  ASSERT_TRUE(first);
  std::string etag(*first->header("ETag"));

  for (std::string inm : {etag, "W/" + etag, "\"autre\", " + etag, std::string("*")}) {
    auto req = get("/static/css/app.css");
    req.headers.emplace_back("if-none-match", inm);
    auto res = serve(req);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 304) << inm;
    EXPECT_FALSE(res->file_path);
    EXPECT_EQ(res->header("ETag"), etag);
    EXPECT_TRUE(res->header("Cache-Control"));
  }
  auto req = get("/static/css/app.css");
  req.headers.emplace_back("if-none-match", "\"perime\"");
  EXPECT_EQ(serve(req)->status, 200);
}

TEST_F(WebStaticFiles, etag_changes_when_the_file_changes) {
  std::string before(*serve(get("/static/css/app.css"))->header("ETag"));
  write(root_ / "css" / "app.css", "body{margin:0;padding:0}");
  std::string after(*serve(get("/static/css/app.css"))->header("ETag"));
  EXPECT_NE(before, after);
}

TEST_F(WebStaticFiles, if_modified_since_applies_only_without_if_none_match) {
  auto first = serve(get("/static/css/app.css"));
  std::string last_modified(*first->header("Last-Modified"));

  auto req = get("/static/css/app.css");
  req.headers.emplace_back("if-modified-since", last_modified);
  EXPECT_EQ(serve(req)->status, 304);

  auto older = get("/static/css/app.css");
  older.headers.emplace_back("if-modified-since", "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(serve(older)->status, 200);

  auto both = get("/static/css/app.css");
  both.headers.emplace_back("if-none-match", "\"perime\"");
  both.headers.emplace_back("if-modified-since", last_modified);
  EXPECT_EQ(serve(both)->status, 200);
}

TEST_F(WebStaticFiles, content_types_follow_the_extension) {
  EXPECT_EQ(serve(get("/static/js/app.mjs"))->header("Content-Type"),
            "text/javascript; charset=utf-8");
  EXPECT_EQ(serve(get("/static/icons/logo.svg"))->header("Content-Type"), "image/svg+xml");
  EXPECT_EQ(serve(get("/static/fonts/Marianne-Regular.woff2"))->header("Content-Type"),
            "font/woff2");
}

TEST(WebStaticContentType, covers_the_assets_we_serve) {
  EXPECT_EQ(static_content_type("a.css"), "text/css; charset=utf-8");
  EXPECT_EQ(static_content_type("a.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(static_content_type("a.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(static_content_type("a.svg"), "image/svg+xml");
  EXPECT_EQ(static_content_type("a.PNG"), "image/png");
  EXPECT_EQ(static_content_type("a.woff"), "font/woff");
  EXPECT_EQ(static_content_type("a.woff2"), "font/woff2");
  EXPECT_EQ(static_content_type("favicon.ico"), "image/x-icon");
  EXPECT_EQ(static_content_type("a.json"), "application/json");
  EXPECT_EQ(static_content_type("dsfr.min.css.map"), "application/json");
  EXPECT_EQ(static_content_type("a.html"), "text/html; charset=utf-8");
  EXPECT_EQ(static_content_type("robots.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(static_content_type("archive.tar"), "application/octet-stream");
  EXPECT_EQ(static_content_type("README"), "application/octet-stream");
}

TEST(WebHttpDate, formats_and_parses_imf_fixdate) {
  EXPECT_EQ(http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(parse_http_date(http_date(1795000000)), 1795000000);
}

TEST(WebHttpDate, rejects_other_formats) {
  EXPECT_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun Nov  6 08:49:37 1994"));
  EXPECT_FALSE(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date("Sun, 06 Nov 1994 25:49:37 GMT"));
  EXPECT_FALSE(parse_http_date(""));
}

}  // namespace
}  // namespace examens::http
