// The documents' text is real text: pdftotext finds every word, accents, € and « » included,
// the corner lines and "page i / n" on every page; French no-break spaces never end a line;
// the metadata; and the same document gives the same bytes, from any thread.
#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

#include "pdf/document.hpp"
#include "pdf_tools.hpp"

namespace examens::pdf {
namespace {

using namespace tools;

Document accented() {
  Document doc = sample(6);
  doc.blocks.push_back(Heading{3, "Œuvres et façons de faire"});
  doc.blocks.push_back(Paragraph{
      {plain("L’épreuve «\u202Ffacultative\u202F» coûte 0\u00A0€\u202F; déjà inscrite\u202F? "
             "Naïve à l’oral, cœur à l’ouvrage\u202F: ÇA SUFFIT\u202F! Définitif, officiel.")}});
  doc.blocks.push_back(KeyValues{{{"Aménagement d’épreuve demandé", "NON"}}});
  return doc;
}

TEST(PdfText, pdftotext_finds_every_word_accents_included) {
  Document doc = accented();
  // -layout: without it pdftotext joins "corrigez-" and "les" at a line end into "corrigezles".
  std::string text = " " + flattened(text_of(render(doc), true)) + " ";
  for (const std::string& word : words_of(doc)) {
    EXPECT_NE(text.find(" " + word + " "), std::string::npos) << word;
  }
  for (const char* word : {"Épreuves", "Œuvres", "façons", "€", "«", "»", "cœur", "ÇA", "l’oral"}) {
    EXPECT_NE(text.find(word), std::string::npos) << word;
  }
}

TEST(PdfText, the_corner_lines_and_the_page_number_are_on_every_page) {
  Document doc = sample(80);
  std::vector<std::string> pages = pages_of(text_of(render(doc)));
  ASSERT_GE(pages.size(), 2u);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    std::string page = flattened(pages[i]);
    for (const std::string& line : doc.corner) {
      EXPECT_NE(page.find(flattened(line)), std::string::npos) << line;
    }
    std::string numbering = "page " + std::to_string(i + 1) + " / " + std::to_string(pages.size());
    EXPECT_EQ(count(page, numbering), 1) << page;
    EXPECT_EQ(count(page, "K7QF-2M9X-PT4W-8HZD"), 1) << "the QR's caption, page " << i + 1;
  }
  // The title and the contact block are page 1's only.
  EXPECT_EQ(count(flattened(pages[0]), "RECTORAT DE GUYANE"), 1);
  EXPECT_EQ(count(flattened(pages[1]), "RECTORAT DE GUYANE"), 0);
}

TEST(PdfText, a_short_document_is_page_1_of_1) {
  std::vector<std::string> pages = pages_of(text_of(render(sample(3))));
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(count(pages[0], "page 1 / 1"), 1);
}

TEST(PdfText, metadata_give_the_title_the_author_and_the_date_passed_in) {
  std::string info = run("TZ=UTC pdfinfo -isodates '" + save(render(sample(3))) + "'");
  EXPECT_NE(info.find("Title:           Récapitulatif de votre candidature\n"), std::string::npos)
      << info;
  EXPECT_NE(info.find("Author:          examens\n"), std::string::npos) << info;
  EXPECT_NE(info.find("CreationDate:    2026-11-23T09:05:00Z\n"), std::string::npos) << info;
  EXPECT_NE(info.find("Page size:       595.276 x 841.89 pts (A4)"), std::string::npos) << info;
}

TEST(PdfText, fonts_are_dejavu_sans_embedded_and_subset) {
  std::string fonts = run("pdffonts '" + save(render(accented())) + "'");
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; (end = fonts.find('\n', start)) != std::string::npos;
       start = end + 1) {
    lines.push_back(fonts.substr(start, end - start));
  }
  ASSERT_GT(lines.size(), 3u) << fonts;  // two header lines, then one per font
  bool bold = false;
  for (std::size_t i = 2; i < lines.size(); ++i) {
    EXPECT_NE(lines[i].find("+DejaVuSans"), std::string::npos) << lines[i];
    EXPECT_NE(lines[i].find("yes yes yes"), std::string::npos)
        << "embedded, subset, unicode: " << lines[i];
    bold = bold || lines[i].find("DejaVuSans-Bold") != std::string::npos;
  }
  EXPECT_TRUE(bold) << fonts;
}

// Paragraphs of growing length, so that line ends fall at every place of the quotes. With
// plain spaces, some line ends on « or starts with »: the check sees such breaks. With the
// narrow no-break spaces the caller writes in French, none does.
Document quotes(bool french) {
  std::string open = french ? "«\u202F" : "« ";
  std::string close = french ? "\u202F»" : " »";
  std::string before = french ? "\u202F" : " ";
  Document doc;
  doc.title = "Typographie";
  std::string filler;
  for (int i = 0; i < 40; ++i) {
    filler += i % 3 == 0 ? "mot " : "ou ";
    doc.blocks.push_back(Paragraph{
        {plain(filler + "la " + open + "citation" + close + " dit" + before + ": " + open +
               "encore" + close + " puis " + open + "fin" + close + " et " + open + "suite" +
               close + before + "! " + open + "dernière" + close + before + "?")}});
  }
  return doc;
}

int breaks_at_quotes(const std::string& text) {
  int found = 0;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
    std::string line = text.substr(start, end - start);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    for (const char* mark : {"»", ":", "!", "?"}) found += line.starts_with(mark);
    found += line.ends_with("«");
  }
  return found;
}

TEST(PdfText, a_french_no_break_space_never_ends_a_line) {
  EXPECT_GT(breaks_at_quotes(text_of(render(quotes(false)))), 0) << "the control breaks at « »";
  EXPECT_EQ(breaks_at_quotes(text_of(render(quotes(true)))), 0);
}

TEST(PdfText, ill_formed_utf8_is_repaired_not_fatal) {
  Document doc = sample(1);
  doc.blocks.push_back(Paragraph{{plain("avant caf\xE9 apr\xC3")}});
  std::string text = text_of(render(doc));
  EXPECT_NE(text.find("avant caf\uFFFD apr\uFFFD"), std::string::npos) << text;
}

TEST(PdfText, the_same_document_gives_the_same_bytes) {
  Document doc = sample(40);
  std::string first = render(doc);
  EXPECT_EQ(render(doc), first);
  doc.created += std::chrono::minutes(1);
  EXPECT_NE(render(doc), first) << "the creation date is in the bytes";
}

TEST(PdfText, four_threads_rendering_at_once_give_the_same_bytes) {
  Document doc = sample(40);
  std::string expected = render(doc);
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (auto& result : results) {
    threads.emplace_back([&doc, &result] {
      for (int i = 0; i < 8; ++i) result.push_back(render(doc));
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const auto& result : results) {
    ASSERT_EQ(result.size(), 8u);
    for (const std::string& bytes : result) EXPECT_TRUE(bytes == expected);
  }
  EXPECT_NE(flattened(text_of(expected)).find("E40 - Épreuve n°40"), std::string::npos);
}

}  // namespace
}  // namespace examens::pdf
