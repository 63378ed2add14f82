#include "handshake/NameList.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <utility>

namespace wsh::handshake {

std::string quote_list(const std::vector<std::string_view>& names) {
  constexpr std::size_t k_most = 8;
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < k_most; ++i) {
    out += fmt::format("{}`{}`", i == 0 ? "" : ", ", names[i]);
  }
  if (names.size() > k_most) {
    out += fmt::format(" and {} more", names.size() - k_most);
  }
  return out;
}

std::vector<std::string_view> distinct(const std::vector<std::string_view>& names) {
  std::vector<std::pair<std::string_view, std::size_t>> sorted;
  sorted.reserve(names.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    sorted.emplace_back(names[i], i);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::size_t> firsts;
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    if (i == 0 || sorted[i].first != sorted[i - 1].first) {
      firsts.push_back(sorted[i].second);
    }
  }
  std::sort(firsts.begin(), firsts.end());
  std::vector<std::string_view> out;
  out.reserve(firsts.size());
  for (const std::size_t index : firsts) {
    out.push_back(names[index]);
  }
  return out;
}

} // namespace wsh::handshake
