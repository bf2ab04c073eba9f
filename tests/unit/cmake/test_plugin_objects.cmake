# Driver of test_mfx_plugin_objects (cmake -P): builds the probe project with
# mfx_add_plugin_objects and fails with the reason when a promise is broken.
function(probe_configure build_dir result_var output_var)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -S ${PROBE_SOURCE} -B ${build_dir} -G ${PROBE_GENERATOR}
            -DCMAKE_CXX_COMPILER=${PROBE_CXX} -DMFX_CMAKE_DIR=${MFX_CMAKE_DIR} ${ARGN}
    RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${result_var} ${result} PARENT_SCOPE)
  set(${output_var} "${out}${err}" PARENT_SCOPE)
endfunction()

function(expect condition_text)
  if(NOT (${ARGN}))
    message(FATAL_ERROR "FAILED: ${condition_text}")
  endif()
  message(STATUS "ok: ${condition_text}")
endfunction()

file(REMOVE_RECURSE ${PROBE_BINARY})

# A call without SOURCES is a configure error naming the target.
probe_configure(${PROBE_BINARY}/no-sources result out -DPROBE_WITHOUT_SOURCES=ON)
expect("a call without SOURCES fails the configure" NOT result EQUAL 0)
string(FIND "${out}" "mfx_add_plugin_objects(probe_empty): SOURCES is required" at)
expect("the error names the target and SOURCES" at GREATER -1)

probe_configure(${PROBE_BINARY}/build result out)
expect("the probe configures" result EQUAL 0)
execute_process(COMMAND ${CMAKE_COMMAND} --build ${PROBE_BINARY}/build
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT result EQUAL 0)
  message("${out}${err}")
endif()
# Building at all proves the include directories travel: part/src/Part.cpp
# includes base's header, the module's entry includes part's.
expect("the probe builds" result EQUAL 0)

# Every object of the helper is compiled position-independent and hidden.
file(READ ${PROBE_BINARY}/build/compile_commands.json commands)
string(JSON count LENGTH "${commands}")
math(EXPR last "${count} - 1")
set(checked 0)
foreach(i RANGE ${last})
  string(JSON file GET "${commands}" ${i} file)
  string(JSON command GET "${commands}" ${i} command)
  if(file MATCHES "/src/(Base|Part)\\.cpp$")
    math(EXPR checked "${checked} + 1")
    string(FIND "${command}" "-fPIC" pic)
    string(FIND "${command}" "-fvisibility=hidden" hidden)
    string(FIND "${command}" "-fvisibility-inlines-hidden" inlines)
    expect("${file} is compiled with -fPIC" pic GREATER -1)
    expect("${file} is compiled with -fvisibility=hidden" hidden GREATER -1)
    expect("${file} is compiled with -fvisibility-inlines-hidden" inlines GREATER -1)
  endif()
endforeach()
expect("both helper libraries were compiled" checked EQUAL 2)

# Hidden: the module exports its own entry point, none of the helper's code.
set(module ${PROBE_BINARY}/build/probe_module.so)
execute_process(COMMAND ${NM} -D --defined-only ${module}
                RESULT_VARIABLE result OUTPUT_VARIABLE symbols)
expect("nm reads the module" result EQUAL 0)
string(FIND "${symbols}" "probe_entry" entry)
string(FIND "${symbols}" "probeBase" base)
string(FIND "${symbols}" "probePart" part)
expect("the module exports probe_entry" entry GREATER -1)
expect("the objects' functions stay hidden" base EQUAL -1 AND part EQUAL -1)

# VERSION_MACRO is the project's version, for the objects and their users.
file(STRINGS ${module} versions REGEX "probe-version=")
expect("PROBE_VERSION is \"4.5.6\" in the objects (${versions})" "${versions}" STREQUAL "probe-version=4.5.6")
