# mfx_add_plugin_objects(<target> SOURCES <src>... [LIBRARIES <lib>...]
#                        [VERSION_MACRO <NAME>])
#
# The in-tree half of a plugin: its code as an OBJECT library that the
# plugin's .so (mfx_add_plugin) and its unit tests both link, and the code
# plugins share (plugins/common/*, common/envlines) built the same way.
#   - position-independent and hidden: the objects go into .so files, where
#     mfx_add_plugin exports only the two entry points;
#   - <caller's folder>/src is a PUBLIC include directory;
#   - LIBRARIES are linked PUBLIC (their objects and usage requirements travel
#     with the target);
#   - VERSION_MACRO, when given, is defined PUBLIC as "${PROJECT_VERSION}".
# Not part of the installed SDK: an out-of-tree plugin calls mfx_add_plugin
# with its sources directly.
include_guard(GLOBAL)

function(mfx_add_plugin_objects target)
  cmake_parse_arguments(ARG "" "VERSION_MACRO" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "mfx_add_plugin_objects(${target}): SOURCES is required")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "mfx_add_plugin_objects(${target}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  add_library(${target} OBJECT ${ARG_SOURCES})
  set_target_properties(${target} PROPERTIES
    POSITION_INDEPENDENT_CODE ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(ARG_LIBRARIES)
    target_link_libraries(${target} PUBLIC ${ARG_LIBRARIES})
  endif()
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/src)
  if(ARG_VERSION_MACRO)
    target_compile_definitions(${target} PUBLIC ${ARG_VERSION_MACRO}="${PROJECT_VERSION}")
  endif()
endfunction()
