#include "http/HeaderLine.hpp"

#include "http/ByteScan.hpp"
#include "http/Grammar.hpp"

namespace wsh::http {

HeaderLine read_header_line(std::string_view input, std::size_t begin, std::size_t end,
                            bool lf_only) {
  HeaderLine line;
  line.begin = begin;
  line.end = end;
  line.lf_only = lf_only;
  const std::string_view text = input.substr(begin, end - begin);
  if (const std::size_t colon = text.find(':'); colon != std::string_view::npos) {
    line.name = trim_ows(text.substr(0, colon));
    line.value = trim_ows(text.substr(colon + 1));
  }
  const auto shaped = [&](LineShape shape, std::size_t at) {
    line.shape = shape;
    line.problem_at = at;
    return line;
  };
  if (begin < end && is_ows(input[begin])) {
    line.name = {};
    line.value = trim_ows(text);
    return shaped(LineShape::obs_fold, begin);
  }
  const std::size_t i = find_token_end(input, begin, end);
  line.name_end = i;
  if (i < end && input[i] == '\r') {
    return shaped(LineShape::bare_cr, i);
  }
  if (i == end) {
    return shaped(LineShape::missing_colon, begin);
  }
  if (input[i] != ':') {
    if (is_ows(input[i]) && i != begin) {
      std::size_t after = i;
      while (after < end && is_ows(input[after])) {
        ++after;
      }
      if (after < end && input[after] == ':') {
        return shaped(LineShape::whitespace_before_colon, i);
      }
      if (input.substr(after, end - after).find(':') == std::string_view::npos) {
        return shaped(LineShape::missing_colon, i);
      }
    }
    return shaped(LineShape::invalid_name, i);
  }
  if (i == begin) {
    return shaped(LineShape::invalid_name, i);
  }
  if (const std::size_t v = find_field_value_end(input, i + 1, end); v != end) {
    return shaped(input[v] == '\r' ? LineShape::bare_cr : LineShape::control_byte, v);
  }
  return line;
}

} // namespace wsh::http
