// What an uploaded file really is, by its content (libmagic), and whether it is whole: the
// portal accepts PDF, JPEG and PNG only, whatever the name or the type the browser sent.
// Thread-safe (one libmagic handle per thread).
#pragma once

#include <filesystem>
#include <string>

namespace examens::fichiers {

enum class Nature { pdf, jpeg, png, vide, autre };

struct Examen {
  Nature nature = Nature::autre;
  std::string type_mime;  // libmagic's verdict, for the log: "application/x-executable"
  // The format's end is there: "%%EOF" in a PDF's last KiB, a JPEG's EOI marker (FF D9)
  // among its last bytes, a PNG's IEND chunk at its end. A file cut short misses it.
  bool complet = false;
};

// Throws std::runtime_error when libmagic cannot load its database or read the file.
Examen examiner(const std::filesystem::path& fichier);

// The MIME type the portal serves a nature under; empty for vide and autre.
std::string type_mime(Nature nature);
std::string extension(Nature nature);  // "pdf", "jpg", "png"

}  // namespace examens::fichiers
