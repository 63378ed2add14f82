// The C functions of <ws-handshake/websocket.h>: each checks its arguments as Microsoft's
// documentation states them, hands the work to a capi::Session, and turns every C++ exception
// into an HRESULT, so none crosses into C.

#include "capi/ChoiceSyntax.hpp"
#include "capi/EnumValue.hpp"
#include "capi/Properties.hpp"
#include "capi/Session.hpp"

#include <ws-handshake/websocket.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using wsh::capi::Role;
using wsh::capi::Session;

// The only WebSocket version the engine answers (RFC 6455 4.4), as a number.
constexpr ULONG k_supported_version = 13;
static_assert(wsh::handshake::k_websocket_version == "13");

// Runs `body`, turning what it throws into an HRESULT: running out of memory is E_OUTOFMEMORY,
// anything else (a bug) E_FAIL.
template <typename Body>
HRESULT guarded(Body body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return E_OUTOFMEMORY;
  } catch (const std::length_error&) {
    return E_OUTOFMEMORY;
  } catch (...) {
    return E_FAIL;
  }
}

// A pointer and a count as a span, or nothing when the pointer is null and the count is not
// zero (a null array of no elements is an empty one).
template <typename T>
bool as_span(T* pointer, ULONG count, std::span<T>& out) {
  if (pointer == nullptr) {
    out = {};
    return count == 0;
  }
  out = std::span<T>(pointer, count);
  return true;
}

// Whether every name and value with a non-zero length has a pointer.
bool fields_have_pointers(std::span<const WEB_SOCKET_HTTP_HEADER> fields) {
  for (const WEB_SOCKET_HTTP_HEADER& field : fields) {
    if ((field.pcName == nullptr && field.ulNameLength != 0) ||
        (field.pcValue == nullptr && field.ulValueLength != 0)) {
      return false;
    }
  }
  return true;
}

// The strings of a PCSTR array, or nothing when the array or one of its strings is null.
bool read_strings(PCSTR* strings, ULONG count, std::vector<std::string>& out) {
  std::span<PCSTR> given;
  if (!as_span(strings, count, given)) {
    return false;
  }
  out.clear();
  out.reserve(given.size());
  for (PCSTR text : given) {
    if (text == nullptr) {
      return false;
    }
    out.emplace_back(text);
  }
  return true;
}

// Makes a session after checking the arguments of WebSocketCreate*Handle.
HRESULT create_session(const WEB_SOCKET_PROPERTY* properties, ULONG property_count,
                       WEB_SOCKET_HANDLE* handle, Role role) {
  std::span<const WEB_SOCKET_PROPERTY> given;
  if (handle == nullptr || !as_span<const WEB_SOCKET_PROPERTY>(properties, property_count, given)) {
    return E_INVALIDARG;
  }
  if (const HRESULT checked = wsh::capi::check_properties(given, role); FAILED(checked)) {
    return checked;
  }
  return guarded([&] {
    *handle = new ws_handshake_session(role);
    return S_OK;
  });
}

// The session behind a handle, when the handle is not null and plays `role`.
Session* session_as(WEB_SOCKET_HANDLE handle, Role role) {
  if (handle == nullptr || handle->role() != role) {
    return nullptr;
  }
  return handle;
}

// What the session functions return once their arguments are checked: they are not
// implemented, and fail as Microsoft documents on an aborted session.
HRESULT session_function_result(const Session& session) {
  return session.aborted() ? E_INVALID_PROTOCOL_OPERATION : E_NOTIMPL;
}

} // namespace

// Windows' names, parameter names and parameter types are the API, so they keep Windows'
// spelling and its const pointers.
// NOLINTBEGIN(readability-identifier-naming, misc-misplaced-const)
extern "C" {

HRESULT WebSocketCreateClientHandle(const PWEB_SOCKET_PROPERTY pProperties, ULONG ulPropertyCount,
                                    WEB_SOCKET_HANDLE* phWebSocket) {
  return create_session(pProperties, ulPropertyCount, phWebSocket, Role::client);
}

HRESULT WebSocketCreateServerHandle(const PWEB_SOCKET_PROPERTY pProperties, ULONG ulPropertyCount,
                                    WEB_SOCKET_HANDLE* phWebSocket) {
  return create_session(pProperties, ulPropertyCount, phWebSocket, Role::server);
}

HRESULT WebSocketBeginClientHandshake(WEB_SOCKET_HANDLE hWebSocket, PCSTR* pszSubprotocols,
                                      ULONG ulSubprotocolCount, PCSTR* pszExtensions,
                                      ULONG ulExtensionCount,
                                      const PWEB_SOCKET_HTTP_HEADER pInitialHeaders,
                                      ULONG ulInitialHeaderCount,
                                      PWEB_SOCKET_HTTP_HEADER* pAdditionalHeaders,
                                      ULONG* pulAdditionalHeaderCount) {
  return guarded([&] {
    Session* session = session_as(hWebSocket, Role::client);
    std::span<const WEB_SOCKET_HTTP_HEADER> initial;
    wsh::handshake::ClientOffer offer;
    std::vector<std::string> extensions;
    if (session == nullptr || pAdditionalHeaders == nullptr ||
        pulAdditionalHeaderCount == nullptr ||
        !as_span<const WEB_SOCKET_HTTP_HEADER>(pInitialHeaders, ulInitialHeaderCount, initial) ||
        !fields_have_pointers(initial) ||
        !read_strings(pszSubprotocols, ulSubprotocolCount, offer.subprotocols) ||
        !read_strings(pszExtensions, ulExtensionCount, extensions)) {
      return E_INVALIDARG;
    }
    offer.extensions = std::move(extensions);
    const HRESULT begun = session->begin_client(std::move(offer));
    if (SUCCEEDED(begun)) {
      const std::span<WEB_SOCKET_HTTP_HEADER> fields = session->request_headers();
      *pAdditionalHeaders = fields.data();
      *pulAdditionalHeaderCount = static_cast<ULONG>(fields.size());
    }
    return begun;
  });
}

HRESULT WebSocketEndClientHandshake(WEB_SOCKET_HANDLE hWebSocket,
                                    const PWEB_SOCKET_HTTP_HEADER pResponseHeaders,
                                    ULONG ulReponseHeaderCount, ULONG* pulSelectedExtensions,
                                    ULONG* pulSelectedExtensionCount,
                                    ULONG* pulSelectedSubprotocol) {
  return guarded([&] {
    Session* session = session_as(hWebSocket, Role::client);
    std::span<const WEB_SOCKET_HTTP_HEADER> response;
    if (session == nullptr || pResponseHeaders == nullptr ||
        !as_span<const WEB_SOCKET_HTTP_HEADER>(pResponseHeaders, ulReponseHeaderCount, response) ||
        !fields_have_pointers(response) ||
        (pulSelectedExtensions == nullptr && pulSelectedExtensionCount != nullptr &&
         *pulSelectedExtensionCount != 0)) {
      return E_INVALIDARG;
    }
    return session->end_client(
        response, {pulSelectedExtensions, pulSelectedExtensionCount, pulSelectedSubprotocol});
  });
}

HRESULT WebSocketBeginServerHandshake(WEB_SOCKET_HANDLE hWebSocket, PCSTR pszSubprotocolSelected,
                                      PCSTR* pszExtensionSelected, ULONG ulExtensionSelectedCount,
                                      const PWEB_SOCKET_HTTP_HEADER pRequestHeaders,
                                      ULONG ulRequestHeaderCount,
                                      PWEB_SOCKET_HTTP_HEADER* pResponseHeaders,
                                      ULONG* pulResponseHeaderCount) {
  return guarded([&] {
    Session* session = session_as(hWebSocket, Role::server);
    if (session == nullptr || pRequestHeaders == nullptr || pResponseHeaders == nullptr ||
        pulResponseHeaderCount == nullptr) {
      return E_INVALIDARG;
    }
    const std::span<const WEB_SOCKET_HTTP_HEADER> request(pRequestHeaders, ulRequestHeaderCount);
    wsh::handshake::ServerChoices choices;
    if (!fields_have_pointers(request) ||
        !read_strings(pszExtensionSelected, ulExtensionSelectedCount, choices.extensions)) {
      return E_INVALIDARG;
    }
    // An empty name chooses no subprotocol, as a null pointer does.
    if (pszSubprotocolSelected != nullptr && *pszSubprotocolSelected != '\0') {
      choices.subprotocol = pszSubprotocolSelected;
    }
    // The application's own choices must be well-formed: refusing the client for them would
    // blame the wrong side.
    if ((choices.subprotocol && !wsh::capi::is_subprotocol_name(*choices.subprotocol)) ||
        !std::all_of(choices.extensions.begin(), choices.extensions.end(),
                     wsh::capi::is_one_extension)) {
      return E_INVALIDARG;
    }
    const HRESULT answered = session->begin_server(choices, request);
    const std::span<WEB_SOCKET_HTTP_HEADER> fields =
        SUCCEEDED(answered) ? session->response_headers() : std::span<WEB_SOCKET_HTTP_HEADER>();
    *pResponseHeaders = fields.empty() ? nullptr : fields.data();
    *pulResponseHeaderCount = static_cast<ULONG>(fields.size());
    return answered;
  });
}

HRESULT WebSocketEndServerHandshake(WEB_SOCKET_HANDLE hWebSocket) {
  Session* session = session_as(hWebSocket, Role::server);
  if (session == nullptr) {
    return E_INVALIDARG;
  }
  return session->end_server();
}

HRESULT WebSocketSend(WEB_SOCKET_HANDLE hWebSocket, WEB_SOCKET_BUFFER_TYPE BufferType,
                      WEB_SOCKET_BUFFER* pBuffer, PVOID Context) {
  static_cast<void>(Context);
  const std::int64_t type = wsh::capi::enum_value(BufferType);
  const bool control =
      type == WEB_SOCKET_PING_PONG_BUFFER_TYPE || type == WEB_SOCKET_UNSOLICITED_PONG_BUFFER_TYPE;
  const bool known = type >= WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE &&
                     type <= WEB_SOCKET_UNSOLICITED_PONG_BUFFER_TYPE;
  // A ping or a pong carries no buffer.
  if (hWebSocket == nullptr || !known || (control && pBuffer != nullptr)) {
    return E_INVALIDARG;
  }
  return session_function_result(*hWebSocket);
}

HRESULT WebSocketReceive(WEB_SOCKET_HANDLE hWebSocket, WEB_SOCKET_BUFFER* pBuffer,
                         PVOID pvContext) {
  static_cast<void>(pBuffer);
  static_cast<void>(pvContext);
  if (hWebSocket == nullptr) {
    return E_INVALIDARG;
  }
  return session_function_result(*hWebSocket);
}

HRESULT WebSocketGetAction(WEB_SOCKET_HANDLE hWebSocket, WEB_SOCKET_ACTION_QUEUE eActionQueue,
                           WEB_SOCKET_BUFFER* pDataBuffers, ULONG* pulDataBufferCount,
                           WEB_SOCKET_ACTION* pAction, WEB_SOCKET_BUFFER_TYPE* pBufferType,
                           PVOID* pvApplicationContext, PVOID* pvActionContext) {
  static_cast<void>(pvApplicationContext);
  const std::int64_t queue = wsh::capi::enum_value(eActionQueue);
  if (hWebSocket == nullptr || queue < WEB_SOCKET_SEND_ACTION_QUEUE ||
      queue > WEB_SOCKET_ALL_ACTION_QUEUE || pDataBuffers == nullptr ||
      pulDataBufferCount == nullptr || pAction == nullptr || pBufferType == nullptr ||
      pvActionContext == nullptr) {
    return E_INVALIDARG;
  }
  return session_function_result(*hWebSocket);
}

VOID WebSocketCompleteAction(WEB_SOCKET_HANDLE hWebSocket, PVOID pvActionContext,
                             ULONG ulBytesTransferred) {
  static_cast<void>(hWebSocket);
  static_cast<void>(pvActionContext);
  static_cast<void>(ulBytesTransferred);
}

VOID WebSocketAbortHandle(WEB_SOCKET_HANDLE hWebSocket) {
  if (hWebSocket != nullptr) {
    hWebSocket->abort();
  }
}

VOID WebSocketDeleteHandle(WEB_SOCKET_HANDLE hWebSocket) {
  delete hWebSocket;
}

HRESULT WebSocketGetGlobalProperty(WEB_SOCKET_PROPERTY_TYPE eType, PVOID pvValue, ULONG* ulSize) {
  if (pvValue == nullptr || ulSize == nullptr) {
    return E_INVALIDARG;
  }
  const std::int64_t type = wsh::capi::enum_value(eType);
  if (type == WEB_SOCKET_KEEPALIVE_INTERVAL_PROPERTY_TYPE) {
    return E_NOTIMPL;
  }
  if (type != WEB_SOCKET_SUPPORTED_VERSIONS_PROPERTY_TYPE) {
    return E_INVALIDARG;
  }
  if (*ulSize < sizeof k_supported_version) {
    *ulSize = sizeof k_supported_version;
    return E_INVALIDARG;
  }
  std::memcpy(pvValue, &k_supported_version, sizeof k_supported_version);
  *ulSize = sizeof k_supported_version;
  return S_OK;
}

} // extern "C"
// NOLINTEND(readability-identifier-naming, misc-misplaced-const)
