// Text laid out by Pango for a page: styled spans wrapped to a width and measured line by
// line, so that a page break can fall between any two lines and each part is drawn on its own
// page, with its live links. Internal to pdf/.
#pragma once

#include <pango/pangocairo.h>

#include <memory>
#include <string>
#include <vector>

#include "pdf/document.hpp"

namespace examens::pdf {

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
template <class T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct Rgb {
  double r = 0, g = 0, b = 0;
};
inline constexpr Rgb kBlack{0.09, 0.09, 0.09};
inline constexpr Rgb kGrey{0.4, 0.4, 0.4};

struct TextStyle {
  double size = 9.5;  // points
  bool bold = false;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  Rgb color = kBlack;
};

class Text {
 public:
  // `width` in points; words longer than it are cut between characters, without a hyphen.
  Text(PangoContext* context, const std::vector<Span>& spans, double width, TextStyle style);

  int lines() const { return static_cast<int>(lines_.size()); }
  // Height of lines [first, end), from the top of `first` to the bottom of end - 1.
  double height(int first, int end) const;
  double height() const { return height(0, lines()); }
  // The end of the longest run of lines from `first` whose height is at most `room`.
  int fit(int first, double room) const;
  // The widest line's width.
  double natural_width() const;
  // Draws lines [first, end) with the top of `first` at (x, y), and tags their links.
  void draw(cairo_t* cr, double x, double y, int first, int end) const;

 private:
  struct Line {
    double top, bottom, baseline, x, width;
  };
  struct Link {
    int start, end;  // byte range in the layout's text
    std::string uri;
  };
  void tag_links(cairo_t* cr, double x, double y, int first, int end) const;

  GPtr<PangoLayout> layout_;
  TextStyle style_;
  std::vector<Line> lines_;
  std::vector<Link> links_;
};

}  // namespace examens::pdf
