#include "capi/HeaderArray.hpp"

namespace wsh::capi {

void HeaderArray::assign(std::span<const std::pair<std::string_view, std::string_view>> fields) {
  std::size_t size = 0;
  for (const auto& [name, value] : fields) {
    size += name.size() + value.size() + 2;
  }
  std::string text;
  text.reserve(size);
  std::vector<WEB_SOCKET_HTTP_HEADER> pointers(fields.size());
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& [name, value] = fields[i];
    pointers[i].ulNameLength = static_cast<ULONG>(name.size());
    text.append(name).push_back('\0');
    pointers[i].ulValueLength = static_cast<ULONG>(value.size());
    text.append(value).push_back('\0');
  }
  // Moved first, then pointed into: a short string's characters move with it. The text never
  // grows again, so the pointers stay valid until the next assign or clear.
  m_text = std::move(text);
  m_fields = std::move(pointers);
  char* at = m_text.data();
  for (WEB_SOCKET_HTTP_HEADER& field : m_fields) {
    field.pcName = at;
    at += field.ulNameLength + 1;
    field.pcValue = at;
    at += field.ulValueLength + 1;
  }
}

void HeaderArray::clear() {
  std::string().swap(m_text);
  std::vector<WEB_SOCKET_HTTP_HEADER>().swap(m_fields);
}

} // namespace wsh::capi
