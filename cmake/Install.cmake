# `cmake --install` lays out bin/, lib/ (with the static plugin kit), lib/autood/plugins/<kind>/,
# include/autood/sdk/, include/autood/kit/ and a
# CMake package, so that an out-of-tree plugin needs only find_package(AutoOD).
include(CMakePackageConfigHelpers)
install(EXPORT AutoODTargets NAMESPACE AutoOD:: DESTINATION lib/cmake/AutoOD)
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/AutoODConfig.cmake.in
  ${CMAKE_BINARY_DIR}/AutoODConfig.cmake INSTALL_DESTINATION lib/cmake/AutoOD)
write_basic_package_version_file(${CMAKE_BINARY_DIR}/AutoODConfigVersion.cmake
  COMPATIBILITY SameMajorVersion)
install(FILES
  ${CMAKE_BINARY_DIR}/AutoODConfig.cmake
  ${CMAKE_BINARY_DIR}/AutoODConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/AutoODPlugin.cmake
  DESTINATION lib/cmake/AutoOD)
