// Tests of urlencoded, cookie, path and Content-Type parsing and of the streaming multipart
// parser: random chunking, near-miss boundaries, limits, file ownership, a 20 MB upload.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "http/form_parsing.hpp"

namespace examens::http {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

using Pairs = std::vector<std::pair<std::string, std::string>>;

// ---- urlencoded -------------------------------------------------------------------------------

TEST(WebParseUrlencoded, decodes_plus_as_space_and_percent_escapes_in_order) {
  auto form = parse_urlencoded("nom=Dupont&prenom=Jos%C3%A9+Maria&ville=Saint-%C3%89tienne");
  ASSERT_TRUE(form);
  EXPECT_EQ(*form,
            (Pairs{{"nom", "Dupont"}, {"prenom", "José Maria"}, {"ville", "Saint-Étienne"}}));
}

TEST(WebParseUrlencoded, keeps_repeated_fields_for_checkboxes) {
  auto form = parse_urlencoded("epreuve=1&epreuve=2&epreuve=3");
  ASSERT_TRUE(form);
  EXPECT_EQ(*form, (Pairs{{"epreuve", "1"}, {"epreuve", "2"}, {"epreuve", "3"}}));
}

TEST(WebParseUrlencoded, skips_empty_pieces_and_gives_empty_value_without_equals) {
  auto form = parse_urlencoded("&a=1&&b&c=&=d&");
  ASSERT_TRUE(form);
  EXPECT_EQ(*form, (Pairs{{"a", "1"}, {"b", ""}, {"c", ""}, {"", "d"}}));
}

TEST(WebParseUrlencoded, keeps_equals_signs_after_the_first_in_the_value) {
  auto form = parse_urlencoded("jeton=abc==&x=%3D");
  ASSERT_TRUE(form);
  EXPECT_EQ(*form, (Pairs{{"jeton", "abc=="}, {"x", "="}}));
}

TEST(WebParseUrlencoded, decodes_encoded_plus_and_ampersand_literally) {
  auto form = parse_urlencoded("q=a%2Bb%26c");
  ASSERT_TRUE(form);
  EXPECT_EQ(*form, (Pairs{{"q", "a+b&c"}}));
}

TEST(WebParseUrlencoded, empty_text_is_an_empty_form) {
  auto form = parse_urlencoded("");
  ASSERT_TRUE(form);
  EXPECT_TRUE(form->empty());
}

TEST(WebParseUrlencoded, accepts_raw_utf8_from_non_browser_clients) {
  auto form = parse_urlencoded("ville=Besançon");
  ASSERT_TRUE(form);
  EXPECT_EQ(*form, (Pairs{{"ville", "Besançon"}}));
}

TEST(WebParseUrlencoded, rejects_malformed_escapes) {
  EXPECT_FALSE(parse_urlencoded("a=%"));
  EXPECT_FALSE(parse_urlencoded("a=%4"));
  EXPECT_FALSE(parse_urlencoded("a=%zz"));
  EXPECT_FALSE(parse_urlencoded("a%G1=1"));
  EXPECT_FALSE(parse_urlencoded("ok=1&a=%4x"));
}

TEST(WebParseUrlencoded, rejects_invalid_utf8_and_nul) {
  EXPECT_FALSE(parse_urlencoded("a=%FF"));
  EXPECT_FALSE(parse_urlencoded("a=%C3"));        // truncated sequence
  EXPECT_FALSE(parse_urlencoded("a=%C0%AF"));     // overlong '/'
  EXPECT_FALSE(parse_urlencoded("a=%ED%A0%80"));  // surrogate
  EXPECT_FALSE(parse_urlencoded("a=x%00y"));
  EXPECT_FALSE(parse_urlencoded("%00=1"));
  EXPECT_FALSE(parse_urlencoded(std::string("a=\xE9t\xE9", 6)));  // raw Latin-1
}

// ---- cookies ----------------------------------------------------------------------------------

TEST(WebParseCookieHeader, splits_pairs_and_trims_spaces) {
  auto cookies = parse_cookie_header("session=abc123;  csrf=x-y_z ; theme=sombre");
  EXPECT_EQ(cookies, (std::map<std::string, std::string>{
                         {"session", "abc123"}, {"csrf", "x-y_z"}, {"theme", "sombre"}}));
}

TEST(WebParseCookieHeader, removes_quotes_and_keeps_equals_in_values) {
  auto cookies = parse_cookie_header("a=\"quoted\"; b=base64==");
  EXPECT_EQ(cookies.at("a"), "quoted");
  EXPECT_EQ(cookies.at("b"), "base64==");
}

TEST(WebParseCookieHeader, first_occurrence_wins) {
  auto cookies = parse_cookie_header("session=plus-specifique; session=racine");
  EXPECT_EQ(cookies.at("session"), "plus-specifique");
}

TEST(WebParseCookieHeader, skips_pieces_without_name_or_equals) {
  auto cookies = parse_cookie_header("; novalue; =orphan; ok=1;");
  EXPECT_EQ(cookies, (std::map<std::string, std::string>{{"ok", "1"}}));
}

TEST(WebParseCookieHeader, does_not_percent_decode_values) {
  EXPECT_EQ(parse_cookie_header("t=a%20b").at("t"), "a%20b");
}

// ---- paths ------------------------------------------------------------------------------------

TEST(WebPercentDecodePath, decodes_utf8_and_keeps_plus) {
  EXPECT_EQ(percent_decode_path("/inscription/caf%C3%A9+cr%C3%A8me"), "/inscription/café+crème");
  EXPECT_EQ(percent_decode_path("/"), "/");
  EXPECT_EQ(percent_decode_path("/a%2Fb"), "/a/b");
}

TEST(WebPercentDecodePath, rejects_invalid_encoding_nul_and_controls) {
  EXPECT_FALSE(percent_decode_path("/a%zz"));
  EXPECT_FALSE(percent_decode_path("/a%2"));
  EXPECT_FALSE(percent_decode_path("/a%00b"));
  EXPECT_FALSE(percent_decode_path("/a%0Ab"));
  EXPECT_FALSE(percent_decode_path("/a%7F"));
  EXPECT_FALSE(percent_decode_path("/%FF"));
  EXPECT_FALSE(percent_decode_path("relative"));
  EXPECT_FALSE(percent_decode_path(""));
}

// ---- Content-Type -----------------------------------------------------------------------------

TEST(WebMediaType, lower_cases_and_drops_parameters) {
  EXPECT_EQ(media_type("Multipart/Form-Data; boundary=x"), "multipart/form-data");
  EXPECT_EQ(media_type(" application/x-www-form-urlencoded ;charset=UTF-8"),
            "application/x-www-form-urlencoded");
  EXPECT_EQ(media_type(""), "");
}

TEST(WebMultipartBoundary, reads_quoted_and_unquoted_boundaries) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=----WebKitFormBoundaryAbC123"),
            "----WebKitFormBoundaryAbC123");
  EXPECT_EQ(multipart_boundary("multipart/form-data; charset=utf-8; BOUNDARY=\"a b:c\""), "a b:c");
  EXPECT_EQ(multipart_boundary("multipart/form-data;boundary=\"x\\\"y\""), "x\"y");
}

TEST(WebMultipartBoundary, rejects_missing_empty_or_oversized_boundaries) {
  EXPECT_FALSE(multipart_boundary("multipart/form-data"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary="));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"\""));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=\"unterminated"));
  EXPECT_FALSE(multipart_boundary("multipart/form-data; boundary=" + std::string(71, 'a')));
  EXPECT_TRUE(multipart_boundary("multipart/form-data; boundary=" + std::string(70, 'a')));
}

// ---- multipart --------------------------------------------------------------------------------

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "examens-mp-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  std::size_t entries() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(path_), {}));
  }

 private:
  fs::path path_;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

constexpr std::string_view kBoundary = "----examensBoundary7MA4YWxk";

struct Part {
  std::string headers;  // full header lines, each ending with CRLF
  std::string content;
};

Part field(std::string name, std::string value) {
  return {"Content-Disposition: form-data; name=\"" + name + "\"\r\n", std::move(value)};
}

Part file_part(std::string name, std::string filename, std::string content,
               std::string type = "application/pdf") {
  return {"Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename +
              "\"\r\nContent-Type: " + type + "\r\n",
          std::move(content)};
}

std::string body_of(const std::vector<Part>& parts, std::string_view boundary = kBoundary) {
  std::string body;
  for (const auto& p : parts) {
    body += "--";
    body += boundary;
    body += "\r\n" + p.headers + "\r\n" + p.content + "\r\n";
  }
  body += "--";
  body += boundary;
  body += "--\r\n";
  return body;
}

struct Parsed {
  MultipartStatus status;
  FormFields fields;
  std::vector<UploadedFile> files;
  std::string error;
};

Parsed parse_in_chunks(const std::string& body, const fs::path& dir, std::mt19937& rng,
                       std::size_t max_chunk, MultipartLimits limits = {}) {
  MultipartParser parser(kBoundary, dir, limits);
  std::uniform_int_distribution<std::size_t> size(1, max_chunk);
  std::size_t at = 0;
  MultipartStatus status = MultipartStatus::need_more;
  while (at < body.size()) {
    std::size_t n = std::min(size(rng), body.size() - at);
    status = parser.feed(std::string_view(body).substr(at, n));
    at += n;
    if (status != MultipartStatus::need_more && status != MultipartStatus::done) break;
  }
  if (status == MultipartStatus::need_more || status == MultipartStatus::done)
    status = parser.finish();
  return {status, parser.take_fields(), parser.take_files(), parser.error()};
}

Parsed parse_whole(const std::string& body, const fs::path& dir, MultipartLimits limits = {}) {
  std::mt19937 rng(1);
  return parse_in_chunks(body, dir, rng, body.size() + 1, limits);
}

TEST(WebMultipartParser, parses_fields_and_writes_files_under_random_names) {
  TempDir dir;
  std::string pdf = "%PDF-1.7\r\n\0binary\r\n--not-a-boundary\r\n\0"s;
  auto parsed = parse_whole(body_of({field("nom", "Dupont"), field("prenom", "José"),
                                     file_part("justificatif", "relevé de notes.pdf", pdf)}),
                            dir.path());
  ASSERT_EQ(parsed.status, MultipartStatus::done) << parsed.error;
  EXPECT_EQ(parsed.fields, (Pairs{{"nom", "Dupont"}, {"prenom", "José"}}));
  ASSERT_EQ(parsed.files.size(), 1u);
  const auto& f = parsed.files[0];
  EXPECT_EQ(f.field, "justificatif");
  EXPECT_EQ(f.filename, "relevé de notes.pdf");
  EXPECT_EQ(f.content_type, "application/pdf");
  EXPECT_EQ(f.size, pdf.size());
  EXPECT_EQ(read_file(f.path), pdf);
  EXPECT_EQ(fs::path(f.path).parent_path(), dir.path());
  EXPECT_EQ(fs::path(f.path).filename().string().find("relev"), std::string::npos);
  struct stat st {};
  ASSERT_EQ(::stat(f.path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(WebMultipartParser, same_result_for_any_chunking) {
  TempDir dir;
  std::string content;
  std::mt19937 fill(42);
  for (int i = 0; i < 5000; ++i) content.push_back(static_cast<char>(fill() % 256));
  // Fragments of the delimiter inside the content must survive any split.
  content += "\r\n--";
  content += kBoundary.substr(0, 10);
  content += "\r\n\r\n-";
  std::string body = body_of({field("a", "premier"), file_part("f", "x.bin", content),
                              field("b", std::string(300, 'z')), field("vide", "")});
  for (std::size_t max_chunk : {1u, 2u, 3u, 7u, 31u, 64u, 200u, 4096u}) {
    for (unsigned seed = 0; seed < 25; ++seed) {
      std::mt19937 rng(seed);
      auto parsed = parse_in_chunks(body, dir.path(), rng, max_chunk);
      ASSERT_EQ(parsed.status, MultipartStatus::done) << "max_chunk " << max_chunk;
      ASSERT_EQ(parsed.fields,
                (Pairs{{"a", "premier"}, {"b", std::string(300, 'z')}, {"vide", ""}}));
      ASSERT_EQ(parsed.files.size(), 1u);
      ASSERT_EQ(read_file(parsed.files[0].path), content) << "max_chunk " << max_chunk;
      fs::remove(parsed.files[0].path);
    }
  }
}

TEST(WebMultipartParser, near_miss_boundaries_are_content) {
  TempDir dir;
  std::string b(kBoundary);
  std::vector<std::string> tricky = {
      "\r\n--" + b + "X",                    // longer boundary
      "\r\n--" + b.substr(0, b.size() - 1),  // one character short
      "--" + b + "\r\n",                     // no CRLF before it
      "\n--" + b + "\r\n",                   // bare LF before it
      "\r\n--" + b + " x\r\n",               // padding followed by something else
      "\r\n--" + b + "-",                    // a single dash
      "\r\n-" + b,
      "\r\r\n--" + b.substr(0, 5),
  };
  for (const auto& t : tricky) {
    std::string value = "debut" + t + "fin";
    std::string body =
        body_of({field("champ", value), file_part("f", "f.txt", value, "text/plain")});
    for (std::size_t max_chunk : {1u, 5u, 50u, 10000u}) {
      std::mt19937 rng(static_cast<unsigned>(max_chunk));
      auto parsed = parse_in_chunks(body, dir.path(), rng, max_chunk);
      ASSERT_EQ(parsed.status, MultipartStatus::done) << t;
      ASSERT_EQ(parsed.fields.size(), 1u);
      EXPECT_EQ(parsed.fields[0].second, value);
      ASSERT_EQ(parsed.files.size(), 1u);
      EXPECT_EQ(read_file(parsed.files[0].path), value);
      fs::remove(parsed.files[0].path);
    }
  }
}

TEST(WebMultipartParser, ignores_preamble_epilogue_and_accepts_transport_padding) {
  TempDir dir;
  std::string body = "Ceci est un préambule.\r\n--" + std::string(kBoundary) +
                     "  \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--" +
                     std::string(kBoundary) + "--\r\népilogue ignoré --" + std::string(kBoundary);
  auto parsed = parse_whole(body, dir.path());
  ASSERT_EQ(parsed.status, MultipartStatus::done) << parsed.error;
  EXPECT_EQ(parsed.fields, (Pairs{{"a", "1"}}));
}

TEST(WebMultipartParser, accepts_a_body_without_final_crlf) {
  TempDir dir;
  std::string body = body_of({field("a", "1")});
  body.resize(body.size() - 2);
  auto parsed = parse_whole(body, dir.path());
  EXPECT_EQ(parsed.status, MultipartStatus::done);
}

TEST(WebMultipartParser, header_names_are_case_insensitive_and_unknown_headers_ignored) {
  TempDir dir;
  auto parsed = parse_whole(
      body_of({{"content-disposition: FORM-DATA; NAME=\"x\"\r\nX-Autre: 1\r\n", "v"}}), dir.path());
  ASSERT_EQ(parsed.status, MultipartStatus::done) << parsed.error;
  EXPECT_EQ(parsed.fields, (Pairs{{"x", "v"}}));
}

TEST(WebMultipartParser, prefers_rfc5987_filename_star) {
  TempDir dir;
  Part p{
      "Content-Disposition: form-data; name=\"f\"; filename=\"fallback.pdf\"; "
      "filename*=UTF-8''%E2%82%AC%20r%C3%A9sum%C3%A9.pdf\r\n",
      "x"};
  auto parsed = parse_whole(body_of({p}), dir.path());
  ASSERT_EQ(parsed.files.size(), 1u);
  EXPECT_EQ(parsed.files[0].filename, "€ résumé.pdf");
}

TEST(WebMultipartParser, filename_star_in_latin1_is_converted_to_utf8) {
  TempDir dir;
  Part p{"Content-Disposition: form-data; name=\"f\"; filename*=iso-8859-1'fr'%E9t%E9.txt\r\n",
         "x"};
  auto parsed = parse_whole(body_of({p}), dir.path());
  ASSERT_EQ(parsed.files.size(), 1u);
  EXPECT_EQ(parsed.files[0].filename, "été.txt");
}

TEST(WebMultipartParser, keeps_only_the_last_component_of_windows_paths) {
  TempDir dir;
  auto parsed = parse_whole(body_of({file_part("f", "C:\\Users\\Jean\\Documents\\bac.pdf", "x")}),
                            dir.path());
  ASSERT_EQ(parsed.files.size(), 1u);
  EXPECT_EQ(parsed.files[0].filename, "bac.pdf");
}

TEST(WebMultipartParser, unescapes_quotes_in_quoted_names) {
  TempDir dir;
  Part p{"Content-Disposition: form-data; name=\"a\\\"b\"; filename=\"../../etc/passwd\"\r\n", "x"};
  auto parsed = parse_whole(body_of({p}), dir.path());
  ASSERT_EQ(parsed.files.size(), 1u);
  EXPECT_EQ(parsed.files[0].field, "a\"b");
  EXPECT_EQ(parsed.files[0].filename, "passwd");
  EXPECT_EQ(fs::path(parsed.files[0].path).parent_path(), dir.path());
}

TEST(WebMultipartParser, repairs_invalid_utf8_in_filenames) {
  TempDir dir;
  auto parsed = parse_whole(body_of({file_part("f", "\xE9t\xE9.pdf", "x")}), dir.path());
  ASSERT_EQ(parsed.files.size(), 1u);
  EXPECT_EQ(parsed.files[0].filename, "\xEF\xBF\xBDt\xEF\xBF\xBD.pdf");
}

TEST(WebMultipartParser, discards_empty_file_inputs) {
  TempDir dir;
  auto parsed = parse_whole(
      body_of({file_part("piece", "", "", "application/octet-stream"), field("a", "1")}),
      dir.path());
  ASSERT_EQ(parsed.status, MultipartStatus::done);
  EXPECT_TRUE(parsed.files.empty());
  EXPECT_EQ(parsed.fields, (Pairs{{"a", "1"}}));
  EXPECT_EQ(dir.entries(), 0u);
}

TEST(WebMultipartParser, missing_closing_delimiter_is_malformed_and_leaves_no_file) {
  TempDir dir;
  std::string body = body_of({file_part("f", "a.pdf", std::string(1000, 'x'))});
  body.resize(body.size() - 30);
  {
    MultipartParser parser(kBoundary, dir.path(), {});
    EXPECT_EQ(parser.feed(body), MultipartStatus::need_more);
    EXPECT_EQ(parser.finish(), MultipartStatus::malformed);
    EXPECT_FALSE(parser.error().empty());
  }
  EXPECT_EQ(dir.entries(), 0u);
}

TEST(WebMultipartParser, body_without_any_delimiter_is_malformed) {
  TempDir dir;
  MultipartParser parser(kBoundary, dir.path(), {});
  parser.feed("nom=Dupont&prenom=Jean");
  EXPECT_EQ(parser.finish(), MultipartStatus::malformed);
}

TEST(WebMultipartParser, rejects_parts_without_disposition_or_name) {
  TempDir dir;
  EXPECT_EQ(parse_whole(body_of({{"Content-Type: text/plain\r\n", "x"}}), dir.path()).status,
            MultipartStatus::malformed);
  EXPECT_EQ(parse_whole(body_of({{"Content-Disposition: form-data\r\n", "x"}}), dir.path()).status,
            MultipartStatus::malformed);
  EXPECT_EQ(
      parse_whole(body_of({{"Content-Disposition: attachment; name=\"a\"\r\n", "x"}}), dir.path())
          .status,
      MultipartStatus::malformed);
  EXPECT_EQ(parse_whole(body_of({{"Pas un en-tete\r\n", "x"}}), dir.path()).status,
            MultipartStatus::malformed);
  EXPECT_EQ(parse_whole(body_of({{"", "x"}}), dir.path()).status, MultipartStatus::malformed);
}

TEST(WebMultipartParser, rejects_invalid_utf8_or_nul_in_fields) {
  TempDir dir;
  EXPECT_EQ(parse_whole(body_of({field("a", "\xFF")}), dir.path()).status,
            MultipartStatus::malformed);
  EXPECT_EQ(parse_whole(body_of({field("a", std::string("x\0y", 3))}), dir.path()).status,
            MultipartStatus::malformed);
}

TEST(WebMultipartParser, limits_the_number_of_files) {
  TempDir dir;
  MultipartLimits limits;
  limits.max_files = 2;
  auto ok = parse_whole(body_of({file_part("f", "1.pdf", "1"), file_part("f", "2.pdf", "2")}),
                        dir.path(), limits);
  EXPECT_EQ(ok.status, MultipartStatus::done);
  for (auto& f : ok.files) fs::remove(f.path);
  auto parsed = parse_whole(body_of({file_part("f", "1.pdf", "1"), file_part("f", "2.pdf", "2"),
                                     file_part("f", "3.pdf", "3")}),
                            dir.path(), limits);
  EXPECT_EQ(parsed.status, MultipartStatus::too_large);
  EXPECT_NE(parsed.error.find("fichiers"), std::string::npos);
}

TEST(WebMultipartParser, limits_field_size_and_count) {
  TempDir dir;
  MultipartLimits limits;
  limits.max_field_bytes = 10;
  limits.max_fields = 2;
  EXPECT_EQ(parse_whole(body_of({field("a", std::string(10, 'x'))}), dir.path(), limits).status,
            MultipartStatus::done);
  EXPECT_EQ(parse_whole(body_of({field("a", std::string(11, 'x'))}), dir.path(), limits).status,
            MultipartStatus::too_large);
  EXPECT_EQ(
      parse_whole(body_of({field("a", "1"), field("b", "2"), field("c", "3")}), dir.path(), limits)
          .status,
      MultipartStatus::too_large);
}

TEST(WebMultipartParser, limits_part_headers) {
  TempDir dir;
  MultipartLimits limits;
  limits.max_part_header_bytes = 100;
  Part big{
      "Content-Disposition: form-data; name=\"a\"\r\nX-Long: " + std::string(200, 'h') + "\r\n",
      "x"};
  std::mt19937 rng(3);
  EXPECT_EQ(parse_in_chunks(body_of({big}), dir.path(), rng, 7, limits).status,
            MultipartStatus::too_large);
  // Headers that never end are cut off at the limit too, without waiting for the end.
  MultipartParser parser(kBoundary, dir.path(), limits);
  parser.feed("--" + std::string(kBoundary) + "\r\nX: ");
  EXPECT_EQ(parser.feed(std::string(200, 'h')), MultipartStatus::too_large);
}

// Found by fuzz_multipart: a header block of exactly the limit was refused when the blank
// line that ends it arrived in pieces, and accepted when it arrived whole.
TEST(WebMultipartParser, part_headers_at_the_limit_pass_however_they_arrive) {
  TempDir dir;
  MultipartLimits limits;
  limits.max_part_header_bytes = 100;
  const std::string start = "Content-Disposition: form-data; name=\"a\"\r\nX: ";
  // The block is the header lines without their last CRLF.
  const auto part = [&](std::size_t block) {
    return Part{start + std::string(block - start.size(), 'h') + "\r\n", "x"};
  };
  for (std::size_t max_chunk : {1u, 2u, 3u, 7u, 1000u}) {
    for (unsigned seed = 0; seed < 10; ++seed) {
      std::mt19937 rng(seed);
      auto parsed = parse_in_chunks(body_of({part(100)}), dir.path(), rng, max_chunk, limits);
      EXPECT_EQ(parsed.status, MultipartStatus::done) << "max_chunk " << max_chunk;
      EXPECT_EQ(parsed.fields, (Pairs{{"a", "x"}}));
      EXPECT_EQ(parse_in_chunks(body_of({part(101)}), dir.path(), rng, max_chunk, limits).status,
                MultipartStatus::too_large)
          << "max_chunk " << max_chunk;
    }
  }
}

TEST(WebMultipartParser, limits_total_size_and_removes_the_partial_file) {
  TempDir dir;
  MultipartLimits limits;
  limits.max_body_bytes = 100 * 1024;
  {
    MultipartParser parser(kBoundary, dir.path(), limits);
    std::string body = body_of({file_part("f", "gros.pdf", std::string(200 * 1024, 'x'))});
    MultipartStatus status = MultipartStatus::need_more;
    for (std::size_t at = 0; at < body.size() && status == MultipartStatus::need_more; at += 4096)
      status = parser.feed(std::string_view(body).substr(at, 4096));
    EXPECT_EQ(status, MultipartStatus::too_large);
    EXPECT_EQ(parser.feed("more"), MultipartStatus::too_large);  // errors are sticky
  }
  EXPECT_EQ(dir.entries(), 0u);
}

TEST(WebMultipartParser, destructor_removes_files_not_taken_and_keeps_taken_ones) {
  TempDir dir;
  std::string body = body_of({file_part("f", "a.pdf", "contenu")});
  {
    MultipartParser parser(kBoundary, dir.path(), {});
    ASSERT_EQ(parser.feed(body), MultipartStatus::done);
    EXPECT_EQ(dir.entries(), 1u);
  }
  EXPECT_EQ(dir.entries(), 0u);
  std::vector<UploadedFile> files;
  {
    MultipartParser parser(kBoundary, dir.path(), {});
    ASSERT_EQ(parser.feed(body), MultipartStatus::done);
    files = parser.take_files();
  }
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(read_file(files[0].path), "contenu");
}

TEST(WebMultipartParser, reports_io_error_when_the_upload_dir_is_missing) {
  TempDir dir;
  MultipartParser parser(kBoundary, dir.path() / "absent", {});
  EXPECT_EQ(parser.feed(body_of({file_part("f", "a.pdf", "x")})), MultipartStatus::io_error);
  EXPECT_FALSE(parser.error().empty());
}

// Generates a multipart body with one file of `size` bytes without ever holding it.
class StreamedBody {
 public:
  explicit StreamedBody(std::uint64_t size) : size_(size) {
    head_ = "--" + std::string(kBoundary) +
            "\r\nContent-Disposition: form-data; name=\"titre\"\r\n\r\nGros fichier\r\n--" +
            std::string(kBoundary) +
            "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"gros.bin\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n";
    tail_ = "\r\n--" + std::string(kBoundary) + "--\r\n";
  }
  static char byte_at(std::uint64_t i) { return static_cast<char>((i * 7919 + (i >> 13)) % 251); }
  // The next piece of at most `max` bytes; empty at the end.
  std::string next(std::size_t max) {
    std::string out;
    while (out.size() < max) {
      if (at_ < head_.size()) {
        std::size_t n = std::min(max - out.size(), head_.size() - at_);
        out.append(head_, at_, n);
        at_ += n;
      } else if (at_ < head_.size() + size_) {
        std::uint64_t i = at_ - head_.size();
        std::size_t n =
            static_cast<std::size_t>(std::min<std::uint64_t>(max - out.size(), size_ - i));
        for (std::size_t k = 0; k < n; ++k) out.push_back(byte_at(i + k));
        at_ += n;
      } else if (at_ < head_.size() + size_ + tail_.size()) {
        std::size_t t = static_cast<std::size_t>(at_ - head_.size() - size_);
        std::size_t n = std::min(max - out.size(), tail_.size() - t);
        out.append(tail_, t, n);
        at_ += n;
      } else {
        break;
      }
    }
    return out;
  }

 private:
  std::uint64_t size_;
  std::string head_, tail_;
  std::uint64_t at_ = 0;
};

TEST(WebMultipartParser, streams_a_20_mb_upload_to_disk_without_holding_it) {
  TempDir dir;
  constexpr std::uint64_t kSize = 20 * 1024 * 1024;
  constexpr std::size_t kMaxChunk = 64 * 1024;
  StreamedBody body(kSize);
  MultipartParser parser(kBoundary, dir.path(), {});
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> size(1, kMaxChunk);
  std::size_t max_buffered = 0;
  MultipartStatus status = MultipartStatus::need_more;
  for (std::string chunk = body.next(size(rng)); !chunk.empty(); chunk = body.next(size(rng))) {
    status = parser.feed(chunk);
    ASSERT_NE(status, MultipartStatus::too_large);
    ASSERT_NE(status, MultipartStatus::malformed);
    max_buffered = std::max(max_buffered, parser.buffered_bytes());
  }
  ASSERT_EQ(parser.finish(), MultipartStatus::done) << parser.error();
  // The write buffer (64 KiB) plus a delimiter's worth of look-ahead, never the file.
  EXPECT_LE(max_buffered, 64u * 1024 + 1024);
  auto fields = parser.take_fields();
  EXPECT_EQ(fields, (Pairs{{"titre", "Gros fichier"}}));
  auto files = parser.take_files();
  ASSERT_EQ(files.size(), 1u);
  EXPECT_EQ(files[0].size, kSize);
  EXPECT_EQ(fs::file_size(files[0].path), kSize);
  std::ifstream in(files[0].path, std::ios::binary);
  std::vector<char> block(1 << 20);
  std::uint64_t offset = 0;
  bool same = true;
  while (in && same) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    auto n = static_cast<std::size_t>(in.gcount());
    for (std::size_t k = 0; k < n && same; ++k)
      same = block[k] == StreamedBody::byte_at(offset + k);
    offset += n;
  }
  EXPECT_TRUE(same) << "content differs near byte " << offset;
  EXPECT_EQ(offset, kSize);
}

}  // namespace
}  // namespace examens::http
