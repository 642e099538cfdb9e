// The virus scan of an uploaded file by ClamAV's clamd, over its unix socket (INSTREAM):
// "zINSTREAM\0", then chunks each preceded by its length (4 bytes, big-endian), then a
// zero-length chunk; clamd answers "stream: OK" or "stream: <signature> FOUND".
// Thread-safe: one connection per scan.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

namespace examens::fichiers {

enum class Verdict { sain, infecte, indisponible };

struct Analyse {
  Verdict verdict = Verdict::indisponible;
  // infecte: the signature's name; indisponible: why (for the log, never for the visitor).
  std::string detail;
};

// Scans `fichier` with the clamd listening on `socket`. Never throws: a clamd that cannot be
// reached, that times out (`delai` for each read or write) or that answers anything else is
// indisponible, and the caller refuses the file rather than keep it unscanned.
Analyse analyser(const std::string& socket, const std::filesystem::path& fichier,
                 std::chrono::seconds delai = std::chrono::seconds(30));

}  // namespace examens::fichiers
