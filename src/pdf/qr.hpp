// QR codes for the documents: libqrencode's modules drawn as vector squares (sharp at any
// print size, no image in the PDF), recorded once and painted on every page that shows the
// code, so the PDF holds its squares once. Internal to pdf/.
#pragma once

#include <cairo.h>

#include <memory>
#include <string_view>

namespace examens::pdf {

class QrCode {
 public:
  // Error correction M (15 % of the modules may be lost: a folded or stamped page), the
  // smallest version that holds `payload` as bytes, in a square of `side` points, quiet zone
  // included. Throws std::length_error when no QR code holds the payload.
  QrCode(std::string_view payload, double side);

  // Paints the code with its top-left corner at (x, y).
  void paint(cairo_t* cr, double x, double y) const;

 private:
  struct Destroy {
    void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
  };
  std::unique_ptr<cairo_surface_t, Destroy> drawing_;
  double scale_;  // points per module
};

}  // namespace examens::pdf
