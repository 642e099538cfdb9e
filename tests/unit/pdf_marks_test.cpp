// What a document carries beside its words: live links, the QR code that decodes to its
// payload where the caller placed it (vector squares, no image), and the red correction line.
#include <gtest/gtest.h>

#include <regex>
#include <stdexcept>

#include "pdf/document.hpp"
#include "pdf_tools.hpp"

namespace examens::pdf {
namespace {

using namespace tools;

constexpr const char* kPayload = "https://examens.example/verifier?c=K7QF-2M9X-PT4W-8HZD";

TEST(PdfLink, a_link_is_a_uri_annotation_over_its_words) {
  Document doc = sample(2);
  doc.blocks.push_back(
      Paragraph{{plain("Vérifiez ce document sur "),
                 link("la page de vérification", "https://examens.example/verifier?c=A'B"),
                 plain(" à tout moment.")}});
  std::string bytes = render(doc);
  EXPECT_NE(bytes.find("/URI (https://examens.example/verifier?c=A'B)"), std::string::npos);
  std::smatch rect;
  std::regex annotation(R"(/Subtype /Link[^>]*?/Rect \[ ?([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ?\])");
  ASSERT_TRUE(std::regex_search(bytes, rect, annotation));
  double x1 = std::stod(rect[1]), y1 = std::stod(rect[2]), x2 = std::stod(rect[3]),
         y2 = std::stod(rect[4]);
  // Over one line of the words "la page de vérification", inside the page's margins.
  EXPECT_GT(x2 - x1, 60);
  EXPECT_LT(x2 - x1, 200);
  EXPECT_GT(y2 - y1, 6);
  EXPECT_LT(y2 - y1, 20);
  EXPECT_GT(x1, 40);
  EXPECT_LT(x2, 555);
  EXPECT_GT(y1, 40);
  EXPECT_NE(flattened(text_of(bytes)).find("sur la page de vérification à tout"),
            std::string::npos);
}

TEST(PdfQr, in_the_corner_it_decodes_to_its_payload_on_every_page) {
  Document doc = sample(80);
  std::string path = save(render(doc));
  int pages = static_cast<int>(pages_of(text_of(render(doc))).size());
  ASSERT_GE(pages, 2);
  for (int page = 1; page <= pages; ++page) {
    EXPECT_EQ(qr_codes_in(png_of(path, page, 100)), std::string(kPayload) + "\n") << page;
  }
}

TEST(PdfQr, at_the_bottom_of_the_last_page_only) {
  Document doc = sample(30);
  doc.qr->placement = QrPlacement::last_page_bottom;
  std::string path = save(render(doc));
  std::vector<std::string> pages = pages_of(text_of(render(doc)));
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_EQ(qr_codes_in(png_of(path, 1, 100), 4), "") << "zbarimg finds no code on page 1";
  EXPECT_EQ(qr_codes_in(png_of(path, 2, 100)), std::string(kPayload) + "\n");
  EXPECT_EQ(count(pages[0], "K7QF-2M9X-PT4W-8HZD"), 0);
  EXPECT_EQ(count(pages[1], "K7QF-2M9X-PT4W-8HZD"), 1);
}

TEST(PdfQr, a_full_last_page_gets_a_page_for_the_code) {
  Document doc = sample(0);
  doc.qr->placement = QrPlacement::last_page_bottom;
  Table table{{{"Ligne", 1}}, {}};
  // Rows until page 1 is full, found by growing the table, without the code, until it runs
  // onto page 2.
  Document without_qr = doc;
  without_qr.qr.reset();
  for (int rows = 1; pages_of(text_of(render(without_qr))).size() < 2; ++rows) {
    table.rows.push_back({"ligne " + std::to_string(rows)});
    without_qr.blocks = {table};
  }
  table.rows.pop_back();
  doc.blocks = {table};
  std::string path = save(render(doc));
  std::vector<std::string> pages = pages_of(text_of(render(doc)));
  ASSERT_EQ(pages.size(), 2u) << "the table fills page 1, the code goes to page 2";
  EXPECT_EQ(count(pages[1], "ligne "), 0);
  EXPECT_EQ(qr_codes_in(png_of(path, 2, 100)), std::string(kPayload) + "\n");
}

TEST(PdfQr, is_drawn_with_vectors_not_an_image) {
  std::string list = run("pdfimages -list '" + save(render(sample(3))) + "'");
  EXPECT_EQ(std::count(list.begin(), list.end(), '\n'), 2) << "only the header lines: " << list;
}

TEST(PdfQr, a_payload_no_qr_code_can_hold_is_refused) {
  Document doc = sample(1);
  doc.qr->payload = std::string(8000, 'x');
  EXPECT_THROW(render(doc), std::length_error);
}

// Pixels of page 1 at 50 dpi that are clearly red (the correction line), read from a PPM.
int red_pixels(const std::string& pdf_path) {
  std::string ppm = pdf_path + ".ppm";
  run("pdftoppm -singlefile -r 50 -f 1 -l 1 '" + pdf_path + "' '" + pdf_path + "'");
  std::ifstream in(ppm, std::ios::binary);
  std::string magic;
  int width = 0, height = 0, max = 0;
  in >> magic >> width >> height >> max;
  in.get();
  int red = 0;
  for (int i = 0; i < width * height; ++i) {
    unsigned char rgb[3];
    in.read(reinterpret_cast<char*>(rgb), 3);
    if (rgb[0] > 150 && rgb[1] < 90 && rgb[2] < 90) ++red;
  }
  return red;
}

TEST(PdfColour, the_line_asking_for_corrections_is_red) {
  Document doc = sample(2);
  EXPECT_GT(red_pixels(save(render(doc), ".red")), 100);
  doc.blocks.erase(doc.blocks.end() - 2);  // the red paragraph, before the signature
  EXPECT_EQ(red_pixels(save(render(doc), ".plain")), 0);
}

}  // namespace
}  // namespace examens::pdf
