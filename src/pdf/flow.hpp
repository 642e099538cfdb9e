// Pagination: the content blocks laid out down the body of A4 pages, breaking pages between
// lines, keeping a heading with what follows and a table row whole when it can, and repeating
// a table's header. Only measures: drawing comes after, once the page count is known, so the
// footers can say "page i / n". Internal to pdf/.
#pragma once

#include <deque>
#include <vector>

#include "pdf/document.hpp"
#include "pdf/text.hpp"

namespace examens::pdf {

// Lines [first, end) of a text, the top of `first` at (x, y).
struct Piece {
  const Text* text;
  double x, y;
  int first, end;
};

struct Box {
  double x, y, width, height;
  bool shaded;  // a header cell: grey background
};

struct Page {
  std::vector<Piece> pieces;
  std::vector<Box> boxes;  // ruled cells
};

// The body of each page, in points from the top-left corner of the page.
struct Frame {
  double left, width;
  double first_top;  // page 1 starts under the title and contact block
  double top;        // the other pages under the corner block
  double bottom;
};

class Flow {
 public:
  Flow(PangoContext* context, Frame frame);
  Flow(const Flow&) = delete;
  Flow& operator=(const Flow&) = delete;

  void add(const Block& block);
  // Room for `height` at the bottom of the last page, on a new page if the content leaves
  // too little; returns the top of that room.
  double reserve_bottom(double height);
  // The pages; their pieces point into this Flow, which must outlive the drawing.
  const std::vector<Page>& pages() const { return pages_; }

 private:
  struct Grid;
  void add(const Heading& heading);
  void add(const Paragraph& paragraph);
  void add(const KeyValues& key_values);
  void add(const Table& table);
  void add(const Signature& signature);
  void place(const Grid& grid);
  void place_header(const Grid& grid);
  void place_part(const Grid& grid, const std::vector<const Text*>& cells,
                  const std::vector<int>& from, const std::vector<int>& end, bool shaded);
  const Text& make(const std::vector<Span>& spans, double width, TextStyle style);
  void new_page();
  void gap(double height);
  double top() const { return pages_.size() == 1 ? frame_.first_top : frame_.top; }
  double room() const { return frame_.bottom - y_; }
  bool at_top() const { return y_ <= top(); }

  PangoContext* context_;
  Frame frame_;
  std::deque<Text> texts_;  // a deque: pieces keep pointers to its elements
  std::vector<Page> pages_;
  double y_;
};

}  // namespace examens::pdf
