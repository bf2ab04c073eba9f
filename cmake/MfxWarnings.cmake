# Warnings are errors, for every target of the project (plugins included).
add_compile_options(
  -Wall -Wextra -Wpedantic -Werror
  -Wshadow -Wformat=2 -Wimplicit-fallthrough -Wcast-qual
  $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor>
  $<$<COMPILE_LANGUAGE:CXX>:-Woverloaded-virtual>)
