// GNU gettext .mo parser: header, the two string tables, and a bounds check on every offset,
// because the file is read from the system and a truncated one must fail loudly, not crash.
#include "refdata/mo_catalog.hpp"

#include <cerrno>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#include "texte/texte.hpp"

namespace examens::refdata {
namespace {

constexpr std::uint32_t kMagic = 0x950412de;
constexpr std::uint32_t kMagicSwapped = 0xde120495;
constexpr std::size_t kHeaderSize = 28;

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {
    if (data_.size() < kHeaderSize) throw std::runtime_error("file shorter than a .mo header");
    const std::uint32_t magic = read_le(0);
    if (magic == kMagic) {
      big_endian_ = false;
    } else if (magic == kMagicSwapped) {
      big_endian_ = true;
    } else {
      throw std::runtime_error("not a gettext .mo file (bad magic number)");
    }
  }

  std::uint32_t u32(std::size_t offset) const {
    if (offset > data_.size() || data_.size() - offset < 4) {
      throw std::runtime_error("offset " + std::to_string(offset) + " outside the file");
    }
    return big_endian_ ? read_be(offset) : read_le(offset);
  }

  // A string of a table: `length` bytes at `offset`, followed by the NUL the format requires.
  std::string_view string_at(std::uint32_t table, std::uint32_t index) const {
    const std::size_t entry = std::size_t{table} + std::size_t{index} * 8;
    const std::uint32_t length = u32(entry);
    const std::uint32_t offset = u32(entry + 4);
    if (offset > data_.size() || data_.size() - offset <= length) {
      throw std::runtime_error("string " + std::to_string(index) + " outside the file");
    }
    return data_.substr(offset, length);
  }

 private:
  std::uint32_t byte(std::size_t i) const { return static_cast<unsigned char>(data_[i]); }
  std::uint32_t read_le(std::size_t o) const {
    return byte(o) | byte(o + 1) << 8 | byte(o + 2) << 16 | byte(o + 3) << 24;
  }
  std::uint32_t read_be(std::size_t o) const {
    return byte(o) << 24 | byte(o + 1) << 16 | byte(o + 2) << 8 | byte(o + 3);
  }

  std::string_view data_;
  bool big_endian_ = false;
};

std::string_view first_form(std::string_view s) {
  return s.substr(0, s.find('\0'));
}

// Strings are handed out as they are stored, so a catalogue in another charset would yield
// mojibake in every form; refuse it instead.
void check_charset(std::string_view header) {
  const std::string lower = texte::ascii_lower(header);
  const auto pos = lower.find("charset=");
  if (pos == std::string::npos) return;
  const auto start = pos + 8;
  const auto end = lower.find_first_of(" ;\n", start);
  const std::string charset = lower.substr(start, end - start);
  if (charset != "utf-8" && charset != "utf8" && charset != "ascii" && charset != "us-ascii") {
    throw std::runtime_error("catalogue charset is " + charset + ", expected UTF-8");
  }
}

}  // namespace

MoCatalog parse_mo(std::string_view data) {
  const Reader reader(data);
  const std::uint32_t revision = reader.u32(4);
  if ((revision >> 16) > 1) {
    throw std::runtime_error("unknown .mo major revision " + std::to_string(revision >> 16));
  }
  const std::uint32_t count = reader.u32(8);
  const std::uint32_t originals = reader.u32(12);
  const std::uint32_t translations = reader.u32(16);
  // Both tables must fit before any string is read, so a huge count fails without a huge loop.
  for (const std::uint32_t table : {originals, translations}) {
    if (table > data.size() || (data.size() - table) / 8 < count) {
      throw std::runtime_error("string table outside the file");
    }
  }

  MoCatalog catalog;
  catalog.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::string_view msgid = first_form(reader.string_at(originals, i));
    const std::string_view msgstr = first_form(reader.string_at(translations, i));
    if (msgid.empty()) {
      check_charset(msgstr);
      continue;
    }
    if (msgstr.empty()) continue;
    catalog.emplace(msgid, msgstr);
  }
  return catalog;
}

MoCatalog read_mo_catalog(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    throw std::runtime_error(
        path.string() + ": cannot open: " + std::generic_category().message(err ? err : ENOENT));
  }
  const std::string data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) throw std::runtime_error(path.string() + ": read error");
  try {
    return parse_mo(data);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path.string() + ": " + e.what());
  }
}

}  // namespace examens::refdata
