// Per-field validation errors.
#include "domain/field_errors.hpp"

namespace examens::domain {

void FieldErrors::add(std::string field, std::string message) {
  errors_.push_back({std::move(field), std::move(message)});
}

void FieldErrors::add_once(std::string field, std::string message) {
  if (!has(field)) add(std::move(field), std::move(message));
}

bool FieldErrors::has(std::string_view field) const {
  return message(field) != nullptr;
}

const std::string* FieldErrors::message(std::string_view field) const {
  for (const auto& e : errors_)
    if (e.field == field) return &e.message;
  return nullptr;
}

}  // namespace examens::domain
