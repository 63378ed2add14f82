#pragma once

#include <string>
#include <string_view>

namespace wsh::handshake {

// Why a server's Sec-WebSocket-Accept (`accept`, OWS trimmed) is not the value RFC 6455 4.2.2
// item 5.4 computes from the client's key (`key`, trimmed; `key_as_written`, the field value
// with whatever whitespace surrounded it), when the bytes show it: the letter case changed,
// the key sent back, another GUID or none, the decoded key hashed, the untrimmed key hashed,
// a hexadecimal digest, missing or extra padding, quotes, a repeated value; otherwise whether
// it is a well-formed accept value for some other key. One sentence, for a message.
std::string explain_wrong_accept(std::string_view accept, std::string_view key,
                                 std::string_view key_as_written);

} // namespace wsh::handshake
