#pragma once

#include <optional>
#include <string_view>

namespace wsh::inputs {

// What an input holds: raw HTTP bytes as a client sent them, a header block pasted from
// devtools, a curl transcript or command, a HAR file, or a packet capture.
enum class InputFormat { raw, headers, curl, har, pcap };

// "raw", "headers", "curl", "har" or "pcap", as --input-format spells it.
std::string_view to_string(InputFormat format);

// The format --input-format names, if it names one ("auto" names none).
std::optional<InputFormat> input_format_named(std::string_view name);

// What `detect_format` concluded and why, for the note that says so.
struct Detection {
  InputFormat format = InputFormat::raw;
  std::string_view reason;
};

// The format of an input from its first bytes (`start`, at most a few KiB are looked at):
// pcap and pcapng by their magic numbers (pcap-savefile(5), the pcapng draft), a HAR by its
// opening brace, curl by `curl ` or by a transcript's `> `/`< `/`* ` or `=> Send header` lines,
// a header block by a first line that is a field line (or a request line with LF endings and
// no empty line, as Firefox copies request headers), anything else as raw bytes.
Detection detect_format(std::string_view start);

} // namespace wsh::inputs
