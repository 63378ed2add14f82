# What `cmake --install` puts where (GNUInstallDirs), in three components that are also the
# three Debian packages cmake/Packaging.cmake makes:
#   tool     the ws-handshake binary, ws-handshake(1) and the
#            completions for bash, zsh and fish                     -> ws-handshake
#   runtime  libws-handshake.so.1                                   -> libws-handshake1
#   dev      header, libws-handshake.so and .a, ws-handshake.pc,
#            the CMake package and ws-handshake-api(3)              -> libws-handshake-dev
include(CMakePackageConfigHelpers)

set(WSH_DEB_TOOL ws-handshake)
set(WSH_DEB_RUNTIME libws-handshake${PROJECT_VERSION_MAJOR})
set(WSH_DEB_DEV libws-handshake-dev)

# Man pages go out gzipped (-n: no name or time stamp, so the bytes are reproducible), as
# Debian policy 12.1 asks; man(1) reads them the same.
find_program(WSH_GZIP gzip REQUIRED)
set(wsh_man_pages man/ws-handshake.1 man/ws-handshake-api.3)
set(wsh_gzipped_man_pages)
foreach(page IN LISTS wsh_man_pages)
  get_filename_component(name ${page} NAME)
  set(gzipped ${PROJECT_BINARY_DIR}/man/${name}.gz)
  add_custom_command(OUTPUT ${gzipped}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND ${WSH_GZIP} -9nc ${PROJECT_SOURCE_DIR}/${page} > ${gzipped}
    DEPENDS ${PROJECT_SOURCE_DIR}/${page} VERBATIM)
  list(APPEND wsh_gzipped_man_pages ${gzipped})
endforeach()
add_custom_target(wsh_man_pages ALL DEPENDS ${wsh_gzipped_man_pages})

# Debian's changelog (Debian policy 12.7), written from the project's version; its date is
# SOURCE_DATE_EPOCH's when that is set (reproducible builds), else the time of configuring.
string(TIMESTAMP WSH_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(WSH_PACKAGE_CONTACT "ws-handshake dev <dev@ws-handshake.invalid>"
    CACHE STRING "Maintainer of the Debian packages, as `Name <address>`")
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.in ${PROJECT_BINARY_DIR}/doc/changelog @ONLY)
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/doc/changelog.gz
  COMMAND ${WSH_GZIP} -9nc ${PROJECT_BINARY_DIR}/doc/changelog > ${PROJECT_BINARY_DIR}/doc/changelog.gz
  DEPENDS ${PROJECT_BINARY_DIR}/doc/changelog VERBATIM)
add_custom_target(wsh_changelog ALL DEPENDS ${PROJECT_BINARY_DIR}/doc/changelog.gz)

# The tool.
install(TARGETS ws-handshake RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT tool)
install(FILES ${PROJECT_BINARY_DIR}/man/ws-handshake.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT tool)
# Shell completions for bash, zsh and fish, written at build time from the binary's option
# table (`ws-handshake --dump-options`) by cmake/completions.sh and never edited by hand; they go
# where each shell looks for a package's completions.
set(wsh_completion_dir ${PROJECT_BINARY_DIR}/completions)
set(wsh_completions ${wsh_completion_dir}/ws-handshake ${wsh_completion_dir}/_ws-handshake
                    ${wsh_completion_dir}/ws-handshake.fish)
add_custom_command(OUTPUT ${wsh_completions}
  COMMAND sh ${PROJECT_SOURCE_DIR}/cmake/completions.sh $<TARGET_FILE:ws-handshake>
          ${wsh_completion_dir}
  DEPENDS ws-handshake ${PROJECT_SOURCE_DIR}/cmake/completions.sh
          ${PROJECT_SOURCE_DIR}/cmake/completions.awk
  COMMENT "Writing the shell completions from ws-handshake --dump-options" VERBATIM)
add_custom_target(wsh_completions ALL DEPENDS ${wsh_completions})
install(FILES ${wsh_completion_dir}/ws-handshake
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions COMPONENT tool)
install(FILES ${wsh_completion_dir}/_ws-handshake
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions COMPONENT tool)
install(FILES ${wsh_completion_dir}/ws-handshake.fish
        DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d COMPONENT tool)

# The library: the shared one's SONAME file for the runtime, its development link, the static
# one, the header, the pkg-config file and the CMake package for development.
install(TARGETS wsh_capi_shared EXPORT ws-handshake-targets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT dev)
install(TARGETS wsh_capi_static EXPORT ws-handshake-targets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
install(FILES ${PROJECT_SOURCE_DIR}/src/capi/include/ws-handshake/websocket.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/ws-handshake COMPONENT dev)
install(FILES ${PROJECT_BINARY_DIR}/man/ws-handshake-api.3.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man3 COMPONENT dev)

# ws-handshake.pc is written when it is installed, with the prefix of that install (what
# `cmake --install --prefix` or the package gives), so its paths are plain absolute ones that
# pkg-config recognises as the system's under /usr.
file(RELATIVE_PATH WSH_PC_LIBDIR ${CMAKE_INSTALL_PREFIX} ${CMAKE_INSTALL_FULL_LIBDIR})
file(RELATIVE_PATH WSH_PC_INCLUDEDIR ${CMAKE_INSTALL_PREFIX} ${CMAKE_INSTALL_FULL_INCLUDEDIR})
set(WSH_PC_PREFIX "@WSH_INSTALL_PREFIX@")
configure_file(${CMAKE_CURRENT_LIST_DIR}/ws-handshake.pc.in ${PROJECT_BINARY_DIR}/ws-handshake.pc.in
               @ONLY)
install(CODE "
  file(READ [[${PROJECT_BINARY_DIR}/ws-handshake.pc.in]] wsh_pc)
  string(REPLACE @WSH_INSTALL_PREFIX@ \"\${CMAKE_INSTALL_PREFIX}\" wsh_pc \"\${wsh_pc}\")
  file(WRITE [[${PROJECT_BINARY_DIR}/ws-handshake.pc]] \"\${wsh_pc}\")
  file(INSTALL [[${PROJECT_BINARY_DIR}/ws-handshake.pc]]
       DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\")"
  COMPONENT dev)

set(wsh_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/ws-handshake)
# The static library needs libfmt only when the core was not built with fmt header-only.
set(WSH_CONFIG_FIND_FMT "")
if(NOT WSH_STATIC_DEPS)
  set(WSH_CONFIG_FIND_FMT "find_dependency(fmt)")
endif()
install(EXPORT ws-handshake-targets NAMESPACE ws-handshake:: DESTINATION ${wsh_cmake_dir}
        COMPONENT dev)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/ws-handshakeConfig.cmake.in
  ${PROJECT_BINARY_DIR}/ws-handshakeConfig.cmake INSTALL_DESTINATION ${wsh_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/ws-handshakeConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/ws-handshakeConfig.cmake
              ${PROJECT_BINARY_DIR}/ws-handshakeConfigVersion.cmake
        DESTINATION ${wsh_cmake_dir} COMPONENT dev)

# Each package's copyright and changelog (Debian policy 12.5, 12.7).
set(wsh_components tool runtime dev)
set(wsh_packages ${WSH_DEB_TOOL} ${WSH_DEB_RUNTIME} ${WSH_DEB_DEV})
foreach(component package IN ZIP_LISTS wsh_components wsh_packages)
  install(FILES ${CMAKE_CURRENT_LIST_DIR}/copyright ${PROJECT_BINARY_DIR}/doc/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${package} COMPONENT ${component})
endforeach()
