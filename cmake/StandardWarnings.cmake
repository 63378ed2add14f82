# Warnings every target of ours compiles with; -Werror when WSH_WERROR is on.
add_library(standard_warnings INTERFACE)
target_compile_options(standard_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(WSH_WERROR)
  target_compile_options(standard_warnings INTERFACE -Werror)
endif()
