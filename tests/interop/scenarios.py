"""Scenarios of the interop suite and the outcome expected of each client, written down.

A scenario fixes what the client offers (its default Sec-WebSocket-Extensions plus the
subprotocols in `offer`) and how the loopback server answers: the bytes `ws-handshake -f http
TOOL_ARGS` prints, possibly made careless (a header added, or one character of the accept
changed). A negative scenario also names the careless choice that ws-handshake must refuse
(`refuse_args`) and the diagnostic it must print.

Expected outcomes are not inferred at run time: EXPECT lists, per scenario and client, whether
the real client opens (and with which subprotocol and extensions) or fails (and which text it
prints). In texts, `...` stands for any run of characters (a port, a key, a name).
"""
from dataclasses import dataclass, field

CLIENTS = ("chromium", "firefox", "webkit", "node-ws", "python-websockets")

# Two subprotocols, so that choosing the second proves the tool echoes the choice, not the first.
OFFERED = ("chat", "superchat")


@dataclass(frozen=True)
class Scenario:
    """One connection: what the client offers and how the server answers."""

    name: str
    proves: str
    offer: tuple = ()  # subprotocols passed to `new WebSocket(url, protocols)`
    tool_args: tuple = ()  # ws-handshake options for the response actually built
    refuse_args: tuple = ()  # negative: the careless choice ws-handshake must refuse
    add_header: bytes = b""  # negative: the header a careless server adds to the good response
    alter_accept: str = ""  # "char": one character of Sec-WebSocket-Accept replaced by
    # another letter or digit; "case": one letter's case flipped
    clients: tuple = CLIENTS
    skip_reason: str = ""  # why the clients left out take no part
    # Library clients only: permessage-deflate parameters the client is configured to offer,
    # as RFC 7692 names them; the drivers map them to Node ws's perMessageDeflate options
    # and to Python's ClientPerMessageDeflateFactory arguments (True: offered without value).
    client_deflate: tuple = ()


@dataclass(frozen=True)
class Open:
    """The client opens, reports this subprotocol and these extension names, echoes the
    server's message (inflated and deflated again when permessage-deflate is on) and
    answers the server's close with 1000."""

    protocol: str = ""
    extensions: tuple = ()
    compressed: bool = False  # the client's echo must arrive compressed (RSV1 set)
    answer: str = None  # when set: the Sec-WebSocket-Extensions value the tool must answer


@dataclass(frozen=True)
class Fails:
    """The client refuses the handshake and prints (or throws) a text containing `error`;
    the server sees no frame."""

    error: str


@dataclass(frozen=True)
class ToolVerdict:
    """What ws-handshake must say about the careless choice (or, for a warning, the response
    it built): exit status, the diagnostic id, and per client the text its consequence
    (`= effect:` / JSON `consequence`) must quote."""

    exit: int
    id: str
    severity: str
    quotes: dict = field(default_factory=dict)
    also: tuple = ()  # further diagnostic ids the same run must print (same severity)


PMD = ("permessage-deflate",)
FIREFOX_FAILS = "Firefox can\u2019t establish a connection to the server at ..."

SCENARIOS = (
    Scenario(
        "plain",
        "the tool's 101 for a request without subprotocols opens every client",
    ),
    Scenario(
        "subprotocol",
        "the chosen subprotocol (the second offered) is echoed as every client expects",
        offer=OFFERED,
        tool_args=("-p", "superchat"),
    ),
    Scenario(
        "deflate",
        "`-e permessage-deflate` is accepted and messages really inflate both ways",
        tool_args=("-e", "permessage-deflate"),
    ),
    Scenario(
        "deflate-window-bits",
        "`client_max_window_bits=10`, answering the client's bare `client_max_window_bits`, "
        "is honoured: the client's echo inflates with a 1 KiB window",
        tool_args=("-e", "permessage-deflate; client_max_window_bits=10"),
        # Firefox offers `permessage-deflate` with no parameter: RFC 7692 7.1.2.2 forbids
        # answering client_max_window_bits to it, so there is nothing to test.
        clients=("chromium", "webkit", "node-ws", "python-websockets"),
        skip_reason="the client offers no window-bits parameter; RFC 7692 7.1.2.2 forbids"
        " answering one",
    ),
    Scenario(
        "negotiate-deflate",
        "`--negotiate-deflate` (defaults) answers each client's default offer so that it opens"
        " and messages inflate both ways",
        tool_args=("--negotiate-deflate",),
    ),
    Scenario(
        "negotiate-deflate-windows",
        "`--negotiate-deflate=server_max_window_bits=10,client_max_window_bits=12` answers each"
        " client's default offer (client_max_window_bits only where offered); the client's echo"
        " inflates with the 4 KiB window",
        tool_args=("--negotiate-deflate=server_max_window_bits=10,client_max_window_bits=12",),
    ),
    Scenario(
        "negotiate-deflate-offer-params",
        "a library client configured to offer server_no_context_takeover, server_max_window_bits"
        "=10 and client_max_window_bits=12 opens on `--negotiate-deflate` (defaults)",
        tool_args=("--negotiate-deflate",),
        client_deflate=(("server_no_context_takeover", True), ("server_max_window_bits", 10),
                        ("client_max_window_bits", 12)),
        clients=("node-ws", "python-websockets"),
        skip_reason="a browser's offer cannot be configured",
    ),
    Scenario(
        "negotiate-deflate-offer-params-settings",
        "the same configured offer opens on `--negotiate-deflate=server_max_window_bits=10,"
        "client_max_window_bits=12,server_no_context_takeover`",
        tool_args=("--negotiate-deflate=server_max_window_bits=10,client_max_window_bits=12,"
                   "server_no_context_takeover",),
        client_deflate=(("server_no_context_takeover", True), ("server_max_window_bits", 10),
                        ("client_max_window_bits", 12)),
        clients=("node-ws", "python-websockets"),
        skip_reason="a browser's offer cannot be configured",
    ),
    Scenario(
        "negotiate-deflate-bare-client-bits",
        "a library client configured with client_max_window_bits offered without a value opens"
        " on `--negotiate-deflate=server_max_window_bits=10,client_max_window_bits=12`",
        tool_args=("--negotiate-deflate=server_max_window_bits=10,client_max_window_bits=12",),
        client_deflate=(("client_max_window_bits", True),),
        clients=("node-ws", "python-websockets"),
        skip_reason="a browser's offer cannot be configured",
    ),
    Scenario(
        "subprotocol-omitted",
        "the engines disagree when the server picks no subprotocol; the warning names who fails",
        offer=OFFERED,
    ),
    Scenario(
        "protocol-not-offered",
        "`-p notoffered` is refused, and a 101 echoing it is rejected as the diagnostic says",
        offer=OFFERED,
        refuse_args=("-p", "notoffered"),
        add_header=b"Sec-WebSocket-Protocol: notoffered",
    ),
    Scenario(
        "protocol-unrequested",
        "`-p chat` without an offer is refused; clients' reactions to such a 101 as predicted",
        refuse_args=("-p", "chat"),
        add_header=b"Sec-WebSocket-Protocol: chat",
    ),
    Scenario(
        "extension-not-offered",
        "`-e x-unknown` is refused, and a 101 naming it is rejected as the diagnostic says",
        refuse_args=("-e", "x-unknown"),
        add_header=b"Sec-WebSocket-Extensions: x-unknown",
    ),
    Scenario(
        "deflate-missing-value",
        "`-e 'permessage-deflate; client_max_window_bits'` (no value) is refused; clients'"
        " reactions to such a 101 as the diagnostic says",
        refuse_args=("-e", "permessage-deflate; client_max_window_bits"),
        add_header=b"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits",
    ),
    Scenario(
        "deflate-unknown-param",
        "`-e 'permessage-deflate; x=1'` is refused; clients' reactions to such a 101 as the"
        " diagnostic says",
        refuse_args=("-e", "permessage-deflate; x=1"),
        add_header=b"Sec-WebSocket-Extensions: permessage-deflate; x=1",
    ),
    Scenario(
        "deflate-duplicate-param",
        "`-e 'permessage-deflate; server_no_context_takeover; server_no_context_takeover'` is"
        " refused; clients' reactions to such a 101 as the diagnostic says",
        refuse_args=("-e", "permessage-deflate; server_no_context_takeover;"
                     " server_no_context_takeover"),
        add_header=b"Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover;"
        b" server_no_context_takeover",
    ),
    Scenario(
        "deflate-invalid-value",
        "`-e 'permessage-deflate; server_max_window_bits=16'` is refused; clients' reactions to"
        " such a 101 as the diagnostic says",
        refuse_args=("-e", "permessage-deflate; server_max_window_bits=16"),
        add_header=b"Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=16",
    ),
    Scenario(
        "deflate-duplicate-response",
        "`-e permessage-deflate -e permessage-deflate` is refused; clients' reactions to a 101"
        " answering `permessage-deflate, permessage-deflate` as the diagnostic says",
        refuse_args=("-e", "permessage-deflate", "-e", "permessage-deflate"),
        add_header=b"Sec-WebSocket-Extensions: permessage-deflate, permessage-deflate",
        # WebKitGTK (libsoup) opens on it (ws.extensions 'permessage-deflate,
        # permessage-deflate') and its echo does not inflate to the message (5089 bytes of
        # 16000 back): neither an open nor a failure this suite can assert.
        clients=("chromium", "firefox", "node-ws", "python-websockets"),
        skip_reason="WebKitGTK opens and its echo does not inflate to the message sent",
    ),
    Scenario(
        "deflate-client-window-not-offered",
        "`-e 'permessage-deflate; client_max_window_bits=10'` to an offer without"
        " client_max_window_bits is refused; clients' reactions to such a 101 as the diagnostic"
        " says",
        refuse_args=("-e", "permessage-deflate; client_max_window_bits=10"),
        add_header=b"Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10",
        # Firefox offers no client_max_window_bits by default; Node ws (clientMaxWindowBits:
        # false) and Python (client_max_window_bits=None) are configured not to offer it.
        client_deflate=(("client_max_window_bits", False),),
        clients=("firefox", "node-ws", "python-websockets"),
        skip_reason="Chromium and WebKit always offer client_max_window_bits",
    ),
    Scenario(
        "deflate-offer-params-ignored",
        "`-e permessage-deflate` to an offer of server_no_context_takeover and"
        " server_max_window_bits=10 is refused (both unanswered); clients' reactions to such a"
        " 101 as the diagnostic says",
        refuse_args=("-e", "permessage-deflate"),
        add_header=b"Sec-WebSocket-Extensions: permessage-deflate",
        client_deflate=(("server_no_context_takeover", True), ("server_max_window_bits", 10),
                        ("client_max_window_bits", 12)),
        clients=("node-ws", "python-websockets"),
        skip_reason="a browser's offer cannot be configured",
    ),
    Scenario(
        "accept-altered",
        "a 101 with one character of Sec-WebSocket-Accept changed is rejected by every client "
        "(the suite can fail)",
        alter_accept="char",
    ),
    Scenario(
        "accept-case-changed",
        "the engines disagree on an accept that differs only in letter case: WebKitGTK "
        "(libsoup) compares it case-insensitively and opens",
        alter_accept="case",
    ),
)

BY_NAME = {s.name: s for s in SCENARIOS}

# What ws-handshake must print, per scenario where its verdict is itself a claim.
TOOL = {
    "subprotocol-omitted": ToolVerdict(
        0,
        "subprotocol-not-selected",
        "warning",
        {
            "chromium": "Error during WebSocket handshake: Sent non-empty 'Sec-WebSocket-Protocol'"
            " header but no response was received",
            "node-ws": "Server sent no subprotocol",
            "firefox": "Firefox, WebKit and Python websockets open without one",
            "webkit": "Firefox, WebKit and Python websockets open without one",
            "python-websockets": "Firefox, WebKit and Python websockets open without one",
        },
    ),
    "protocol-not-offered": ToolVerdict(
        1,
        "subprotocol-not-offered",
        "error",
        {
            "chromium": "Error during WebSocket handshake: 'Sec-WebSocket-Protocol' header value"
            " '...' in response does not match any of sent values",
            "node-ws": "Server sent an invalid subprotocol",
            "python-websockets": "unsupported subprotocol: ...",
            "firefox": "Firefox fails a mismatch",
        },
    ),
    "protocol-unrequested": ToolVerdict(
        1,
        "subprotocol-not-offered",
        "error",
        {
            "chromium": "Response must not include 'Sec-WebSocket-Protocol' header if not present"
            " in request: ...",
            "node-ws": "Server sent a subprotocol but none was requested",
            "python-websockets": "no subprotocols supported",
            "firefox": "ignores a subprotocol it did not ask for",
        },
    ),
    "extension-not-offered": ToolVerdict(
        1,
        "extension-not-offered",
        "error",
        {
            "chromium": "Error during WebSocket handshake: Found an unsupported extension '...'"
            " in 'Sec-WebSocket-Extensions' header",
            "node-ws": "Server indicated an extension that was not requested",
            "python-websockets": "Unsupported extension: name = ..., params = [...]",
            "firefox": "Firefox fails the connection",
        },
    ),
    "deflate-missing-value": ToolVerdict(
        1,
        "deflate-response-missing-value",
        "error",
        {
            "chromium": "Error in permessage-deflate: client_max_window_bits must have value",
            "node-ws": "Invalid Sec-WebSocket-Extensions header",
            "python-websockets": "Unsupported extension: name = permessage-deflate, params = [...]",
            "firefox": "Firefox fails the connection",
            "webkit": "WebKit is more lenient: it reads the bare parameter as 15 and opens",
        },
    ),
    "deflate-unknown-param": ToolVerdict(
        1,
        "deflate-response-unknown-parameter",
        "error",
        {
            "chromium": "Error in permessage-deflate: Received an unexpected permessage-deflate"
            " extension parameter",
            "node-ws": "Invalid Sec-WebSocket-Extensions header",
            "python-websockets": "Unsupported extension: name = permessage-deflate, params = [...]",
            "firefox": "Firefox fails the connection",
        },
    ),
    "deflate-duplicate-param": ToolVerdict(
        1,
        "deflate-response-duplicate-parameter",
        "error",
        {
            "chromium": "Error in permessage-deflate: Received duplicate permessage-deflate"
            " extension parameter ...",
            "node-ws": "Invalid Sec-WebSocket-Extensions header",
            "python-websockets": "Unsupported extension: name = permessage-deflate, params = [...]",
            "firefox": "Firefox fails the connection",
        },
    ),
    "deflate-invalid-value": ToolVerdict(
        1,
        "deflate-response-invalid-value",
        "error",
        {
            "chromium": "Error in permessage-deflate: Received invalid server_max_window_bits"
            " parameter",
            "node-ws": "Invalid Sec-WebSocket-Extensions header",
            "python-websockets": "Unsupported extension: ...",
        },
    ),
    "deflate-duplicate-response": ToolVerdict(
        1,
        "duplicate-deflate-response",
        "error",
        {
            "chromium": "Error during WebSocket handshake: Received duplicate permessage-deflate"
            " response",
            "python-websockets": "Unsupported extension: name = permessage-deflate, params = []",
            "firefox": "Firefox fails the connection",
            "node-ws": "Node ws uses the first and ignores the second",
        },
    ),
    "deflate-client-window-not-offered": ToolVerdict(
        1,
        "deflate-client-window-not-offered",
        "error",
        {
            "python-websockets": "Python websockets fails (\"Unsupported extension: ...\")",
            "node-ws": "Node ws when told clientMaxWindowBits: false (\"Invalid"
            " Sec-WebSocket-Extensions header\")",
            "firefox": "Firefox never offers it and accepts it anyway",
        },
    ),
    "deflate-offer-params-ignored": ToolVerdict(
        1,
        "deflate-missing-server-no-context-takeover",
        "error",
        {
            "python-websockets": "Python websockets fails: \"Unsupported extension: name ="
            " permessage-deflate, params = []\"",
            "node-ws": "Node ws accepts it anyway (more lenient than RFC 7692)",
        },
        also=("deflate-server-window-not-honoured",),
    ),
}

# What each real client does with the response the server sends.
_OPEN_ALL = {c: Open() for c in CLIENTS}
EXPECT = {
    "plain": _OPEN_ALL,
    "subprotocol": {c: Open(protocol="superchat") for c in CLIENTS},
    "deflate": {c: Open(extensions=PMD, compressed=True) for c in CLIENTS},
    "deflate-window-bits": {
        c: Open(extensions=PMD, compressed=True) for c in BY_NAME["deflate-window-bits"].clients
    },
    "negotiate-deflate": {
        c: Open(extensions=PMD, compressed=True, answer="permessage-deflate") for c in CLIENTS
    },
    "negotiate-deflate-windows": {
        c: Open(extensions=PMD, compressed=True, answer=(
            "permessage-deflate; server_max_window_bits=10" if c == "firefox" else
            "permessage-deflate; server_max_window_bits=10; client_max_window_bits=12"))
        for c in CLIENTS
    },
    "negotiate-deflate-offer-params": {
        c: Open(extensions=PMD, compressed=True,
                answer="permessage-deflate; server_no_context_takeover; server_max_window_bits=10")
        for c in ("node-ws", "python-websockets")
    },
    "negotiate-deflate-offer-params-settings": {
        c: Open(extensions=PMD, compressed=True,
                answer="permessage-deflate; server_no_context_takeover; server_max_window_bits=10;"
                " client_max_window_bits=12")
        for c in ("node-ws", "python-websockets")
    },
    "negotiate-deflate-bare-client-bits": {
        c: Open(extensions=PMD, compressed=True,
                answer="permessage-deflate; server_max_window_bits=10; client_max_window_bits=12")
        for c in ("node-ws", "python-websockets")
    },
    "deflate-missing-value": {
        "chromium": Fails(
            "Error during WebSocket handshake: Error in permessage-deflate:"
            " client_max_window_bits must have value"
        ),
        "firefox": Fails(FIREFOX_FAILS),
        # RFC 7692 7.1.2.2 wants a value in a response; libsoup takes the bare parameter as
        # 15 (ws.extensions reads `permessage-deflate; client_max_window_bits=15`) and opens.
        "webkit": Open(extensions=PMD, compressed=True),
        "node-ws": Fails("Invalid Sec-WebSocket-Extensions header"),
        "python-websockets": Fails(
            "Unsupported extension: name = permessage-deflate,"
            " params = [('client_max_window_bits', None)]"
        ),
    },
    "deflate-unknown-param": {
        "chromium": Fails(
            "Error during WebSocket handshake: Error in permessage-deflate: Received an"
            " unexpected permessage-deflate extension parameter"
        ),
        "firefox": Fails(FIREFOX_FAILS),
        "webkit": Fails("Invalid parameter 'x' in permessage-deflate extension header"),
        "node-ws": Fails("Invalid Sec-WebSocket-Extensions header"),
        "python-websockets": Fails(
            "Unsupported extension: name = permessage-deflate, params = [('x', '1')]"
        ),
    },
    "deflate-duplicate-param": {
        "chromium": Fails(
            "Error during WebSocket handshake: Error in permessage-deflate: Received duplicate"
            " permessage-deflate extension parameter server_no_context_takeover"
        ),
        "firefox": Fails(FIREFOX_FAILS),
        "webkit": Fails(
            "Server returned a duplicated parameter in \u201cpermessage-deflate\u201d WebSocket"
            " extension header"
        ),
        "node-ws": Fails("Invalid Sec-WebSocket-Extensions header"),
        "python-websockets": Fails(
            "Unsupported extension: name = permessage-deflate, params ="
            " [('server_no_context_takeover', None), ('server_no_context_takeover', None)]"
        ),
    },
    "deflate-invalid-value": {
        "chromium": Fails(
            "Error during WebSocket handshake: Error in permessage-deflate: Received invalid"
            " server_max_window_bits parameter"
        ),
        "firefox": Fails(FIREFOX_FAILS),
        "webkit": Fails(
            "Invalid value of parameter 'server_max_window_bits' in permessage-deflate extension"
            " header"
        ),
        "node-ws": Fails("Invalid Sec-WebSocket-Extensions header"),
        "python-websockets": Fails(
            "Unsupported extension: name = permessage-deflate, params ="
            " [('server_max_window_bits', '16')]"
        ),
    },
    "deflate-duplicate-response": {
        "chromium": Fails(
            "Error during WebSocket handshake: Received duplicate permessage-deflate response"
        ),
        "firefox": Fails(FIREFOX_FAILS),
        # RFC 7692 7 forbids answering permessage-deflate twice; Node ws uses the first
        # element and ignores the second, and opens (as the diagnostic says).
        "node-ws": Open(extensions=PMD, compressed=True),
        "python-websockets": Fails(
            "Unsupported extension: name = permessage-deflate, params = []"
        ),
    },
    "deflate-client-window-not-offered": {
        # RFC 7692 7.1.2.2 forbids answering client_max_window_bits to an offer without it;
        # Firefox opens anyway, and its echo inflates with the 10-bit window the 101 set.
        "firefox": Open(extensions=PMD, compressed=True),
        "node-ws": Fails("Invalid Sec-WebSocket-Extensions header"),
        "python-websockets": Fails(
            "Unsupported extension: name = permessage-deflate, params ="
            " [('client_max_window_bits', '10')]"
        ),
    },
    "deflate-offer-params-ignored": {
        # RFC 7692 7.1.1.1 and 7.1.2.1 want server_no_context_takeover and
        # server_max_window_bits<=10 answered to this offer; Node ws opens without them.
        "node-ws": Open(extensions=PMD, compressed=True),
        "python-websockets": Fails(
            "Unsupported extension: name = permessage-deflate, params = []"
        ),
    },
    "subprotocol-omitted": {
        "chromium": Fails(
            "Error during WebSocket handshake: Sent non-empty 'Sec-WebSocket-Protocol' header"
            " but no response was received"
        ),
        "firefox": Open(),
        "webkit": Open(),
        "node-ws": Fails("Server sent no subprotocol"),
        "python-websockets": Open(),
    },
    "protocol-not-offered": {
        "chromium": Fails(
            "Error during WebSocket handshake: 'Sec-WebSocket-Protocol' header value"
            " 'notoffered' in response does not match any of sent values"
        ),
        "firefox": Fails(FIREFOX_FAILS),
        "webkit": Fails("Server requested unsupported protocol"),
        "node-ws": Fails("Server sent an invalid subprotocol"),
        "python-websockets": Fails("unsupported subprotocol: notoffered"),
    },
    "protocol-unrequested": {
        "chromium": Fails(
            "Error during WebSocket handshake: Response must not include"
            " 'Sec-WebSocket-Protocol' header if not present in request: chat"
        ),
        # Firefox ignores a subprotocol it did not ask for: it opens, with ws.protocol empty.
        "firefox": Open(),
        "webkit": Fails("Server requested unsupported protocol"),
        "node-ws": Fails("Server sent a subprotocol but none was requested"),
        "python-websockets": Fails("no subprotocols supported"),
    },
    "extension-not-offered": {
        "chromium": Fails(
            "Error during WebSocket handshake: Found an unsupported extension 'x-unknown' in"
            " 'Sec-WebSocket-Extensions' header"
        ),
        "firefox": Fails(FIREFOX_FAILS),
        "webkit": Fails("Server requested unsupported extension"),
        "node-ws": Fails("Server indicated an extension that was not requested"),
        "python-websockets": Fails("Unsupported extension: name = x-unknown, params = []"),
    },
    "accept-altered": {
        "chromium": Fails(
            "Error during WebSocket handshake: Incorrect 'Sec-WebSocket-Accept' header value"
        ),
        "firefox": Fails(FIREFOX_FAILS),
        "webkit": Fails("Server returned incorrect \u201cSec-WebSocket-Accept\u201d key"),
        "node-ws": Fails("Invalid Sec-WebSocket-Accept header"),
        "python-websockets": Fails("invalid Sec-WebSocket-Accept header"),
    },
    "accept-case-changed": {
        "chromium": Fails(
            "Error during WebSocket handshake: Incorrect 'Sec-WebSocket-Accept' header value"
        ),
        "firefox": Fails(FIREFOX_FAILS),
        # RFC 6455 4.1 item 4 wants the exact value; libsoup compares it ignoring case.
        "webkit": Open(),
        "node-ws": Fails("Invalid Sec-WebSocket-Accept header"),
        "python-websockets": Fails("invalid Sec-WebSocket-Accept header"),
    },
}


def message():
    """The text message the server sends after a 101 and expects echoed: 8000 pseudo-random
    letters twice, so a compressor with a window over 1 KiB refers 8000 bytes back and the
    window-bits check has something to catch."""
    state = 6455
    letters = []
    for _ in range(8000):
        state = (state * 1103515245 + 12345) % 2**31
        letters.append(chr(ord("a") + (state >> 16) % 26))
    return ("".join(letters) * 2).encode()
