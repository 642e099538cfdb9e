// Rendering of a Mail to RFC 5322 / MIME bytes: header encoding (RFC 2047),
// folding, dates, quoted-printable bodies and the multipart/alternative layout.
#include "mail/message.hpp"

#include <date/date.h>

#include <algorithm>
#include <locale>
#include <stdexcept>

#include "crypto/secrets.hpp"
#include "texte/texte.hpp"

namespace examens::mail {
namespace {

constexpr std::string_view kCrlf = "\r\n";
// "=?UTF-8?B?" and "?=" around the base64 text of an encoded word.
constexpr std::size_t kEncodedWordOverhead = 12;
constexpr std::size_t kMaxEncodedWord = 75;
// RFC 2047 wants lines holding encoded words within 76 characters; RFC 5322
// recommends 78 for everything else.
constexpr std::size_t kEncodedLineLimit = 76;
constexpr std::size_t kPlainLineLimit = 78;
constexpr std::size_t kQpLineLimit = 76;

// Header values come partly from user input (names, subjects built from
// catalogue data): control characters, CR and LF above all, become spaces.
std::string clean_header_text(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = ' ';
  }
  return out;
}

bool needs_encoding(std::string_view value) {
  for (char c : value) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  // Plain text that looks like an encoded word would be decoded by readers.
  return value.find("=?") != std::string_view::npos;
}

bool is_atext_or_space(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view(" !#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

// Joins tokens with single spaces on "Name:" lines, starting a continuation line
// (CRLF + space) before a token that would pass `limit`. The first token always
// stays on the first line, and an empty token (from doubled spaces) never starts
// a line, since a folded line made only of whitespace is forbidden.
std::string fold_tokens(std::string_view name, const std::vector<std::string>& tokens,
                        std::size_t limit) {
  std::string out(name);
  out += ':';
  std::size_t column = out.size();
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string& token = tokens[i];
    if (i > 0 && !token.empty() && column + 1 + token.size() > limit) {
      out += kCrlf;
      column = 0;
    }
    out += ' ';
    out += token;
    column += 1 + token.size();
  }
  out += kCrlf;
  return out;
}

std::vector<std::string> split_on_spaces(std::string_view value) {
  std::vector<std::string> tokens;
  std::size_t start = 0;
  while (true) {
    const std::size_t space = value.find(' ', start);
    tokens.emplace_back(value.substr(start, space - start));
    if (space == std::string_view::npos) break;
    start = space + 1;
  }
  return tokens;
}

std::string format_mailbox_header(std::string_view name, std::string_view display_name,
                                  std::string_view address) {
  const std::string clean_name = clean_header_text(display_name);
  const std::string clean_address = clean_header_text(address);
  if (clean_name.empty()) return fold_tokens(name, {clean_address}, kPlainLineLimit);

  std::vector<std::string> tokens;
  if (needs_encoding(clean_name)) {
    tokens = encode_words(clean_name, kEncodedLineLimit - (name.size() + 2));
  } else {
    bool plain_phrase = true;
    for (char c : clean_name) plain_phrase = plain_phrase && is_atext_or_space(c);
    if (plain_phrase) {
      tokens.push_back(clean_name);
    } else {
      std::string quoted = "\"";
      for (char c : clean_name) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      quoted += '"';
      tokens.push_back(std::move(quoted));
    }
  }
  tokens.push_back("<" + clean_address + ">");
  return fold_tokens(name, tokens, kEncodedLineLimit);
}

std::string strip_angle_brackets(std::string_view id) {
  if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
  return std::string(id);
}

std::string render_part(std::string_view content_type, std::string_view body) {
  std::string out = "Content-Type: ";
  out += content_type;
  out += "; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += quoted_printable(body);
  return out;
}

}  // namespace

std::vector<std::string> encode_words(std::string_view value, std::size_t first_limit) {
  // 20 characters hold 6 bytes, so every word can carry a whole 4-byte sequence.
  constexpr std::size_t kMinWord = kEncodedWordOverhead + 8;
  std::vector<std::string> words;
  std::size_t start = 0;
  std::size_t limit = std::clamp(first_limit, kMinWord, kMaxEncodedWord);
  while (start < value.size()) {
    const std::size_t max_bytes = (limit - kEncodedWordOverhead) / 4 * 3;
    const std::string_view word = texte::cut_utf8(value.substr(start), max_bytes);
    words.push_back("=?UTF-8?B?" + crypto::base64(word) + "?=");
    start += word.size();
    limit = kMaxEncodedWord;
  }
  return words;
}

std::string format_unstructured_header(std::string_view name, std::string_view value) {
  const std::string clean = clean_header_text(value);
  if (needs_encoding(clean)) {
    return fold_tokens(name, encode_words(clean, kEncodedLineLimit - (name.size() + 2)),
                       kEncodedLineLimit);
  }
  return fold_tokens(name, split_on_spaces(clean), kPlainLineLimit);
}

std::string format_date(std::chrono::sys_seconds t) {
  return date::format(std::locale::classic(), "%a, %d %b %Y %T +0000", t);
}

std::string quoted_printable(std::string_view body) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(body.size() + body.size() / 8);
  std::size_t column = 0;
  std::size_t i = 0;
  while (i < body.size()) {
    std::size_t eol = i;
    while (eol < body.size() && body[eol] != '\r' && body[eol] != '\n') ++eol;
    for (std::size_t j = i; j < eol; ++j) {
      const auto c = static_cast<unsigned char>(body[j]);
      const bool last = j + 1 == eol;
      // The last character may reach the limit; any other leaves room for "=".
      const std::size_t limit = last ? kQpLineLimit : kQpLineLimit - 1;
      bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
      // A literal dot would open a physical line here: encode it instead.
      if (c == '.' && (column == 0 || column + 1 > limit)) literal = false;
      const std::size_t width = literal ? 1 : 3;
      if (column + width > limit) {
        out += "=\r\n";
        column = 0;
      }
      if (literal) {
        out += static_cast<char>(c);
      } else {
        out += '=';
        out += kHex[c >> 4];
        out += kHex[c & 0x0F];
      }
      column += width;
    }
    if (eol == body.size()) break;
    out += kCrlf;
    column = 0;
    i = eol + ((body[eol] == '\r' && eol + 1 < body.size() && body[eol + 1] == '\n') ? 2 : 1);
  }
  return out;
}

std::string make_message_id(std::string_view from_address) {
  std::string domain;
  const std::size_t at = from_address.rfind('@');
  if (at != std::string_view::npos) {
    for (char c : from_address.substr(at + 1)) {
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '-') {
        domain += c;
      }
    }
  }
  if (domain.empty()) domain = "examens.invalid";
  return crypto::random_hex(16) + "@" + domain;
}

std::string render_rfc5322(const Mail& mail) {
  const std::string id = mail.message_id.empty() ? make_message_id(mail.from_address)
                                                 : strip_angle_brackets(mail.message_id);
  std::string out;
  out.reserve(1024 + mail.text.size() * 2 + mail.html.size() * 2);
  out += "Date: " + format_date(mail.date) + "\r\n";
  out += format_mailbox_header("From", mail.from_name, mail.from_address);
  out += fold_tokens("To", {clean_header_text(mail.to_address)}, kPlainLineLimit);
  out += format_unstructured_header("Subject", mail.subject);
  out += "Message-ID: <" + clean_header_text(id) + ">\r\n";
  // RFC 3834: tells autoresponders (holiday replies) not to answer the portal.
  out += "Auto-Submitted: auto-generated\r\n";
  out += "MIME-Version: 1.0\r\n";
  if (mail.html.empty()) {
    out += render_part("text/plain", mail.text);
    // SMTP wants the data to end in CRLF; adding one to a text that has its own
    // final newline would show as an extra blank line.
    if (!out.ends_with(kCrlf)) out += kCrlf;
    return out;
  }
  // "=_" cannot occur in quoted-printable output, so the boundary never
  // collides with a body whatever it holds; the random part keeps it unique.
  const std::string boundary = "=_examens_" + crypto::random_hex(12);
  out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n";
  out += render_part("text/plain", mail.text);
  out += "\r\n--" + boundary + "\r\n";
  out += render_part("text/html", mail.html);
  out += "\r\n--" + boundary + "--\r\n";
  return out;
}

}  // namespace examens::mail
