// Tests of static file serving: what a folder's loading serves (dot-files, symlinks, the
// stored codings), content negotiation (br, gzip, identity, q-values, *), validators and
// conditional requests per coding, cache headers; content types and HTTP dates.
#include <brotli/decode.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "http/compression.hpp"
#include "http/content_coding.hpp"
#include "http/static_files.hpp"

namespace examens::http {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& path, std::string_view content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

std::string gunzip(const std::string& data) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 16 + MAX_WBITS), Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

std::string unbrotli(const std::string& data) {
  std::string out(1 << 20, '\0');
  std::size_t size = out.size();
  EXPECT_EQ(BrotliDecoderDecompress(data.size(), reinterpret_cast<const uint8_t*>(data.data()),
                                    &size, reinterpret_cast<uint8_t*>(out.data())),
            BROTLI_DECODER_RESULT_SUCCESS);
  out.resize(size);
  return out;
}

// A stylesheet long enough for its codings to be much smaller.
std::string stylesheet() {
  std::string css;
  for (int i = 0; i < 200; ++i) css += ".fr-btn--" + std::to_string(i) + "{margin:0 auto;}";
  return css;
}

class WebStaticFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "examens-static-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    base_ = pattern;
    root_ = base_ / "public";
    css_ = stylesheet();
    for (const auto* name : {"assets/pages.0123456789.css", "static/css/app.css"}) {
      write(root_ / name, css_);
      write(root_ / (std::string(name) + ".gz"), gzip_compress(css_));
      write(root_ / (std::string(name) + ".br"), brotli_compress(css_));
    }
    write(root_ / "static" / "js" / "app.mjs", "export {}");
    write(root_ / "static" / "icons" / "logo.svg", "<svg/>");
    write(root_ / "assets" / "fonts" / "Marianne-Regular.0123456789.woff2", "wOF2");
    write(root_ / "static" / ".env", "SECRET=1");
    write(root_ / "static" / ".git" / "config", "[core]");
    write(root_ / "static" / "sub" / "index.html", "<p>");
    write(base_ / "secret.txt", "ne pas servir");
    fs::create_symlink(base_ / "secret.txt", root_ / "static" / "escape.txt");
    fs::create_symlink(root_ / "static" / "js" / "app.mjs", root_ / "static" / "alias.mjs");
    fs::create_directory_symlink(base_, root_ / "static" / "up");
    files_ = StaticFiles::load(root_, "/assets/");
  }
  void TearDown() override { fs::remove_all(base_); }

  static Request get(std::string path, std::optional<std::string> accept_encoding = {}) {
    Request req;
    req.method = Method::get;
    req.path = std::move(path);
    if (accept_encoding) req.headers.emplace_back("accept-encoding", *accept_encoding);
    return req;
  }
  Response serve(const Request& req) {
    auto res = files_.serve(req);
    EXPECT_TRUE(res) << req.path;
    return res ? *res : Response{};
  }

  fs::path base_;
  fs::path root_;
  std::string css_;
  StaticFiles files_;
};

TEST_F(WebStaticFiles, serves_a_file_with_validators_and_an_hours_cache) {
  auto res = serve(get("/static/css/app.css"));
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.body, css_);
  EXPECT_FALSE(res.header("Content-Encoding"));
  EXPECT_EQ(res.header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(res.header("Cache-Control"), "public, max-age=3600");
  EXPECT_EQ(res.header("Vary"), "Accept-Encoding");
  ASSERT_TRUE(res.header("ETag"));
  EXPECT_TRUE(res.header("ETag")->starts_with("\""));
  ASSERT_TRUE(res.header("Last-Modified"));
  EXPECT_TRUE(parse_http_date(*res.header("Last-Modified")));
  EXPECT_FALSE(res.file_path);
}

TEST_F(WebStaticFiles, fingerprinted_assets_are_cached_for_a_year) {
  auto res = serve(get("/assets/pages.0123456789.css", "br"));
  EXPECT_EQ(res.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(res.header("Content-Encoding"), "br");
}

TEST_F(WebStaticFiles, brotli_is_preferred_and_each_coding_decodes_to_the_file) {
  auto br = serve(get("/static/css/app.css", "gzip, deflate, br"));
  EXPECT_EQ(br.header("Content-Encoding"), "br");
  EXPECT_EQ(unbrotli(br.body), css_);
  EXPECT_LT(br.body.size(), css_.size() / 4);

  auto gz = serve(get("/static/css/app.css", "gzip, deflate"));
  EXPECT_EQ(gz.header("Content-Encoding"), "gzip");
  EXPECT_EQ(gunzip(gz.body), css_);
  EXPECT_EQ(gz.header("Vary"), "Accept-Encoding");
  EXPECT_EQ(gz.header("Content-Type"), "text/css; charset=utf-8");
}

TEST_F(WebStaticFiles, q_values_choose_the_coding) {
  auto coding = [&](std::string accept) {
    return std::string(
        serve(get("/static/css/app.css", accept)).header("Content-Encoding").value_or(""));
  };
  EXPECT_EQ(coding("br;q=0.5, gzip;q=0.8"), "gzip");
  EXPECT_EQ(coding("br;q=0, gzip"), "gzip");
  EXPECT_EQ(coding("gzip;q=0.001, br;q=0"), "gzip");
  EXPECT_EQ(coding("gzip;q=0, br;q=0"), "");
  EXPECT_EQ(coding("*"), "br");
  EXPECT_EQ(coding("*;q=0.1, gzip;q=0.5"), "gzip");
  EXPECT_EQ(coding("identity"), "");
  EXPECT_EQ(coding("identity;q=1, gzip;q=0.5"), "");
  EXPECT_EQ(coding(""), "");
}

TEST_F(WebStaticFiles, files_without_codings_are_sent_as_they_are) {
  auto res = serve(get("/assets/fonts/Marianne-Regular.0123456789.woff2", "br, gzip"));
  EXPECT_EQ(res.body, "wOF2");
  EXPECT_FALSE(res.header("Content-Encoding"));
  EXPECT_FALSE(res.header("Vary"));
  EXPECT_EQ(res.header("Content-Type"), "font/woff2");
}

TEST_F(WebStaticFiles, head_answers_as_get_would) {
  for (std::string accept : {"br", "gzip", "identity"}) {
    auto req = get("/static/css/app.css", accept);
    const auto got = serve(req);
    req.method = Method::head;
    const auto head = serve(req);
    EXPECT_EQ(head.status, 200);
    // The server sends the head of this answer, its Content-Length from the body.
    EXPECT_EQ(head.body.size(), got.body.size()) << accept;
    EXPECT_EQ(head.header("Content-Encoding"), got.header("Content-Encoding")) << accept;
    EXPECT_EQ(head.header("ETag"), got.header("ETag")) << accept;
  }
}

TEST_F(WebStaticFiles, other_methods_are_not_served) {
  auto req = get("/static/css/app.css");
  req.method = Method::post;
  EXPECT_FALSE(files_.serve(req));
}

TEST_F(WebStaticFiles, each_coding_has_its_own_etag_and_304) {
  std::set<std::string> tags;
  for (std::string accept : {"br", "gzip", "identity"}) {
    const auto first = serve(get("/static/css/app.css", accept));
    const std::string etag(*first.header("ETag"));
    tags.insert(etag);
    for (std::string inm : {etag, "W/" + etag, "\"autre\", " + etag, std::string("*")}) {
      auto req = get("/static/css/app.css", accept);
      req.headers.emplace_back("if-none-match", inm);
      const auto res = serve(req);
      EXPECT_EQ(res.status, 304) << accept << " " << inm;
      EXPECT_TRUE(res.body.empty());
      EXPECT_EQ(res.header("ETag"), etag);
      EXPECT_EQ(res.header("Vary"), "Accept-Encoding");
      EXPECT_TRUE(res.header("Cache-Control"));
    }
  }
  EXPECT_EQ(tags.size(), 3u);
  // A copy in one coding does not validate another: the client gets the coding it asks for.
  const std::string br_tag(*serve(get("/static/css/app.css", "br")).header("ETag"));
  auto req = get("/static/css/app.css", "gzip");
  req.headers.emplace_back("if-none-match", br_tag);
  const auto res = serve(req);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.header("Content-Encoding"), "gzip");
}

TEST_F(WebStaticFiles, etag_changes_when_the_file_changes) {
  const std::string before(*serve(get("/static/js/app.mjs")).header("ETag"));
  write(root_ / "static" / "js" / "app.mjs", "export const x = 1;");
  const auto reloaded = StaticFiles::load(root_, "/assets/");
  const std::string after(*reloaded.serve(get("/static/js/app.mjs"))->header("ETag"));
  EXPECT_NE(before, after);
}

TEST_F(WebStaticFiles, if_modified_since_applies_only_without_if_none_match) {
  const std::string last_modified(*serve(get("/static/js/app.mjs")).header("Last-Modified"));

  auto req = get("/static/js/app.mjs");
  req.headers.emplace_back("if-modified-since", last_modified);
  EXPECT_EQ(serve(req).status, 304);

  auto older = get("/static/js/app.mjs");
  older.headers.emplace_back("if-modified-since", "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(serve(older).status, 200);

  auto both = get("/static/js/app.mjs");
  both.headers.emplace_back("if-none-match", "\"perime\"");
  both.headers.emplace_back("if-modified-since", last_modified);
  EXPECT_EQ(serve(both).status, 200);
}

TEST_F(WebStaticFiles, serves_only_the_files_loaded_under_their_path) {
  EXPECT_FALSE(files_.serve(get("/static/css")));  // a folder
  EXPECT_FALSE(files_.serve(get("/static/sub")));
  EXPECT_FALSE(files_.serve(get("/static/css/absent.css")));
  EXPECT_FALSE(files_.serve(get("/css/app.css")));
  EXPECT_FALSE(files_.serve(get("/static/css/app.css/")));
  EXPECT_FALSE(files_.serve(get("/static/../secret.txt")));
  EXPECT_FALSE(files_.serve(get("/static/css/../css/app.css")));
  EXPECT_FALSE(files_.serve(get("/static/./css/app.css")));
  EXPECT_FALSE(files_.serve(get("/static/css//app.css")));
  // The stored codings are not files of their own.
  EXPECT_FALSE(files_.serve(get("/static/css/app.css.gz")));
  EXPECT_FALSE(files_.serve(get("/static/css/app.css.br")));
  EXPECT_TRUE(files_.serve(get("/static/sub/index.html")));
}

TEST_F(WebStaticFiles, leaves_out_dot_files_and_symlinks_leaving_the_folder) {
  EXPECT_FALSE(files_.serve(get("/static/.env")));
  EXPECT_FALSE(files_.serve(get("/static/.git/config")));
  EXPECT_FALSE(files_.serve(get("/static/escape.txt")));
  EXPECT_FALSE(files_.serve(get("/static/up/secret.txt")));
  EXPECT_EQ(serve(get("/static/alias.mjs")).body, "export {}");
  EXPECT_EQ(files_.size(), 7u);
}

TEST_F(WebStaticFiles, loading_a_missing_folder_fails) {
  EXPECT_THROW(StaticFiles::load(base_ / "absent", "/assets/"), std::runtime_error);
}

TEST_F(WebStaticFiles, content_types_follow_the_extension) {
  EXPECT_EQ(serve(get("/static/js/app.mjs")).header("Content-Type"),
            "text/javascript; charset=utf-8");
  EXPECT_EQ(serve(get("/static/icons/logo.svg")).header("Content-Type"), "image/svg+xml");
}

TEST(WebContentCoding, follows_accept_encoding) {
  EXPECT_EQ(choose_coding(std::nullopt, true, true), Coding::identity);
  EXPECT_EQ(choose_coding("", true, true), Coding::identity);
  EXPECT_EQ(choose_coding("gzip, deflate, br, zstd", true, true), Coding::br);
  EXPECT_EQ(choose_coding("gzip, deflate, br", true, false), Coding::gzip);
  EXPECT_EQ(choose_coding("gzip, deflate, br", false, false), Coding::identity);
  EXPECT_EQ(choose_coding("BR;Q=0.9, GZIP", true, true), Coding::gzip);
  EXPECT_EQ(choose_coding("x-gzip", true, true), Coding::gzip);
  EXPECT_EQ(choose_coding("br ; q=0.7 , gzip;q=0.70", true, true), Coding::br);
  EXPECT_EQ(choose_coding("deflate", true, true), Coding::identity);
  // Refusing everything available: identity anyway (the header is disregarded).
  EXPECT_EQ(choose_coding("identity;q=0", false, false), Coding::identity);
  EXPECT_EQ(choose_coding("*;q=0", true, true), Coding::identity);
  EXPECT_EQ(choose_coding("*;q=0, gzip;q=0.2", true, true), Coding::gzip);
  EXPECT_EQ(choose_coding("identity;q=0, gzip;q=0.2", true, true), Coding::gzip);
}

TEST(WebContentCoding, ignores_malformed_weights) {
  EXPECT_EQ(choose_coding("br;q=2, gzip;q=0.5", true, true), Coding::gzip);
  EXPECT_EQ(choose_coding("br;q=0.5000, gzip;q=0.1", true, true), Coding::gzip);
  EXPECT_EQ(choose_coding("br;q=, gzip;q=0.1", true, true), Coding::gzip);
  EXPECT_EQ(choose_coding("br;level=1, gzip;q=0.1", true, true), Coding::gzip);
  EXPECT_EQ(choose_coding("br;q=1.000, gzip", true, true), Coding::br);
}

TEST(WebCompression, round_trips_and_chooses_text_files) {
  const std::string css = stylesheet();
  EXPECT_EQ(gunzip(gzip_compress(css)), css);
  EXPECT_EQ(unbrotli(brotli_compress(css)), css);
  EXPECT_EQ(unbrotli(brotli_compress("")), "");
  EXPECT_TRUE(worth_compressing("pages.0123456789.css"));
  EXPECT_TRUE(worth_compressing("dsfr.module.min.js"));
  EXPECT_TRUE(worth_compressing("sun.svg"));
  EXPECT_TRUE(worth_compressing("favicon.ico"));
  EXPECT_TRUE(worth_compressing("manifest.webmanifest"));
  EXPECT_FALSE(worth_compressing("Marianne-Regular.woff2"));
  EXPECT_FALSE(worth_compressing("Marianne-Regular.woff"));
  EXPECT_FALSE(worth_compressing("apple-touch-icon.png"));
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
  EXPECT_EQ(static_content_type("manifest.webmanifest"), "application/manifest+json");
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
