// An outgoing mail as plain data, and its rendering to RFC 5322 / MIME bytes.
// Pure apart from randomness (MIME boundary, generated ids): no I/O, no clock.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace examens::mail {

// One mail to one recipient, as the outbox stores it. All text is UTF-8.
// `message_id` is the id without angle brackets ("abc@examens.example"); the outbox
// sets it once (make_message_id) so that every delivery attempt carries the same id.
// `date` is set by the caller from its clock; nothing here reads the time.
struct Mail {
  std::string from_name;
  std::string from_address;
  std::string to_address;
  std::string subject;
  std::string text;  // plain-text body, always sent
  std::string html;  // HTML alternative; empty for a text-only mail
  std::string message_id;
  std::chrono::sys_seconds date{};
};

// Returns the complete message (headers and body) with CRLF line endings, ready
// for SMTP DATA or an .eml file. Non-ASCII display names and subjects become
// RFC 2047 encoded words; bodies are quoted-printable with lines of at most 76
// characters; a non-empty `html` makes a multipart/alternative with a random
// boundary. CR and LF inside header values are replaced by spaces, so no field
// can inject a header. An empty `message_id` gets a fresh one (make_message_id).
std::string render_rfc5322(const Mail& mail);

// Returns a new random message id ("<32 hex digits>@<domain>") using the domain of
// `from_address`, or "examens.invalid" when it has none.
std::string make_message_id(std::string_view from_address);

// Building blocks of render_rfc5322, public so their contracts are tested alone.

// Returns `value` as RFC 2047 "=?UTF-8?B?...?=" words, each at most 75 characters
// and never splitting a UTF-8 sequence. The first word is at most `first_limit`
// characters (the room left on the header's first line), but never under 20.
std::vector<std::string> encode_words(std::string_view value, std::size_t first_limit = 75);

// Returns the header line(s) "Name: value" ending in CRLF, folded so that lines
// stay within 78 characters where the value has spaces (76 for encoded words).
std::string format_unstructured_header(std::string_view name, std::string_view value);

// Returns the RFC 5322 date-time of `t` in UTC, e.g. "Thu, 10 Nov 2022 16:00:00 +0000".
std::string format_date(std::chrono::sys_seconds t);

// Returns `body` in quoted-printable (RFC 2045) with CRLF line breaks whatever
// the input's (LF, CRLF or CR), lines of at most 76 characters, and a dot at the
// start of a line encoded so that no SMTP dot-stuffing is ever needed.
std::string quoted_printable(std::string_view body);

}  // namespace examens::mail
