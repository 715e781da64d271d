# The plugin kinds, as folder names, written once for CMake; sdk/include/autood/sdk/choices.hpp
# lists the same kinds once for C++ (AUTOOD_PLUGIN_KINDS there).
set(AUTOOD_PLUGIN_KINDS hypotheses distances layers controllers datasets generators)

# autood_add_plugin(<name> KIND <one of AUTOOD_PLUGIN_KINDS> SOURCES ...
#                   [LIBRARIES ...])
#
# Adds a plugin as a MODULE library with hidden visibility, linked against the SDK, the plugin
# kit (blocks, pooling and activation choices, CSV splitting: plugins/support/plugin_kit) and the
# LIBRARIES it names (such as autood_policy_kit from plugins/support/, or ZLIB::ZLIB). It is the
# same function in this tree and in an installed AutoOD package, for plugins built outside.
function(autood_add_plugin name)
  cmake_parse_arguments(PLUGIN "" "KIND" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT PLUGIN_KIND IN_LIST AUTOOD_PLUGIN_KINDS)
    message(FATAL_ERROR "autood_add_plugin(${name}): KIND must be one of ${AUTOOD_PLUGIN_KINDS}")
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
    target_link_libraries(${target} PRIVATE autood_sdk autood_plugin_kit)
    set_target_properties(${target} PROPERTIES
      LIBRARY_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/${AUTOOD_PLUGIN_DIR}/${PLUGIN_KIND}
      INSTALL_RPATH "$ORIGIN/../../..")
    if(AUTOOD_USE_PCH)
      target_precompile_headers(${target} REUSE_FROM autood_pch)
    endif()
    install(TARGETS ${target} LIBRARY DESTINATION ${AUTOOD_PLUGIN_DIR}/${PLUGIN_KIND})
    set_property(GLOBAL APPEND PROPERTY AUTOOD_PLUGIN_TARGETS ${target})
  else()
    target_link_libraries(${target} PRIVATE AutoOD::sdk AutoOD::plugin_kit)
  endif()
  if(PLUGIN_LIBRARIES)
    target_link_libraries(${target} PRIVATE ${PLUGIN_LIBRARIES})
  endif()
endfunction()

# autood_add_plugin_test(SOURCES ... [LIBRARIES ...]): a plugin's own test, kept in the plugin's
# folder and built into the test suite, where it loads the plugin through the real loader. A test
# that drives a plugin's classes directly names the static libraries it needs.
function(autood_add_plugin_test)
  cmake_parse_arguments(TEST "" "" "SOURCES;LIBRARIES" ${ARGN})
  set_property(GLOBAL APPEND PROPERTY AUTOOD_PLUGIN_TEST_SOURCES ${TEST_SOURCES})
  set_property(GLOBAL APPEND PROPERTY AUTOOD_PLUGIN_TEST_LIBRARIES ${TEST_LIBRARIES})
endfunction()

# autood_add_pack(<name> VERSION <v> PLUGINS <plugin>... [DESCRIPTION <text>] [DEFAULTS <file>]
#                 [DESTINATION <dir>])
#
# Makes a pack of plugins added with autood_add_plugin: their libraries are built into
# <build>/packs/<name>/lib/, beside a generated pack.toml (with the SDK ABI and the build key of
# this compiler and LibTorch) and the DEFAULTS config fragment, if any. `cmake --install` copies
# the folder to DESTINATION/<name> (default lib/autood/packs). Load it with --pack.
function(autood_add_pack name)
  cmake_parse_arguments(PACK "" "VERSION;DESCRIPTION;DEFAULTS;DESTINATION" "PLUGINS" ${ARGN})
  if(NOT PACK_VERSION OR NOT PACK_PLUGINS)
    message(FATAL_ERROR "autood_add_pack(${name}): VERSION and PLUGINS are required")
  endif()
  if(NOT PACK_DESTINATION)
    set(PACK_DESTINATION lib/autood/packs)
  endif()
  set(folder ${CMAKE_CURRENT_BINARY_DIR}/packs/${name})
  _autood_build_key(build_key)
  _autood_sdk_abi(abi)
  set(libraries "")
  foreach(plugin IN LISTS PACK_PLUGINS)
    set(target autood_plugin_${plugin})
    if(NOT TARGET ${target})
      message(FATAL_ERROR "autood_add_pack(${name}): no plugin '${plugin}'; add it with autood_add_plugin first")
    endif()
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${folder}/lib)
    list(APPEND libraries "\"lib/$<TARGET_FILE_NAME:${target}>\"")
  endforeach()
  list(JOIN libraries ", " libraries)
  set(manifest "name = \"${name}\"\nversion = \"${PACK_VERSION}\"\n")
  string(APPEND manifest "description = \"${PACK_DESCRIPTION}\"\nsdk_abi = \"${abi}\"\n")
  string(APPEND manifest "build_key = \"${build_key}\"\nlibraries = [${libraries}]\n")
  if(PACK_DEFAULTS)
    get_filename_component(defaults ${PACK_DEFAULTS} ABSOLUTE)
    get_filename_component(defaults_name ${PACK_DEFAULTS} NAME)
    configure_file(${defaults} ${folder}/${defaults_name} COPYONLY)
    string(APPEND manifest "defaults = \"${defaults_name}\"\n")
  endif()
  file(GENERATE OUTPUT ${folder}/pack.toml CONTENT "${manifest}")
  install(DIRECTORY ${folder} DESTINATION ${PACK_DESTINATION} USE_SOURCE_PERMISSIONS)
endfunction()

# The build key that AUTOOD_BUILD_KEY (sdk/include/autood/sdk/abi.hpp) expands to for plugins
# built here: compiler family and major version, libstdc++'s string ABI, LibTorch's version.
# tests/external_plugin checks that the two agree.
function(_autood_build_key out)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    set(compiler gcc)
  elseif(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    set(compiler clang)
  else()
    set(compiler unknown-compiler)
  endif()
  string(REGEX MATCH "^[0-9]+" major "${CMAKE_CXX_COMPILER_VERSION}")
  set(cxx11abi 1)
  if(TORCH_CXX_FLAGS MATCHES "_GLIBCXX_USE_CXX11_ABI=([01])")
    set(cxx11abi ${CMAKE_MATCH_1})
  endif()
  if(compiler STREQUAL "unknown-compiler")
    set(key "unknown-compiler;cxx11abi-${cxx11abi};torch-${Torch_VERSION}")
  else()
    set(key "${compiler}-${major};cxx11abi-${cxx11abi};torch-${Torch_VERSION}")
  endif()
  set(${out} "${key}" PARENT_SCOPE)
endfunction()

# "major.minor" of the SDK these plugins compile against, read from its abi.hpp.
function(_autood_sdk_abi out)
  if(TARGET autood_sdk)
    get_target_property(includes autood_sdk INTERFACE_INCLUDE_DIRECTORIES)
  else()
    get_target_property(includes AutoOD::sdk INTERFACE_INCLUDE_DIRECTORIES)
  endif()
  foreach(dir IN LISTS includes)
    string(REGEX REPLACE "^\\$<BUILD_INTERFACE:(.*)>$" "\\1" dir "${dir}")
    if(EXISTS ${dir}/autood/sdk/abi.hpp)
      file(STRINGS ${dir}/autood/sdk/abi.hpp lines REGEX "kAbiM(ajor|inor) = [0-9]+")
      string(REGEX MATCH "kAbiMajor = ([0-9]+)" _ "${lines}")
      set(major ${CMAKE_MATCH_1})
      string(REGEX MATCH "kAbiMinor = ([0-9]+)" _ "${lines}")
      set(${out} "${major}.${CMAKE_MATCH_1}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  message(FATAL_ERROR "autood_add_pack: cannot find autood/sdk/abi.hpp in ${includes}")
endfunction()
