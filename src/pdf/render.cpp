// Rendering a Document: a Cairo PDF surface written to a string, a Pango context on the
// calling thread's own font map, the content paginated first (Flow) and drawn after, so every
// footer knows the page count.
#include <cairo-pdf.h>

#include <cstdio>
#include <deque>
#include <memory>
#include <optional>
#include <stdexcept>

#include "pdf/document.hpp"
#include "pdf/flow.hpp"
#include "pdf/qr.hpp"
#include "pdf/text.hpp"
#include "texte/texte.hpp"

namespace examens::pdf {

Span plain(std::string text) {
  return {std::move(text), Span::Style::plain, {}};
}
Span bold(std::string text) {
  return {std::move(text), Span::Style::bold, {}};
}
Span red(std::string text) {
  return {std::move(text), Span::Style::red, {}};
}
Span link(std::string text, std::string uri) {
  return {std::move(text), Span::Style::plain, std::move(uri)};
}

namespace {

// A4 portrait, in points.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMarginX = 45;
constexpr double kMarginTop = 40;
constexpr double kMarginBottom = 52;
constexpr double kFooterTop = kPageHeight - 34;
constexpr double kTextWidth = kPageWidth - 2 * kMarginX;
constexpr double kCornerWidth = 0.45 * kTextWidth;
constexpr double kColumnGap = 12;
constexpr double kHeaderGap = 14;
constexpr double kQrSide = 68;  // quiet zone included: ~18 mm of modules for a short URL
constexpr Rgb kRule{0.57, 0.57, 0.57};
constexpr Rgb kShade{0.93, 0.93, 0.93};

struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};

cairo_status_t append(void* out, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += (out.empty() ? "" : "\n") + line;
  return out;
}

// ISO 8601 in UTC, as cairo_pdf_surface_set_metadata reads dates.
std::string iso_date(std::chrono::sys_seconds instant) {
  auto day = std::chrono::floor<std::chrono::days>(instant);
  std::chrono::year_month_day date(day);
  std::chrono::hh_mm_ss time(instant - day);
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return out;
}

// One font map per thread: a Pango font map is not thread-safe (fontconfig and Cairo's font
// cache lock on their own). Built by a thread's first render, it caches the fonts for the
// next ones and is released when the thread ends, the main thread's at exit.
PangoFontMap* font_map() {
  thread_local GPtr<PangoFontMap> map(pango_cairo_font_map_new());
  return map.get();
}

// Glyph positions independent of any screen: no hinting, 72 dpi so that 1 pt is 1 unit.
GPtr<PangoContext> pango_context_for(cairo_t* cr) {
  GPtr<PangoContext> context(pango_font_map_create_context(font_map()));
  pango_cairo_update_context(cr, context.get());
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(context.get(), options);
  cairo_font_options_destroy(options);
  pango_cairo_context_set_resolution(context.get(), 72);
  return context;
}

class Renderer {
 public:
  Renderer(const Document& document, cairo_t* cr)
      : document_(document), cr_(cr), context_(pango_context_for(cr)) {}

  void run() {
    if (document_.qr) qr_.emplace(document_.qr->payload, kQrSide);
    Flow flow(context_.get(), frame());
    for (const Block& block : document_.blocks) flow.add(block);
    std::optional<double> qr_top;
    if (qr_ && document_.qr->placement == QrPlacement::last_page_bottom) {
      qr_top = flow.reserve_bottom(qr_height());
    }
    const auto& pages = flow.pages();
    for (std::size_t i = 0; i < pages.size(); ++i) {
      if (i == 0) draw_title();
      draw_corner();
      draw_page(pages[i]);
      draw_footer(static_cast<int>(i) + 1, static_cast<int>(pages.size()));
      if (i + 1 == pages.size() && qr_top) draw_qr(*qr_top);
      cairo_show_page(cr_);
    }
  }

 private:
  const Text& make(const std::string& text, double width, TextStyle style) {
    return texts_.emplace_back(context_.get(), std::vector<Span>{plain(text)}, width, style);
  }
  bool qr_in_corner() const { return qr_ && document_.qr->placement == QrPlacement::corner; }
  const Text& caption() {
    if (!caption_)
      caption_ = &make(document_.qr->caption, kCornerWidth, {7.5, false, PANGO_ALIGN_RIGHT});
    return *caption_;
  }
  double qr_height() { return kQrSide + caption().height(); }

  // The body's frame: under the title block on page 1, under the corner block after.
  Frame frame() {
    corner_ = &make(joined(document_.corner), kCornerWidth, {8.5, false, PANGO_ALIGN_RIGHT});
    double corner = document_.corner.empty() ? 0 : corner_->height();
    if (qr_in_corner()) corner += 4 + qr_height();
    double left_width = kTextWidth - kCornerWidth - kColumnGap;
    title_ = &make(document_.title, left_width, {14, true});
    subtitle_ = &make(joined(document_.subtitle), left_width, {11, true});
    contact_ = &make(joined(document_.contact), left_width, {8.5});
    double left = title_->height();
    if (!document_.subtitle.empty()) left += 2 + subtitle_->height();
    if (!document_.contact.empty()) left += 10 + contact_->height();
    double top = kMarginTop + (corner > 0 ? corner + kHeaderGap : 0);
    return {kMarginX, kTextWidth, kMarginTop + std::max(left, corner) + kHeaderGap, top,
            kPageHeight - kMarginBottom};
  }

  void draw_title() {
    double y = kMarginTop;
    title_->draw(cr_, kMarginX, y, 0, title_->lines());
    y += title_->height();
    if (!document_.subtitle.empty()) {
      subtitle_->draw(cr_, kMarginX, y + 2, 0, subtitle_->lines());
      y += 2 + subtitle_->height();
    }
    if (!document_.contact.empty()) contact_->draw(cr_, kMarginX, y + 10, 0, contact_->lines());
  }

  void draw_corner() {
    double x = kMarginX + kTextWidth - kCornerWidth;
    double y = kMarginTop;
    if (!document_.corner.empty()) {
      corner_->draw(cr_, x, y, 0, corner_->lines());
      y += corner_->height();
    }
    if (qr_in_corner()) draw_qr(y + 4);
  }

  void draw_qr(double top) {
    qr_->paint(cr_, kMarginX + kTextWidth - kQrSide, top);
    caption().draw(cr_, kMarginX + kTextWidth - kCornerWidth, top + kQrSide, 0, caption().lines());
  }

  void draw_page(const Page& page) {
    for (const Box& box : page.boxes) {
      if (!box.shaded) continue;
      cairo_rectangle(cr_, box.x, box.y, box.width, box.height);
      cairo_set_source_rgb(cr_, kShade.r, kShade.g, kShade.b);
      cairo_fill(cr_);
    }
    for (const Box& box : page.boxes) cairo_rectangle(cr_, box.x, box.y, box.width, box.height);
    cairo_set_line_width(cr_, 0.5);
    cairo_set_source_rgb(cr_, kRule.r, kRule.g, kRule.b);
    cairo_stroke(cr_);
    for (const Piece& piece : page.pieces) {
      piece.text->draw(cr_, piece.x, piece.y, piece.first, piece.end);
    }
  }

  // The title, so a loose page is known, and "page i / n"; one line each.
  void draw_footer(int page, int count) {
    if (!footer_)
      footer_ = &make(document_.title, 0.7 * kTextWidth, {7.5, false, PANGO_ALIGN_LEFT, kGrey});
    footer_->draw(cr_, kMarginX, kFooterTop, 0, 1);
    std::string number = "page " + std::to_string(page) + " / " + std::to_string(count);
    const Text& numbering = make(number, 0.3 * kTextWidth, {7.5, false, PANGO_ALIGN_RIGHT, kGrey});
    numbering.draw(cr_, kMarginX + 0.7 * kTextWidth, kFooterTop, 0, 1);
  }

  const Document& document_;
  cairo_t* cr_;
  GPtr<PangoContext> context_;
  std::deque<Text> texts_;
  std::optional<QrCode> qr_;
  const Text* corner_ = nullptr;
  const Text* title_ = nullptr;
  const Text* subtitle_ = nullptr;
  const Text* contact_ = nullptr;
  const Text* caption_ = nullptr;
  const Text* footer_ = nullptr;
};

void check(cairo_status_t status) {
  if (status != CAIRO_STATUS_SUCCESS) {
    throw std::runtime_error(std::string("pdf: cairo: ") + cairo_status_to_string(status));
  }
}

}  // namespace

std::string render(const Document& document) {
  std::string out;
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_pdf_surface_create_for_stream(append, &out, kPageWidth, kPageHeight));
  check(cairo_surface_status(surface.get()));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                 texte::repair_utf8(document.title).c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, "examens");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "examens");
  // Never the clock: the same document must give the same bytes.
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE,
                                 iso_date(document.created).c_str());
  {
    std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
    Renderer(document, cr.get()).run();
    check(cairo_status(cr.get()));
  }
  cairo_surface_finish(surface.get());
  check(cairo_surface_status(surface.get()));
  return out;
}

}  // namespace examens::pdf
