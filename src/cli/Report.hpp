#pragma once

#include "cli/Options.hpp"
#include "handshake/Outcome.hpp"
#include "output/JsonRenderer.hpp"
#include "output/Source.hpp"

#include <string>
#include <string_view>

namespace wsh::cli {

// Writes all of `bytes` to `fd`. False (errno set) when the write failed or the reader left.
bool write_all(int fd, std::string_view bytes);

// Prints `ws-handshake: error: MESSAGE` on standard error.
void print_error(std::string_view message);

// Whether standard error gets colour under --color and NO_COLOR.
bool use_color(ColorWhen when);

// Whether render_outcome prints line numbers of its source for `outcome`, so a batch counts
// the lines of its stream only for results that name one.
inline bool renders_lines(const handshake::Outcome& outcome, const Options& options) {
  return options.format != Format::http || options.verbose || !outcome.diagnostics.empty();
}

// Appends one outcome in the chosen format: the result to `out` (standard output) and the
// diagnostics to `err` (standard error). `position` marks a result of a batch.
void render_outcome(const handshake::Outcome& outcome, const output::Source& source,
                    const Options& options, bool color, std::string& out, std::string& err,
                    const output::BatchPosition* position = nullptr);

} // namespace wsh::cli
