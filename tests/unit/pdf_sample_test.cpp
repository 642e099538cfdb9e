// A realistic document kept under build/pdf-samples/ (the PDF and a PNG of page 1, to look
// at), and the cost of rendering one: two pages with a 40-row table.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <iostream>

#include "pdf/document.hpp"
#include "pdf_tools.hpp"

namespace examens::pdf {
namespace {

using namespace tools;

TEST(PdfSample, renders_and_keeps_a_png_of_page_one) {
  std::string path = save(render(sample(40)));
  std::string png = (samples() / "recapitulatif").string();
  run("pdftoppm -png -r 50 -f 1 -l 1 -singlefile '" + path + "' '" + png + "'");
  EXPECT_GT(std::filesystem::file_size(png + ".png"), 1000u);
}

// The cost is reported (docs/decisions/0010-pdf-documents.md); the bound only catches a
// render gone pathological (a font map built per render costs tens of milliseconds).
TEST(PdfSample, render_cost_of_two_pages_with_a_forty_row_table) {
  Document doc = sample(40);
  std::string bytes = render(doc);  // the thread's font map, built once
  ASSERT_EQ(pages_of(text_of(bytes)).size(), 2u);
  constexpr int kRenders = 40;
  auto start = std::chrono::steady_clock::now();
  std::clock_t cpu_start = std::clock();
  for (int i = 0; i < kRenders; ++i) bytes = render(doc);
  std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
  double wall = elapsed.count() / kRenders;
  // Processor time: what a render takes from the cores, whatever else runs on the machine.
  double cpu = 1000.0 * static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC / kRenders;
  std::cout << "pdf render (2 pages, 40 rows, " << bytes.size() << " bytes): " << cpu
            << " ms of processor, " << wall << " ms of wall time\n";
  RecordProperty("render_cpu_ms", std::to_string(cpu));
  EXPECT_LT(cpu, 250);
}

}  // namespace
}  // namespace examens::pdf
