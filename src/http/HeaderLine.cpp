#include "http/HeaderLine.hpp"

#include "http/Grammar.hpp"

namespace wsh::http {

HeaderLine read_header_line(std::string_view input, std::size_t begin, std::size_t end,
                            bool lf_only) {
  HeaderLine line;
  line.begin = begin;
  line.end = end;
  line.lf_only = lf_only;
  const std::string_view text = input.substr(begin, end - begin);
  const auto fail = [&](LineShape shape, std::size_t at) {
    line.shape = shape;
    line.problem_at = begin + at;
  };
  if (const std::size_t cr = text.find('\r'); cr != std::string_view::npos) {
    fail(LineShape::bare_cr, cr);
  }
  const std::size_t colon = text.find(':');
  if (colon != std::string_view::npos) {
    line.name = trim_ows(text.substr(0, colon));
    line.value = trim_ows(text.substr(colon + 1));
  }
  if (line.shape != LineShape::field) {
    return line;
  }
  if (!text.empty() && is_ows(text.front())) {
    line.name = {};
    line.value = trim_ows(text);
    fail(LineShape::obs_fold, 0);
    return line;
  }
  if (colon == std::string_view::npos) {
    // A name followed by whitespace and then no colon is still a missing colon.
    fail(LineShape::missing_colon, 0);
    return line;
  }
  std::size_t i = 0;
  while (i < colon && is_tchar(text[i])) {
    ++i;
  }
  if (i < colon) {
    std::size_t after = i;
    while (after < colon && is_ows(text[after])) {
      ++after;
    }
    fail(after == colon && i > 0 ? LineShape::whitespace_before_colon : LineShape::invalid_name, i);
    return line;
  }
  if (colon == 0) {
    fail(LineShape::invalid_name, 0);
    return line;
  }
  if (const std::size_t bad = find_invalid_value_byte(text.substr(colon + 1));
      bad != std::string_view::npos) {
    fail(LineShape::control_byte, colon + 1 + bad);
  }
  return line;
}

} // namespace wsh::http
