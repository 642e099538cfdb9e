// Atomic, content-addressed storage of the deposited files, and its purge.
#include "fichiers/entrepot.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <system_error>

#include "crypto/empreinte.hpp"
#include "crypto/secrets.hpp"
#include "fichiers/descripteur.hpp"

namespace examens::fichiers {
namespace fs = std::filesystem;
namespace {

[[noreturn]] void echec(const std::string& quoi) {
  throw std::system_error(errno, std::generic_category(), quoi);
}

using detail::Descripteur;

// Makes a rename or a creation in `dossier` durable.
void synchroniser_dossier(const fs::path& dossier) {
  Descripteur d(::open(dossier.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (d.get() < 0 || ::fsync(d.get()) != 0) echec("fsync " + dossier.string());
}

void ecrire(int fd, const char* data, std::size_t n, const fs::path& cible) {
  while (n > 0) {
    const ssize_t w = ::write(fd, data, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) echec("écriture " + cible.string());
    data += w;
    n -= static_cast<std::size_t>(w);
  }
}

// Copies `source` to `cible` (created), hashing what it copies; returns the digest.
std::string copier(const fs::path& source, const fs::path& cible) {
  Descripteur in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.get() < 0) echec("lecture " + source.string());
  Descripteur out(::open(cible.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (out.get() < 0) echec("création " + cible.string());
  crypto::Sha256 sha;
  std::array<char, 64 * 1024> buf;
  for (;;) {
    const ssize_t n = ::read(in.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) echec("lecture " + source.string());
    if (n == 0) break;
    sha.update(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    ecrire(out.get(), buf.data(), static_cast<std::size_t>(n), cible);
  }
  if (::fsync(out.get()) != 0) echec("fsync " + cible.string());
  out.fermer("fermeture " + cible.string());
  return sha.hex();
}

bool ancien(const fs::directory_entry& entree, fs::file_time_type limite) {
  std::error_code ec;
  const auto t = entree.last_write_time(ec);
  return !ec && t < limite;
}

}  // namespace

bool empreinte_valide(std::string_view texte) {
  if (texte.size() != 64) return false;
  for (const char c : texte)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

Entrepot::Entrepot(fs::path racine) : racine_(std::move(racine)) {}

fs::path Entrepot::chemin(std::string_view empreinte) const {
  if (!empreinte_valide(empreinte)) return {};
  return racine_ / empreinte.substr(0, 2) / empreinte;
}

std::string Entrepot::deposer(const fs::path& source) const {
  const fs::path tmp_dir = racine_ / "tmp";
  fs::create_directories(tmp_dir);
  const fs::path tmp = tmp_dir / crypto::random_hex(16);
  struct Nettoyage {
    const fs::path& chemin;
    bool actif = true;
    ~Nettoyage() {
      std::error_code ec;
      if (actif) fs::remove(chemin, ec);
    }
  } nettoyage{tmp};
  const std::string empreinte = copier(source, tmp);
  const fs::path cible = chemin(empreinte);
  const bool nouveau_dossier = fs::create_directories(cible.parent_path());
  if (nouveau_dossier) synchroniser_dossier(racine_);
  // Over an existing file of the same content: the name then points at a fresh copy, whose
  // new date keeps the purge away from it until its row commits.
  if (::rename(tmp.c_str(), cible.c_str()) != 0) echec("rename " + cible.string());
  nettoyage.actif = false;
  synchroniser_dossier(cible.parent_path());
  return empreinte;
}

Entrepot::Purge Entrepot::purger(const std::function<bool(std::string_view)>& reference,
                                 std::chrono::seconds delai) const {
  Purge out;
  std::error_code ec;
  if (!fs::is_directory(racine_, ec)) return out;
  out.temporaires = purger_anciens(racine_ / "tmp", delai);
  const auto limite = fs::file_time_type::clock::now() - delai;
  for (const auto& dossier : fs::directory_iterator(racine_)) {
    if (!dossier.is_directory() || dossier.path().filename() == "tmp") continue;
    for (const auto& f : fs::directory_iterator(dossier.path())) {
      const std::string nom = f.path().filename().string();
      if (!f.is_regular_file() || !ancien(f, limite) || !empreinte_valide(nom) || reference(nom))
        continue;
      if (fs::remove(f.path(), ec)) ++out.orphelins;
    }
  }
  return out;
}

int purger_anciens(const fs::path& dossier, std::chrono::seconds delai) {
  std::error_code ec;
  if (!fs::is_directory(dossier, ec)) return 0;
  const auto limite = fs::file_time_type::clock::now() - delai;
  int n = 0;
  for (const auto& f : fs::directory_iterator(dossier))
    if (f.is_regular_file() && ancien(f, limite) && fs::remove(f.path(), ec)) ++n;
  return n;
}

}  // namespace examens::fichiers
