# mfx_add_plugin(<target> SOURCES <src>... [LIBRARIES <lib>...]
#                [OUTPUT_DIRECTORY <dir>] [INSTALL_DESTINATION <dir>] [NO_INSTALL])
#
# Builds <target>.so as a MultiFlexi plugin with the flags every plugin needs:
#   - no "lib" prefix: the file is loaded, never linked against;
#   - hidden visibility, and a version script exporting only mfx_plugin_abi
#     and mfx_plugin_init (two plugins can never see each other's symbols);
#   - -Wl,--exclude-libs,ALL: static libraries linked in stay private;
#   - -Wl,-z,defs: an undefined symbol is a link error, not a load failure;
#     plugins must not rely on symbols of the host.
# The output goes to OUTPUT_DIRECTORY, else MFX_PLUGIN_OUTPUT_DIRECTORY when
# set; it installs to INSTALL_DESTINATION, else <libdir>/multiflexi/plugins.
include_guard(GLOBAL)
include(GNUInstallDirs)

set(MFX_PLUGIN_VERSION_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/mfx_plugin.map"
    CACHE INTERNAL "Version script of MultiFlexi plugins")

function(mfx_add_plugin target)
  cmake_parse_arguments(ARG "NO_INSTALL" "OUTPUT_DIRECTORY;INSTALL_DESTINATION"
                        "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "mfx_add_plugin(${target}): SOURCES is required")
  endif()
  add_library(${target} MODULE ${ARG_SOURCES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LINK_DEPENDS ${MFX_PLUGIN_VERSION_SCRIPT})
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  elseif(MFX_PLUGIN_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${MFX_PLUGIN_OUTPUT_DIRECTORY})
  endif()
  target_link_libraries(${target} PRIVATE MultiFlexi::sdk ${ARG_LIBRARIES})
  target_link_options(${target} PRIVATE
    "LINKER:--version-script=${MFX_PLUGIN_VERSION_SCRIPT}"
    "LINKER:--exclude-libs,ALL"
    "LINKER:-z,defs")
  if(NOT ARG_NO_INSTALL)
    if(NOT ARG_INSTALL_DESTINATION)
      set(ARG_INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/multiflexi/plugins)
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION ${ARG_INSTALL_DESTINATION} COMPONENT plugins)
  endif()
endfunction()
