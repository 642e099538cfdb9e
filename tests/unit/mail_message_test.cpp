// Tests of mail rendering (mail/message.hpp): RFC 2047 headers, dates, ids,
// quoted-printable bodies and the multipart/alternative layout, decoded back here.
#include <gtest/gtest.h>
#include <sodium.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "mail/message.hpp"

namespace examens::mail {
namespace {

using namespace std::chrono;

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find("\r\n", start);
    if (end == std::string_view::npos) {
      if (start < text.size()) lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 2;
  }
  return lines;
}

std::string base64_decode(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    ADD_FAILURE() << "bad base64: " << text;
  }
  out.resize(length);
  return out;
}

std::string qp_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.substr(i + 1, 2) == "\r\n") {
      i += 2;  // soft line break
    } else {
      out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    }
  }
  return out;
}

// The encoded words of an unfolded header value, in order.
std::vector<std::string> encoded_words(std::string_view value) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while ((start = value.find("=?UTF-8?B?", start)) != std::string_view::npos) {
    const std::size_t end = value.find("?=", start + 10);
    words.emplace_back(value.substr(start, end + 2 - start));
    start = end + 2;
  }
  return words;
}

std::string decode_word(std::string_view word) {
  return base64_decode(word.substr(10, word.size() - 12));
}

// Decodes a value made only of encoded words: the folding between them vanishes.
std::string decode_words(std::string_view value) {
  std::string out;
  for (const std::string& word : encoded_words(value)) out += decode_word(word);
  return out;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t length = c < 0x80         ? 1
                               : (c >> 5) == 6  ? 2
                               : (c >> 4) == 14 ? 3
                               : (c >> 3) == 30 ? 4
                                                : 0;
    if (length == 0 || i + length > s.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += length;
  }
  return true;
}

struct Parsed {
  std::vector<std::string> header_lines;            // physical lines, folded
  std::multimap<std::string, std::string> headers;  // unfolded, CRLF removed
  std::string body;
};

Parsed parse(std::string_view message) {
  Parsed parsed;
  const std::size_t end = message.find("\r\n\r\n");
  EXPECT_NE(end, std::string_view::npos);
  for (std::string_view line : split_lines(message.substr(0, end))) {
    parsed.header_lines.emplace_back(line);
  }
  parsed.body = std::string(message.substr(end + 4));
  std::string name;
  std::string value;
  auto flush = [&] {
    if (!name.empty()) parsed.headers.emplace(name, value);
  };
  for (std::string_view line : parsed.header_lines) {
    if (line.starts_with(' ') || line.starts_with('\t')) {
      value += line;
      continue;
    }
    flush();
    const std::size_t colon = line.find(':');
    name = std::string(line.substr(0, colon));
    value = std::string(line.substr(colon + 2));
  }
  flush();
  return parsed;
}

std::string header(const Parsed& parsed, const std::string& name) {
  const auto it = parsed.headers.find(name);
  return it == parsed.headers.end() ? std::string() : it->second;
}

Mail sample() {
  Mail mail;
  mail.from_name = "Ministère de l'Éducation nationale";
  mail.from_address = "ne-pas-repondre@examens.education.gouv.fr";
  mail.to_address = "camille.dupont@example.org";
  mail.subject = "Modification d'inscription : BACCALAURÉAT PROFESSIONNEL";
  mail.text = "Bonjour Camille,\n\nVotre inscription n° 0123456789 a été modifiée.\n";
  mail.html =
      "<p>Bonjour Camille,</p>\n<p>Votre inscription n° <b>0123456789</b> a été modifiée.</p>";
  mail.message_id = "4f2c9a@examens.education.gouv.fr";
  mail.date = sys_days{2022y / November / 10} + 16h;
  return mail;
}

std::string boundary_of(const Parsed& parsed) {
  const std::string type = header(parsed, "Content-Type");
  const std::size_t at = type.find("boundary=\"");
  if (at == std::string::npos) return {};
  return type.substr(at + 10, type.find('"', at + 10) - at - 10);
}

// The parts of a multipart body: each part's own headers and decoded body.
std::vector<Parsed> parts_of(const Parsed& parsed) {
  const std::string delimiter = "--" + boundary_of(parsed);
  std::vector<Parsed> parts;
  std::size_t start = parsed.body.find(delimiter + "\r\n");
  while (start != std::string::npos) {
    start += delimiter.size() + 2;
    const std::size_t end = parsed.body.find("\r\n" + delimiter, start);
    if (end == std::string::npos) break;
    parts.push_back(parse(std::string_view(parsed.body).substr(start, end - start)));
    start = parsed.body.compare(end + 2, delimiter.size() + 2, delimiter + "--") == 0
                ? std::string::npos
                : end + 2;
  }
  return parts;
}

TEST(MailMessage, accented_subject_is_encoded_and_decodes_back) {
  const Parsed parsed = parse(render_rfc5322(sample()));
  const std::string subject = header(parsed, "Subject");
  EXPECT_TRUE(subject.starts_with("=?UTF-8?B?")) << subject;
  EXPECT_EQ(decode_words(subject), "Modification d'inscription : BACCALAURÉAT PROFESSIONNEL");
}

TEST(MailMessage, ascii_subject_stays_readable) {
  Mail mail = sample();
  mail.subject = "[examens] Activer mon compte";
  const Parsed parsed = parse(render_rfc5322(mail));
  EXPECT_EQ(header(parsed, "Subject"), "[examens] Activer mon compte");
}

TEST(MailMessage, encoded_words_fit_75_chars_and_never_split_a_utf8_sequence) {
  // Every alignment of 1-, 2-, 3- and 4-byte sequences against the word size.
  const std::vector<std::string> pieces = {"a", "é", "€", "𝄞", " "};
  for (std::size_t length = 1; length < 120; ++length) {
    std::string subject;
    for (std::size_t i = 0; i < length; ++i) subject += pieces[(i * 7 + length) % pieces.size()];
    subject += "É";
    Mail mail = sample();
    mail.subject = subject;
    const Parsed parsed = parse(render_rfc5322(mail));
    const std::string value = header(parsed, "Subject");
    for (const std::string& word : encoded_words(value)) {
      EXPECT_LE(word.size(), 75u) << word;
      EXPECT_TRUE(valid_utf8(decode_word(word))) << "word splits a sequence: " << word;
    }
    EXPECT_EQ(decode_words(value), subject);
    for (std::string_view line : parsed.header_lines) {
      if (line.find("=?UTF-8?B?") != std::string_view::npos) {
        EXPECT_LE(line.size(), 76u) << line;
      }
    }
  }
}

TEST(MailMessage, encode_words_respects_the_room_left_on_the_first_line) {
  const std::string value(100, 'e');
  const std::vector<std::string> words = encode_words(value, 40);
  ASSERT_GE(words.size(), 2u);
  EXPECT_LE(words[0].size(), 40u);
  for (const std::string& word : words) EXPECT_LE(word.size(), 75u);
  std::string decoded;
  for (const std::string& word : words) decoded += decode_word(word);
  EXPECT_EQ(decoded, value);
}

TEST(MailMessage, header_values_cannot_inject_headers) {
  Mail mail = sample();
  mail.subject = "Bonjour\r\nBcc: victime@example.org";
  mail.from_name = "Camille\nX-Injected: 1";
  mail.to_address = "camille@example.org\r\nCc: autre@example.org";
  const Parsed parsed = parse(render_rfc5322(mail));
  for (std::string_view line : parsed.header_lines) {
    EXPECT_FALSE(line.starts_with("Bcc")) << line;
    EXPECT_FALSE(line.starts_with("Cc")) << line;
    EXPECT_FALSE(line.starts_with("X-Injected")) << line;
  }
  EXPECT_EQ(header(parsed, "Subject"), "Bonjour  Bcc: victime@example.org");
}

TEST(MailMessage, accented_display_name_is_encoded) {
  const Parsed parsed = parse(render_rfc5322(sample()));
  const std::string from = header(parsed, "From");
  EXPECT_TRUE(from.ends_with(" <ne-pas-repondre@examens.education.gouv.fr>")) << from;
  EXPECT_EQ(decode_words(from), "Ministère de l'Éducation nationale");
  EXPECT_EQ(header(parsed, "To"), "camille.dupont@example.org");
}

TEST(MailMessage, ascii_display_name_is_plain_or_quoted) {
  Mail mail = sample();
  mail.from_name = "examens";
  EXPECT_EQ(header(parse(render_rfc5322(mail)), "From"),
            "examens <ne-pas-repondre@examens.education.gouv.fr>");
  mail.from_name = "Service \"examens\" (DEC)";
  EXPECT_EQ(header(parse(render_rfc5322(mail)), "From"),
            "\"Service \\\"examens\\\" (DEC)\" <ne-pas-repondre@examens.education.gouv.fr>");
  mail.from_name = "";
  EXPECT_EQ(header(parse(render_rfc5322(mail)), "From"),
            "ne-pas-repondre@examens.education.gouv.fr");
}

TEST(MailMessage, date_is_in_rfc5322_format) {
  EXPECT_EQ(format_date(sys_days{2022y / November / 10} + 16h), "Thu, 10 Nov 2022 16:00:00 +0000");
  EXPECT_EQ(format_date(sys_days{2024y / February / 29} + 23h + 59min + 58s),
            "Thu, 29 Feb 2024 23:59:58 +0000");
  EXPECT_EQ(format_date(sys_days{1970y / January / 1}), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(header(parse(render_rfc5322(sample())), "Date"), "Thu, 10 Nov 2022 16:00:00 +0000");
}

TEST(MailMessage, message_id_is_bracketed_once) {
  Mail mail = sample();
  EXPECT_EQ(header(parse(render_rfc5322(mail)), "Message-ID"),
            "<4f2c9a@examens.education.gouv.fr>");
  mail.message_id = "<4f2c9a@examens.education.gouv.fr>";
  EXPECT_EQ(header(parse(render_rfc5322(mail)), "Message-ID"),
            "<4f2c9a@examens.education.gouv.fr>");
}

TEST(MailMessage, missing_message_id_is_generated_on_the_sender_domain) {
  Mail mail = sample();
  mail.message_id.clear();
  const std::string id = header(parse(render_rfc5322(mail)), "Message-ID");
  EXPECT_TRUE(id.starts_with("<")) << id;
  EXPECT_TRUE(id.ends_with("@examens.education.gouv.fr>")) << id;
  EXPECT_EQ(id.size(), 1 + 32 + std::string("@examens.education.gouv.fr>").size());
  EXPECT_NE(make_message_id("a@b.fr"), make_message_id("a@b.fr"));
  EXPECT_TRUE(make_message_id("no domain").ends_with("@examens.invalid"));
}

TEST(MailMessage, html_mail_is_multipart_alternative_text_first) {
  const Mail mail = sample();
  const Parsed parsed = parse(render_rfc5322(mail));
  EXPECT_EQ(header(parsed, "MIME-Version"), "1.0");
  EXPECT_TRUE(header(parsed, "Content-Type").starts_with("multipart/alternative;"));
  EXPECT_FALSE(boundary_of(parsed).empty());
  EXPECT_TRUE(parsed.body.ends_with("--" + boundary_of(parsed) + "--\r\n"));
  const std::vector<Parsed> parts = parts_of(parsed);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(header(parts[0], "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(header(parts[0], "Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(qp_decode(parts[0].body),
            "Bonjour Camille,\r\n\r\nVotre inscription n° 0123456789 a été modifiée.\r\n");
  EXPECT_EQ(header(parts[1], "Content-Type"), "text/html; charset=UTF-8");
  EXPECT_EQ(qp_decode(parts[1].body),
            "<p>Bonjour Camille,</p>\r\n<p>Votre inscription n° <b>0123456789</b> a été "
            "modifiée.</p>");
}

TEST(MailMessage, text_only_mail_has_a_single_part) {
  Mail mail = sample();
  mail.html.clear();
  const Parsed parsed = parse(render_rfc5322(mail));
  EXPECT_EQ(header(parsed, "Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(header(parsed, "Content-Transfer-Encoding"), "quoted-printable");
  EXPECT_EQ(parsed.body.find("--=_"), std::string::npos);
  EXPECT_EQ(qp_decode(parsed.body),
            "Bonjour Camille,\r\n\r\nVotre inscription n° 0123456789 a été modifiée.\r\n");
}

TEST(MailMessage, boundary_is_random) {
  std::set<std::string> boundaries;
  for (int i = 0; i < 5; ++i) boundaries.insert(boundary_of(parse(render_rfc5322(sample()))));
  EXPECT_EQ(boundaries.size(), 5u);
}

TEST(MailMessage, every_line_ends_in_crlf_and_body_lines_fit_76) {
  Mail mail = sample();
  mail.text = std::string(300, 'x') + "\n" + std::string(200, ' ') + "\r" + "fin";
  mail.html = "<p>" + std::string(500, 'y') + "</p>\r\n";
  const std::string message = render_rfc5322(mail);
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message[i] == '\n') {
      ASSERT_TRUE(i > 0 && message[i - 1] == '\r') << "bare LF at " << i;
    }
    if (message[i] == '\r') {
      ASSERT_TRUE(i + 1 < message.size() && message[i + 1] == '\n') << "bare CR at " << i;
    }
  }
  EXPECT_TRUE(message.ends_with("\r\n"));
  const Parsed parsed = parse(message);
  for (std::string_view line : split_lines(parsed.body)) EXPECT_LE(line.size(), 76u) << line;
  for (std::string_view line : parsed.header_lines) EXPECT_LE(line.size(), 78u) << line;
  const std::vector<Parsed> parts = parts_of(parsed);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(qp_decode(parts[0].body),
            std::string(300, 'x') + "\r\n" + std::string(200, ' ') + "\r\nfin");
}

TEST(MailMessage, quoted_printable_encodes_what_it_must) {
  EXPECT_EQ(quoted_printable("a=b"), "a=3Db");
  EXPECT_EQ(quoted_printable("été"), "=C3=A9t=C3=A9");
  EXPECT_EQ(quoted_printable("fin \nsuite\t"), "fin=20\r\nsuite=09");
  EXPECT_EQ(quoted_printable("a\r\nb\rc\n"), "a\r\nb\r\nc\r\n");
  EXPECT_EQ(quoted_printable(".\n..x"), "=2E\r\n=2E.x");
  EXPECT_EQ(quoted_printable(""), "");
}

TEST(MailMessage, quoted_printable_soft_breaks_long_lines) {
  std::string line = std::string(75, 'a') + "=";
  for (int i = 0; i < 100; ++i) line += "é";
  line += " .";
  const std::string encoded = quoted_printable(line);
  const std::vector<std::string_view> lines = split_lines(encoded);
  ASSERT_GT(lines.size(), 3u);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 76u) << lines[i];
    if (i + 1 < lines.size()) {
      EXPECT_TRUE(lines[i].ends_with('=')) << lines[i];
    }
    EXPECT_FALSE(lines[i].starts_with('.')) << lines[i];
  }
  EXPECT_EQ(qp_decode(encoded), line);
  EXPECT_EQ(quoted_printable(std::string(76, 'z')), std::string(76, 'z'));
}

TEST(MailMessage, long_ascii_header_is_folded_at_spaces) {
  std::string subject = "[examens]";
  for (int i = 0; i < 20; ++i) subject += " convocation";
  const std::string folded = format_unstructured_header("Subject", subject);
  const std::vector<std::string_view> lines = split_lines(folded);
  ASSERT_GT(lines.size(), 1u);
  std::string unfolded;
  for (std::string_view line : lines) {
    EXPECT_LE(line.size(), 78u) << line;
    unfolded += line;
  }
  EXPECT_EQ(unfolded, "Subject: " + subject);
}

}  // namespace
}  // namespace examens::mail
