// libmagic's verdict on a file, and the end marker of its format.
#include "fichiers/nature.hpp"

#include <fcntl.h>
#include <magic.h>
#include <unistd.h>

#include <memory>
#include <stdexcept>
#include <string_view>

namespace examens::fichiers {
namespace {

struct MagicClose {
  void operator()(magic_set* m) const { magic_close(m); }
};

// libmagic's handles are not thread-safe: one per thread, loaded on first use.
magic_set* handle() {
  thread_local std::unique_ptr<magic_set, MagicClose> m = [] {
    std::unique_ptr<magic_set, MagicClose> h(magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR));
    if (!h || magic_load(h.get(), nullptr) != 0)
      throw std::runtime_error("libmagic: base de signatures introuvable");
    return h;
  }();
  return m.get();
}

// The file's last `n` bytes (fewer when it is shorter).
std::string fin_du_fichier(const std::filesystem::path& fichier, std::uintmax_t taille,
                           std::size_t n) {
  const int fd = ::open(fichier.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("lecture impossible: " + fichier.string());
  const std::size_t len = static_cast<std::size_t>(std::min<std::uintmax_t>(n, taille));
  std::string out(len, '\0');
  const ssize_t got = ::pread(fd, out.data(), len, static_cast<off_t>(taille - len));
  ::close(fd);
  out.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  return out;
}

bool complet(Nature nature, std::string_view fin) {
  switch (nature) {
    case Nature::pdf: return fin.find("%%EOF") != std::string_view::npos;
    case Nature::jpeg:
      // Some writers pad after the EOI marker: look among the last bytes, not only the last two.
      return fin.substr(fin.size() > 32 ? fin.size() - 32 : 0).find("\xFF\xD9") !=
             std::string_view::npos;
    case Nature::png: {
      static constexpr std::string_view iend("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
      return fin.ends_with(iend);
    }
    case Nature::vide:
    case Nature::autre: return false;
  }
  return false;
}

}  // namespace

Examen examiner(const std::filesystem::path& fichier) {
  Examen out;
  const std::uintmax_t taille = std::filesystem::file_size(fichier);
  if (taille == 0) {
    out.nature = Nature::vide;
    out.type_mime = "application/x-empty";
    return out;
  }
  const char* type = magic_file(handle(), fichier.c_str());
  if (!type) throw std::runtime_error(std::string("libmagic: ") + magic_error(handle()));
  out.type_mime = type;
  if (out.type_mime == "application/pdf")
    out.nature = Nature::pdf;
  else if (out.type_mime == "image/jpeg")
    out.nature = Nature::jpeg;
  else if (out.type_mime == "image/png")
    out.nature = Nature::png;
  out.complet = complet(out.nature, fin_du_fichier(fichier, taille, 1024));
  return out;
}

std::string type_mime(Nature nature) {
  switch (nature) {
    case Nature::pdf: return "application/pdf";
    case Nature::jpeg: return "image/jpeg";
    case Nature::png: return "image/png";
    case Nature::vide:
    case Nature::autre: return "";
  }
  return "";
}

std::string extension(Nature nature) {
  switch (nature) {
    case Nature::pdf: return "pdf";
    case Nature::jpeg: return "jpg";
    case Nature::png: return "png";
    case Nature::vide:
    case Nature::autre: return "";
  }
  return "";
}

}  // namespace examens::fichiers
