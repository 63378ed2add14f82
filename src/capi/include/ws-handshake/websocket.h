/* <ws-handshake/websocket.h>: the opening-handshake half of Windows' WebSocket Protocol
 * Component API (websocket.h and websocket.dll) for Linux, answered by the ws-handshake engine.
 *
 * Names, types and signatures follow Microsoft's documentation of websocket.h, so a program
 * written from that documentation compiles unchanged. What each function does here, which
 * HRESULT it returns when, how long returned memory lives and what is not implemented is in
 * ws-handshake-api(3). Link with `pkg-config --cflags --libs ws-handshake` or CMake's
 * find_package(ws-handshake) and the target ws-handshake::ws-handshake. */
#ifndef WS_HANDSHAKE_WEBSOCKET_H
#define WS_HANDSHAKE_WEBSOCKET_H

/* A C header with Windows' names and signatures, also read by C++: clang-tidy's C++ checks of
 * spelling (using, <cstdint>, snake_case names) and of the documented `const PWEB_SOCKET_...`
 * parameters (a const pointer, as on Windows) do not apply to it. */
/* NOLINTBEGIN(modernize-deprecated-headers, modernize-use-using, readability-identifier-naming, misc-misplaced-const) */
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Windows' base types as websocket.h uses them, with Windows' sizes: HRESULT and ULONG are
 * 32 bits wide here as there, whatever the width of the platform's long. */
typedef int32_t HRESULT;
typedef uint32_t ULONG;
typedef uint16_t USHORT;
typedef int BOOL;
typedef unsigned char BYTE;
typedef BYTE* PBYTE;
typedef char CHAR;
typedef CHAR* PCHAR;
typedef const CHAR* PCSTR;
typedef void* PVOID;

#ifndef VOID
/* Windows spells the return type of the functions that return nothing VOID. */
#define VOID void
#endif
#ifndef TRUE
/* The BOOL values of the BOOL properties. */
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

#ifdef __cplusplus
#define WS_HANDSHAKE_HRESULT(value) static_cast<HRESULT>(value)
#else
#define WS_HANDSHAKE_HRESULT(value) ((HRESULT)(value))
#endif

/* winerror.h's HRESULT values these functions return, with winerror.h's numbers; they are the
 * values ws-handshake(1) prints for the same verdicts. */
#ifndef S_OK
/* The operation succeeded. */
#define S_OK WS_HANDSHAKE_HRESULT(0x00000000UL)
#endif
#ifndef E_NOTIMPL
/* The function is declared for source compatibility but does nothing here yet. */
#define E_NOTIMPL WS_HANDSHAKE_HRESULT(0x80004001UL)
#endif
#ifndef E_FAIL
/* An unexpected failure inside the library, or the system's random generator failing; never a
 * verdict on a request. */
#define E_FAIL WS_HANDSHAKE_HRESULT(0x80004005UL)
#endif
#ifndef E_OUTOFMEMORY
/* Memory ran out; nothing was changed. */
#define E_OUTOFMEMORY WS_HANDSHAKE_HRESULT(0x8007000EUL)
#endif
#ifndef E_INVALIDARG
/* A required pointer is null, a pointer is null with a count that is not 0, a handle is of the
 * other side, a property is wrong, or the application's own subprotocol or extension is
 * malformed. */
#define E_INVALIDARG WS_HANDSHAKE_HRESULT(0x80070057UL)
#endif
#ifndef E_INVALID_PROTOCOL_OPERATION
/* The call does not fit the handle's state: a second handshake, End before Begin, a call on
 * an aborted session. */
#define E_INVALID_PROTOCOL_OPERATION WS_HANDSHAKE_HRESULT(0x83760001UL)
#endif
#ifndef E_INVALID_PROTOCOL_FORMAT
/* The request breaks the syntax of HTTP (RFC 9112) or a rule of the opening handshake
 * (RFC 6455 4.2.1). */
#define E_INVALID_PROTOCOL_FORMAT WS_HANDSHAKE_HRESULT(0x83760002UL)
#endif
#ifndef E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED
/* An extension the application chose answers no offer of the client, or its parameters do not
 * answer the offer (RFC 6455 9.1, RFC 7692). */
#define E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED WS_HANDSHAKE_HRESULT(0x83760003UL)
#endif
#ifndef E_SUBPROTOCOL_NOT_SUPPORTED
/* The subprotocol the application chose is not one the client offered (RFC 6455 4.2.2). */
#define E_SUBPROTOCOL_NOT_SUPPORTED WS_HANDSHAKE_HRESULT(0x83760004UL)
#endif
#ifndef E_PROTOCOL_VERSION_NOT_SUPPORTED
/* The client asked for a WebSocket version other than 13 (RFC 6455 4.4). */
#define E_PROTOCOL_VERSION_NOT_SUPPORTED WS_HANDSHAKE_HRESULT(0x83760005UL)
#endif
#ifndef E_UNSUPPORTED_SUBPROTOCOL
/* The name Microsoft's page for WebSocketEndClientHandshake gives E_SUBPROTOCOL_NOT_SUPPORTED
 * (winerror.h has no E_UNSUPPORTED_SUBPROTOCOL), so code written from that page compiles. */
#define E_UNSUPPORTED_SUBPROTOCOL E_SUBPROTOCOL_NOT_SUPPORTED
#endif
#ifndef E_UNSUPPORTED_EXTENSION
/* The same page's name for E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED. */
#define E_UNSUPPORTED_EXTENSION E_PROTOCOL_EXTENSIONS_NOT_SUPPORTED
#endif
#ifndef SUCCEEDED
/* True for an HRESULT that reports success. */
#define SUCCEEDED(hr) (WS_HANDSHAKE_HRESULT(hr) >= 0)
#endif
#ifndef FAILED
/* True for an HRESULT that reports failure. */
#define FAILED(hr) (WS_HANDSHAKE_HRESULT(hr) < 0)
#endif

#if defined(__GNUC__)
/* Marks the functions the shared library exports; everything else in it is hidden. */
#define WS_HANDSHAKE_API __attribute__((visibility("default")))
#else
#define WS_HANDSHAKE_API
#endif

/* A client or server session, made by WebSocketCreateClientHandle or
 * WebSocketCreateServerHandle and freed by WebSocketDeleteHandle. */
typedef struct ws_handshake_session* WEB_SOCKET_HANDLE;

/* The longest reason a close frame may carry, in bytes (RFC 6455 5.5: 125 minus the status). */
#define WEB_SOCKET_MAX_CLOSE_REASON_LENGTH 123

/* Close status codes (RFC 6455 7.4.1), for the session functions. */
typedef enum {
  WEB_SOCKET_SUCCESS_CLOSE_STATUS = 1000,
  WEB_SOCKET_ENDPOINT_UNAVAILABLE_CLOSE_STATUS = 1001,
  WEB_SOCKET_PROTOCOL_ERROR_CLOSE_STATUS = 1002,
  WEB_SOCKET_INVALID_DATA_TYPE_CLOSE_STATUS = 1003,
  WEB_SOCKET_EMPTY_CLOSE_STATUS = 1005,
  WEB_SOCKET_ABORTED_CLOSE_STATUS = 1006,
  WEB_SOCKET_INVALID_PAYLOAD_CLOSE_STATUS = 1007,
  WEB_SOCKET_POLICY_VIOLATION_CLOSE_STATUS = 1008,
  WEB_SOCKET_MESSAGE_TOO_BIG_CLOSE_STATUS = 1009,
  WEB_SOCKET_UNSUPPORTED_EXTENSIONS_CLOSE_STATUS = 1010,
  WEB_SOCKET_SERVER_ERROR_CLOSE_STATUS = 1011,
  WEB_SOCKET_SECURE_HANDSHAKE_ERROR_CLOSE_STATUS = 1015
} WEB_SOCKET_CLOSE_STATUS;

/* What a WEB_SOCKET_PROPERTY sets; ws-handshake-api(3) lists which ones are read. */
typedef enum {
  WEB_SOCKET_RECEIVE_BUFFER_SIZE_PROPERTY_TYPE = 0,
  WEB_SOCKET_SEND_BUFFER_SIZE_PROPERTY_TYPE = 1,
  WEB_SOCKET_DISABLE_MASKING_PROPERTY_TYPE = 2,
  WEB_SOCKET_ALLOCATED_BUFFER_PROPERTY_TYPE = 3,
  WEB_SOCKET_DISABLE_UTF8_VERIFICATION_PROPERTY_TYPE = 4,
  WEB_SOCKET_KEEPALIVE_INTERVAL_PROPERTY_TYPE = 5,
  WEB_SOCKET_SUPPORTED_VERSIONS_PROPERTY_TYPE = 6
} WEB_SOCKET_PROPERTY_TYPE;

/* Which queue WebSocketGetAction reads. */
typedef enum {
  WEB_SOCKET_SEND_ACTION_QUEUE = 0x1,
  WEB_SOCKET_RECEIVE_ACTION_QUEUE = 0x2,
  WEB_SOCKET_ALL_ACTION_QUEUE = 0x3
} WEB_SOCKET_ACTION_QUEUE;

/* The kind of data in a WEB_SOCKET_BUFFER: Windows' 0x80000000 to 0x80000006, written as the
 * same 32-bit patterns in int because ISO C keeps enumerators in int's range. */
typedef enum {
  WEB_SOCKET_UTF8_MESSAGE_BUFFER_TYPE = -0x7FFFFFFF - 1,
  WEB_SOCKET_UTF8_FRAGMENT_BUFFER_TYPE = -0x7FFFFFFF,
  WEB_SOCKET_BINARY_MESSAGE_BUFFER_TYPE = -0x7FFFFFFE,
  WEB_SOCKET_BINARY_FRAGMENT_BUFFER_TYPE = -0x7FFFFFFD,
  WEB_SOCKET_CLOSE_BUFFER_TYPE = -0x7FFFFFFC,
  WEB_SOCKET_PING_PONG_BUFFER_TYPE = -0x7FFFFFFB,
  WEB_SOCKET_UNSOLICITED_PONG_BUFFER_TYPE = -0x7FFFFFFA
} WEB_SOCKET_BUFFER_TYPE;

/* What WebSocketGetAction asks the application to do next. */
typedef enum {
  WEB_SOCKET_NO_ACTION = 0,
  WEB_SOCKET_SEND_TO_NETWORK_ACTION = 1,
  WEB_SOCKET_INDICATE_SEND_COMPLETE_ACTION = 2,
  WEB_SOCKET_RECEIVE_FROM_NETWORK_ACTION = 3,
  WEB_SOCKET_INDICATE_RECEIVE_COMPLETE_ACTION = 4
} WEB_SOCKET_ACTION,
    *PWEB_SOCKET_ACTION;

/* One session property given to WebSocketCreateClientHandle or WebSocketCreateServerHandle:
 * its type, a pointer to its value and the value's size in bytes. */
typedef struct {
  WEB_SOCKET_PROPERTY_TYPE Type;
  PVOID pvValue;
  ULONG ulValueSize;
} WEB_SOCKET_PROPERTY, *PWEB_SOCKET_PROPERTY;

/* One HTTP header field as a name and a value, each a pointer and a length in bytes (neither
 * needs a terminating NUL); the name holds no colon. */
typedef struct {
  PCHAR pcName;
  ULONG ulNameLength;
  PCHAR pcValue;
  ULONG ulValueLength;
} WEB_SOCKET_HTTP_HEADER, *PWEB_SOCKET_HTTP_HEADER;

/* Data for the session functions: a data buffer, or a close frame's reason and status. */
typedef union {
  struct {
    PBYTE pbBuffer;
    ULONG ulBufferLength;
  } Data;
  struct {
    PBYTE pbReason;
    ULONG ulReasonLength;
    USHORT usStatus;
  } CloseStatus;
} WEB_SOCKET_BUFFER, *PWEB_SOCKET_BUFFER;

/* Makes a client session for one opening handshake; the properties are checked as Microsoft
 * documents them and otherwise not used. */
WS_HANDSHAKE_API HRESULT WebSocketCreateClientHandle(const PWEB_SOCKET_PROPERTY pProperties,
                                                     ULONG ulPropertyCount,
                                                     WEB_SOCKET_HANDLE* phWebSocket);

/* Builds the request headers a client adds for the opening handshake (RFC 6455 4.1): Upgrade,
 * Connection, a fresh Sec-WebSocket-Key, Sec-WebSocket-Version and the offered subprotocols and
 * extensions. They belong to the handle: not to be used after the next call on it. */
WS_HANDSHAKE_API HRESULT WebSocketBeginClientHandshake(
    WEB_SOCKET_HANDLE hWebSocket, PCSTR* pszSubprotocols, ULONG ulSubprotocolCount,
    PCSTR* pszExtensions, ULONG ulExtensionCount, const PWEB_SOCKET_HTTP_HEADER pInitialHeaders,
    ULONG ulInitialHeaderCount, PWEB_SOCKET_HTTP_HEADER* pAdditionalHeaders,
    ULONG* pulAdditionalHeaderCount);

/* Checks the server's response headers against the request Begin built (RFC 6455 4.1) and
 * gives the indices, into Begin's arrays, of the extensions and the subprotocol the server
 * selected; *pulSelectedSubprotocol is 0xFFFFFFFF when it selected none. */
WS_HANDSHAKE_API HRESULT WebSocketEndClientHandshake(WEB_SOCKET_HANDLE hWebSocket,
                                                     const PWEB_SOCKET_HTTP_HEADER pResponseHeaders,
                                                     ULONG ulReponseHeaderCount,
                                                     ULONG* pulSelectedExtensions,
                                                     ULONG* pulSelectedExtensionCount,
                                                     ULONG* pulSelectedSubprotocol);

/* Makes a server session for one opening handshake; the properties are checked as Microsoft
 * documents them and otherwise not used. */
WS_HANDSHAKE_API HRESULT WebSocketCreateServerHandle(const PWEB_SOCKET_PROPERTY pProperties,
                                                     ULONG ulPropertyCount,
                                                     WEB_SOCKET_HANDLE* phWebSocket);

/* Answers a client's opening handshake (RFC 6455 4.2): checks the request headers and the
 * application's chosen subprotocol and extensions, and on success gives the response headers
 * of the 101. They belong to the handle: not to be used after the next call on it. */
WS_HANDSHAKE_API HRESULT WebSocketBeginServerHandshake(
    WEB_SOCKET_HANDLE hWebSocket, PCSTR pszSubprotocolSelected, PCSTR* pszExtensionSelected,
    ULONG ulExtensionSelectedCount, const PWEB_SOCKET_HTTP_HEADER pRequestHeaders,
    ULONG ulRequestHeaderCount, PWEB_SOCKET_HTTP_HEADER* pResponseHeaders,
    ULONG* pulResponseHeaderCount);

/* Ends a server handshake that WebSocketBeginServerHandshake accepted and frees its response
 * headers. */
WS_HANDSHAKE_API HRESULT WebSocketEndServerHandshake(WEB_SOCKET_HANDLE hWebSocket);

/* Queues a frame to send; not implemented: returns E_NOTIMPL (E_INVALID_PROTOCOL_OPERATION on
 * an aborted session). */
WS_HANDSHAKE_API HRESULT WebSocketSend(WEB_SOCKET_HANDLE hWebSocket,
                                       WEB_SOCKET_BUFFER_TYPE BufferType,
                                       WEB_SOCKET_BUFFER* pBuffer, PVOID Context);

/* Queues a receive; not implemented: returns E_NOTIMPL (E_INVALID_PROTOCOL_OPERATION on an
 * aborted session). */
WS_HANDSHAKE_API HRESULT WebSocketReceive(WEB_SOCKET_HANDLE hWebSocket, WEB_SOCKET_BUFFER* pBuffer,
                                          PVOID pvContext);

/* Gives the next action of a session; not implemented: returns E_NOTIMPL
 * (E_INVALID_PROTOCOL_OPERATION on an aborted session). */
WS_HANDSHAKE_API HRESULT WebSocketGetAction(WEB_SOCKET_HANDLE hWebSocket,
                                            WEB_SOCKET_ACTION_QUEUE eActionQueue,
                                            WEB_SOCKET_BUFFER* pDataBuffers,
                                            ULONG* pulDataBufferCount, WEB_SOCKET_ACTION* pAction,
                                            WEB_SOCKET_BUFFER_TYPE* pBufferType,
                                            PVOID* pvApplicationContext, PVOID* pvActionContext);

/* Completes an action WebSocketGetAction gave; not implemented, and since it returns nothing
 * it does nothing. */
WS_HANDSHAKE_API VOID WebSocketCompleteAction(WEB_SOCKET_HANDLE hWebSocket, PVOID pvActionContext,
                                              ULONG ulBytesTransferred);

/* Aborts a session whose handshake is complete, so the session functions fail from then on;
 * before that, as Microsoft documents, it does nothing. */
WS_HANDSHAKE_API VOID WebSocketAbortHandle(WEB_SOCKET_HANDLE hWebSocket);

/* Frees a session and everything it handed out; a null handle is ignored. */
WS_HANDSHAKE_API VOID WebSocketDeleteHandle(WEB_SOCKET_HANDLE hWebSocket);

/* Reads a global property: WEB_SOCKET_SUPPORTED_VERSIONS_PROPERTY_TYPE gives the versions the
 * engine answers (13 only, RFC 6455 4.4). */
WS_HANDSHAKE_API HRESULT WebSocketGetGlobalProperty(WEB_SOCKET_PROPERTY_TYPE eType, PVOID pvValue,
                                                    ULONG* ulSize);

#ifdef __cplusplus
}
#endif
/* NOLINTEND(modernize-deprecated-headers, modernize-use-using, readability-identifier-naming, misc-misplaced-const) */

#endif
