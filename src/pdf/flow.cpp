// Pagination of the content blocks. Paragraphs, key/value lists and tables are all grids of
// texts (one column without rules for a paragraph), so one routine decides every page break.
#include "pdf/flow.hpp"

#include <algorithm>
#include <stdexcept>

namespace examens::pdf {
namespace {

constexpr double kBodySize = 9.5;
constexpr double kTableSize = 8.5;
constexpr double kHeadingSize[] = {13, 11, 10};
constexpr double kHeadingBefore[] = {10, 8, 6};
constexpr double kHeadingAfter = 4;
// A heading needs this much room under it (two lines of body text) or goes to the next page.
constexpr double kKeepWithNext = 26;
constexpr double kBlockGap = 6;
constexpr double kCellPadX = 3;
constexpr double kCellPadY = 2;
constexpr double kKeyShare = 0.4;
constexpr double kKeyGap = 6;
constexpr double kKeyRowGap = 1;
constexpr double kSignatureWidth = 220;
constexpr double kSignatureHeight = 60;

std::vector<Span> spans_of(const std::string& text) {
  return {plain(text)};
}

std::vector<int> line_counts(const std::vector<const Text*>& cells) {
  std::vector<int> counts;
  for (const Text* cell : cells) counts.push_back(cell->lines());
  return counts;
}

}  // namespace

struct Flow::Grid {
  std::vector<double> x, width;     // columns, from the frame's left
  std::vector<const Text*> header;  // empty: no header row
  std::vector<std::vector<const Text*>> rows;
  double pad_x = 0, pad_y = 0;
  bool ruled = false;
  bool keep_rows = true;  // a row moves whole to the next page when it fits there
  double row_gap = 0;

  double height(const std::vector<const Text*>& cells, const std::vector<int>& from,
                const std::vector<int>& end) const {
    double tallest = 0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      tallest = std::max(tallest, cells[c]->height(from[c], end[c]));
    }
    return tallest + 2 * pad_y;
  }
};

Flow::Flow(PangoContext* context, Frame frame) : context_(context), frame_(frame) {
  pages_.emplace_back();
  y_ = frame_.first_top;
}

const Text& Flow::make(const std::vector<Span>& spans, double width, TextStyle style) {
  return texts_.emplace_back(context_, spans, width, style);
}

void Flow::new_page() {
  pages_.emplace_back();
  y_ = frame_.top;
}

void Flow::gap(double height) {
  if (!at_top()) y_ += height;
}

void Flow::add(const Block& block) {
  std::visit([this](const auto& b) { add(b); }, block);
}

double Flow::reserve_bottom(double height) {
  if (room() < height) new_page();
  y_ = frame_.bottom;
  return frame_.bottom - height;
}

void Flow::add(const Heading& heading) {
  int level = std::clamp(heading.level, 1, 3) - 1;
  const Text& text = make(spans_of(heading.text), frame_.width, {kHeadingSize[level], true});
  if (!at_top() && room() < kHeadingBefore[level] + text.height() + kKeepWithNext) new_page();
  gap(kHeadingBefore[level]);
  pages_.back().pieces.push_back({&text, frame_.left, y_, 0, text.lines()});
  y_ += text.height() + kHeadingAfter;
}

void Flow::add(const Paragraph& paragraph) {
  Grid grid;
  grid.x = {0};
  grid.width = {frame_.width};
  grid.rows.push_back({&make(paragraph.spans, frame_.width, {kBodySize})});
  grid.keep_rows = false;
  place(grid);
  gap(kBlockGap);
}

void Flow::add(const KeyValues& key_values) {
  Grid grid;
  std::vector<const Text*> keys;
  double key_width = 0;
  for (const auto& [key, value] : key_values.rows) {
    keys.push_back(&make(spans_of(key + "\u202F:"), frame_.width * kKeyShare, {kBodySize}));
    key_width = std::max(key_width, keys.back()->natural_width());
  }
  double value_width = frame_.width - key_width - kKeyGap;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    grid.rows.push_back(
        {keys[i], &make(spans_of(key_values.rows[i].second), value_width, {kBodySize})});
  }
  grid.x = {0, key_width + kKeyGap};
  grid.width = {key_width, value_width};
  grid.row_gap = kKeyRowGap;
  place(grid);
  gap(kBlockGap);
}

void Flow::add(const Table& table) {
  double total = 0;
  for (const Column& column : table.columns) {
    if (!(column.weight > 0)) throw std::invalid_argument("pdf::Table: a column weight <= 0");
    total += column.weight;
  }
  Grid grid;
  grid.pad_x = kCellPadX;
  grid.pad_y = kCellPadY;
  grid.ruled = true;
  double x = 0;
  for (const Column& column : table.columns) {
    double width = frame_.width * column.weight / total;
    grid.x.push_back(x);
    grid.width.push_back(width);
    grid.header.push_back(
        &make(spans_of(column.header), width - 2 * kCellPadX, {kTableSize, true}));
    x += width;
  }
  for (const auto& row : table.rows) {
    if (row.size() != table.columns.size()) {
      throw std::invalid_argument("pdf::Table: a row without one cell per column");
    }
    auto& cells = grid.rows.emplace_back();
    for (std::size_t c = 0; c < row.size(); ++c) {
      cells.push_back(&make(spans_of(row[c]), grid.width[c] - 2 * kCellPadX, {kTableSize}));
    }
  }
  place(grid);
  gap(kBlockGap);
}

void Flow::add(const Signature& signature) {
  std::string lines;
  for (const std::string& line : signature.lines) lines += (lines.empty() ? "" : "\n") + line;
  const Text& text = make(spans_of(lines), frame_.width, {kBodySize});
  double height = text.height() + kBlockGap + kSignatureHeight;
  if (!at_top() && room() < kBlockGap + height) new_page();
  gap(kBlockGap);
  pages_.back().pieces.push_back({&text, frame_.left, y_, 0, text.lines()});
  y_ += text.height() + kBlockGap;
  pages_.back().boxes.push_back(
      {frame_.left, y_, std::min(kSignatureWidth, frame_.width), kSignatureHeight, false});
  y_ += kSignatureHeight;
  gap(kBlockGap);
}

void Flow::place_part(const Grid& grid, const std::vector<const Text*>& cells,
                      const std::vector<int>& from, const std::vector<int>& end, bool shaded) {
  double height = grid.height(cells, from, end);
  Page& page = pages_.back();
  for (std::size_t c = 0; c < cells.size(); ++c) {
    double x = frame_.left + grid.x[c];
    page.pieces.push_back({cells[c], x + grid.pad_x, y_ + grid.pad_y, from[c], end[c]});
    if (grid.ruled) page.boxes.push_back({x, y_, grid.width[c], height, shaded});
  }
  y_ += height;
}

void Flow::place_header(const Grid& grid) {
  if (grid.header.empty()) return;
  place_part(grid, grid.header, std::vector<int>(grid.header.size(), 0), line_counts(grid.header),
             true);
}

// Each row goes where it fits: whole on this page, else whole on the next (when it fits
// there), else cut between lines, each cell where its own lines allow. Every page the grid
// runs onto starts with its header.
void Flow::place(const Grid& grid) {
  std::vector<int> none(grid.header.size(), 0);
  double header_height =
      grid.header.empty() ? 0 : grid.height(grid.header, none, line_counts(grid.header));
  if (!grid.header.empty() && !grid.rows.empty() && !at_top()) {
    // Never a header alone at the foot of a page: at least a line of the first row with it.
    const auto& first = grid.rows.front();
    std::vector<int> one;
    for (const Text* cell : first) one.push_back(std::min(1, cell->lines()));
    if (room() < header_height + grid.height(first, std::vector<int>(first.size(), 0), one)) {
      new_page();
    }
  }
  place_header(grid);
  double page_room = frame_.bottom - frame_.top - header_height;
  for (const auto& cells : grid.rows) {
    std::vector<int> from(cells.size(), 0);
    std::vector<int> end = line_counts(cells);
    bool started = false;
    for (;;) {
      double fresh_top = top() + header_height;  // nothing placed on this page but the header
      bool fresh = y_ <= fresh_top;
      end = line_counts(cells);
      if (grid.height(cells, from, end) <= room()) {
        place_part(grid, cells, from, end, false);
        break;
      }
      if (grid.keep_rows && !started && !fresh && grid.height(cells, from, end) <= page_room) {
        new_page();
        place_header(grid);
        continue;
      }
      bool progress = false;
      for (std::size_t c = 0; c < cells.size(); ++c) {
        end[c] = cells[c]->fit(from[c], room() - 2 * grid.pad_y);
        progress = progress || end[c] > from[c];
      }
      if (!progress && fresh) {
        // A line taller than a page: let it overflow rather than loop.
        for (std::size_t c = 0; c < cells.size(); ++c)
          end[c] = std::min(from[c] + 1, cells[c]->lines());
        progress = true;
      }
      if (progress) {
        place_part(grid, cells, from, end, false);
        from = end;
        started = true;
        if (from == line_counts(cells)) break;
      }
      new_page();
      place_header(grid);
    }
    y_ += grid.row_gap;
  }
}

}  // namespace examens::pdf
