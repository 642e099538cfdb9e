// What the pdf tests read rendered documents with: poppler-utils (pdftotext, pdfinfo,
// pdffonts, pdfimages, pdftoppm) and zbarimg, on files kept in build/pdf-samples/.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <variant>
#include <vector>

#include "pdf/document.hpp"

namespace examens::pdf::tools {

inline std::filesystem::path samples() {
  std::filesystem::path dir = EXAMENS_PDF_SAMPLES;
  std::filesystem::create_directories(dir);
  return dir;
}

// The file's path, named after the running test so that tests run in parallel never share one.
inline std::string save(const std::string& bytes, const std::string& suffix = "") {
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(test->test_suite_name()) + "." + test->name() + suffix + ".pdf";
  std::filesystem::path path = samples() / name;
  std::ofstream(path, std::ios::binary) << bytes;
  return path.string();
}

// The command's standard output (its standard error is dropped: zbarimg chatters there);
// fails the test when it exits with another status than `expected`.
inline std::string run(const std::string& command, int expected = 0) {
  std::string out;
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return out;
  }
  std::array<char, 4096> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe))
    out.append(buffer.data(), n);
  int status = pclose(pipe);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == expected) << command;
  return out;
}

// The text pdftotext extracts (reading order, or -layout), pages separated by '\f'.
inline std::string text_of(const std::string& bytes, bool layout = false) {
  return run(std::string("pdftotext -enc UTF-8 ") + (layout ? "-layout " : "") + "'" + save(bytes) +
             "' -");
}

inline std::vector<std::string> pages_of(const std::string& text) {
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\f', start)) != std::string::npos; start = end + 1) {
    pages.push_back(text.substr(start, end - start));
  }
  return pages;  // pdftotext ends each page, the last included, with '\f'
}

inline int count(const std::string& text, const std::string& word) {
  int n = 0;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) ++n;
  return n;
}

inline void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

// Text as words separated by single spaces: no-break spaces, line ends and a word cut after
// its hyphen ("corrigez-" / "les") as they would be read.
inline std::string flattened(std::string text) {
  replace_all(text, "\u202F", " ");
  replace_all(text, "\u00A0", " ");
  replace_all(text, "-\n", "-");
  for (char& c : text) {
    if (c == '\n' || c == '\f') c = ' ';
  }
  std::string out;
  for (char c : text) {
    if (c != ' ' || (!out.empty() && out.back() != ' ')) out += c;
  }
  return out;
}

inline std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : flattened(text) + " ") {
    if (c == ' ') {
      if (!word.empty()) words.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

// Every word the document's caller wrote, wherever it is.
inline std::vector<std::string> words_of(const Document& doc) {
  std::string all = doc.title;
  auto add = [&all](const std::string& text) { all += " " + text; };
  for (const auto* lines : {&doc.subtitle, &doc.corner, &doc.contact}) {
    for (const std::string& line : *lines) add(line);
  }
  for (const Block& block : doc.blocks) {
    if (const auto* heading = std::get_if<Heading>(&block)) add(heading->text);
    if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      for (const Span& span : paragraph->spans) add(span.text);
    }
    if (const auto* key_values = std::get_if<KeyValues>(&block)) {
      for (const auto& [key, value] : key_values->rows) add(key + " " + value);
    }
    if (const auto* table = std::get_if<Table>(&block)) {
      for (const Column& column : table->columns) add(column.header);
      for (const auto& row : table->rows) {
        for (const std::string& cell : row) add(cell);
      }
    }
    if (const auto* signature = std::get_if<Signature>(&block)) {
      for (const std::string& line : signature->lines) add(line);
    }
  }
  if (doc.qr) add(doc.qr->caption);
  return words_of(all);
}

// Page `page` (from 1) as a PNG of `dpi`, named after the test; returns its path.
inline std::string png_of(const std::string& pdf_path, int page, int dpi) {
  std::string png = pdf_path + ".page" + std::to_string(page);
  run("pdftoppm -png -singlefile -r " + std::to_string(dpi) + " -f " + std::to_string(page) +
      " -l " + std::to_string(page) + " '" + pdf_path + "' '" + png + "'");
  return png + ".png";
}

// The QR codes zbarimg reads on a PNG, one per line ("" when none: zbarimg exits 4).
inline std::string qr_codes_in(const std::string& png, int expected_status = 0) {
  return run("zbarimg -q --raw -Sdisable -Sqrcode.enable '" + png + "'", expected_status);
}

// A document of `rows` épreuves with the corner, contact block and a few paragraphs.
inline Document sample(int rows) {
  Document doc;
  doc.title = "Récapitulatif de votre candidature";
  doc.subtitle = {"BACCALAURÉAT PROFESSIONNEL"};
  // French typography is the caller's: U+202F before the colons.
  doc.corner = {"N° candidat\u202F: 01948418953", "N° inscription\u202F: 005",
                "Version\u202F: 2 du 23/11/2026 à 10:05"};
  doc.contact = {"RECTORAT DE GUYANE", "DIVISION DES EXAMENS ET CONCOURS",
                 "Tél.\u202F: 05 94 27 22 43", "Mèl\u202F: dec.exapro@ac-guyane.fr"};
  doc.created = std::chrono::sys_days(std::chrono::year{2026} / 11 / 23) + std::chrono::hours(9) +
                std::chrono::minutes(5);
  doc.blocks.push_back(Heading{1, "Candidat"});
  doc.blocks.push_back(
      KeyValues{{{"Nom", "NGMB-DUPONT"},
                 {"Prénom", "Jeanne"},
                 {"Né(e) le", "06/05/2005 à BUGARACH"},
                 {"Établissement", "CFA CEVEDOM CAYENNE - CAYENNE CEDEX 2 (9730538X)"}}});
  doc.blocks.push_back(Paragraph{
      {bold("IMPORTANT\u202F:"), plain(" pour étudier la recevabilité de votre candidature, vous "
                                       "devez fournir des pièces justificatives. Frais : 0 €.")}});
  Table table{{{"Épreuve", 4}, {"Unité", 1}, {"Position", 1.2}, {"Mode", 2.4}}, {}};
  for (int i = 1; i <= rows; ++i) {
    table.rows.push_back({"E" + std::to_string(i) + " - Épreuve n°" + std::to_string(i),
                          "U" + std::to_string(i), "Inscrit", "Contrôle en cours de formation"});
  }
  doc.blocks.push_back(Heading{2, "Épreuves obligatoires"});
  doc.blocks.push_back(table);
  doc.blocks.push_back(
      Paragraph{{red("Si les renseignements contenus dans ce document sont "
                     "incorrects ou incomplets, corrigez-les en ROUGE.")}});
  doc.blocks.push_back(
      Signature{{"Fait à ____________, le ____________", "Signature du candidat"}});
  doc.qr = Qr{"https://examens.example/verifier?c=K7QF-2M9X-PT4W-8HZD", "K7QF-2M9X-PT4W-8HZD",
              QrPlacement::corner};
  return doc;
}

}  // namespace examens::pdf::tools
