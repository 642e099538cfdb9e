// Pagination: a long table runs over pages with its header repeated, a row moves whole when it
// can and is cut between lines only when taller than a page, a heading never ends a page.
#include <gtest/gtest.h>

#include <stdexcept>

#include "pdf/document.hpp"
#include "pdf_tools.hpp"

namespace examens::pdf {
namespace {

using namespace tools;

int page_of(const std::vector<std::string>& pages, const std::string& word) {
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (flattened(pages[i]).find(word) != std::string::npos) return static_cast<int>(i);
  }
  return -1;
}

TEST(PdfLayout, a_long_table_runs_over_pages_with_its_header_repeated) {
  std::vector<std::string> pages = pages_of(text_of(render(sample(120))));
  ASSERT_GE(pages.size(), 3u);
  std::string all = flattened(text_of(render(sample(120))));
  int previous_page = 0;
  for (int row = 1; row <= 120; ++row) {
    std::string n = std::to_string(row);
    std::string label = std::string("E").append(n).append(" - Épreuve n°").append(n).append(" ");
    EXPECT_EQ(count(all, label), 1) << label;
    int page = page_of(pages, label);
    EXPECT_GE(page, previous_page) << "rows keep their order: " << label;
    previous_page = page;
  }
  ASSERT_GE(previous_page, 2);
  for (int page = 0; page <= previous_page; ++page) {
    EXPECT_EQ(count(pages[page], "Position"), 1) << "the header once on page " << page + 1;
  }
}

TEST(PdfLayout, a_row_that_fits_on_a_page_is_never_cut) {
  Document doc = sample(0);
  Table table{{{"Épreuve", 1}, {"Observations", 1}}, {}};
  for (int i = 1; i <= 60; ++i) {
    std::string n = std::to_string(i);
    table.rows.push_back(
        {"Ligne " + n, "début" + n +
                           " une observation assez longue pour tenir sur plusieurs "
                           "lignes dans une colonne étroite du tableau fin" +
                           n});
  }
  doc.blocks.push_back(table);
  std::vector<std::string> pages = pages_of(text_of(render(doc)));
  ASSERT_GE(pages.size(), 2u);
  for (int i = 1; i <= 60; ++i) {
    std::string n = std::to_string(i);
    int first = page_of(pages, "début" + n + " ");
    EXPECT_GE(first, 0) << n;
    EXPECT_EQ(page_of(pages, " fin" + n + " "), first) << "row " << n << " split";
    EXPECT_EQ(page_of(pages, "Ligne " + n + " "), first) << "row " << n << " split";
  }
}

TEST(PdfLayout, a_row_taller_than_a_page_is_cut_between_lines_under_its_header) {
  Document doc = sample(2);
  std::string words;
  for (int i = 1; i <= 2000; ++i) words += "mot" + std::to_string(i) + " ";
  doc.blocks.push_back(Table{{{"Colonne", 1}, {"Texte", 3}}, {{"seule", words}}});
  doc.blocks.push_back(Paragraph{{plain("Après le tableau.")}});
  std::vector<std::string> pages = pages_of(text_of(render(doc)));
  ASSERT_GE(pages.size(), 3u);
  std::string all = " " + flattened(text_of(render(doc))) + " ";
  for (int i = 1; i <= 2000; ++i) {
    EXPECT_EQ(count(all, " mot" + std::to_string(i) + " "), 1) << i;
  }
  int first = page_of(pages, " mot1 ");
  int last = page_of(pages, " mot2000 ");
  EXPECT_GT(last, first);
  for (int page = first; page <= last; ++page) {
    EXPECT_EQ(count(pages[page], "Texte"), 1) << "the header on page " << page + 1;
  }
  EXPECT_GE(page_of(pages, "Après le tableau."), last);
}

// A paragraph of k lines pushes the heading down page 1, one line at a time, past the place
// where the heading alone would still fit: there it must go to page 2 with its paragraph.
TEST(PdfLayout, a_heading_never_ends_a_page) {
  int moved = 0;
  for (int level = 1; level <= 3; ++level) {
    for (int lines = 45; lines <= 72; ++lines) {
      Document doc;
      doc.title = "Titres";
      std::string filler = "ligne";
      for (int i = 1; i < lines; ++i) filler += "\nligne";
      doc.blocks = {Paragraph{{plain(filler)}}, Heading{level, "Rubrique"},
                    Paragraph{{plain("remplissage qui suit la rubrique")}}};
      std::vector<std::string> pages = pages_of(text_of(render(doc)));
      int heading = page_of(pages, "Rubrique ");
      EXPECT_EQ(page_of(pages, "remplissage qui suit"), heading)
          << "level " << level << ", after " << lines << " lines";
      moved += heading == 1 && page_of(pages, "ligne") == 0;
    }
  }
  EXPECT_GT(moved, 0) << "some heading was pushed to page 2";
}

TEST(PdfLayout, key_values_and_the_signature_are_written_whole) {
  Document doc;
  doc.title = "Clés";
  doc.blocks.push_back(
      KeyValues{{{"Nom", "DUPONT"}, {"Adresse électronique", "jeanne@exemple.fr"}}});
  doc.blocks.push_back(Signature{{"Fait à Cayenne, le 23/11/2026", "Signature du candidat"}});
  std::string text = text_of(render(doc), true);
  EXPECT_NE(flattened(text).find("Nom : DUPONT"), std::string::npos) << text;
  EXPECT_NE(flattened(text).find("Adresse électronique : jeanne@exemple.fr"), std::string::npos);
  EXPECT_NE(flattened(text).find("Fait à Cayenne, le 23/11/2026 Signature du candidat"),
            std::string::npos);
}

TEST(PdfLayout, a_table_row_without_one_cell_per_column_is_refused) {
  Document doc;
  doc.blocks.push_back(Table{{{"A", 1}, {"B", 1}}, {{"seule"}}});
  EXPECT_THROW(render(doc), std::invalid_argument);
  doc.blocks = {Table{{{"A", 0}}, {{"x"}}}};
  EXPECT_THROW(render(doc), std::invalid_argument);
}

}  // namespace
}  // namespace examens::pdf
