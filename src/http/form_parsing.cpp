// Urlencoded, cookie, path and Content-Type parsing, and the streaming multipart parser that
// writes file parts to disk with random names.
#include "http/form_parsing.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <system_error>

#include "texte/texte.hpp"

namespace examens::http {
namespace {

// Files are written in blocks of this size so that tiny chunks do not become tiny writes.
constexpr std::size_t kWriteBufferBytes = 64 * 1024;
// Transport padding allowed between a boundary and its CRLF (RFC 2046); clients send none.
constexpr std::size_t kMaxTransportPadding = 64;
constexpr std::size_t kMaxFilenameBytes = 255;
constexpr std::string_view kOws = " \t";  // HTTP's optional whitespace around values

using texte::ascii_lower;
using texte::iequals_ascii;
using texte::is_valid_utf8;
using texte::repair_utf8;
using texte::trim;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes (and '+' as space when asked); nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = hex_value(in[i + 1]);
      int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool has_nul(std::string_view s) {
  return s.find('\0') != std::string_view::npos;
}

std::string latin1_to_utf8(std::string_view s) {
  std::string out;
  // Latin-1 bytes are the code points U+0000..U+00FF.
  for (char c : s) texte::append_utf8(out, static_cast<unsigned char>(c));
  return out;
}

// Header parameters after the first ';' of a value such as Content-Type or
// Content-Disposition: names lower-cased, quoted values unescaped. A backslash escapes only
// '"' and '\', because old browsers send Windows paths with bare backslashes in filename.
std::optional<std::vector<std::pair<std::string, std::string>>> parse_params(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == ';')) ++i;
    if (i >= s.size()) break;
    std::size_t eq = s.find_first_of("=;", i);
    if (eq == std::string_view::npos || s[eq] == ';') {
      // A bare token carries no value; skip it as browsers do.
      i = (eq == std::string_view::npos) ? s.size() : eq;
      continue;
    }
    std::string name = ascii_lower(trim(s.substr(i, eq - i), kOws));
    i = eq + 1;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    std::string value;
    if (i < s.size() && s[i] == '"') {
      ++i;
      bool closed = false;
      while (i < s.size()) {
        char c = s[i];
        if (c == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) {
          value.push_back(s[i + 1]);
          i += 2;
        } else if (c == '"') {
          closed = true;
          ++i;
          break;
        } else {
          value.push_back(c);
          ++i;
        }
      }
      if (!closed) return std::nullopt;
      while (i < s.size() && s[i] != ';') {
        if (s[i] != ' ' && s[i] != '\t') return std::nullopt;
        ++i;
      }
    } else {
      std::size_t end = s.find(';', i);
      if (end == std::string_view::npos) end = s.size();
      value = std::string(trim(s.substr(i, end - i), kOws));
      i = end;
    }
    if (!name.empty()) out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

// RFC 5987 ext-value: charset'language'percent-encoded; only UTF-8 and ISO-8859-1 exist in
// practice. nullopt sends the caller back to the plain filename parameter.
std::optional<std::string> decode_ext_value(std::string_view v) {
  std::size_t q1 = v.find('\'');
  if (q1 == std::string_view::npos) return std::nullopt;
  std::size_t q2 = v.find('\'', q1 + 1);
  if (q2 == std::string_view::npos) return std::nullopt;
  std::string_view charset = v.substr(0, q1);
  auto decoded = percent_decode(v.substr(q2 + 1), false);
  if (!decoded) return std::nullopt;
  if (iequals_ascii(charset, "utf-8")) {
    if (!is_valid_utf8(*decoded)) return std::nullopt;
    return decoded;
  }
  if (iequals_ascii(charset, "iso-8859-1")) return latin1_to_utf8(*decoded);
  return std::nullopt;
}

// Keeps what can be shown safely: the last path component (old browsers send full Windows
// paths), no control characters, valid UTF-8, at most 255 bytes cut on a character boundary.
std::string sanitize_filename(std::string_view raw) {
  std::size_t slash = raw.find_last_of("/\\");
  if (slash != std::string_view::npos) raw.remove_prefix(slash + 1);
  std::string cleaned;
  for (char c : raw)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) cleaned.push_back(c);
  return std::string(texte::cut_utf8(repair_utf8(cleaned), kMaxFilenameBytes));
}

std::optional<std::string> random_upload_name() {
  unsigned char bytes[16];
  std::size_t got = 0;
  while (got < sizeof bytes) {
    ssize_t n = ::getrandom(bytes + got, sizeof bytes - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::nullopt;
    }
    got += static_cast<std::size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string name = "upload-";
  for (unsigned char b : bytes) {
    name.push_back(kHex[b >> 4]);
    name.push_back(kHex[b & 0x0F]);
  }
  return name;
}

// The two headers of a part that matter; nullopt when the block is not a header block.
struct PartHeaders {
  std::optional<std::string> disposition;
  std::string content_type;
};

std::optional<PartHeaders> read_part_headers(std::string_view block) {
  PartHeaders out;
  std::string* last = nullptr;
  while (!block.empty()) {
    std::size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = (eol == std::string_view::npos) ? std::string_view{} : block.substr(eol + 2);
    if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) {
      // Obsolete line folding: a continuation of the previous header.
      if (last == nullptr) return std::nullopt;
      *last += ' ';
      *last += trim(line, kOws);
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    std::string_view name = trim(line.substr(0, colon), kOws);
    std::string value(trim(line.substr(colon + 1), kOws));
    if (iequals_ascii(name, "content-disposition")) {
      out.disposition = std::move(value);
      last = &*out.disposition;
    } else if (iequals_ascii(name, "content-type")) {
      out.content_type = std::move(value);
      last = &out.content_type;
    } else {
      last = nullptr;
    }
  }
  return out;
}

}  // namespace

std::optional<FormFields> parse_urlencoded(std::string_view text) {
  FormFields out;
  while (!text.empty()) {
    std::size_t amp = text.find('&');
    std::string_view piece = text.substr(0, amp);
    text = (amp == std::string_view::npos) ? std::string_view{} : text.substr(amp + 1);
    if (piece.empty()) continue;
    std::size_t eq = piece.find('=');
    auto name = percent_decode(piece.substr(0, eq), true);
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1), true);
    if (!name || !value) return std::nullopt;
    if (has_nul(*name) || has_nul(*value) || !is_valid_utf8(*name) || !is_valid_utf8(*value))
      return std::nullopt;
    out.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

std::map<std::string, std::string> parse_cookie_header(std::string_view header) {
  std::map<std::string, std::string> out;
  while (!header.empty()) {
    std::size_t semi = header.find(';');
    std::string_view piece = trim(header.substr(0, semi), kOws);
    header = (semi == std::string_view::npos) ? std::string_view{} : header.substr(semi + 1);
    std::size_t eq = piece.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = trim(piece.substr(0, eq), kOws);
    std::string_view value = trim(piece.substr(eq + 1), kOws);
    if (name.empty()) continue;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
      value = value.substr(1, value.size() - 2);
    out.emplace(std::string(name), std::string(value));
  }
  return out;
}

std::optional<std::string> percent_decode_path(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  auto decoded = percent_decode(path, false);
  if (!decoded || !is_valid_utf8(*decoded)) return std::nullopt;
  for (char c : *decoded)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return std::nullopt;
  return decoded;
}

std::string media_type(std::string_view content_type) {
  std::string_view type = content_type.substr(0, content_type.find(';'));
  return ascii_lower(trim(type, kOws));
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  std::size_t semi = content_type.find(';');
  if (semi == std::string_view::npos) return std::nullopt;
  auto params = parse_params(content_type.substr(semi + 1));
  if (!params) return std::nullopt;
  for (const auto& [name, value] : *params) {
    if (name != "boundary") continue;
    if (value.empty() || value.size() > 70 || value.back() == ' ') return std::nullopt;
    for (char c : value)
      if (c < 0x20 || c > 0x7E) return std::nullopt;
    return value;
  }
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------

MultipartParser::MultipartParser(std::string_view boundary, std::filesystem::path upload_dir,
                                 MultipartLimits limits)
    : delimiter_("\r\n--" + std::string(boundary)),
      upload_dir_(std::move(upload_dir)),
      limits_(limits) {
  // The first delimiter may open the body without a preceding CRLF; pretending the body
  // starts with one lets a single search handle every delimiter.
  buf_ = "\r\n";
}

MultipartParser::~MultipartParser() {
  close_file();
  remove_owned_files();
}

MultipartStatus MultipartParser::fail(MultipartStatus status, std::string message) {
  status_ = status;
  error_ = std::move(message);
  close_file();
  return status_;
}

MultipartStatus MultipartParser::feed(std::string_view chunk) {
  if (status_ != MultipartStatus::need_more) return status_;
  total_fed_ += chunk.size();
  if (total_fed_ > limits_.max_body_bytes)
    return fail(MultipartStatus::too_large, "Les fichiers envoyés sont trop volumineux.");
  buf_.append(chunk);
  for (;;) {
    bool progressed = false;
    switch (state_) {
      case State::preamble:
      case State::body: progressed = scan_for_delimiter(); break;
      case State::headers: progressed = parse_part_headers(); break;
      case State::done:
        // The epilogue carries nothing for us.
        pos_ = buf_.size();
        status_ = MultipartStatus::done;
        break;
    }
    if (status_ != MultipartStatus::need_more || !progressed) break;
  }
  buf_.erase(0, pos_);
  pos_ = 0;
  return status_;
}

MultipartStatus MultipartParser::finish() {
  if (status_ == MultipartStatus::need_more)
    return fail(MultipartStatus::malformed, "Le formulaire envoyé est incomplet.");
  return status_;
}

bool MultipartParser::scan_for_delimiter() {
  std::string_view data(buf_);
  for (std::size_t from = pos_;;) {
    std::size_t at = data.find(delimiter_, from);
    if (at == std::string_view::npos) {
      // Everything except a possible delimiter prefix at the end is content.
      std::size_t keep = std::min(data.size() - pos_, delimiter_.size() - 1);
      std::size_t emit_end = data.size() - keep;
      if (emit_end > pos_ && !on_part_data(data.substr(pos_, emit_end - pos_))) return false;
      pos_ = emit_end;
      return false;
    }
    // Only CRLF--boundary followed by "--" or by optional padding and CRLF is a delimiter;
    // anything else (a near miss such as --boundaryX) is content.
    std::size_t after = at + delimiter_.size();
    std::size_t k = after;
    while (k < data.size() && k - after <= kMaxTransportPadding &&
           (data[k] == ' ' || data[k] == '\t'))
      ++k;
    bool need_more = false;
    bool is_close = false;
    bool is_delimiter = false;
    if (k - after > kMaxTransportPadding) {
      is_delimiter = false;
    } else if (k + 2 > data.size()) {
      need_more = true;
    } else if (k == after && data[k] == '-' && data[k + 1] == '-') {
      is_delimiter = is_close = true;
    } else if (data[k] == '\r' && data[k + 1] == '\n') {
      is_delimiter = true;
    }
    if (need_more) {
      if (at > pos_ && !on_part_data(data.substr(pos_, at - pos_))) return false;
      pos_ = at;
      return false;
    }
    if (!is_delimiter) {
      from = at + 1;
      continue;
    }
    if (at > pos_ && !on_part_data(data.substr(pos_, at - pos_))) return false;
    if (state_ == State::body && !end_part()) return false;
    if (is_close) {
      pos_ = after + 2;
      state_ = State::done;
    } else {
      pos_ = k + 2;
      state_ = State::headers;
    }
    return true;
  }
}

bool MultipartParser::parse_part_headers() {
  std::string_view data = std::string_view(buf_).substr(pos_);
  std::size_t end;
  std::size_t block_len;
  if (data.starts_with("\r\n")) {
    end = 2;
    block_len = 0;
  } else {
    std::size_t at = data.find("\r\n\r\n");
    if (at == std::string_view::npos) {
      // Up to three bytes of the blank line that ends the block may be there already.
      if (data.size() > limits_.max_part_header_bytes + 3)
        fail(MultipartStatus::too_large,
             "Les en-têtes d'une partie du formulaire sont trop longs.");
      return false;
    }
    end = at + 4;
    block_len = at;
  }
  if (block_len > limits_.max_part_header_bytes) {
    fail(MultipartStatus::too_large, "Les en-têtes d'une partie du formulaire sont trop longs.");
    return false;
  }
  if (!start_part(data.substr(0, block_len))) return false;
  pos_ += end;
  state_ = State::body;
  return true;
}

bool MultipartParser::start_part(std::string_view block) {
  auto headers = read_part_headers(block);
  if (!headers) {
    fail(MultipartStatus::malformed, "Le formulaire envoyé est mal formé.");
    return false;
  }
  auto& disposition = headers->disposition;
  const std::string& content_type = headers->content_type;
  if (!disposition) {
    fail(MultipartStatus::malformed, "Une partie du formulaire n'a pas de nom.");
    return false;
  }
  std::size_t semi = disposition->find(';');
  std::string_view type = trim(std::string_view(*disposition).substr(0, semi), kOws);
  auto params =
      parse_params(semi == std::string::npos ? std::string_view{}
                                             : std::string_view(*disposition).substr(semi + 1));
  if (!iequals_ascii(type, "form-data") || !params) {
    fail(MultipartStatus::malformed, "Le formulaire envoyé est mal formé.");
    return false;
  }
  std::optional<std::string> name;
  std::optional<std::string> filename;
  std::optional<std::string> filename_ext;
  for (auto& [key, value] : *params) {
    if (key == "name" && !name)
      name = std::move(value);
    else if (key == "filename" && !filename)
      filename = std::move(value);
    else if (key == "filename*" && !filename_ext)
      filename_ext = decode_ext_value(value);
  }
  if (!name || has_nul(*name) || !is_valid_utf8(*name)) {
    fail(MultipartStatus::malformed, "Une partie du formulaire n'a pas de nom valide.");
    return false;
  }
  part_name_ = std::move(*name);
  part_value_.clear();

  if (!filename && !filename_ext) {
    if (fields_.size() >= limits_.max_fields) {
      fail(MultipartStatus::too_large, "Le formulaire contient trop de champs.");
      return false;
    }
    kind_ = PartKind::field;
    return true;
  }
  std::string shown = sanitize_filename(filename_ext ? *filename_ext : *filename);
  if (shown.empty() && (filename_ext ? filename_ext->empty() : filename->empty())) {
    // An empty file input: browsers send the part with an empty filename and no content.
    kind_ = PartKind::discard;
    return true;
  }
  if (shown.empty()) shown = "fichier";
  if (files_.size() >= limits_.max_files) {
    fail(MultipartStatus::too_large, "Trop de fichiers ont été envoyés en une fois.");
    return false;
  }
  auto random_name = random_upload_name();
  if (!random_name) {
    fail(MultipartStatus::io_error, "Impossible d'enregistrer le fichier envoyé.");
    return false;
  }
  std::filesystem::path path = upload_dir_ / *random_name;
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    fail(MultipartStatus::io_error, "Impossible d'enregistrer le fichier envoyé.");
    return false;
  }
  owned_paths_.push_back(path.string());
  kind_ = PartKind::file;
  part_file_ = UploadedFile{};
  part_file_.field = part_name_;
  part_file_.filename = std::move(shown);
  part_file_.content_type = repair_utf8(content_type);
  part_file_.path = path.string();
  write_buf_.clear();
  return true;
}

bool MultipartParser::on_part_data(std::string_view data) {
  if (state_ != State::body) return true;  // preamble
  switch (kind_) {
    case PartKind::discard: return true;
    case PartKind::field:
      if (part_value_.size() + data.size() > limits_.max_field_bytes) {
        fail(MultipartStatus::too_large, "Un champ du formulaire est trop long.");
        return false;
      }
      part_value_.append(data);
      return true;
    case PartKind::file:
      part_file_.size += data.size();
      write_buf_.append(data);
      return write_buf_.size() < kWriteBufferBytes || flush_file();
  }
  return true;
}

bool MultipartParser::end_part() {
  switch (kind_) {
    case PartKind::discard: break;
    case PartKind::field:
      if (has_nul(part_value_) || !is_valid_utf8(part_value_)) {
        fail(MultipartStatus::malformed,
             "Un champ du formulaire contient des caractères invalides.");
        return false;
      }
      fields_.emplace_back(std::move(part_name_), std::move(part_value_));
      break;
    case PartKind::file:
      if (!flush_file()) return false;
      if (::close(fd_) != 0) {
        fd_ = -1;
        fail(MultipartStatus::io_error, "Impossible d'enregistrer le fichier envoyé.");
        return false;
      }
      fd_ = -1;
      files_.push_back(std::move(part_file_));
      break;
  }
  kind_ = PartKind::discard;
  part_name_.clear();
  part_value_.clear();
  return true;
}

bool MultipartParser::flush_file() {
  std::string_view rest(write_buf_);
  while (!rest.empty()) {
    ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(MultipartStatus::io_error, "Impossible d'enregistrer le fichier envoyé.");
      return false;
    }
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  write_buf_.clear();
  return true;
}

void MultipartParser::close_file() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  write_buf_.clear();
}

void MultipartParser::remove_owned_files() {
  for (const auto& path : owned_paths_) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
  owned_paths_.clear();
}

FormFields MultipartParser::take_fields() {
  return std::move(fields_);
}

std::vector<UploadedFile> MultipartParser::take_files() {
  // Only completed files change hands; a partial one stays ours and is removed with us.
  std::vector<std::string> still_owned;
  for (const auto& path : owned_paths_) {
    bool taken = std::any_of(files_.begin(), files_.end(),
                             [&](const UploadedFile& f) { return f.path == path; });
    if (!taken) still_owned.push_back(path);
  }
  owned_paths_ = std::move(still_owned);
  return std::move(files_);
}

}  // namespace examens::http
