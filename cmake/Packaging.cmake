# Debian packages with CPack (`cpack -G DEB` in a build configured with
# -DCMAKE_INSTALL_PREFIX=/usr): one package per component of cmake/Install.cmake, as Debian
# splits a library (policy 8.1, 8.4): ws-handshake, libws-handshake1 and libws-handshake-dev.
set(CPACK_PACKAGE_NAME ws-handshake)
set(CPACK_PACKAGE_VENDOR "The ws-handshake authors")
set(CPACK_PACKAGE_CONTACT "${WSH_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
# Each component's description starts with its own synopsis; none is put before it.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL tool runtime dev)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends computed by dpkg-shlibdeps from what each binary and library loads.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)

set(CPACK_DEBIAN_TOOL_PACKAGE_NAME ${WSH_DEB_TOOL})
set(CPACK_DEBIAN_TOOL_PACKAGE_SECTION net)
set(CPACK_COMPONENT_TOOL_DESCRIPTION
  "WebSocket opening handshake inspector\n\
ws-handshake reads a WebSocket opening handshake request (RFC 6455) and answers\n\
it as a server would: the 101 response or the reasons to refuse, with the\n\
HRESULT Windows' WebSocketBeginServerHandshake would return and every problem\n\
found, each with its line, column and RFC section. It reads one request, a\n\
stream of them or a HAR file, and prints text, HTTP or JSON. It also checks a\n\
server's response against the request, per real client, and prints the request\n\
a client sends, plain or as a real client writes it. Completions for bash, zsh\n\
and fish are included.")

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME ${WSH_DEB_RUNTIME})
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION libs)
# The shlibs file other packages' dpkg-shlibdeps read (CPack writes it for every package that
# holds a library with a SONAME, which only this one does), and the ldconfig trigger.
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
configure_file(${CMAKE_CURRENT_LIST_DIR}/libws-handshake.triggers
               ${PROJECT_BINARY_DIR}/deb-runtime/triggers COPYONLY)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${PROJECT_BINARY_DIR}/deb-runtime/triggers)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(wsh_library_description
  "libws-handshake answers WebSocket opening handshakes (RFC 6455) through the\n\
handshake functions of Windows' WebSocket Protocol Component API:\n\
WebSocketCreateServerHandle, WebSocketBeginServerHandshake and their siblings,\n\
with the names, types and HRESULTs of Microsoft's websocket.h.")
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION
  "WebSocket opening handshakes with Windows' websocket.h API\n\
${wsh_library_description}\n\
.\n\
This package holds the shared library.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME ${WSH_DEB_DEV})
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "${WSH_DEB_RUNTIME} (= ${PROJECT_VERSION}), libssl-dev")
set(CPACK_COMPONENT_DEV_DESCRIPTION
  "WebSocket opening handshakes with Windows' websocket.h API (development)\n\
${wsh_library_description}\n\
.\n\
This package holds the header <ws-handshake/websocket.h>, the static library,\n\
the pkg-config file, the CMake package and the manual page ws-handshake-api(3).")

include(CPack)
