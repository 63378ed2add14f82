#!/usr/bin/python3
"""Writes requests/*.http and requests/index.tsv: the requests measure.py sends.

Each generated request is the baseline (Chromium's request, with a fixed key and the
server's own authority) with one rule broken or stretched one way; the samples are the
repository's real captures, reused byte for byte except that a Host or Origin naming the
capture server's 127.0.0.1:PORT is pointed at the server under test ({authority}).
`{authority}` in a request is replaced by the server's 127.0.0.1:PORT when it is sent.

The index has one line per request: name, the RFC verdict (accept, refuse or either: what
RFC 6455 section 4.2.1 and RFC 9110/9112 allow a server to do with it, our judgement), and
what the request is. Run it again after changing it; it rewrites every file.
"""
import base64
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, "requests")

KEY = "dGhlIHNhbXBsZSBub25jZQ=="  # RFC 6455 section 1.3's example key
USER_AGENT = ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
              "HeadlessChrome/156.0.0.0 Safari/537.36")
REQUEST_LINE = "GET / HTTP/1.1"
BASELINE = [
    ("Host", "{authority}"),
    ("Connection", "Upgrade"),
    ("Pragma", "no-cache"),
    ("Cache-Control", "no-cache"),
    ("User-Agent", USER_AGENT),
    ("Upgrade", "websocket"),
    ("Origin", "http://{authority}"),
    ("Sec-WebSocket-Version", "13"),
    ("Accept-Encoding", "gzip, deflate, br, zstd"),
    ("Accept-Language", "en-US,en;q=0.9"),
    ("Sec-WebSocket-Key", KEY),
    ("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"),
]
HELLO_MASK = bytes([0x37, 0xFA, 0x21, 0x3D])
# A masked text frame carrying "hello" (RFC 6455 section 5.2: FIN, opcode 1, mask bit, length 5).
HELLO_FRAME = bytes([0x81, 0x85]) + HELLO_MASK + bytes(b ^ HELLO_MASK[i % 4] for i, b in enumerate(b"hello"))

requests = []  # (name, rfc, description, bytes)


def build(fields=None, request_line=REQUEST_LINE, eol=b"\r\n", tail=b""):
    """The request head from a request line and (name, value) pairs or raw bytes lines."""
    lines = [request_line.encode("latin-1")]
    for field in BASELINE if fields is None else fields:
        if isinstance(field, bytes):
            lines.append(field)
        else:
            lines.append(("%s: %s" % field).encode("latin-1"))
    return eol.join(lines) + eol + eol + tail


def replace(name, value, fields=None):
    """The baseline fields with NAME's value changed (value None drops the field)."""
    result = []
    for field in BASELINE if fields is None else fields:
        if not isinstance(field, bytes) and field[0] == name:
            if value is None:
                continue
            field = (name, value) if isinstance(value, str) else value
        result.append(field)
    return result


def add(*extra, after=None):
    """The baseline fields plus EXTRA, at the end or after the field named AFTER."""
    result = []
    for field in BASELINE:
        result.append(field)
        if after is not None and field[0] == after:
            result.extend(extra)
    if after is None:
        result.extend(extra)
    return result


def case(name, rfc, description, data):
    assert rfc in ("accept", "refuse", "either"), rfc
    assert re.fullmatch(r"[a-z0-9][a-z0-9.-]*", name), name
    assert "\t" not in description and "\n" not in description
    assert name not in {r[0] for r in requests}, name
    requests.append((name, rfc, description, data))


def key_of(raw):
    return base64.b64encode(raw).decode()


def make_generated():
    case("baseline", "accept", "Chromium's request (its fields and order), fixed key, same-origin Origin",
         build())
    case("minimal", "accept", "only the fields RFC 6455 4.1 requires: Host, Upgrade, Connection, key, version",
         build([("Host", "{authority}"), ("Upgrade", "websocket"), ("Connection", "Upgrade"),
                ("Sec-WebSocket-Key", KEY), ("Sec-WebSocket-Version", "13")]))
    case("field-names-lowercase", "accept", "every field name in lower case (names are case-insensitive, RFC 9110 5.1)",
         build([(n.lower(), v) for n, v in BASELINE]))
    case("field-names-uppercase", "accept", "every field name in upper case",
         build([(n.upper(), v) for n, v in BASELINE]))

    # Request line: method and version (RFC 6455 4.2.1 item 1; RFC 9112 3).
    case("method-post", "refuse", "POST instead of GET", build(request_line="POST / HTTP/1.1"))
    case("method-get-lowercase", "refuse", "method `get` (methods are case-sensitive, RFC 9110 9.1)",
         build(request_line="get / HTTP/1.1"))
    case("method-head", "refuse", "HEAD instead of GET", build(request_line="HEAD / HTTP/1.1"))
    case("method-put", "refuse", "PUT instead of GET", build(request_line="PUT / HTTP/1.1"))
    case("method-options", "refuse", "OPTIONS instead of GET", build(request_line="OPTIONS / HTTP/1.1"))
    case("http-1.0", "refuse", "HTTP/1.0 (the handshake needs HTTP/1.1 or later)",
         build(request_line="GET / HTTP/1.0"))
    case("http-2.0", "either", "HTTP/2.0 spelled in an HTTP/1.1 request line (505 allowed, RFC 9110 15.6.6)",
         build(request_line="GET / HTTP/2.0"))
    case("http-1.2", "accept", "HTTP/1.2: a higher minor version is treated as 1.1 (RFC 9110 2.5)",
         build(request_line="GET / HTTP/1.2"))
    case("http-version-lowercase", "refuse", "`http/1.1` (HTTP-name is case-sensitive, RFC 9112 2.3)",
         build(request_line="GET / http/1.1"))
    case("http-version-missing", "refuse", "request line `GET /` without a version",
         build(request_line="GET /"))
    case("request-line-double-space", "either", "two spaces between method and target (RFC 9112 3 lets a recipient split on any whitespace)",
         build(request_line="GET  / HTTP/1.1"))
    case("request-line-trailing-space", "either", "a space after HTTP/1.1",
         build(request_line="GET / HTTP/1.1 "))
    case("request-line-tabs", "either", "tabs instead of spaces in the request line",
         build(request_line="GET\t/\tHTTP/1.1"))
    case("leading-empty-line", "accept", "an empty line (CRLF) before the request line (RFC 9112 2.2: SHOULD ignore)",
         b"\r\n" + build())

    # Host (RFC 6455 4.2.1 item 2; RFC 9112 3.2).
    case("host-missing", "refuse", "no Host field", build(replace("Host", None)))
    case("host-duplicate", "refuse", "two Host fields with the same value (RFC 9112 3.2: 400)",
         build(add(("Host", "{authority}"), after="Host")))
    case("host-duplicate-different", "refuse", "two Host fields with different values",
         build(add(("Host", "example.com"), after="Host")))
    case("host-invalid-space", "refuse", "Host `bad host` (not a uri-host)", build(replace("Host", "bad host")))
    case("host-invalid-port", "refuse", "Host `127.0.0.1:notaport`", build(replace("Host", "127.0.0.1:notaport")))
    case("host-userinfo", "refuse", "Host with userinfo `user@{authority}`", build(replace("Host", "user@{authority}")))
    case("host-empty", "either", "Host with an empty value (valid syntax, but names no authority)",
         build(replace("Host", "")))
    case("host-no-port", "accept", "Host `127.0.0.1` without the port the server listens on (Origin keeps it)",
         build(replace("Host", "127.0.0.1")))
    case("host-other-name", "accept", "Host `localhost` with the port, Origin still 127.0.0.1 (virtual host mismatch)",
         build(replace("Host", "localhost:{port}")))
    case("host-trailing-space", "accept", "Host value followed by spaces (OWS, RFC 9110 5.5)",
         build(replace("Host", "{authority}   ")))

    # Upgrade (RFC 6455 4.2.1 item 3; RFC 9110 7.8).
    case("upgrade-missing", "refuse", "no Upgrade field", build(replace("Upgrade", None)))
    case("upgrade-capitalized", "accept", "`Upgrade: WebSocket` (case-insensitive, RFC 6455 4.2.1 item 3)",
         build(replace("Upgrade", "WebSocket")))
    case("upgrade-uppercase", "accept", "`Upgrade: WEBSOCKET`", build(replace("Upgrade", "WEBSOCKET")))
    case("upgrade-websocket-h2c", "accept", "`Upgrade: websocket, h2c` (a list that contains websocket)",
         build(replace("Upgrade", "websocket, h2c")))
    case("upgrade-h2c-websocket", "accept", "`Upgrade: h2c, websocket` (websocket second)",
         build(replace("Upgrade", "h2c, websocket")))
    case("upgrade-h2c", "refuse", "`Upgrade: h2c` only", build(replace("Upgrade", "h2c")))
    case("upgrade-empty", "refuse", "Upgrade with an empty value", build(replace("Upgrade", "")))
    case("upgrade-twice", "accept", "two Upgrade fields, both `websocket`",
         build(add(("Upgrade", "websocket"), after="Upgrade")))
    case("upgrade-versioned", "either", "`Upgrade: websocket/13` (a protocol with a version, RFC 9110 7.8)",
         build(replace("Upgrade", "websocket/13")))
    case("upgrade-padded", "accept", "`Upgrade:   websocket   ` (OWS around the value)",
         build(replace("Upgrade", "  websocket   ")))

    # Connection (RFC 6455 4.2.1 item 4; RFC 9110 7.6.1).
    case("connection-missing", "refuse", "no Connection field", build(replace("Connection", None)))
    case("connection-keep-alive-upgrade", "accept", "`Connection: keep-alive, Upgrade` (Firefox's older value)",
         build(replace("Connection", "keep-alive, Upgrade")))
    case("connection-upgrade-keep-alive", "accept", "`Connection: Upgrade,Keep-Alive` (no space)",
         build(replace("Connection", "Upgrade,Keep-Alive")))
    case("connection-lowercase", "accept", "`Connection: upgrade`", build(replace("Connection", "upgrade")))
    case("connection-uppercase", "accept", "`Connection: UPGRADE`", build(replace("Connection", "UPGRADE")))
    case("connection-close", "refuse", "`Connection: close` (no upgrade token)", build(replace("Connection", "close")))
    case("connection-quoted", "refuse", "`Connection: \"Upgrade\"` (a quoted string is not the token)",
         build(replace("Connection", '"Upgrade"')))
    case("connection-empty", "refuse", "Connection with an empty value", build(replace("Connection", "")))
    case("connection-two-fields", "accept", "`Connection: keep-alive` and `Connection: Upgrade` on two lines",
         build(BASELINE[:1] + [("Connection", "keep-alive"), ("Connection", "Upgrade")] + BASELINE[2:]))
    case("connection-upgrade-close", "either", "`Connection: Upgrade, close`",
         build(replace("Connection", "Upgrade, close")))

    # Sec-WebSocket-Key (RFC 6455 4.2.1 item 5, 11.3.1).
    case("key-missing", "refuse", "no Sec-WebSocket-Key", build(replace("Sec-WebSocket-Key", None)))
    case("key-duplicate", "refuse", "two Sec-WebSocket-Key fields, different valid keys (11.3.1: not more than once)",
         build(add(("Sec-WebSocket-Key", key_of(bytes(range(1, 17)))), after="Sec-WebSocket-Key")))
    case("key-duplicate-same", "refuse", "two Sec-WebSocket-Key fields with the same key",
         build(add(("Sec-WebSocket-Key", KEY), after="Sec-WebSocket-Key")))
    case("key-short", "refuse", "key decoding to 10 bytes", build(replace("Sec-WebSocket-Key", key_of(b"the sample"))))
    case("key-long", "refuse", "key decoding to 20 bytes",
         build(replace("Sec-WebSocket-Key", key_of(b"the sample nonce 123"))))
    case("key-not-base64", "refuse", "24 characters that are not base64 (`!` and `*`)",
         build(replace("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZ!*=")))
    case("key-trailing-spaces", "accept", "valid key followed by spaces (OWS is not part of the value)",
         build(replace("Sec-WebSocket-Key", KEY + "   ")))
    case("key-tab-before", "accept", "a tab between the colon and the key (OWS)",
         build(replace("Sec-WebSocket-Key", ("Sec-WebSocket-Key:\t" + KEY).encode())))
    case("key-nonzero-pad-bits", "either", "`dGhlIHNhbXBsZSBub25jZR==`: 16 bytes, non-zero pad bits (RFC 4648 3.5 lets decoders refuse)",
         build(replace("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZR==")))
    case("key-no-padding", "refuse", "the key without its `==` padding (22 characters)",
         build(replace("Sec-WebSocket-Key", KEY.rstrip("="))))
    case("key-url-safe", "refuse", "a 16-byte key in the URL-safe alphabet (`-` and `_`)",
         build(replace("Sec-WebSocket-Key", key_of(bytes([0xFB, 0xFF] + list(range(14)))).replace("+", "-").replace("/", "_"))))
    case("key-standard-plus-slash", "accept", "a 16-byte key that has `+` and `/` (the standard alphabet)",
         build(replace("Sec-WebSocket-Key", key_of(bytes([0xFB, 0xFF] + list(range(14)))))))
    case("key-empty", "refuse", "Sec-WebSocket-Key with an empty value", build(replace("Sec-WebSocket-Key", "")))

    # Sec-WebSocket-Version (RFC 6455 4.2.1 item 6, 4.2.2, 11.3.5).
    case("version-missing", "refuse", "no Sec-WebSocket-Version", build(replace("Sec-WebSocket-Version", None)))
    case("version-8", "refuse", "Sec-WebSocket-Version: 8 (should get 426 with Sec-WebSocket-Version: 13)",
         build(replace("Sec-WebSocket-Version", "8")))
    case("version-14", "refuse", "Sec-WebSocket-Version: 14", build(replace("Sec-WebSocket-Version", "14")))
    case("version-13-8", "refuse", "Sec-WebSocket-Version: 13, 8 (a list; the request field is one version)",
         build(replace("Sec-WebSocket-Version", "13, 8")))
    case("version-duplicate", "refuse", "two Sec-WebSocket-Version: 13 fields (11.3.5: not more than once)",
         build(add(("Sec-WebSocket-Version", "13"), after="Sec-WebSocket-Version")))
    case("version-duplicate-different", "refuse", "Sec-WebSocket-Version: 13 then Sec-WebSocket-Version: 8",
         build(add(("Sec-WebSocket-Version", "8"), after="Sec-WebSocket-Version")))
    case("version-empty", "refuse", "Sec-WebSocket-Version with an empty value", build(replace("Sec-WebSocket-Version", "")))
    case("version-leading-zero", "refuse", "Sec-WebSocket-Version: 013", build(replace("Sec-WebSocket-Version", "013")))
    case("version-trailing-space", "accept", "Sec-WebSocket-Version: `13 ` (OWS)",
         build(replace("Sec-WebSocket-Version", "13 ")))

    # Origin (RFC 6455 4.2.1 item 7 and 10.2: the server decides).
    case("origin-absent", "accept", "no Origin (non-browser clients)", build(replace("Origin", None)))
    case("origin-null", "either", "Origin: null", build(replace("Origin", "null")))
    case("origin-cross", "either", "Origin: http://evil.example (refusable by an origin policy)",
         build(replace("Origin", "http://evil.example")))
    case("origin-cross-port", "either", "Origin: http://127.0.0.1:1 (same host, other port: a dev server)",
         build(replace("Origin", "http://127.0.0.1:1")))
    case("origin-https-same-host", "either", "Origin: https://{authority} (same host and port, other scheme)",
         build(replace("Origin", "https://{authority}")))
    case("origin-no-port", "either", "Origin: http://127.0.0.1 with Host {authority}",
         build(replace("Origin", "http://127.0.0.1")))
    case("origin-duplicate", "either", "two Origin fields, both same-origin", build(add(("Origin", "http://{authority}"), after="Origin")))
    case("origin-invalid", "either", "Origin: `not a url`", build(replace("Origin", "not a url")))
    case("origin-uppercase-host", "either", "Origin: http://LOCALHOST:{port} with Host localhost:{port}",
         build(replace("Origin", "http://LOCALHOST:{port}", replace("Host", "localhost:{port}"))))

    # Sec-WebSocket-Protocol (RFC 6455 4.1, 4.2.1 item 8, 11.3.4; RFC 9110 5.6.1).
    proto = "Sec-WebSocket-Protocol"
    case("protocol-chat", "accept", "Sec-WebSocket-Protocol: chat (the server picks none)", build(add((proto, "chat"))))
    case("protocol-chat-superchat", "accept", "Sec-WebSocket-Protocol: chat, superchat", build(add((proto, "chat, superchat"))))
    case("protocol-empty-element", "accept", "Sec-WebSocket-Protocol: a,,b (empty list elements are ignored, RFC 9110 5.6.1)",
         build(add((proto, "a,,b"))))
    case("protocol-comma", "either", "Sec-WebSocket-Protocol: `,` (no element; 1#token needs one)", build(add((proto, ","))))
    case("protocol-empty", "either", "Sec-WebSocket-Protocol with an empty value", build(add((proto, ""))))
    case("protocol-two-fields", "accept", "Sec-WebSocket-Protocol: chat and Sec-WebSocket-Protocol: superchat (11.3.4 allows repeats)",
         build(add((proto, "chat"), (proto, "superchat"))))
    case("protocol-duplicate-token", "either", "Sec-WebSocket-Protocol: chat, chat (the client MUST NOT, 4.1)",
         build(add((proto, "chat, chat"))))
    case("protocol-non-token", "either", "Sec-WebSocket-Protocol: ch@t (not a token)", build(add((proto, "ch@t"))))
    case("protocol-space-separated", "either", "Sec-WebSocket-Protocol: chat superchat (space, no comma)",
         build(add((proto, "chat superchat"))))

    # Sec-WebSocket-Extensions (RFC 6455 9.1; RFC 7692 5, 7.1).
    ext = "Sec-WebSocket-Extensions"
    case("ext-absent", "accept", "no Sec-WebSocket-Extensions", build(replace(ext, None)))
    case("ext-deflate-bare", "accept", "Sec-WebSocket-Extensions: permessage-deflate (Firefox's offer)", build(replace(ext, "permessage-deflate")))
    case("ext-malformed", "either", "permessage-deflate; client_max_window_bits= (`=` without a value)",
         build(replace(ext, "permessage-deflate; client_max_window_bits=")))
    case("ext-garbage", "either", "Sec-WebSocket-Extensions: ;;; (no extension name)", build(replace(ext, ";;;")))
    case("ext-unknown", "accept", "Sec-WebSocket-Extensions: x-unknown-extension (ignored)", build(replace(ext, "x-unknown-extension")))
    case("ext-empty", "either", "Sec-WebSocket-Extensions with an empty value", build(replace(ext, "")))
    case("ext-deflate-bits-7", "accept", "permessage-deflate; server_max_window_bits=7 (out of range: decline the offer, RFC 7692 7.1.2.1)",
         build(replace(ext, "permessage-deflate; server_max_window_bits=7")))
    case("ext-deflate-bits-16", "accept", "permessage-deflate; client_max_window_bits=16 (out of range: decline)",
         build(replace(ext, "permessage-deflate; client_max_window_bits=16")))
    case("ext-deflate-unknown-param", "accept", "permessage-deflate; foo=1 (unknown parameter: decline, RFC 7692 5)",
         build(replace(ext, "permessage-deflate; foo=1")))
    case("ext-deflate-duplicate-param", "accept", "permessage-deflate; client_max_window_bits; client_max_window_bits (decline)",
         build(replace(ext, "permessage-deflate; client_max_window_bits; client_max_window_bits")))
    case("ext-deflate-no-context-value", "accept", "permessage-deflate; server_no_context_takeover=1 (a value where none is allowed: decline)",
         build(replace(ext, "permessage-deflate; server_no_context_takeover=1")))
    case("ext-deflate-client-bits-10", "accept", "permessage-deflate; client_max_window_bits=10",
         build(replace(ext, "permessage-deflate; client_max_window_bits=10")))
    case("ext-deflate-quoted-value", "accept", "permessage-deflate; client_max_window_bits=\"10\" (quoted-string, RFC 6455 9.1)",
         build(replace(ext, "permessage-deflate; client_max_window_bits=\"10\"")))
    case("ext-deflate-server-no-context", "accept", "permessage-deflate; server_no_context_takeover",
         build(replace(ext, "permessage-deflate; server_no_context_takeover")))
    case("ext-deflate-server-bits-10", "accept", "permessage-deflate; server_max_window_bits=10",
         build(replace(ext, "permessage-deflate; server_max_window_bits=10")))
    case("ext-deflate-two-offers", "accept", "permessage-deflate; server_max_window_bits=7, permessage-deflate (first offer invalid, fallback valid)",
         build(replace(ext, "permessage-deflate; server_max_window_bits=7, permessage-deflate")))
    case("ext-two-fields", "accept", "x-unknown-extension and permessage-deflate on two Sec-WebSocket-Extensions lines",
         build(replace(ext, "x-unknown-extension") + [(ext, "permessage-deflate")]))
    case("ext-webkit-deflate", "accept", "x-webkit-deflate-frame (an old WebKit extension, ignored)",
         build(replace(ext, "x-webkit-deflate-frame")))

    # Field syntax (RFC 9112 2.2, 5, 5.1, 5.2; RFC 9110 5.1, 5.5).
    case("lf-line-endings", "either", "every line ends in bare LF (RFC 9112 2.2: MAY accept)", build(eol=b"\n"))
    case("lf-one-line", "either", "the User-Agent line alone ends in bare LF (an X-After-Lf line follows)",
         build(replace("User-Agent", ("User-Agent: %s\nX-After-Lf: 1" % USER_AGENT).encode())))
    case("bare-cr-in-value", "either", "a lone CR inside User-Agent (RFC 9112 2.2: reject or replace with SP)",
         build(replace("User-Agent", b"User-Agent: Mozilla/5.0\rX-Injected: 1")))
    case("obs-fold", "either", "User-Agent continued on a second line starting with a space (RFC 9112 5.2: reject or unfold)",
         build(replace("User-Agent", b"User-Agent: Mozilla/5.0\r\n (X11; Linux x86_64)")))
    case("obs-fold-first-line", "either", "whitespace-led line straight after the request line (RFC 9112 2.2)",
         build([b" X-Folded: 1"] + BASELINE))
    case("space-before-colon", "refuse", "`Upgrade : websocket` (RFC 9112 5.1: MUST reject with 400)",
         build(replace("Upgrade", b"Upgrade : websocket")))
    case("space-before-colon-other", "refuse", "`X-Custom : 1` on a field the handshake does not use",
         build(add(b"X-Custom : 1")))
    case("tab-before-colon", "refuse", "`X-Custom\\t: 1`", build(add(b"X-Custom\t: 1")))
    case("missing-colon", "refuse", "a field line without a colon (`X-No-Colon value`)", build(add(b"X-No-Colon value")))
    case("empty-field-name", "refuse", "a field line starting with the colon (`: value`)", build(add(b": value")))
    case("space-in-field-name", "refuse", "`X Custom: 1` (space inside the name)", build(add(b"X Custom: 1")))
    case("nul-in-value", "either", "NUL inside User-Agent (RFC 9110 5.5: reject or replace with SP)",
         build(replace("User-Agent", b"User-Agent: Mozilla\x00/5.0")))
    case("nul-in-name", "refuse", "NUL inside a field name (`X-Fo\\0o: 1`)", build(add(b"X-Fo\x00o: 1")))
    case("ctl-in-value", "either", "\\x01 inside User-Agent (an invalid CTL, RFC 9110 5.5)",
         build(replace("User-Agent", b"User-Agent: Mozilla\x01/5.0")))
    case("esc-in-value", "either", "ESC and BEL (terminal escapes) inside User-Agent",
         build(replace("User-Agent", b"User-Agent: evil\x1b]0;pwned\x07\x1b[31mred")))
    case("del-in-value", "either", "DEL (\\x7f) inside User-Agent", build(replace("User-Agent", b"User-Agent: Mozilla\x7f/5.0")))
    case("ctl-in-name", "refuse", "\\x01 inside a field name", build(add(b"X-Fo\x01o: 1")))
    case("non-ascii-value", "accept", "UTF-8 `café` in User-Agent (obs-text, RFC 9110 5.5)",
         build(replace("User-Agent", "User-Agent: caf\u00e9".encode("utf-8"))))
    case("latin1-value", "accept", "the single byte \\xe9 in User-Agent (obs-text)",
         build(replace("User-Agent", b"User-Agent: caf\xe9")))
    case("non-ascii-name", "refuse", "UTF-8 `X-Café: 1` (a name must be a token)", build(add("X-Caf\u00e9: 1".encode("utf-8"))))
    case("empty-value", "accept", "a field with an empty value (`X-Empty:`)", build(add(b"X-Empty:")))
    case("whitespace-value", "accept", "a field whose value is only spaces", build(add(b"X-Spaces:    ")))
    case("no-space-after-colon", "accept", "`Upgrade:websocket` (OWS is optional)", build(replace("Upgrade", b"Upgrade:websocket")))
    case("request-line-only-lf-end", "either", "CRLF lines but the head ends in LF LF",
         build()[:-4] + b"\n\n")

    # Sizes (RFC 9112 2.3, 3: limits are the server's; 431 is allowed, RFC 6585 5).
    def long_field(name, length):
        prefix = name + ": "
        return (prefix + "a" * (length - len(prefix))).encode()

    for size, label in ((4096, "4k"), (8192, "8k"), (16384, "16k"), (65536, "64k")):
        case("long-line-%s" % label, "either", "one extra field line of %d bytes (X-Long)" % size,
             build(add(long_field("X-Long", size))))
    for size, label in ((4096, "4k"), (8192, "8k"), (65536, "64k")):
        cookie = ("Cookie: " + "; ".join("c%03d=%s" % (i, "v" * 60) for i in range(2000)))[:size]
        case("cookie-%s" % label, "either", "a Cookie line of %d bytes (many name=value pairs)" % size,
             build(add(cookie.encode())))
    for total in (100, 101, 200, 1000):
        extra = [("X-Field-%d" % i, "%d" % i) for i in range(total - len(BASELINE))]
        case("fields-%d" % total, "either", "%d field lines in all (X-Field-N padding)" % total,
             build(BASELINE + extra))
    case("target-8k", "either", "an 8 KiB request-target (`/?q=aaa...`, RFC 9112 3: 8000 octets recommended)",
         build(request_line="GET /?q=" + "a" * (8192 - 4) + " HTTP/1.1"))

    # Request-target forms (RFC 9112 3.2; RFC 6455 4.2.1 item 1 and 3).
    case("target-absolute-http", "accept", "absolute-form http://{authority}/ (RFC 9112 3.2.2: MUST accept)",
         build(request_line="GET http://{authority}/ HTTP/1.1"))
    case("target-absolute-ws", "either", "absolute-form ws://{authority}/ (RFC 6455 names http/https only)",
         build(request_line="GET ws://{authority}/ HTTP/1.1"))
    case("target-absolute-other-host", "either", "absolute-form http://example.com/ while Host is {authority}",
         build(request_line="GET http://example.com/ HTTP/1.1"))
    case("target-authority-form", "refuse", "authority-form `{authority}` (only for CONNECT)",
         build(request_line="GET {authority} HTTP/1.1"))
    case("target-asterisk", "refuse", "asterisk-form `*` (only for OPTIONS)", build(request_line="GET * HTTP/1.1"))
    case("target-raw-space", "refuse", "`GET /a b HTTP/1.1` (a space inside the target)",
         build(request_line="GET /a b HTTP/1.1"))
    case("target-fragment", "refuse", "`/#frag` (no fragment in origin-form)", build(request_line="GET /#frag HTTP/1.1"))
    case("target-non-ascii", "refuse", "UTF-8 `/café` unencoded in the target",
         build(request_line="GET /caf\u00c3\u00a9 HTTP/1.1"))
    case("target-quote", "refuse", "`/\"` in the target", build(request_line='GET /" HTTP/1.1'))
    case("target-brace", "refuse", "`/{` in the target", build(request_line="GET /{ HTTP/1.1"))
    case("target-pipe", "refuse", "`/|` in the target", build(request_line="GET /| HTTP/1.1"))
    case("target-query", "accept", "`/?a=b&c` (a query)", build(request_line="GET /?a=b&c HTTP/1.1"))
    case("target-percent", "accept", "`/%7B%7D` (percent-encoded)", build(request_line="GET /%7B%7D HTTP/1.1"))
    case("target-bad-percent", "either", "`/%zz` (an invalid percent-encoding)", build(request_line="GET /%zz HTTP/1.1"))
    case("target-ws-path", "accept", "`/ws`", build(request_line="GET /ws HTTP/1.1"))
    case("target-double-slash", "accept", "`//`", build(request_line="GET // HTTP/1.1"))
    case("target-dot-segments", "accept", "`/a/../`", build(request_line="GET /a/../ HTTP/1.1"))
    case("target-relative", "refuse", "`ws` (no leading slash)", build(request_line="GET ws HTTP/1.1"))

    # Message framing (RFC 9112 6; a GET's content has no meaning, RFC 9110 9.3.1).
    case("content-length-0", "accept", "Content-Length: 0", build(add(("Content-Length", "0"))))
    case("content-length-5-body", "either", "Content-Length: 5 and 5 body bytes `hello`",
         build(add(("Content-Length", "5")), tail=b"hello"))
    case("content-length-invalid", "refuse", "Content-Length: abc (RFC 9112 6.3: 400)", build(add(("Content-Length", "abc"))))
    case("content-length-negative", "refuse", "Content-Length: -1", build(add(("Content-Length", "-1"))))
    case("content-length-conflict", "refuse", "Content-Length: 0 and Content-Length: 5 (RFC 9112 6.3: 400)",
         build(add(("Content-Length", "0"), ("Content-Length", "5"))))
    case("transfer-encoding-chunked", "either", "Transfer-Encoding: chunked and a last chunk `0` CRLF CRLF",
         build(add(("Transfer-Encoding", "chunked")), tail=b"0\r\n\r\n"))
    case("transfer-encoding-and-length", "either", "Transfer-Encoding: chunked and Content-Length: 5 (RFC 9112 6.1: MAY reject)",
         build(add(("Transfer-Encoding", "chunked"), ("Content-Length", "5")), tail=b"0\r\n\r\n"))
    case("transfer-encoding-gzip", "refuse", "Transfer-Encoding: gzip (chunked is not last: RFC 9112 6.3, 400)",
         build(add(("Transfer-Encoding", "gzip"))))
    case("expect-100-continue", "accept", "Expect: 100-continue", build(add(("Expect", "100-continue"))))

    # Bytes after the head (RFC 6455 4.1: the client may send frames once it has the 101).
    case("frame-after-head", "accept", "a masked text frame `hello` right after the empty line",
         build(tail=HELLO_FRAME))
    case("garbage-after-head", "either", "the bytes `hello` (not a frame) after the empty line",
         build(tail=b"hello"))
    case("second-request-after-head", "either", "a second upgrade request pipelined after the first",
         build() + build())
    case("truncated-head", "refuse", "the baseline without its final empty line (the head never ends)",
         build()[:-2])


SAMPLES = [
    # (name, path under samples/, rfc, what it is)
    ("sample-chromium", "chromium.http", "accept", "Chromium 156 capture (samples/chromium.http)"),
    ("sample-chromium-subprotocols", "chromium-subprotocols.http", "accept", "Chromium 156 with chat, superchat"),
    ("sample-node-ws", "node-ws.http", "accept", "npm ws 8.23.0 client capture (Host last, no Origin)"),
    ("sample-node-ws-subprotocols", "node-ws-subprotocols.http", "accept", "npm ws client with chat,superchat"),
    ("sample-python-websockets", "python-websockets.http", "accept", "Python websockets 10.4 client capture"),
    ("sample-python-websockets-subprotocols", "python-websockets-subprotocols.http", "accept", "Python websockets 10.4 with chat, superchat"),
    ("sample-rfc6455-example", "rfc6455-example.http", "accept", "RFC 6455 1.3's example as is (Host server.example.com, Origin http://example.com)"),
    ("sample-lf-line-endings", "lf-line-endings.http", "either", "the RFC example with bare LF line endings"),
    ("sample-interop-chromium", "interop/chromium.http", "accept", "Chromium 156 capture from the interop suite"),
    ("sample-interop-chromium-subprotocols", "interop/chromium-subprotocols.http", "accept", "same, chat, superchat"),
    ("sample-interop-firefox", "interop/firefox.http", "accept", "Firefox 153 ESR capture (permessage-deflate bare, Sec-Fetch-*)"),
    ("sample-interop-firefox-subprotocols", "interop/firefox-subprotocols.http", "accept", "same, chat, superchat"),
    ("sample-interop-webkit", "interop/webkit.http", "accept", "WebKitGTK 2.50 capture (Host after the WebSocket fields)"),
    ("sample-interop-webkit-subprotocols", "interop/webkit-subprotocols.http", "accept", "same, chat, superchat"),
    ("sample-interop-node-ws", "interop/node-ws.http", "accept", "npm ws 8.23.0 capture from the interop suite"),
    ("sample-interop-node-ws-subprotocols", "interop/node-ws-subprotocols.http", "accept", "same, chat,superchat"),
    ("sample-interop-python-websockets", "interop/python-websockets.http", "accept", "Python websockets 10.4 capture from the interop suite"),
    ("sample-interop-python-websockets-subprotocols", "interop/python-websockets-subprotocols.http", "accept", "same, chat, superchat"),
    ("sample-broken-version-8", "broken/version-8.http", "refuse", "RFC example with Sec-WebSocket-Version: 8"),
    ("sample-broken-missing-key", "broken/missing-key.http", "refuse", "RFC example without Sec-WebSocket-Key"),
    ("sample-broken-short-key", "broken/short-key.http", "refuse", "RFC example with a 10-byte key"),
    ("sample-broken-duplicate-key", "broken/duplicate-key.http", "refuse", "RFC example with two different keys"),
    ("sample-broken-post-method", "broken/post-method.http", "refuse", "RFC example with POST"),
    ("sample-broken-http-1.0", "broken/http-1.0.http", "refuse", "RFC example with HTTP/1.0"),
    ("sample-broken-missing-host", "broken/missing-host.http", "refuse", "RFC example without Host"),
    ("sample-broken-proxy-stripped-upgrade", "broken/proxy-stripped-upgrade.http", "refuse", "what nginx forwards without the Upgrade/Connection settings"),
    ("sample-broken-space-before-colon", "broken/space-before-colon.http", "refuse", "RFC example with `Upgrade : websocket`"),
    ("sample-broken-obs-fold", "broken/obs-fold.http", "either", "RFC example with Sec-WebSocket-Protocol folded onto a second line"),
    ("sample-broken-truncated", "broken/truncated.http", "refuse", "RFC example cut after the key line (the head never ends)"),
    ("sample-broken-bare-cr", "broken/bare-cr.http", "either", "RFC example with a lone CR inside Origin"),
    ("sample-broken-escape-in-user-agent", "broken/escape-in-user-agent.http", "either", "RFC example plus a User-Agent with ESC and BEL"),
    ("sample-broken-bad-extension-syntax", "broken/bad-extension-syntax.http", "either", "RFC example plus permessage-deflate; client_max_window_bits="),
    ("sample-broken-connection-quoted", "broken/connection-quoted.http", "refuse", "RFC example with Connection: \"Upgrade\""),
    ("sample-broken-upgrade-h2c", "broken/upgrade-h2c.http", "accept", "RFC example with Upgrade: websocket, h2c"),
    ("sample-broken-data-after-headers", "broken/data-after-headers.http", "accept", "RFC example followed by a masked empty text frame"),
]

# The ports the captures happened to use; a Host or Origin naming one is pointed at the server.
CAPTURE_AUTHORITY = re.compile(rb"(?m)^((?:Host|Origin): (?:http://)?)127\.0\.0\.1:\d+")


def make_samples():
    for name, path, rfc, description in SAMPLES:
        with open(os.path.join(ROOT, "samples", path), "rb") as f:
            data = f.read()
        moved, count = CAPTURE_AUTHORITY.subn(rb"\g<1>{authority}", data)
        if count:
            description += "; Host/Origin pointed at the server"
        case(name, rfc, description, moved)


def main():
    make_generated()
    make_samples()
    os.makedirs(OUT, exist_ok=True)
    for entry in os.listdir(OUT):
        if entry.endswith(".http"):
            os.remove(os.path.join(OUT, entry))
    with open(os.path.join(OUT, "index.tsv"), "w", encoding="utf-8", newline="\n") as index:
        index.write("# name\trfc\tdescription\n")
        for name, rfc, description, data in requests:
            with open(os.path.join(OUT, name + ".http"), "wb") as f:
                f.write(data)
            index.write("%s\t%s\t%s\n" % (name, rfc, description))
    print("%d requests written to %s" % (len(requests), os.path.relpath(OUT)), file=sys.stderr)


if __name__ == "__main__":
    main()
