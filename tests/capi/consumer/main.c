/* A server's handshake written from Microsoft's documentation of WebSocketBeginServerHandshake:
 * the request of RFC 6455 1.3 as the headers an HTTP stack hands over, the 101's headers out.
 * Prints them and exits 0 when the accept value is the RFC's. */
#include <ws-handshake/websocket.h>

#include <stdio.h>
#include <string.h>

#define HEADER(name, value)                                                                        \
  { (PCHAR)(name), sizeof(name) - 1, (PCHAR)(value), sizeof(value) - 1 }

/* Whether `length` characters at `text` spell `expected`; fields carry lengths, not NULs. */
static int spells(const char* text, ULONG length, const char* expected) {
  return length == strlen(expected) && memcmp(text, expected, length) == 0;
}

int main(void) {
  WEB_SOCKET_HTTP_HEADER request[] = {
      HEADER("Host", "server.example.com"),
      HEADER("Upgrade", "websocket"),
      HEADER("Connection", "Upgrade"),
      HEADER("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
      HEADER("Origin", "http://example.com"),
      HEADER("Sec-WebSocket-Protocol", "chat, superchat"),
      HEADER("Sec-WebSocket-Version", "13"),
  };
  WEB_SOCKET_HANDLE handle = NULL;
  PWEB_SOCKET_HTTP_HEADER response = NULL;
  ULONG count = 0;
  ULONG i = 0;
  int accepted = 0;
  HRESULT hr = WebSocketCreateServerHandle(NULL, 0, &handle);
  if (FAILED(hr)) {
    fprintf(stderr, "WebSocketCreateServerHandle: 0x%08lx\n", (unsigned long)(ULONG)hr);
    return 1;
  }
  hr = WebSocketBeginServerHandshake(handle, "chat", NULL, 0, request,
                                     sizeof request / sizeof request[0], &response, &count);
  if (FAILED(hr)) {
    fprintf(stderr, "WebSocketBeginServerHandshake: 0x%08lx\n", (unsigned long)(ULONG)hr);
    WebSocketDeleteHandle(handle);
    return 1;
  }
  printf("HTTP/1.1 101 Switching Protocols\r\n");
  for (i = 0; i < count; ++i) {
    printf("%.*s: %.*s\r\n", (int)response[i].ulNameLength, response[i].pcName,
           (int)response[i].ulValueLength, response[i].pcValue);
    accepted |=
        spells(response[i].pcName, response[i].ulNameLength, "Sec-WebSocket-Accept") &&
        spells(response[i].pcValue, response[i].ulValueLength, "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }
  printf("\r\n");
  hr = WebSocketEndServerHandshake(handle);
  WebSocketDeleteHandle(handle);
  return accepted && SUCCEEDED(hr) ? 0 : 1;
}
