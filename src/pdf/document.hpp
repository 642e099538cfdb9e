// A printable document as the caller describes it (title, corner lines, contact block, content
// blocks, QR code), and its rendering to PDF bytes: the one pipeline every document uses.
//
// The model knows nothing of candidatures: the caller writes every word, French typography
// included (a narrow no-break space U+202F before « : ; ! ? » and inside « », which the
// renderer never breaks a line at). Rendering is pure: the same Document gives the same bytes,
// on any thread, since the creation date is passed in and no clock is read.
// Layout: docs/decisions/0010-pdf-documents.md.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace examens::pdf {

// A run of text inside a paragraph. `red` is bold red: the emphasis of the line asking the
// candidate to correct errors in red. A span with a `uri` is a live link (blue, underlined).
struct Span {
  enum class Style { plain, bold, red };
  std::string text;
  Style style = Style::plain;
  std::string uri;
};
Span plain(std::string text);
Span bold(std::string text);
Span red(std::string text);
Span link(std::string text, std::string uri);

// Level 1 (largest) to 3; a heading never ends a page.
struct Heading {
  int level = 1;
  std::string text;
};

struct Paragraph {
  std::vector<Span> spans;
};

// "Nom : DUPONT" rows: the keys in a column as wide as the widest (at most 40 % of the text
// width), followed by " :" (U+202F before the colon); the values wrap in the rest.
struct KeyValues {
  std::vector<std::pair<std::string, std::string>> rows;
};

// `weight` is the column's share of the text width, relative to the other columns'.
struct Column {
  std::string header;
  double weight = 1;
};

// A ruled table with a header row, repeated on every page the table runs onto. Cells wrap;
// a row moves whole to the next page when it fits there, and only a row taller than a page
// is cut, between lines.
struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;  // each as many cells as columns
};

// "Fait à … le …", "Signature du candidat": the lines, then a frame to sign in, kept together.
struct Signature {
  std::vector<std::string> lines;
};

using Block = std::variant<Heading, Paragraph, KeyValues, Table, Signature>;

// corner: under the corner lines, on every page; last_page_bottom: at the bottom right of the
// last page (a page is added when the content leaves no room for it).
enum class QrPlacement { corner, last_page_bottom };

// A QR code (error correction M, drawn as vector squares) of `payload`, with `caption` (the
// short code a reader types in) written under it.
struct Qr {
  std::string payload;
  std::string caption;
  QrPlacement placement = QrPlacement::corner;
};

struct Document {
  std::string title;                  // page 1's heading and the PDF's Title
  std::vector<std::string> subtitle;  // under the title, page 1
  std::vector<std::string> corner;    // top right of every page, right-aligned
  std::vector<std::string> contact;   // the office's block, under the title on page 1
  std::vector<Block> blocks;
  std::optional<Qr> qr;
  std::chrono::sys_seconds created{};  // the PDF's CreationDate (UTC)
};

// The PDF bytes (A4 portrait, DejaVu Sans, "page i / n" in each footer, Author "examens").
// Safe to call from several threads at once. Throws std::length_error when the QR payload is
// too long for a QR code, std::runtime_error when Cairo fails (out of memory).
std::string render(const Document& document);

}  // namespace examens::pdf
