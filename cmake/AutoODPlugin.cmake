# autood_add_plugin(<name> KIND <hypotheses|distances|layers|controllers|datasets> SOURCES ...)
#
# Adds a plugin as a MODULE library with hidden visibility, linked against the SDK alone. It is
# the same function in this tree and in an installed AutoOD package, for plugins built outside.
function(autood_add_plugin name)
  cmake_parse_arguments(PLUGIN "" "KIND" "SOURCES" ${ARGN})
  set(kinds hypotheses distances layers controllers datasets)
  if(NOT PLUGIN_KIND IN_LIST kinds)
    message(FATAL_ERROR "autood_add_plugin(${name}): KIND must be one of ${kinds}")
  endif()
  set(target autood_plugin_${name})
  add_library(${target} MODULE ${PLUGIN_SOURCES})
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME ${name}
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(TARGET autood_sdk)
    # In the AutoOD tree: build into the layout the host searches, and share the torch PCH.
    target_link_libraries(${target} PRIVATE autood_sdk)
    set_target_properties(${target} PROPERTIES
      LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/${AUTOOD_PLUGIN_DIR}/${PLUGIN_KIND}
      INSTALL_RPATH "$ORIGIN/../../..")
    if(AUTOOD_USE_PCH)
      target_precompile_headers(${target} REUSE_FROM autood_pch)
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION ${AUTOOD_PLUGIN_DIR}/${PLUGIN_KIND})
    set_property(GLOBAL APPEND PROPERTY AUTOOD_PLUGIN_TARGETS ${target})
  else()
    target_link_libraries(${target} PRIVATE AutoOD::sdk)
  endif()
  set(AUTOOD_LAST_PLUGIN_TARGET ${target} PARENT_SCOPE)
endfunction()

# autood_add_plugin_test(SOURCES ... [LIBRARIES ...]): a plugin's own test, kept in the plugin's
# folder and built into the test suite, where it loads the plugin through the real loader. A test
# that drives a plugin's classes directly names the static libraries it needs.
function(autood_add_plugin_test)
  cmake_parse_arguments(TEST "" "" "SOURCES;LIBRARIES" ${ARGN})
  set_property(GLOBAL APPEND PROPERTY AUTOOD_PLUGIN_TEST_SOURCES ${TEST_SOURCES})
  set_property(GLOBAL APPEND PROPERTY AUTOOD_PLUGIN_TEST_LIBRARIES ${TEST_LIBRARIES})
endfunction()
