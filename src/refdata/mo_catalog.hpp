// Reader of GNU gettext binary catalogues (.mo files), used to take the French names of ISO 3166
// countries from Debian's iso-codes translations without linking libintl or switching locales.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

namespace examens::refdata {

// A translation catalogue: msgid -> msgstr. Only translated entries are kept: the header
// (empty msgid) and entries with an empty msgstr are left out, so `find` answers "translated?".
// For plural entries the key is the singular msgid and the value the first form; an entry with
// a context keeps gettext's "context\x04msgid" key.
using MoCatalog = std::unordered_map<std::string, std::string>;

// Parses the bytes of a .mo file of either byte order (magic 0x950412de read as little- or
// big-endian). Throws std::runtime_error saying what is wrong (bad magic, unknown major
// revision, a table or string outside the data, a charset other than UTF-8).
MoCatalog parse_mo(std::string_view data);

// Reads and parses a .mo file; a std::runtime_error names the path and the reason.
MoCatalog read_mo_catalog(const std::filesystem::path& path);

}  // namespace examens::refdata
