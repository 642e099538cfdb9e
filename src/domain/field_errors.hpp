// Per-field validation errors with French user messages: the one path by which
// every form reports what is wrong next to the field concerned.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace examens::domain {

struct FieldError {
  std::string field;    // form field name the message belongs next to
  std::string message;  // French, shown to the user
};

class FieldErrors {
 public:
  void add(std::string field, std::string message);
  // Adds only when the field has no error yet: the first problem is the one shown.
  void add_once(std::string field, std::string message);
  // Adds the errors of `other` on the fields that have none here yet.
  void add_missing(const FieldErrors& other);
  bool empty() const { return errors_.empty(); }
  bool has(std::string_view field) const;
  const std::string* message(std::string_view field) const;
  const std::vector<FieldError>& all() const { return errors_; }

 private:
  std::vector<FieldError> errors_;
};

inline constexpr std::string_view kCaracteresNonAutorises =
    "Ce champ contient des caractères non autorisés.";

// The text rule every form field obeys (texte::is_acceptable_text): a value that
// breaks it gets kCaracteresNonAutorises. Forms run it before their own rules and add those
// with add_missing, so that this message is the one shown and no rule judges garbage.
void check_text(FieldErrors& errors, std::string_view field, std::string_view value);

}  // namespace examens::domain
