/* Running out of memory at every allocation the library makes: this program replaces malloc
 * (glibc supports replacing it; the replacement hands every request to glibc's own allocator)
 * and fails the Nth allocation of a server and a client handshake (Begin to End), for
 * N = 1, 2, ... until a run needs no more. Each call must then return S_OK or E_OUTOFMEMORY and
 * nothing else, never crash or let a C++ exception through; a Begin or End that ran out of
 * memory must leave the handle as it was, so the same call succeeds once memory is back; and
 * no run may leak (glibc's count of bytes in use is the same before and after each run of the
 * second pass). Not built with sanitizers, which replace malloc themselves. */
#include <ws-handshake/websocket.h>

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

void* __libc_malloc(size_t size);

/* Allocations to let through before the one that fails; negative: none fails. */
static long fail_after = -1;
/* Whether an allocation failed since this was last cleared. */
static int failed = 0;

void* malloc(size_t size) {
  if (fail_after == 0) {
    fail_after = -1;
    failed = 1;
    return NULL;
  }
  if (fail_after > 0) {
    --fail_after;
  }
  return __libc_malloc(size);
}

static int problems = 0;

static void expect(int condition, long n, const char* what, HRESULT hr) {
  if (!condition) {
    ++problems;
    fprintf(stderr, "allocation %ld failing: %s gave 0x%08lx\n", n, what,
            (unsigned long)(uint32_t)hr);
  }
}

static WEB_SOCKET_HTTP_HEADER header(const char* name, const char* value) {
  WEB_SOCKET_HTTP_HEADER h;
  h.pcName = (PCHAR)name;
  h.ulNameLength = (ULONG)strlen(name);
  h.pcValue = (PCHAR)value;
  h.ulValueLength = (ULONG)strlen(value);
  return h;
}

/* Retries `call` while it runs out of memory: the first E_OUTOFMEMORY is the injected one, and
 * the retry runs with memory back, so it must give what the call gives normally. */
#define TRY(n, call, out)                                                                          \
  do {                                                                                             \
    (out) = (call);                                                                                \
    expect((out) == S_OK || (out) == E_OUTOFMEMORY, (n), #call, (out));                            \
    if ((out) == E_OUTOFMEMORY) {                                                                  \
      expect(failed, (n), "E_OUTOFMEMORY without a failed allocation", (out));                     \
      (out) = (call);                                                                              \
      expect((out) == S_OK, (n), "the retry of " #call, (out));                                    \
    }                                                                                              \
  } while (0)

/* One server handshake and one client handshake to its End; returns whether an allocation was
 * failed. */
static int scenario(long n) {
  WEB_SOCKET_HTTP_HEADER request[8];
  PCSTR deflate[] = {"permessage-deflate"};
  PCSTR protocols[] = {"chat", "superchat"};
  WEB_SOCKET_HANDLE server = NULL;
  WEB_SOCKET_HANDLE client = NULL;
  PWEB_SOCKET_HTTP_HEADER fields = NULL;
  ULONG count = 0;
  WEB_SOCKET_HTTP_HEADER sent[8];
  PWEB_SOCKET_HTTP_HEADER response = NULL;
  ULONG response_count = 0;
  ULONG selected[1] = {99};
  ULONG selected_count = 1;
  ULONG subprotocol = 99;
  HRESULT hr = S_OK;

  request[0] = header("Host", "server.example.com");
  request[1] = header("Upgrade", "websocket");
  request[2] = header("Connection", "Upgrade");
  request[3] = header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
  request[4] = header("Origin", "http://example.com");
  request[5] = header("Sec-WebSocket-Protocol", "chat, superchat");
  request[6] = header("Sec-WebSocket-Version", "13");
  request[7] = header("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");

  failed = 0;
  fail_after = n;
  TRY(n, WebSocketCreateServerHandle(NULL, 0, &server), hr);
  if (SUCCEEDED(hr)) {
    TRY(n, WebSocketBeginServerHandshake(server, "chat", deflate, 1, request, 8, &fields, &count),
        hr);
    expect(SUCCEEDED(hr) && count == 5, n, "the response", hr);
    TRY(n, WebSocketEndServerHandshake(server), hr);
  }
  WebSocketDeleteHandle(server);
  TRY(n, WebSocketCreateClientHandle(NULL, 0, &client), hr);
  if (SUCCEEDED(hr)) {
    TRY(n,
        WebSocketBeginClientHandshake(client, protocols, 2, deflate, 1, request, 1, &fields,
                                      &count),
        hr);
    expect(SUCCEEDED(hr) && count == 6, n, "the client's fields", hr);
  }
  /* The client's End on what a server answers to its fields plus Host. */
  server = NULL;
  if (SUCCEEDED(hr) && count < 8) {
    memcpy(sent, fields, count * sizeof sent[0]);
    sent[count] = header("Host", "server.example.com");
    TRY(n, WebSocketCreateServerHandle(NULL, 0, &server), hr);
  }
  if (SUCCEEDED(hr) && server != NULL) {
    TRY(n,
        WebSocketBeginServerHandshake(server, "superchat", deflate, 1, sent, count + 1, &response,
                                      &response_count),
        hr);
  }
  if (SUCCEEDED(hr) && server != NULL) {
    selected_count = 1;
    TRY(n,
        WebSocketEndClientHandshake(client, response, response_count, selected, &selected_count,
                                    &subprotocol),
        hr);
    expect(SUCCEEDED(hr) && subprotocol == 1 && selected_count == 1 && selected[0] == 0, n,
           "the client's End", hr);
  }
  WebSocketDeleteHandle(server);
  WebSocketDeleteHandle(client);
  fail_after = -1;
  return failed;
}

int main(void) {
  long n = 0;
  long runs = 0;
  int pass = 0;
  size_t in_use = 0;
  /* Two passes: the first also warms up what libgcc's unwinder, OpenSSL and libstdc++ set up
   * on first use and keep (the first exception thrown through each path caches its frames),
   * so only the second pass counts bytes. */
  scenario(-1);
  for (pass = 0; pass < 2; ++pass) {
    in_use = mallinfo2().uordblks;
    for (n = 0; scenario(n); ++n) {
      const size_t now = mallinfo2().uordblks;
      if (pass == 1 && now != in_use) {
        ++problems;
        fprintf(stderr, "allocation %ld failing: %zu bytes in use after the run, %zu before\n", n,
                now, in_use);
      }
      in_use = now;
    }
    runs = n;
  }
  printf("failed each of the %ld allocations of a server and a client handshake in turn, twice: "
         "%d problems\n",
         runs, problems);
  return problems == 0 && runs > 0 ? 0 : 1;
}
