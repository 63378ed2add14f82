/* The C API as a C program sees it: Microsoft's sample flow (client Begin, Host added, server
 * Begin, client End, server End), every HRESULT the library gives, every null or zero-length
 * argument, the handle's states (Abort included), independent handles on threads, and many
 * handshakes in a row. Accept values are checked against SHA-1 computed here with OpenSSL (RFC
 * 6455 4.2.2 item 5.4). Exit status 0 when every check holds; each failed check prints file:line
 * and what it saw. */
#include <ws-handshake/websocket.h>

#include <openssl/evp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static int checks = 0;

#define CHECK(condition)                                                                           \
  do {                                                                                             \
    ++checks;                                                                                      \
    if (!(condition)) {                                                                            \
      ++failures;                                                                                  \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition);                \
    }                                                                                              \
  } while (0)

#define CHECK_HR(expected, call)                                                                   \
  do {                                                                                             \
    const HRESULT got_ = (call);                                                                   \
    ++checks;                                                                                      \
    if (got_ != (expected)) {                                                                      \
      ++failures;                                                                                  \
      fprintf(stderr, "%s:%d: %s gave 0x%08lx, expected %s (0x%08lx)\n", __FILE__, __LINE__,       \
              #call, (unsigned long)(uint32_t)got_, #expected,                                     \
              (unsigned long)(uint32_t)(expected));                                                \
    }                                                                                              \
  } while (0)

#define COUNT(array) (sizeof(array) / sizeof((array)[0]))

/* A header built from two C strings; the API never writes through the pointers. */
static WEB_SOCKET_HTTP_HEADER header(const char* name, const char* value) {
  WEB_SOCKET_HTTP_HEADER h;
  h.pcName = (PCHAR)name;
  h.ulNameLength = (ULONG)strlen(name);
  h.pcValue = (PCHAR)value;
  h.ulValueLength = (ULONG)strlen(value);
  return h;
}

/* The value of the first field named `name` in an array, or NULL; names compare exactly. */
static const WEB_SOCKET_HTTP_HEADER* find_field(const WEB_SOCKET_HTTP_HEADER* fields, ULONG count,
                                                const char* name) {
  for (ULONG i = 0; i < count; ++i) {
    if (fields[i].ulNameLength == strlen(name) &&
        memcmp(fields[i].pcName, name, fields[i].ulNameLength) == 0) {
      return &fields[i];
    }
  }
  return NULL;
}

static int field_is(const WEB_SOCKET_HTTP_HEADER* fields, ULONG count, const char* name,
                    const char* value) {
  const WEB_SOCKET_HTTP_HEADER* field = find_field(fields, count, name);
  return field != NULL && field->ulValueLength == strlen(value) &&
         memcmp(field->pcValue, value, field->ulValueLength) == 0;
}

/* Sec-WebSocket-Accept for a key: base64(SHA-1(key + GUID)) (RFC 6455 4.2.2 item 5.4). */
static void expected_accept(const char* key, size_t key_length, char out[29]) {
  static const char guid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  unsigned char text[128];
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  memcpy(text, key, key_length);
  memcpy(text + key_length, guid, sizeof guid - 1);
  EVP_Digest(text, key_length + sizeof guid - 1, digest, &digest_length, EVP_sha1(), NULL);
  EVP_EncodeBlock((unsigned char*)out, digest, (int)digest_length);
}

/* The RFC 6455 1.3 example request as pairs; the caller may replace fields. */
static size_t rfc6455_request(WEB_SOCKET_HTTP_HEADER* fields) {
  fields[0] = header("Host", "server.example.com");
  fields[1] = header("Upgrade", "websocket");
  fields[2] = header("Connection", "Upgrade");
  fields[3] = header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
  fields[4] = header("Origin", "http://example.com");
  fields[5] = header("Sec-WebSocket-Protocol", "chat, superchat");
  fields[6] = header("Sec-WebSocket-Version", "13");
  return 7;
}

/* A server Begin on a fresh handle; the handle is returned for the caller to end or delete. */
static HRESULT serve(const WEB_SOCKET_HTTP_HEADER* request, ULONG count, PCSTR subprotocol,
                     PCSTR* extensions, ULONG extension_count, WEB_SOCKET_HANDLE* handle,
                     PWEB_SOCKET_HTTP_HEADER* response, ULONG* response_count) {
  HRESULT hr = WebSocketCreateServerHandle(NULL, 0, handle);
  if (FAILED(hr)) {
    return hr;
  }
  return WebSocketBeginServerHandshake(*handle, subprotocol, extensions, extension_count,
                                       (PWEB_SOCKET_HTTP_HEADER)request, count, response,
                                       response_count);
}

/* One handshake between this library's client and server, as in Microsoft's sample: what the
 * client offers, what the server chooses, one edit of the server's response before the client
 * reads it, and what the client's End wrote. */
struct Exchange {
  PCSTR* protocols;
  ULONG protocol_count;
  PCSTR* extensions;
  ULONG extension_count;
  PCSTR chosen_protocol;
  PCSTR* chosen_extensions;
  ULONG chosen_extension_count;
  /* A response field replaced (found by name), added (not found) or removed (value NULL). */
  const char* edit_name;
  const char* edit_value;
  /* Room End is told pulSelectedExtensions has; 0 passes no count at all. */
  ULONG extension_room;
  ULONG selected_extensions[4];
  ULONG selected_extension_count;
  ULONG selected_subprotocol;
};

/* Runs `x`: the client's Begin, the server's Begin on the client's fields plus Host, the edit,
 * the client's End, the server's End. Returns End's HRESULT (or the first failure before it);
 * the client handle is deleted, or left in *keep for the caller when `keep` is not NULL. */
static HRESULT run_exchange(struct Exchange* x, WEB_SOCKET_HANDLE* keep) {
  WEB_SOCKET_HANDLE client = NULL;
  WEB_SOCKET_HANDLE server = NULL;
  PWEB_SOCKET_HTTP_HEADER client_fields = NULL;
  ULONG client_count = 0;
  PWEB_SOCKET_HTTP_HEADER response = NULL;
  ULONG response_count = 0;
  WEB_SOCKET_HTTP_HEADER request[12];
  WEB_SOCKET_HTTP_HEADER edited[12];
  ULONG edited_count = 0;
  ULONG i = 0;
  int found = 0;
  HRESULT hr = WebSocketCreateClientHandle(NULL, 0, &client);
  if (SUCCEEDED(hr)) {
    hr = WebSocketBeginClientHandshake(client, x->protocols, x->protocol_count, x->extensions,
                                       x->extension_count, NULL, 0, &client_fields, &client_count);
  }
  if (SUCCEEDED(hr) && client_count + 1 > COUNT(request)) {
    hr = E_FAIL;
  }
  if (SUCCEEDED(hr)) {
    memcpy(request, client_fields, client_count * sizeof request[0]);
    request[client_count] = header("Host", "localhost");
    hr = serve(request, client_count + 1, x->chosen_protocol, x->chosen_extensions,
               x->chosen_extension_count, &server, &response, &response_count);
  }
  if (SUCCEEDED(hr) && response_count + 1 > COUNT(edited)) {
    hr = E_FAIL;
  }
  if (SUCCEEDED(hr)) {
    for (i = 0; i < response_count; ++i) {
      const int match = x->edit_name != NULL && response[i].ulNameLength == strlen(x->edit_name) &&
                        memcmp(response[i].pcName, x->edit_name, response[i].ulNameLength) == 0;
      found = found || match;
      if (!match) {
        edited[edited_count++] = response[i];
      } else if (x->edit_value != NULL) {
        edited[edited_count++] = header(x->edit_name, x->edit_value);
      }
    }
    if (x->edit_name != NULL && !found && x->edit_value != NULL) {
      edited[edited_count++] = header(x->edit_name, x->edit_value);
    }
    x->selected_extension_count = x->extension_room;
    x->selected_subprotocol = 77;
    hr = WebSocketEndClientHandshake(
        client, edited, edited_count, x->extension_room != 0 ? x->selected_extensions : NULL,
        x->extension_room != 0 ? &x->selected_extension_count : NULL, &x->selected_subprotocol);
    CHECK_HR(S_OK, WebSocketEndServerHandshake(server));
  }
  WebSocketDeleteHandle(server);
  if (keep != NULL) {
    *keep = client;
  } else {
    WebSocketDeleteHandle(client);
  }
  return hr;
}

/* One server handshake that is expected to give `expected`, handle deleted after. */
static HRESULT serve_once(const WEB_SOCKET_HTTP_HEADER* request, ULONG count, PCSTR subprotocol,
                          PCSTR* extensions, ULONG extension_count) {
  WEB_SOCKET_HANDLE handle = NULL;
  PWEB_SOCKET_HTTP_HEADER response = NULL;
  ULONG response_count = 0;
  const HRESULT hr = serve(request, count, subprotocol, extensions, extension_count, &handle,
                           &response, &response_count);
  if (FAILED(hr)) {
    CHECK(response == NULL && response_count == 0);
  }
  WebSocketDeleteHandle(handle);
  return hr;
}

/* Microsoft's sample (Initialize, PerformHandshake, the start of PerformDataExchange) written
 * the way its documentation reads: the client's Begin, the server's Begin with the client's
 * headers plus Host, the client's End on the server's headers, the server's End. The session
 * functions that follow are not implemented and say E_NOTIMPL. */
static void test_microsoft_sample_flow(void) {
  HRESULT hr = S_OK;
  WEB_SOCKET_HANDLE clientHandle = NULL;
  WEB_SOCKET_HANDLE serverHandle = NULL;
  ULONG clientAdditionalHeaderCount = 0;
  WEB_SOCKET_HTTP_HEADER* clientAdditionalHeaders = NULL;
  ULONG serverAdditionalHeaderCount = 0;
  WEB_SOCKET_HTTP_HEADER* serverAdditionalHeaders = NULL;
  ULONG clientHeaderCount = 0;
  WEB_SOCKET_HTTP_HEADER* clientHeaders = NULL;
  static const WEB_SOCKET_HTTP_HEADER host = {"Host", sizeof("Host") - 1, "localhost",
                                              sizeof("localhost") - 1};
  const WEB_SOCKET_HTTP_HEADER* key = NULL;
  char accept[29];
  BYTE dataToSend[] = {'H', 'e', 'l', 'l', 'o', ' ', 'W', 'o', 'r', 'l', 'd'};
  WEB_SOCKET_BUFFER buffer;

  hr = WebSocketCreateClientHandle(NULL, 0, &clientHandle);
  CHECK_HR(S_OK, hr);
  hr = WebSocketCreateServerHandle(NULL, 0, &serverHandle);
  CHECK_HR(S_OK, hr);
  if (FAILED(hr)) {
    goto quit;
  }

  hr = WebSocketBeginClientHandshake(clientHandle, NULL, 0, NULL, 0, NULL, 0,
                                     &clientAdditionalHeaders, &clientAdditionalHeaderCount);
  CHECK_HR(S_OK, hr);
  if (FAILED(hr)) {
    goto quit;
  }
  CHECK(clientAdditionalHeaderCount == 4);
  CHECK(field_is(clientAdditionalHeaders, clientAdditionalHeaderCount, "Upgrade", "websocket"));
  CHECK(field_is(clientAdditionalHeaders, clientAdditionalHeaderCount, "Connection", "Upgrade"));
  CHECK(field_is(clientAdditionalHeaders, clientAdditionalHeaderCount, "Sec-WebSocket-Version",
                 "13"));
  key = find_field(clientAdditionalHeaders, clientAdditionalHeaderCount, "Sec-WebSocket-Key");
  CHECK(key != NULL && key->ulValueLength == 24 && key->pcValue[22] == '=' &&
        key->pcValue[23] == '=');

  clientHeaderCount = clientAdditionalHeaderCount + 1;
  clientHeaders = malloc(clientHeaderCount * sizeof(WEB_SOCKET_HTTP_HEADER));
  if (clientHeaders == NULL) {
    hr = E_OUTOFMEMORY;
    goto quit;
  }
  memcpy(clientHeaders, clientAdditionalHeaders,
         clientAdditionalHeaderCount * sizeof(WEB_SOCKET_HTTP_HEADER));
  clientHeaders[clientAdditionalHeaderCount] = host;

  hr = WebSocketBeginServerHandshake(serverHandle, NULL, NULL, 0, clientHeaders, clientHeaderCount,
                                     &serverAdditionalHeaders, &serverAdditionalHeaderCount);
  CHECK_HR(S_OK, hr);
  if (FAILED(hr)) {
    goto quit;
  }
  CHECK(serverAdditionalHeaderCount == 3);
  CHECK(field_is(serverAdditionalHeaders, serverAdditionalHeaderCount, "Upgrade", "websocket"));
  CHECK(field_is(serverAdditionalHeaders, serverAdditionalHeaderCount, "Connection", "Upgrade"));
  if (key != NULL) {
    expected_accept(key->pcValue, key->ulValueLength, accept);
    CHECK(field_is(serverAdditionalHeaders, serverAdditionalHeaderCount, "Sec-WebSocket-Accept",
                   accept));
  }

  hr = WebSocketEndClientHandshake(clientHandle, serverAdditionalHeaders,
                                   serverAdditionalHeaderCount, NULL, 0, NULL);
  CHECK_HR(S_OK, hr);
  if (FAILED(hr)) {
    goto quit;
  }

  hr = WebSocketEndServerHandshake(serverHandle);
  CHECK_HR(S_OK, hr);
  if (FAILED(hr)) {
    goto quit;
  }

  buffer.Data.pbBuffer = dataToSend;
  buffer.Data.ulBufferLength = COUNT(dataToSend);
  hr = WebSocketSend(clientHandle, WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE, &buffer, NULL);
  CHECK_HR(E_NOTIMPL, hr);
  hr = WebSocketReceive(serverHandle, NULL, NULL);
  CHECK_HR(E_NOTIMPL, hr);

quit:
  free(clientHeaders);
  WebSocketDeleteHandle(clientHandle);
  WebSocketDeleteHandle(serverHandle);
}

/* The header's numbers are winerror.h's, and SUCCEEDED/FAILED read them as Windows does. */
static void test_hresult_values(void) {
  CHECK((uint32_t)S_OK == 0x00000000u);
  CHECK((uint32_t)E_NOTIMPL == 0x80004001u);
  CHECK((uint32_t)E_FAIL == 0x80004005u);
  CHECK((uint32_t)E_OUTOFMEMORY == 0x8007000Eu);
  CHECK((uint32_t)E_INVALIDARG == 0x80070057u);
  CHECK((uint32_t)E_INVALID_PROTOCOL_OPERATION == 0x83760001u);
  CHECK((uint32_t)E_INVALID_PROTOCOL_FORMAT == 0x83760002u);
  CHECK((uint32_t)E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED == 0x83760003u);
  CHECK((uint32_t)E_SUBPROTOCOL_NOT_SUPPORTED == 0x83760004u);
  CHECK((uint32_t)E_PROTOCOL_VERSION_NOT_SUPPORTED == 0x83760005u);
  CHECK(E_UNSUPPORTED_SUBPROTOCOL == E_SUBPROTOCOL_NOT_SUPPORTED);
  CHECK(E_UNSUPPORTED_EXTENSION == E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED);
  CHECK(SUCCEEDED(S_OK) && !FAILED(S_OK));
  CHECK(FAILED(E_INVALIDARG) && !SUCCEEDED(E_INVALID_PROTOCOL_FORMAT));
  CHECK((uint32_t)WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE == 0x80000000u);
  CHECK((uint32_t)WEB_SOCKET_UNSOLICITED_PONG_BUFFER_TYPE == 0x80000006u);
  CHECK(sizeof(ULONG) == 4 && sizeof(HRESULT) == 4);
}

/* The RFC's example, accepted; with a chosen subprotocol and extension. */
static void test_server_accepts(void) {
  WEB_SOCKET_HTTP_HEADER request[9];
  ULONG count = (ULONG)rfc6455_request(request);
  WEB_SOCKET_HANDLE handle = NULL;
  PWEB_SOCKET_HTTP_HEADER response = NULL;
  ULONG response_count = 0;
  PCSTR deflate[] = {"permessage-deflate"};

  CHECK_HR(S_OK, serve(request, count, NULL, NULL, 0, &handle, &response, &response_count));
  CHECK(response_count == 3);
  CHECK(response != NULL && response[0].pcName[response[0].ulNameLength] == '\0');
  CHECK(field_is(response, response_count, "Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
  CHECK(find_field(response, response_count, "Sec-WebSocket-Protocol") == NULL);
  CHECK_HR(S_OK, WebSocketEndServerHandshake(handle));
  WebSocketDeleteHandle(handle);

  /* An empty subprotocol chooses none, as NULL does. */
  CHECK_HR(S_OK, serve(request, count, "", NULL, 0, &handle, &response, &response_count));
  CHECK(response_count == 3);
  WebSocketDeleteHandle(handle);

  request[count++] =
      header("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
  CHECK_HR(S_OK,
           serve(request, count, "superchat", deflate, 1, &handle, &response, &response_count));
  CHECK(response_count == 5);
  CHECK(field_is(response, response_count, "Sec-WebSocket-Protocol", "superchat"));
  CHECK(field_is(response, response_count, "Sec-WebSocket-Extensions", "permessage-deflate"));
  WebSocketDeleteHandle(handle);

  /* A field with an empty value given as a null pointer and length 0 is an empty field. */
  request[count++] = header("X-Empty", "");
  request[count - 1].pcValue = NULL;
  CHECK_HR(S_OK, serve_once(request, count, NULL, NULL, 0));
}

/* Each verdict of the engine, as the CLI reports it for the same request. */
static void test_server_refusals(void) {
  WEB_SOCKET_HTTP_HEADER request[9];
  ULONG count = (ULONG)rfc6455_request(request);
  PCSTR deflate[] = {"permessage-deflate"};
  PCSTR two_in_one[] = {"permessage-deflate, x-webkit-deflate-frame"};

  /* RFC 6455 4.2.1 item 1: Host is required. */
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request + 1, count - 1, NULL, NULL, 0));
  /* RFC 6455 4.4: another version gets E_PROTOCOL_VERSION_NOT_SUPPORTED. */
  request[6] = header("Sec-WebSocket-Version", "8");
  CHECK_HR(E_PROTOCOL_VERSION_NOT_SUPPORTED, serve_once(request, count, NULL, NULL, 0));
  request[6] = header("Sec-WebSocket-Version", "13");
  /* RFC 6455 4.2.2 item 5.4: a key that is not 16 bytes in base64. */
  request[3] = header("Sec-WebSocket-Key", "c2hvcnQ=");
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request, count, NULL, NULL, 0));
  request[3] = header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
  /* RFC 6455 4.2.2 item 5.4: only a subprotocol the client offered. */
  CHECK_HR(E_SUBPROTOCOL_NOT_SUPPORTED, serve_once(request, count, "mqtt", NULL, 0));
  /* RFC 6455 9.1: only an extension the client offered. */
  CHECK_HR(E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED, serve_once(request, count, NULL, deflate, 1));
  /* The application's own malformed choices are its error, not the client's. */
  CHECK_HR(E_INVALIDARG, serve_once(request, count, NULL, two_in_one, 1));
  CHECK_HR(E_INVALIDARG, serve_once(request, count, "chat room", NULL, 0));
  /* No fields at all. */
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request, 0, NULL, NULL, 0));
  /* Zero-length names: the engine refuses an empty field name (RFC 9110 5.1). */
  request[count] = header("", "x");
  request[count].pcName = NULL;
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request, count + 1, NULL, NULL, 0));
}

/* A colon, CR or LF in a name and a CR or LF in a value never make a line of their own: the
 * request is refused, and a header smuggled that way is not read. */
static void test_no_forged_lines(void) {
  WEB_SOCKET_HTTP_HEADER request[9];
  const ULONG count = (ULONG)rfc6455_request(request);
  WEB_SOCKET_HANDLE handle = NULL;
  PWEB_SOCKET_HTTP_HEADER response = NULL;
  ULONG response_count = 0;
  PCSTR forged_extension[] = {"permessage-deflate\r\nX-Forged: 1"};

  /* The version arrives only inside another field's value. */
  request[6] = header("Origin", "http://example.com\r\nSec-WebSocket-Version: 13");
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request, count, NULL, NULL, 0));
  request[6] = header("Origin", "http://example.com\nSec-WebSocket-Version: 13");
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request, count, NULL, NULL, 0));
  request[6] = header("Origin", "http://example.com\rSec-WebSocket-Version: 13");
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request, count, NULL, NULL, 0));
  /* ...or inside a name, after a colon or a line break. */
  request[6] = header("X-A:Sec-WebSocket-Version", "13");
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request, count, NULL, NULL, 0));
  request[6] = header("X-A\r\nSec-WebSocket-Version", "13");
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request, count, NULL, NULL, 0));
  /* A name with a NUL inside is refused as the bytes it is. */
  request[6] = header("Sec-WebSocket-Version", "13");
  request[6].ulNameLength = 4;
  request[6].pcName = (PCHAR) "X\0-A";
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request, count, NULL, NULL, 0));
  request[6] = header("Sec-WebSocket-Version", "13");
  /* The application's choices cannot smuggle a field into the response either. */
  CHECK_HR(E_INVALIDARG, serve(request, count, "chat\r\nX-Forged: 1", NULL, 0, &handle, &response,
                               &response_count));
  WebSocketDeleteHandle(handle);
  CHECK_HR(E_INVALIDARG, serve_once(request, count, NULL, forged_extension, 1));
}

/* More fields than the engine's 256 are refused, as the tool refuses them. */
static void test_many_fields(void) {
  WEB_SOCKET_HTTP_HEADER request[300];
  const ULONG base = (ULONG)rfc6455_request(request);
  ULONG i = 0;
  for (i = base; i < COUNT(request); ++i) {
    request[i] = header("X-Filler", "x");
  }
  CHECK_HR(S_OK, serve_once(request, 256, NULL, NULL, 0));
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request, 257, NULL, NULL, 0));
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request, COUNT(request), NULL, NULL, 0));
}

/* A request larger than the engine's 64 KiB limit is refused, however large. */
static void test_huge_request(void) {
  WEB_SOCKET_HTTP_HEADER request[9];
  ULONG count = (ULONG)rfc6455_request(request);
  const size_t size = 1u << 20;
  char* value = malloc(size + 1);
  CHECK(value != NULL);
  if (value == NULL) {
    return;
  }
  memset(value, 'a', size);
  value[size] = '\0';
  request[count++] = header("X-Large", value);
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, serve_once(request, count, NULL, NULL, 0));
  request[count - 1].ulValueLength = 60000;
  CHECK_HR(S_OK, serve_once(request, count, NULL, NULL, 0));
  free(value);
}

/* Null pointers where Microsoft's documentation requires one, counts that do not match their
 * arrays, and handles of the other side: E_INVALIDARG, and nothing happens. */
static void test_invalid_arguments(void) {
  WEB_SOCKET_HTTP_HEADER request[9];
  const ULONG count = (ULONG)rfc6455_request(request);
  WEB_SOCKET_HANDLE server = NULL;
  WEB_SOCKET_HANDLE client = NULL;
  PWEB_SOCKET_HTTP_HEADER fields = NULL;
  ULONG field_count = 0;
  PCSTR null_entry[] = {NULL};
  PCSTR chat[] = {"chat"};
  WEB_SOCKET_HTTP_HEADER null_name = {NULL, 4, (PCHAR) "x", 1};
  WEB_SOCKET_HTTP_HEADER null_value = {(PCHAR) "X-A", 3, NULL, 1};
  WEB_SOCKET_BUFFER buffer;
  ULONG buffer_count = 1;
  WEB_SOCKET_ACTION action;
  WEB_SOCKET_BUFFER_TYPE buffer_type;
  PVOID context = NULL;
  ULONG versions[2] = {0, 0};
  ULONG size = sizeof versions;

  CHECK_HR(E_INVALIDARG, WebSocketCreateServerHandle(NULL, 0, NULL));
  CHECK_HR(E_INVALIDARG, WebSocketCreateServerHandle(NULL, 1, &server));
  CHECK_HR(E_INVALIDARG, WebSocketCreateClientHandle(NULL, 0, NULL));
  CHECK_HR(E_INVALIDARG, WebSocketCreateClientHandle(NULL, 2, &client));
  CHECK(server == NULL && client == NULL);
  CHECK_HR(S_OK, WebSocketCreateServerHandle(NULL, 0, &server));
  CHECK_HR(S_OK, WebSocketCreateClientHandle(NULL, 0, &client));

  /* WebSocketBeginServerHandshake. */
  CHECK_HR(E_INVALIDARG, WebSocketBeginServerHandshake(NULL, NULL, NULL, 0, request, count, &fields,
                                                       &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginServerHandshake(client, NULL, NULL, 0, request, count,
                                                       &fields, &field_count));
  CHECK_HR(E_INVALIDARG,
           WebSocketBeginServerHandshake(server, NULL, NULL, 0, NULL, 0, &fields, &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginServerHandshake(server, NULL, NULL, 0, NULL, count, &fields,
                                                       &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginServerHandshake(server, NULL, NULL, 0, request, count, NULL,
                                                       &field_count));
  CHECK_HR(E_INVALIDARG,
           WebSocketBeginServerHandshake(server, NULL, NULL, 0, request, count, &fields, NULL));
  CHECK_HR(E_INVALIDARG, WebSocketBeginServerHandshake(server, NULL, NULL, 1, request, count,
                                                       &fields, &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginServerHandshake(server, NULL, null_entry, 1, request, count,
                                                       &fields, &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginServerHandshake(server, NULL, NULL, 0, &null_name, 1,
                                                       &fields, &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginServerHandshake(server, NULL, NULL, 0, &null_value, 1,
                                                       &fields, &field_count));
  /* None of those used the handle up: it still answers. */
  CHECK_HR(S_OK, WebSocketBeginServerHandshake(server, NULL, chat, 0, request, count, &fields,
                                               &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketEndServerHandshake(NULL));
  CHECK_HR(E_INVALIDARG, WebSocketEndServerHandshake(client));

  /* WebSocketBeginClientHandshake. */
  CHECK_HR(E_INVALIDARG,
           WebSocketBeginClientHandshake(NULL, NULL, 0, NULL, 0, NULL, 0, &fields, &field_count));
  CHECK_HR(E_INVALIDARG,
           WebSocketBeginClientHandshake(server, NULL, 0, NULL, 0, NULL, 0, &fields, &field_count));
  CHECK_HR(E_INVALIDARG,
           WebSocketBeginClientHandshake(client, NULL, 0, NULL, 0, NULL, 0, NULL, &field_count));
  CHECK_HR(E_INVALIDARG,
           WebSocketBeginClientHandshake(client, NULL, 0, NULL, 0, NULL, 0, &fields, NULL));
  CHECK_HR(E_INVALIDARG,
           WebSocketBeginClientHandshake(client, NULL, 1, NULL, 0, NULL, 0, &fields, &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginClientHandshake(client, null_entry, 1, NULL, 0, NULL, 0,
                                                       &fields, &field_count));
  CHECK_HR(E_INVALIDARG,
           WebSocketBeginClientHandshake(client, NULL, 0, NULL, 3, NULL, 0, &fields, &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginClientHandshake(client, NULL, 0, null_entry, 1, NULL, 0,
                                                       &fields, &field_count));
  CHECK_HR(E_INVALIDARG,
           WebSocketBeginClientHandshake(client, NULL, 0, NULL, 0, NULL, 1, &fields, &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginClientHandshake(client, NULL, 0, NULL, 0, &null_name, 1,
                                                       &fields, &field_count));

  /* WebSocketEndClientHandshake. */
  CHECK_HR(E_INVALIDARG, WebSocketEndClientHandshake(NULL, request, 1, NULL, NULL, NULL));
  CHECK_HR(E_INVALIDARG, WebSocketEndClientHandshake(server, request, 1, NULL, NULL, NULL));
  CHECK_HR(E_INVALIDARG, WebSocketEndClientHandshake(client, NULL, 0, NULL, NULL, NULL));
  CHECK_HR(E_INVALIDARG, WebSocketEndClientHandshake(client, &null_value, 1, NULL, NULL, NULL));
  buffer_count = 1;
  CHECK_HR(E_INVALIDARG,
           WebSocketEndClientHandshake(client, request, 1, NULL, &buffer_count, NULL));

  /* The session functions. */
  buffer.Data.pbBuffer = NULL;
  buffer.Data.ulBufferLength = 0;
  CHECK_HR(E_INVALIDARG, WebSocketSend(NULL, WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, &buffer, NULL));
  CHECK_HR(E_INVALIDARG, WebSocketSend(server, WEB_SOCKET_PING_PONG_BUFFER_TYPE, &buffer, NULL));
  CHECK_HR(E_INVALIDARG, WebSocketSend(server, (WEB_SOCKET_BUFFER_TYPE)7, &buffer, NULL));
  CHECK_HR(E_NOTIMPL, WebSocketSend(server, WEB_SOCKET_PING_PONG_BUFFER_TYPE, NULL, NULL));
  CHECK_HR(E_INVALIDARG, WebSocketReceive(NULL, NULL, NULL));
  CHECK_HR(E_INVALIDARG, WebSocketGetAction(NULL, WEB_SOCKET_ALL_ACTION_QUEUE, &buffer,
                                            &buffer_count, &action, &buffer_type, NULL, &context));
  CHECK_HR(E_INVALIDARG, WebSocketGetAction(server, (WEB_SOCKET_ACTION_QUEUE)0, &buffer,
                                            &buffer_count, &action, &buffer_type, NULL, &context));
  CHECK_HR(E_INVALIDARG, WebSocketGetAction(server, (WEB_SOCKET_ACTION_QUEUE)4, &buffer,
                                            &buffer_count, &action, &buffer_type, NULL, &context));
  CHECK_HR(E_INVALIDARG, WebSocketGetAction(server, WEB_SOCKET_ALL_ACTION_QUEUE, NULL,
                                            &buffer_count, &action, &buffer_type, NULL, &context));
  CHECK_HR(E_INVALIDARG, WebSocketGetAction(server, WEB_SOCKET_ALL_ACTION_QUEUE, &buffer, NULL,
                                            &action, &buffer_type, NULL, &context));
  CHECK_HR(E_INVALIDARG, WebSocketGetAction(server, WEB_SOCKET_ALL_ACTION_QUEUE, &buffer,
                                            &buffer_count, NULL, &buffer_type, NULL, &context));
  CHECK_HR(E_INVALIDARG, WebSocketGetAction(server, WEB_SOCKET_ALL_ACTION_QUEUE, &buffer,
                                            &buffer_count, &action, NULL, NULL, &context));
  CHECK_HR(E_INVALIDARG, WebSocketGetAction(server, WEB_SOCKET_ALL_ACTION_QUEUE, &buffer,
                                            &buffer_count, &action, &buffer_type, NULL, NULL));
  CHECK_HR(E_NOTIMPL, WebSocketGetAction(server, WEB_SOCKET_ALL_ACTION_QUEUE, &buffer,
                                         &buffer_count, &action, &buffer_type, NULL, &context));
  WebSocketCompleteAction(NULL, NULL, 0);
  WebSocketCompleteAction(server, context, 0);
  WebSocketAbortHandle(NULL);
  WebSocketDeleteHandle(NULL);

  /* WebSocketGetGlobalProperty. */
  CHECK_HR(E_INVALIDARG,
           WebSocketGetGlobalProperty(WEB_SOCKET_SUPPORTED_VERSIONS_PROPERTY_TYPE, NULL, &size));
  CHECK_HR(E_INVALIDARG,
           WebSocketGetGlobalProperty(WEB_SOCKET_SUPPORTED_VERSIONS_PROPERTY_TYPE, versions, NULL));
  size = 2;
  CHECK_HR(E_INVALIDARG, WebSocketGetGlobalProperty(WEB_SOCKET_SUPPORTED_VERSIONS_PROPERTY_TYPE,
                                                    versions, &size));
  CHECK(size == sizeof(ULONG));
  size = sizeof versions;
  CHECK_HR(S_OK, WebSocketGetGlobalProperty(WEB_SOCKET_SUPPORTED_VERSIONS_PROPERTY_TYPE, versions,
                                            &size));
  CHECK(size == sizeof(ULONG) && versions[0] == 13);
  CHECK_HR(E_NOTIMPL, WebSocketGetGlobalProperty(WEB_SOCKET_KEEPALIVE_INTERVAL_PROPERTY_TYPE,
                                                 versions, &size));
  CHECK_HR(E_INVALIDARG, WebSocketGetGlobalProperty(WEB_SOCKET_RECEIVE_BUFFER_SIZE_PROPERTY_TYPE,
                                                    versions, &size));
  CHECK_HR(E_INVALIDARG, WebSocketGetGlobalProperty((WEB_SOCKET_PROPERTY_TYPE)99, versions, &size));

  WebSocketDeleteHandle(server);
  WebSocketDeleteHandle(client);
}

/* Properties as WEB_SOCKET_PROPERTY_TYPE documents them: checked, then not used. */
static void test_properties(void) {
  ULONG small = 255;
  ULONG large = 65536;
  ULONG interval = 30000;
  BOOL yes = TRUE;
  ULONG short_value = 0;
  static uint64_t buffer[1024];
  WEB_SOCKET_PROPERTY good[5];
  WEB_SOCKET_PROPERTY bad;
  WEB_SOCKET_HANDLE handle = NULL;
  size_t i = 0;

  good[0].Type = WEB_SOCKET_RECEIVE_BUFFER_SIZE_PROPERTY_TYPE;
  good[0].pvValue = &large;
  good[0].ulValueSize = sizeof large;
  good[1].Type = WEB_SOCKET_SEND_BUFFER_SIZE_PROPERTY_TYPE;
  good[1].pvValue = &large;
  good[1].ulValueSize = sizeof large;
  good[2].Type = WEB_SOCKET_DISABLE_MASKING_PROPERTY_TYPE;
  good[2].pvValue = &yes;
  good[2].ulValueSize = sizeof yes;
  good[3].Type = WEB_SOCKET_DISABLE_UTF8_VERIFICATION_PROPERTY_TYPE;
  good[3].pvValue = &yes;
  good[3].ulValueSize = sizeof yes;
  /* The allocated buffer must be larger than both buffers plus 256 bytes: 65536 * 2 + 256. */
  good[4].Type = WEB_SOCKET_ALLOCATED_BUFFER_PROPERTY_TYPE;
  good[4].pvValue = malloc(2 * 65536 + 264);
  good[4].ulValueSize = 2 * 65536 + 256;
  CHECK(good[4].pvValue != NULL);
  CHECK_HR(E_INVALIDARG, WebSocketCreateServerHandle(good, 5, &handle));
  CHECK(handle == NULL);
  good[4].ulValueSize = 2 * 65536 + 257;
  CHECK_HR(S_OK, WebSocketCreateServerHandle(good, 5, &handle));
  WebSocketDeleteHandle(handle);
  CHECK_HR(S_OK, WebSocketCreateClientHandle(good, 5, &handle));
  WebSocketDeleteHandle(handle);
  free(good[4].pvValue);
  for (i = 0; i < 4; ++i) {
    handle = NULL;
    CHECK_HR(S_OK, WebSocketCreateServerHandle(&good[i], 1, &handle));
    WebSocketDeleteHandle(handle);
  }

  bad = good[0];
  bad.pvValue = &small;
  CHECK_HR(E_INVALIDARG, WebSocketCreateServerHandle(&bad, 1, &handle));
  bad = good[1];
  bad.ulValueSize = 2;
  bad.pvValue = &short_value;
  CHECK_HR(E_INVALIDARG, WebSocketCreateClientHandle(&bad, 1, &handle));
  bad = good[2];
  bad.pvValue = NULL;
  CHECK_HR(E_INVALIDARG, WebSocketCreateServerHandle(&bad, 1, &handle));
  bad = good[3];
  bad.ulValueSize = 1;
  CHECK_HR(E_INVALIDARG, WebSocketCreateServerHandle(&bad, 1, &handle));
  bad.Type = WEB_SOCKET_ALLOCATED_BUFFER_PROPERTY_TYPE;
  bad.pvValue = (char*)buffer + 4;
  bad.ulValueSize = sizeof buffer - 4;
  CHECK_HR(E_INVALIDARG, WebSocketCreateServerHandle(&bad, 1, &handle));
  bad.pvValue = buffer;
  bad.ulValueSize = 4096 + 16 + 256;
  CHECK_HR(E_INVALIDARG, WebSocketCreateServerHandle(&bad, 1, &handle));
  bad.ulValueSize = 4096 + 16 + 256 + 1;
  CHECK_HR(S_OK, WebSocketCreateServerHandle(&bad, 1, &handle));
  WebSocketDeleteHandle(handle);
  handle = NULL;
  bad.ulValueSize = 4096 + 4096 + 256;
  CHECK_HR(E_INVALIDARG, WebSocketCreateClientHandle(&bad, 1, &handle));
  bad.Type = WEB_SOCKET_KEEPALIVE_INTERVAL_PROPERTY_TYPE;
  bad.pvValue = &interval;
  bad.ulValueSize = sizeof interval;
  CHECK_HR(E_INVALIDARG, WebSocketCreateServerHandle(&bad, 1, &handle));
  bad.Type = WEB_SOCKET_SUPPORTED_VERSIONS_PROPERTY_TYPE;
  CHECK_HR(E_INVALIDARG, WebSocketCreateClientHandle(&bad, 1, &handle));
  bad.Type = (WEB_SOCKET_PROPERTY_TYPE)99;
  CHECK_HR(E_INVALIDARG, WebSocketCreateServerHandle(&bad, 1, &handle));
  bad.Type = (WEB_SOCKET_PROPERTY_TYPE)-1;
  CHECK_HR(E_INVALIDARG, WebSocketCreateServerHandle(&bad, 1, &handle));
  CHECK(handle == NULL);
}

/* One handshake per handle: what may follow what, and Abort as Microsoft documents it (nothing
 * before the handshake is complete; afterwards the session functions fail). */
static void test_handle_states(void) {
  WEB_SOCKET_HTTP_HEADER request[9];
  const ULONG count = (ULONG)rfc6455_request(request);
  WEB_SOCKET_HANDLE handle = NULL;
  WEB_SOCKET_HANDLE client = NULL;
  PWEB_SOCKET_HTTP_HEADER response = NULL;
  ULONG response_count = 0;
  WEB_SOCKET_BUFFER buffer;
  ULONG buffer_count = 1;
  WEB_SOCKET_ACTION action;
  WEB_SOCKET_BUFFER_TYPE buffer_type;
  PVOID context = NULL;
  struct Exchange flow;

  /* End before Begin, twice Begin, End twice. */
  CHECK_HR(S_OK, WebSocketCreateServerHandle(NULL, 0, &handle));
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION, WebSocketEndServerHandshake(handle));
  WebSocketAbortHandle(handle);
  CHECK_HR(S_OK, WebSocketBeginServerHandshake(handle, NULL, NULL, 0, request, count, &response,
                                               &response_count));
  WebSocketAbortHandle(handle);
  CHECK(field_is(response, response_count, "Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION,
           WebSocketBeginServerHandshake(handle, NULL, NULL, 0, request, count, &response,
                                         &response_count));
  CHECK(response == NULL && response_count == 0);
  CHECK_HR(S_OK, WebSocketEndServerHandshake(handle));
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION, WebSocketEndServerHandshake(handle));

  /* Complete: the session functions are not implemented; after Abort they fail instead. */
  buffer.Data.pbBuffer = NULL;
  buffer.Data.ulBufferLength = 0;
  CHECK_HR(E_NOTIMPL, WebSocketReceive(handle, NULL, NULL));
  WebSocketAbortHandle(handle);
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION,
           WebSocketSend(handle, WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE, &buffer, NULL));
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION, WebSocketReceive(handle, &buffer, NULL));
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION,
           WebSocketGetAction(handle, WEB_SOCKET_ALL_ACTION_QUEUE, &buffer, &buffer_count, &action,
                              &buffer_type, NULL, &context));
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION,
           WebSocketBeginServerHandshake(handle, NULL, NULL, 0, request, count, &response,
                                         &response_count));
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION, WebSocketEndServerHandshake(handle));
  WebSocketAbortHandle(handle);
  WebSocketCompleteAction(handle, context, 0);
  WebSocketDeleteHandle(handle);

  /* A refused request ends the handle's handshake. */
  handle = NULL;
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT,
           serve(request + 1, count - 1, NULL, NULL, 0, &handle, &response, &response_count));
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION, WebSocketEndServerHandshake(handle));
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION,
           WebSocketBeginServerHandshake(handle, NULL, NULL, 0, request, count, &response,
                                         &response_count));
  WebSocketDeleteHandle(handle);

  /* The client: one Begin, one End; a response that fails ends the handshake too. The request's
   * own fields are no 101: no Sec-WebSocket-Accept. */
  CHECK_HR(S_OK, WebSocketCreateClientHandle(NULL, 0, &client));
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION,
           WebSocketEndClientHandshake(client, request, count, NULL, NULL, NULL));
  CHECK_HR(S_OK, WebSocketBeginClientHandshake(client, NULL, 0, NULL, 0, NULL, 0, &response,
                                               &response_count));
  CHECK_HR(
      E_INVALID_PROTOCOL_OPERATION,
      WebSocketBeginClientHandshake(client, NULL, 0, NULL, 0, NULL, 0, &response, &response_count));
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT,
           WebSocketEndClientHandshake(client, request, count, NULL, NULL, NULL));
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION,
           WebSocketEndClientHandshake(client, request, count, NULL, NULL, NULL));
  WebSocketAbortHandle(client);
  CHECK_HR(E_NOTIMPL, WebSocketReceive(client, NULL, NULL));
  WebSocketDeleteHandle(client);

  /* A client whose handshake succeeded: End once, then Abort makes the session functions fail. */
  client = NULL;
  memset(&flow, 0, sizeof flow);
  CHECK_HR(S_OK, run_exchange(&flow, &client));
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION,
           WebSocketEndClientHandshake(client, request, count, NULL, NULL, NULL));
  CHECK_HR(E_NOTIMPL, WebSocketReceive(client, NULL, NULL));
  WebSocketAbortHandle(client);
  CHECK_HR(E_INVALID_PROTOCOL_OPERATION, WebSocketReceive(client, NULL, NULL));
  WebSocketDeleteHandle(client);
}

/* The client's offer: subprotocols and extensions as given, checked against RFC 6455 4.1. */
static void test_client_offer(void) {
  PCSTR protocols[] = {"chat", "superchat"};
  PCSTR extensions[] = {"permessage-deflate; client_max_window_bits", " x-custom "};
  PCSTR not_token[] = {"chat room"};
  PCSTR twice[] = {"chat", "chat"};
  PCSTR two_in_one[] = {"a, b"};
  PCSTR empty[] = {""};
  WEB_SOCKET_HTTP_HEADER initial[2];
  WEB_SOCKET_HANDLE client = NULL;
  PWEB_SOCKET_HTTP_HEADER fields = NULL;
  ULONG field_count = 0;
  const WEB_SOCKET_HTTP_HEADER* key_field = NULL;
  char first_key[25] = {0};

  initial[0] = header("Host", "example.com");
  initial[1] = header("Origin", "http://example.com");
  CHECK_HR(S_OK, WebSocketCreateClientHandle(NULL, 0, &client));
  CHECK_HR(S_OK, WebSocketBeginClientHandshake(client, protocols, 2, extensions, 2, initial, 2,
                                               &fields, &field_count));
  CHECK(field_count == 6);
  CHECK(find_field(fields, field_count, "Host") == NULL);
  CHECK(field_is(fields, field_count, "Sec-WebSocket-Protocol", "chat, superchat"));
  CHECK(field_is(fields, field_count, "Sec-WebSocket-Extensions",
                 "permessage-deflate; client_max_window_bits, x-custom"));
  key_field = find_field(fields, field_count, "Sec-WebSocket-Key");
  CHECK(key_field != NULL && key_field->ulValueLength == 24);
  if (key_field != NULL) {
    memcpy(first_key, key_field->pcValue, 24);
  }
  WebSocketDeleteHandle(client);

  /* Each Begin draws a new key (RFC 6455 4.1 item 7: randomly selected for each connection). */
  CHECK_HR(S_OK, WebSocketCreateClientHandle(NULL, 0, &client));
  CHECK_HR(S_OK,
           WebSocketBeginClientHandshake(client, NULL, 0, NULL, 0, NULL, 0, &fields, &field_count));
  key_field = find_field(fields, field_count, "Sec-WebSocket-Key");
  CHECK(key_field != NULL && memcmp(key_field->pcValue, first_key, 24) != 0);
  WebSocketDeleteHandle(client);

  CHECK_HR(S_OK, WebSocketCreateClientHandle(NULL, 0, &client));
  CHECK_HR(E_INVALIDARG, WebSocketBeginClientHandshake(client, not_token, 1, NULL, 0, NULL, 0,
                                                       &fields, &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginClientHandshake(client, twice, 2, NULL, 0, NULL, 0, &fields,
                                                       &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginClientHandshake(client, empty, 1, NULL, 0, NULL, 0, &fields,
                                                       &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginClientHandshake(client, NULL, 0, two_in_one, 1, NULL, 0,
                                                       &fields, &field_count));
  CHECK_HR(E_INVALIDARG, WebSocketBeginClientHandshake(client, NULL, 0, empty, 1, NULL, 0, &fields,
                                                       &field_count));
  WebSocketDeleteHandle(client);
}

/* The client's End on the server's response (RFC 6455 4.1): the indices of what was selected,
 * and each HRESULT a response can give, with the catalogue's mapping of its first error. */
static void test_client_end(void) {
  PCSTR protocols[] = {"chat", "superchat"};
  PCSTR superchat[] = {"superchat"};
  PCSTR deflate_offers[] = {"permessage-deflate; server_max_window_bits=10", "x-custom",
                            "permessage-deflate"};
  PCSTR plain_deflate[] = {"permessage-deflate"};
  PCSTR custom[] = {"x-custom"};
  PCSTR limited_deflate[] = {"permessage-deflate; server_max_window_bits=10"};
  struct Exchange x;

  /* Microsoft's sample: no offers, no outputs asked for. */
  memset(&x, 0, sizeof x);
  CHECK_HR(S_OK, run_exchange(&x, NULL));
  CHECK(x.selected_subprotocol == 0xFFFFFFFFu);

  /* The subprotocol's index into Begin's array; 0xFFFFFFFF when none was selected. */
  memset(&x, 0, sizeof x);
  x.protocols = protocols;
  x.protocol_count = 2;
  x.chosen_protocol = "superchat";
  x.extension_room = 4;
  CHECK_HR(S_OK, run_exchange(&x, NULL));
  CHECK(x.selected_subprotocol == 1);
  CHECK(x.selected_extension_count == 0);
  x.chosen_protocol = "chat";
  CHECK_HR(S_OK, run_exchange(&x, NULL));
  CHECK(x.selected_subprotocol == 0);

  /* Extensions: each selected one's index. The server's `permessage-deflate` without
   * server_max_window_bits cannot answer the first offer, which limits the server's window
   * (RFC 7692 7.1.2.1), so it answers the third; `x-custom` answers the second. */
  memset(&x, 0, sizeof x);
  x.extensions = deflate_offers;
  x.extension_count = 3;
  x.chosen_extensions = plain_deflate;
  x.chosen_extension_count = 1;
  x.extension_room = 3;
  CHECK_HR(S_OK, run_exchange(&x, NULL));
  CHECK(x.selected_extension_count == 1 && x.selected_extensions[0] == 2);
  x.chosen_extensions = limited_deflate;
  CHECK_HR(S_OK, run_exchange(&x, NULL));
  CHECK(x.selected_extension_count == 1 && x.selected_extensions[0] == 0);
  x.edit_name = "Sec-WebSocket-Extensions";
  x.edit_value = "x-custom, permessage-deflate";
  CHECK_HR(S_OK, run_exchange(&x, NULL));
  CHECK(x.selected_extension_count == 2 && x.selected_extensions[0] == 1 &&
        x.selected_extensions[1] == 2);
  /* Room for fewer indices than Begin's extensions: E_INVALIDARG, nothing written. */
  x.extension_room = 2;
  CHECK_HR(E_INVALIDARG, run_exchange(&x, NULL));
  CHECK(x.selected_extension_count == 2 && x.selected_subprotocol == 77);

  /* RFC 6455 4.1: a wrong accept value, a missing or wrong Upgrade, a Connection without
   * upgrade: E_INVALID_PROTOCOL_FORMAT, and nothing is written. */
  memset(&x, 0, sizeof x);
  x.edit_name = "Sec-WebSocket-Accept";
  x.edit_value = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, run_exchange(&x, NULL));
  CHECK(x.selected_subprotocol == 77);
  x.edit_value = NULL;
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, run_exchange(&x, NULL));
  x.edit_name = "Upgrade";
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, run_exchange(&x, NULL));
  x.edit_value = "h2c";
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, run_exchange(&x, NULL));
  x.edit_name = "Connection";
  x.edit_value = "keep-alive";
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, run_exchange(&x, NULL));
  /* A line smuggled into a value is no line: its CR LF is a control byte in the value. */
  x.edit_name = "Connection";
  x.edit_value = "Upgrade\r\nSec-WebSocket-Accept: x";
  CHECK_HR(E_INVALID_PROTOCOL_FORMAT, run_exchange(&x, NULL));

  /* RFC 6455 4.1: a subprotocol the client did not offer. */
  memset(&x, 0, sizeof x);
  x.protocols = superchat;
  x.protocol_count = 1;
  x.edit_name = "Sec-WebSocket-Protocol";
  x.edit_value = "chat";
  CHECK_HR(E_SUBPROTOCOL_NOT_SUPPORTED, run_exchange(&x, NULL));
  x.protocol_count = 0;
  x.protocols = NULL;
  CHECK_HR(E_UNSUPPORTED_SUBPROTOCOL, run_exchange(&x, NULL));
  /* ...a server selecting none of those offered is a warning: the handshake opens. */
  x.protocols = protocols;
  x.protocol_count = 2;
  x.edit_name = NULL;
  CHECK_HR(S_OK, run_exchange(&x, NULL));
  CHECK(x.selected_subprotocol == 0xFFFFFFFFu);

  /* RFC 6455 4.1, 9.1: an extension not offered; RFC 7692 7: an answer no offer allows. */
  memset(&x, 0, sizeof x);
  x.extensions = custom;
  x.extension_count = 1;
  x.extension_room = 1;
  x.edit_name = "Sec-WebSocket-Extensions";
  x.edit_value = "permessage-deflate";
  CHECK_HR(E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED, run_exchange(&x, NULL));
  x.extensions = limited_deflate;
  CHECK_HR(E_UNSUPPORTED_EXTENSION, run_exchange(&x, NULL));
  x.edit_value = "permessage-deflate; client_max_window_bits=10";
  CHECK_HR(E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED, run_exchange(&x, NULL));
}

/* Base64 (RFC 4648 4) of 16 bytes, for keys made here. */
static void base64_16(const unsigned char bytes[16], char out[25]) {
  EVP_EncodeBlock((unsigned char*)out, bytes, 16);
}

/* `rounds` full client-and-server handshakes, each on new handles, each accept checked and
 * each response read back by the client's End. */
static int handshakes(unsigned rounds, unsigned seed) {
  unsigned wrong = 0;
  for (unsigned i = 0; i < rounds; ++i) {
    WEB_SOCKET_HANDLE client = NULL;
    WEB_SOCKET_HANDLE server = NULL;
    PWEB_SOCKET_HTTP_HEADER client_fields = NULL;
    ULONG client_count = 0;
    PWEB_SOCKET_HTTP_HEADER response = NULL;
    ULONG response_count = 0;
    WEB_SOCKET_HTTP_HEADER request[8];
    const WEB_SOCKET_HTTP_HEADER* key = NULL;
    unsigned char nonce[16];
    char server_key[25];
    char accept[29];
    PCSTR protocols[] = {"chat"};
    ULONG j = 0;

    if (FAILED(WebSocketCreateClientHandle(NULL, 0, &client)) ||
        FAILED(WebSocketBeginClientHandshake(client, protocols, 1, NULL, 0, NULL, 0, &client_fields,
                                             &client_count)) ||
        client_count > 7) {
      ++wrong;
      WebSocketDeleteHandle(client);
      continue;
    }
    for (j = 0; j < client_count; ++j) {
      request[j] = client_fields[j];
    }
    request[client_count] = header("Host", "localhost");
    key = find_field(request, client_count, "Sec-WebSocket-Key");
    if (FAILED(serve(request, client_count + 1, "chat", NULL, 0, &server, &response,
                     &response_count)) ||
        key == NULL) {
      ++wrong;
    } else {
      ULONG selected = 99;
      expected_accept(key->pcValue, key->ulValueLength, accept);
      if (!field_is(response, response_count, "Sec-WebSocket-Accept", accept) ||
          !field_is(response, response_count, "Sec-WebSocket-Protocol", "chat") ||
          FAILED(WebSocketEndClientHandshake(client, response, response_count, NULL, NULL,
                                             &selected)) ||
          selected != 0 || FAILED(WebSocketEndServerHandshake(server))) {
        ++wrong;
      }
    }
    WebSocketDeleteHandle(server);
    WebSocketDeleteHandle(client);

    /* A server-only handshake with a key made here, so the key varies by a known rule. */
    for (j = 0; j < 16; ++j) {
      nonce[j] = (unsigned char)((i * 131u + j * 7u + seed) & 0xffu);
    }
    base64_16(nonce, server_key);
    rfc6455_request(request);
    request[3] = header("Sec-WebSocket-Key", server_key);
    server = NULL;
    if (FAILED(serve(request, 7, NULL, NULL, 0, &server, &response, &response_count))) {
      ++wrong;
    } else {
      expected_accept(server_key, 24, accept);
      wrong += field_is(response, response_count, "Sec-WebSocket-Accept", accept) ? 0u : 1u;
    }
    WebSocketDeleteHandle(server);
  }
  return (int)wrong;
}

static void test_many_handshakes(void) {
  const char* given = getenv("WSH_CAPI_HANDSHAKES");
  const unsigned rounds = given != NULL ? (unsigned)strtoul(given, NULL, 10) : 10000u;
  CHECK(handshakes(rounds, 0) == 0);
}

/* Handles are independent: threads each with their own handles, all at once. */
static void* thread_handshakes(void* seed) {
  return (void*)(intptr_t)handshakes(500, (unsigned)(uintptr_t)seed);
}

static void test_threads(void) {
  pthread_t threads[4];
  size_t i = 0;
  for (i = 0; i < COUNT(threads); ++i) {
    CHECK(pthread_create(&threads[i], NULL, thread_handshakes, (void*)(uintptr_t)i) == 0);
  }
  for (i = 0; i < COUNT(threads); ++i) {
    void* wrong = NULL;
    CHECK(pthread_join(threads[i], &wrong) == 0);
    CHECK(wrong == NULL);
  }
}

/* The response of one handle stays as it was while another handle answers. */
static void test_response_lifetime(void) {
  WEB_SOCKET_HTTP_HEADER request[9];
  const ULONG count = (ULONG)rfc6455_request(request);
  WEB_SOCKET_HANDLE first = NULL;
  WEB_SOCKET_HANDLE second = NULL;
  PWEB_SOCKET_HTTP_HEADER first_response = NULL;
  PWEB_SOCKET_HTTP_HEADER second_response = NULL;
  ULONG first_count = 0;
  ULONG second_count = 0;

  CHECK_HR(S_OK, serve(request, count, "chat", NULL, 0, &first, &first_response, &first_count));
  request[3] = header("Sec-WebSocket-Key", "AAAAAAAAAAAAAAAAAAAAAA==");
  CHECK_HR(S_OK,
           serve(request, count, "superchat", NULL, 0, &second, &second_response, &second_count));
  CHECK(field_is(first_response, first_count, "Sec-WebSocket-Accept",
                 "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
  CHECK(field_is(first_response, first_count, "Sec-WebSocket-Protocol", "chat"));
  CHECK(field_is(second_response, second_count, "Sec-WebSocket-Protocol", "superchat"));
  CHECK_HR(S_OK, WebSocketEndServerHandshake(second));
  CHECK(field_is(first_response, first_count, "Sec-WebSocket-Protocol", "chat"));
  WebSocketDeleteHandle(second);
  CHECK_HR(S_OK, WebSocketEndServerHandshake(first));
  WebSocketDeleteHandle(first);
}

int main(void) {
  test_hresult_values();
  test_microsoft_sample_flow();
  test_server_accepts();
  test_server_refusals();
  test_no_forged_lines();
  test_huge_request();
  test_many_fields();
  test_invalid_arguments();
  test_properties();
  test_handle_states();
  test_client_offer();
  test_client_end();
  test_response_lifetime();
  test_threads();
  test_many_handshakes();
  printf("%d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
