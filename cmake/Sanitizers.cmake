# Sanitizer flags (WSH_SANITIZE="address;undefined") for every target that links this.
add_library(standard_sanitizers INTERFACE)
if(WSH_SANITIZE)
  list(JOIN WSH_SANITIZE "," wsh_sanitizers)
  target_compile_options(standard_sanitizers INTERFACE
    -fsanitize=${wsh_sanitizers} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(standard_sanitizers INTERFACE -fsanitize=${wsh_sanitizers})
endif()
