// QR codes: libqrencode's matrix, recorded as one path of horizontal runs of dark modules.
#include "pdf/qr.hpp"

#include <qrencode.h>

#include <stdexcept>
#include <string>

namespace examens::pdf {
namespace {

// The four light modules around the code that readers need to find it.
constexpr int kQuietZone = 4;

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

QrCode::QrCode(std::string_view payload, double side) {
  std::unique_ptr<QRcode, QrFree> code(
      QRcode_encodeData(static_cast<int>(payload.size()),
                        reinterpret_cast<const unsigned char*>(payload.data()), 0, QR_ECLEVEL_M));
  if (!code) {
    throw std::length_error("pdf: no QR code holds a payload of " + std::to_string(payload.size()) +
                            " bytes");
  }
  int size = code->width;
  // Recorded in modules, scaled when painted: whole numbers make a shorter PDF.
  scale_ = side / (size + 2 * kQuietZone);
  cairo_rectangle_t extents{0, 0, static_cast<double>(size + 2 * kQuietZone),
                            static_cast<double>(size + 2 * kQuietZone)};
  drawing_.reset(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents));
  cairo_t* cr = cairo_create(drawing_.get());
  // Bit 0 of each byte is the module's colour; the others are libqrencode's bookkeeping.
  auto dark = [&](int x, int y) { return (code->data[y * size + x] & 1) != 0; };
  for (int row = 0; row < size; ++row) {
    for (int column = 0; column < size;) {
      if (!dark(column, row)) {
        ++column;
        continue;
      }
      int start = column;
      while (column < size && dark(column, row)) ++column;
      cairo_rectangle(cr, kQuietZone + start, kQuietZone + row, column - start, 1);
    }
  }
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_fill(cr);
  cairo_destroy(cr);
}

void QrCode::paint(cairo_t* cr, double x, double y) const {
  cairo_save(cr);
  cairo_translate(cr, x, y);
  cairo_scale(cr, scale_, scale_);
  cairo_set_source_surface(cr, drawing_.get(), 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
}

}  // namespace examens::pdf
