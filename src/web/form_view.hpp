// Turns form values and per-field errors into template data: one object per field
// (label, hint, value, error) that the field partials of templates/partials render.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/field_errors.hpp"
#include "templates/templates.hpp"

namespace examens::web {

using templates::Data;

struct FieldSpec {
  std::string_view name;
  std::string_view label;
  std::string_view hint;
  std::string_view type = "text";  // text | email | password | select
  std::string_view autocomplete = "off";
  bool required = true;
};

struct Option {
  std::string value;
  std::string label;
};

class FormView {
 public:
  explicit FormView(const domain::FieldErrors& errors) : errors_(errors) {}

  // Adds field `spec` with `value` under data key "f.<name>".
  void field(const FieldSpec& spec, std::string value, bool disabled = false);
  void select(const FieldSpec& spec, const std::vector<Option>& options, std::string_view value,
              bool disabled = false);
  // A refusal that no field is at fault for (wrong credentials, too many attempts): the
  // summary shows it above the links to the fields in error.
  void form_error(std::string message) { form_error_ = std::move(message); }
  // The DSFR error summary at the top of the form, linking to each field in error.
  Data data() const;

 private:
  const domain::FieldErrors& errors_;
  Data fields_;
  std::string form_error_;
};

}  // namespace examens::web
