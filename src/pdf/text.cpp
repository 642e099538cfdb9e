// Pango layouts of styled spans: attributes rather than markup (the caller's text is never
// parsed), line metrics for page breaks, and links tagged as PDF link annotations.
#include "pdf/text.hpp"

#include <algorithm>
#include <charconv>

#include "texte/texte.hpp"

namespace examens::pdf {
namespace {

// Packaged in Debian (fonts-dejavu-core) with every glyph French needs: see 0010.
constexpr const char* kFamily = "DejaVu Sans";

constexpr double points(int pango_units) {
  return static_cast<double>(pango_units) / PANGO_SCALE;
}

// Pango colours are 16 bits per channel.
guint16 channel(int byte) {
  return static_cast<guint16>(byte * 257);
}

void insert(PangoAttrList* list, PangoAttribute* attribute, std::size_t start, std::size_t end) {
  attribute->start_index = static_cast<guint>(start);
  attribute->end_index = static_cast<guint>(end);
  pango_attr_list_insert(list, attribute);
}

void append_number(std::string& out, double value) {
  char buffer[32];
  auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 2);
  out.append(buffer, error == std::errc() ? end : buffer);
}

// A string of Cairo's tag attribute syntax: single-quoted, with \ and ' escaped.
std::string quoted(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

Text::Text(PangoContext* context, const std::vector<Span>& spans, double width, TextStyle style)
    : layout_(pango_layout_new(context)), style_(style) {
  std::string text;
  PangoAttrList* attributes = pango_attr_list_new();
  // A hyphen added where Pango cuts a long word (an e-mail, a URL) would change what it says.
  pango_attr_list_insert(attributes, pango_attr_insert_hyphens_new(FALSE));
  for (const Span& span : spans) {
    std::size_t start = text.size();
    // Pango refuses a whole layout for one ill-formed byte.
    text += texte::repair_utf8(span.text);
    std::size_t end = text.size();
    if (start == end) continue;
    if (span.style != Span::Style::plain) {
      insert(attributes, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start, end);
    }
    if (span.style == Span::Style::red) {
      insert(attributes, pango_attr_foreground_new(channel(0xCE), channel(0x05), channel(0x00)),
             start, end);
    }
    if (!span.uri.empty()) {
      insert(attributes, pango_attr_foreground_new(channel(0x00), channel(0x00), channel(0x91)),
             start, end);
      insert(attributes, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start, end);
      links_.push_back({static_cast<int>(start), static_cast<int>(end), span.uri});
    }
  }

  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family_static(font, kFamily);
  pango_font_description_set_size(font, static_cast<int>(style.size * PANGO_SCALE));
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout_.get(), font);
  pango_font_description_free(font);

  // Breaks between words as Unicode says (never at a no-break space), and inside a word
  // only when it is wider than the line.
  pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width(layout_.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_alignment(layout_.get(), style.align);
  pango_layout_set_text(layout_.get(), text.data(), static_cast<int>(text.size()));
  pango_layout_set_attributes(layout_.get(), attributes);
  pango_attr_list_unref(attributes);

  PangoLayoutIter* line = pango_layout_get_iter(layout_.get());
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(line, nullptr, &logical);
    lines_.push_back({points(logical.y), points(logical.y + logical.height),
                      points(pango_layout_iter_get_baseline(line)), points(logical.x),
                      points(logical.width)});
  } while (pango_layout_iter_next_line(line));
  pango_layout_iter_free(line);
}

double Text::height(int first, int end) const {
  return end > first ? lines_[end - 1].bottom - lines_[first].top : 0;
}

int Text::fit(int first, double room) const {
  int end = first;
  while (end < lines() && height(first, end + 1) <= room) ++end;
  return end;
}

double Text::natural_width() const {
  double widest = 0;
  for (const Line& line : lines_) widest = std::max(widest, line.width);
  return widest;
}

void Text::draw(cairo_t* cr, double x, double y, int first, int end) const {
  if (first >= end) return;
  cairo_set_source_rgb(cr, style_.color.r, style_.color.g, style_.color.b);
  double top = lines_[first].top;
  for (int i = first; i < end; ++i) {
    cairo_move_to(cr, x + lines_[i].x, y + lines_[i].baseline - top);
    pango_cairo_show_layout_line(cr, pango_layout_get_line_readonly(layout_.get(), i));
  }
  tag_links(cr, x, y, first, end);
}

// One annotation per link and page, with a rectangle on each line the link's text covers.
void Text::tag_links(cairo_t* cr, double x, double y, int first, int end) const {
  const char* text = pango_layout_get_text(layout_.get());
  double top = lines_[first].top;
  for (const Link& link : links_) {
    std::string rects;
    for (int i = first; i < end; ++i) {
      PangoLayoutLine* line = pango_layout_get_line_readonly(layout_.get(), i);
      int from = std::max(link.start, line->start_index);
      int to = std::min(link.end, line->start_index + line->length);
      if (from >= to) continue;
      int left = 0;
      int right = 0;
      pango_layout_line_index_to_x(line, from, FALSE, &left);
      int last = static_cast<int>(g_utf8_prev_char(text + to) - text);
      pango_layout_line_index_to_x(line, last, TRUE, &right);
      if (left > right) std::swap(left, right);
      for (double value : {x + lines_[i].x + points(left), y + lines_[i].top - top,
                           points(right - left), lines_[i].bottom - lines_[i].top}) {
        if (!rects.empty()) rects += ' ';
        append_number(rects, value);
      }
    }
    if (rects.empty()) continue;
    std::string attributes = "rect=[" + rects + "] uri=" + quoted(link.uri);
    cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes.c_str());
    cairo_tag_end(cr, CAIRO_TAG_LINK);
  }
}

}  // namespace examens::pdf
