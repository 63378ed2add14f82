/* libwebsockets (Debian libwebsockets-dev 4.1) with its defaults: a context with one
 * protocol, "echo", which as protocols[0] is the one a WebSocket upgrade without (or with
 * an unmatched) Sec-WebSocket-Protocol binds to; HTTP requests go to lws's dummy HTTP
 * handler; no mounts, no extensions (permessage-deflate is not enabled unless the
 * application lists it), default header limits. Logging at lws's default levels (ERR, WARN,
 * NOTICE) plus USER for this program's own lines, without timestamps. */
#include <libwebsockets.h>

#include <stdlib.h>
#include <string.h>

enum { k_max_message = 4096 };

struct Session {
  unsigned char buffer[LWS_PRE + k_max_message];
  size_t length;
  int binary;
  int pending;
};

static int callback_echo(struct lws* wsi, enum lws_callback_reasons reason, void* user, void* in,
                         size_t len) {
  struct Session* session = (struct Session*)user;
  switch (reason) {
  case LWS_CALLBACK_ESTABLISHED:
    lwsl_user("open\n");
    break;
  case LWS_CALLBACK_RECEIVE:
    if (len > k_max_message) {
      len = k_max_message;
    }
    memcpy(session->buffer + LWS_PRE, in, len);
    session->length = len;
    session->binary = lws_frame_is_binary(wsi);
    session->pending = 1;
    lws_callback_on_writable(wsi);
    break;
  case LWS_CALLBACK_SERVER_WRITEABLE:
    if (session->pending) {
      session->pending = 0;
      if (lws_write(wsi, session->buffer + LWS_PRE, session->length,
                    session->binary ? LWS_WRITE_BINARY : LWS_WRITE_TEXT) < 0) {
        return -1;
      }
    }
    break;
  default:
    break;
  }
  return lws_callback_http_dummy(wsi, reason, user, in, len);
}

static const struct lws_protocols protocols[] = {
    {"echo", callback_echo, sizeof(struct Session), k_max_message, 0, NULL, 0},
    {NULL, NULL, 0, 0, 0, NULL, 0},
};

int main(int argc, char** argv) {
  struct lws_context_creation_info info;
  struct lws_context* context;
  if (argc != 2) {
    return 2;
  }
  lws_set_log_level(LLL_ERR | LLL_WARN | LLL_NOTICE | LLL_USER, lwsl_emit_stderr_notimestamp);
  memset(&info, 0, sizeof info);
  info.port = atoi(argv[1]);
  info.iface = "127.0.0.1";
  info.protocols = protocols;
  context = lws_create_context(&info);
  if (context == NULL) {
    lwsl_err("lws_create_context failed\n");
    return 1;
  }
  while (lws_service(context, 0) >= 0) {
  }
  lws_context_destroy(context);
  return 0;
}
