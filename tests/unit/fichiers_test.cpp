// The file layer of the deposits: the real type and end of a file (libmagic), the store that
// writes whole files under their digest, and its purge of what a crash left.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "crypto/empreinte.hpp"
#include "crypto/secrets.hpp"
#include "fichiers/antivirus.hpp"
#include "fichiers/entrepot.hpp"
#include "fichiers/nature.hpp"
#include "unit/echantillons.hpp"

namespace examens::fichiers {
namespace {

namespace fs = std::filesystem;
using testing::kJpeg;
using testing::kPdf;
using testing::kPng;

class Fichiers : public ::testing::Test {
 protected:
  void SetUp() override {
    crypto::init_secrets();
    dir = fs::temp_directory_path() / ("examens-fichiers-" + crypto::random_hex(6));
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  fs::path ecrire(const std::string& nom, const std::string& octets) {
    const fs::path p = dir / nom;
    std::ofstream(p, std::ios::binary) << octets;
    return p;
  }
  static std::string lire(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  static void vieillir(const fs::path& p) {
    fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::hours(2));
  }

  fs::path dir;
};

TEST_F(Fichiers, sha256_matches_the_standard_vector) {
  crypto::Sha256 sha;
  sha.update("ab");
  sha.update("c");
  EXPECT_EQ(sha.hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(Fichiers, pdf_jpeg_and_png_are_recognised_by_content_whatever_their_name) {
  const auto pdf = examiner(ecrire("photo.png", kPdf));
  EXPECT_EQ(pdf.nature, Nature::pdf);
  EXPECT_TRUE(pdf.complet);
  const auto jpeg = examiner(ecrire("x.pdf", kJpeg));
  EXPECT_EQ(jpeg.nature, Nature::jpeg);
  EXPECT_TRUE(jpeg.complet);
  const auto png = examiner(ecrire("y", kPng));
  EXPECT_EQ(png.nature, Nature::png);
  EXPECT_TRUE(png.complet);
}

TEST_F(Fichiers, an_executable_renamed_pdf_and_an_empty_file_are_not_accepted_types) {
  const auto exe = examiner(ecrire("piece.pdf", testing::executable()));
  EXPECT_EQ(exe.nature, Nature::autre);
  EXPECT_NE(exe.type_mime.find("executable"), std::string::npos) << exe.type_mime;
  EXPECT_EQ(examiner(ecrire("vide.pdf", "")).nature, Nature::vide);
}

TEST_F(Fichiers, a_file_cut_short_misses_its_end_marker) {
  const auto pdf = examiner(ecrire("a.pdf", kPdf.substr(0, kPdf.size() - 7)));
  EXPECT_EQ(pdf.nature, Nature::pdf);
  EXPECT_FALSE(pdf.complet);
  const auto jpeg = examiner(ecrire("b.jpg", kJpeg.substr(0, kJpeg.size() / 2)));
  EXPECT_EQ(jpeg.nature, Nature::jpeg);
  EXPECT_FALSE(jpeg.complet);
  const auto png = examiner(ecrire("c.png", kPng.substr(0, kPng.size() - 12)));
  EXPECT_EQ(png.nature, Nature::png);
  EXPECT_FALSE(png.complet);
}

TEST_F(Fichiers, the_store_names_a_file_by_its_digest_and_keeps_one_copy_of_a_content) {
  const Entrepot entrepot(dir / "justificatifs");
  const std::string e1 = entrepot.deposer(ecrire("a.pdf", kPdf));
  crypto::Sha256 sha;
  sha.update(kPdf);
  EXPECT_EQ(e1, sha.hex());
  EXPECT_EQ(entrepot.chemin(e1), dir / "justificatifs" / e1.substr(0, 2) / e1);
  EXPECT_EQ(lire(entrepot.chemin(e1)), kPdf);
  EXPECT_EQ(entrepot.deposer(ecrire("b.pdf", kPdf)), e1);
  // Nothing left in tmp/ once the rename is done.
  EXPECT_TRUE(fs::is_empty(dir / "justificatifs" / "tmp"));
  EXPECT_TRUE(entrepot.chemin("../../etc/passwd").empty());
  EXPECT_TRUE(entrepot.chemin(std::string(64, 'G')).empty());
}

TEST_F(Fichiers, a_crash_before_the_rename_leaves_only_a_temporary_file_that_the_purge_removes) {
  const Entrepot entrepot(dir / "justificatifs");
  const std::string garde = entrepot.deposer(ecrire("a.pdf", kPdf));
  const std::string orphelin = entrepot.deposer(ecrire("b.png", kPng));
  // What a crash between the write and the rename leaves: a partial file in tmp/, under no
  // final name.
  const fs::path partiel = dir / "justificatifs" / "tmp" / "0123456789abcdef";
  std::ofstream(partiel, std::ios::binary) << kPdf.substr(0, 20);
  const fs::path recent = dir / "justificatifs" / "tmp" / "fedcba9876543210";
  std::ofstream(recent, std::ios::binary) << "en cours";
  vieillir(partiel);
  vieillir(entrepot.chemin(garde));
  vieillir(entrepot.chemin(orphelin));
  const auto purge =
      entrepot.purger([&](std::string_view e) { return e == garde; }, std::chrono::hours(1));
  EXPECT_EQ(purge.temporaires, 1);
  EXPECT_EQ(purge.orphelins, 1);
  EXPECT_FALSE(fs::exists(partiel));
  EXPECT_FALSE(fs::exists(entrepot.chemin(orphelin)));
  EXPECT_TRUE(fs::exists(entrepot.chemin(garde)));
  // Younger than the delay: an upload whose row may be about to commit.
  EXPECT_TRUE(fs::exists(recent));
}

TEST_F(Fichiers, a_clamd_that_cannot_be_reached_gives_no_verdict_of_health) {
  const auto analyse = analyser((dir / "absent.sock").string(), ecrire("a.pdf", kPdf));
  EXPECT_EQ(analyse.verdict, Verdict::indisponible);
  EXPECT_NE(analyse.detail.find("connexion à clamd"), std::string::npos) << analyse.detail;
}

}  // namespace
}  // namespace examens::fichiers
