// Per-field validation errors.
#include "domain/field_errors.hpp"

#include <algorithm>

#include "texte/texte.hpp"

namespace examens::domain {

using texte::is_acceptable_text;

void FieldErrors::add(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

void FieldErrors::add_once(std::string field, std::string message) {
  if (!has(field)) add(std::move(field), std::move(message));
}

void FieldErrors::add_missing(const FieldErrors& other) {
  const std::size_t before = errors_.size();
  for (const auto& e : other.errors_) {
    const auto end = errors_.begin() + static_cast<std::ptrdiff_t>(before);
    if (std::none_of(errors_.begin(), end, [&](const FieldError& x) { return x.field == e.field; }))
      errors_.push_back(e);
  }
}

bool FieldErrors::has(std::string_view field) const {
  return message(field) != nullptr;
}

const std::string* FieldErrors::message(std::string_view field) const {
  for (const auto& e : errors_)
    if (e.field == field) return &e.message;
  return nullptr;
}

void check_text(FieldErrors& errors, std::string_view field, std::string_view value) {
  if (!is_acceptable_text(value))
    errors.add_once(std::string(field), std::string(kCaracteresNonAutorises));
}

}  // namespace examens::domain
