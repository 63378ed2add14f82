#include "cli/InputReader.hpp"

#include "http/RequestParser.hpp"
#include "util/Escape.hpp"

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace wsh::cli {

namespace {

constexpr std::size_t k_chunk = 65536;
constexpr std::size_t k_after_headers_limit = 65536;

// Closes a descriptor this module opened (never standard input).
class FileDescriptor {
public:
  explicit FileDescriptor(int fd, bool owned) : m_fd(fd), m_owned(owned) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (m_owned && m_fd >= 0) {
      ::close(m_fd);
    }
  }
  int get() const { return m_fd; }

private:
  int m_fd;
  bool m_owned;
};

// Outcome of one read: bytes appended, end of input, or an errno.
struct ReadResult {
  std::size_t count = 0;
  bool end = false;
  int error = 0;
};

ReadResult read_some(int fd, std::string& buffer, std::size_t most) {
  std::array<char, k_chunk> chunk; // filled by read(); zeroing 64 KiB first would be waste
  while (true) {
    const ssize_t n = ::read(fd, chunk.data(), std::min(most, chunk.size()));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return ReadResult{0, false, errno};
    }
    buffer.append(chunk.data(), static_cast<std::size_t>(n));
    return ReadResult{static_cast<std::size_t>(n), n == 0, 0};
  }
}

bool readable_now(int fd) {
  pollfd descriptor{fd, POLLIN, 0};
  return ::poll(&descriptor, 1, 0) > 0;
}

} // namespace

util::Expected<Input, InputError> read_request_input(const std::string& path,
                                                     std::size_t max_header_bytes) {
  const bool is_stdin = path == "-";
  const std::string shown = is_stdin ? "standard input" : util::escape_for_terminal(path);
  const int fd = is_stdin ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return util::unexpected(
        InputError{fmt::format("cannot open {}: {}", shown, std::strerror(errno))});
  }
  const FileDescriptor guard(fd, !is_stdin);
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    return util::unexpected(
        InputError{fmt::format("cannot read {}: {}", shown, std::strerror(errno))});
  }
  if (S_ISDIR(status.st_mode)) {
    return util::unexpected(InputError{fmt::format("cannot read {}: it is a directory", shown)});
  }

  Input input;
  std::size_t header_end = std::string::npos;
  bool ended = false;
  while (header_end == std::string::npos && input.bytes.size() <= max_header_bytes) {
    const ReadResult result = read_some(fd, input.bytes, k_chunk);
    if (result.error != 0) {
      return util::unexpected(
          InputError{fmt::format("cannot read {}: {}", shown, std::strerror(result.error))});
    }
    if (result.end) {
      ended = true;
      break;
    }
    header_end = http::find_header_end(input.bytes);
  }
  if (header_end == std::string::npos) {
    // Incomplete or too large: the parser says which; nothing more is read.
    input.more_input_unread = !ended;
    return input;
  }

  // After the header block: count what is already there, without waiting on a live peer.
  const std::size_t limit = header_end + k_after_headers_limit;
  const bool terminal = ::isatty(fd) == 1;
  while (!ended && !terminal && input.bytes.size() < limit && readable_now(fd)) {
    const ReadResult result = read_some(fd, input.bytes, limit - input.bytes.size());
    if (result.error != 0) {
      break;
    }
    ended = result.end;
  }
  if (input.bytes.size() > limit) {
    input.bytes.resize(limit);
  }
  input.more_input_unread = !ended;
  return input;
}

} // namespace wsh::cli
