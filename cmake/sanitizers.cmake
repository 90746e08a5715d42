# ASan + UBSan for the whole build (the asan preset), and the libFuzzer
# instrumentation flags for the fuzz preset.  Sanitizer findings abort, so a
# test that trips one fails.
if(SDEISIM_SANITIZE OR SDEISIM_FUZZ)
  set(SDEISIM_SAN_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
                        -fno-omit-frame-pointer)
  add_compile_options(${SDEISIM_SAN_FLAGS})
  add_link_options(${SDEISIM_SAN_FLAGS})
endif()
if(SDEISIM_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "the fuzz preset needs clang (libFuzzer)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
