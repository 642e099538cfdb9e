// Turns form values and per-field errors into template data: one object per field
// (label, hint, value, error) that the field partials of templates/partials render.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/field_errors.hpp"
#include "web/templates.hpp"

namespace examens::web {

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
  // The DSFR error summary at the top of the form, linking to each field in error.
  Data data() const;

 private:
  const domain::FieldErrors& errors_;
  Data fields_;
};

}  // namespace examens::web
