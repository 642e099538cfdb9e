// Template data for forms with per-field errors.
#include "web/form_view.hpp"

namespace examens::web {
namespace {

Data base(const FieldSpec& spec, const domain::FieldErrors& errors, bool disabled) {
  Data d;
  d.set("id", std::string(spec.name));
  d.set("label", std::string(spec.label));
  if (!spec.hint.empty()) d.set("hint", std::string(spec.hint));
  d.set("type", std::string(spec.type));
  d.set("autocomplete", std::string(spec.autocomplete));
  d.set("required", spec.required);
  d.set("disabled", disabled);
  if (const std::string* message = errors.message(spec.name)) d.set("error", *message);
  return d;
}

}  // namespace

void FormView::field(const FieldSpec& spec, std::string value, bool disabled) {
  Data d = base(spec, errors_, disabled);
  d.set("value", std::move(value));
  fields_[std::string(spec.name)] = std::move(d);
}

void FormView::select(const FieldSpec& spec, const std::vector<Option>& options,
                      std::string_view value, bool disabled) {
  Data d = base(spec, errors_, disabled);
  // The options as HTML, not as data: a country list is 250 of them on every page of the
  // wizard's tab 2, and a data object each cost more than the rest of the page.
  std::string html;
  html.reserve(options.size() * 48);
  for (const auto& o : options) {
    if (!html.empty()) html += '\n';
    html += "    <option value=\"";
    templates::append_html_escaped(html, o.value);
    html += o.value == value ? "\" selected>" : "\">";
    templates::append_html_escaped(html, o.label);
    html += "</option>";
  }
  d.set("options_html", html);
  d.set("value", std::string(value));
  d.set("vide", value.empty());
  fields_[std::string(spec.name)] = std::move(d);
}

Data FormView::data() const {
  Data d;
  d.set("f", fields_);
  if (!form_error_.empty()) d.set("form_error", form_error_);
  if (!errors_.empty()) {
    Data list{Data::type::list};
    for (const auto& e : errors_.all()) {
      Data item;
      item.set("field", e.field);
      item.set("message", e.message);
      list.push_back(item);
    }
    d.set("errors", list);
    d.set("has_errors", true);
  }
  return d;
}

}  // namespace examens::web
