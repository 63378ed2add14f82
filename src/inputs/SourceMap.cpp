#include "inputs/SourceMap.hpp"

#include <algorithm>

namespace wsh::inputs {

OriginalText::OriginalText(std::string_view bytes) : m_bytes(bytes) {
  for (std::size_t at = bytes.find('\n'); at != std::string_view::npos;
       at = bytes.find('\n', at + 1)) {
    m_line_starts.push_back(at + 1);
  }
}

util::LineColumn OriginalText::locate(std::size_t offset) const {
  offset = std::min(offset, m_bytes.size());
  const auto later = std::upper_bound(m_line_starts.begin(), m_line_starts.end(), offset);
  const auto index = static_cast<std::size_t>(later - m_line_starts.begin());
  const std::size_t start = index == 0 ? 0 : m_line_starts[index - 1];
  return {index + 1, offset - start + 1};
}

std::string_view OriginalText::line_at(std::size_t offset) const {
  return util::line_at(m_bytes, offset);
}

void SourceMap::add(const Run& run) {
  if (run.size == 0) {
    return;
  }
  if (!m_runs.empty()) {
    Run& last = m_runs.back();
    // Runs come in rebuilt order; a copy that continues the last one extends it.
    if (!run.assumed && !last.assumed && last.rebuilt + last.size == run.rebuilt &&
        last.original + last.size == run.original) {
      last.size += run.size;
      return;
    }
  }
  m_runs.push_back(run);
}

void SourceMap::copy(std::size_t rebuilt, std::size_t size, std::size_t original) {
  add({rebuilt, size, original, false});
}

void SourceMap::assume(std::size_t rebuilt, std::size_t size, std::size_t original) {
  add({rebuilt, size, original, true});
}

Origin SourceMap::origin(std::size_t rebuilt) const {
  if (m_runs.empty()) {
    return {rebuilt, false};
  }
  auto after =
      std::upper_bound(m_runs.begin(), m_runs.end(), rebuilt,
                       [](std::size_t offset, const Run& run) { return offset < run.rebuilt; });
  if (after == m_runs.begin()) {
    return {m_runs.front().original, true};
  }
  const Run& run = *(after - 1);
  if (rebuilt >= run.rebuilt + run.size) {
    // Past every run (the end of the rebuilt bytes) or in a gap: the end of this run's place.
    return {run.assumed ? run.original : run.original + run.size, true};
  }
  if (run.assumed) {
    return {run.original, true};
  }
  return {run.original + (rebuilt - run.rebuilt), false};
}

} // namespace wsh::inputs
