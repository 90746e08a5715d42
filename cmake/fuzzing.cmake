# Fuzz harnesses, the same way everywhere (fuzz/, traces/fuzz/, ...):
#
#   sdeisim_harness(TARGET [SEEDS DIR...] [SEED_CORPUS NAME] [PARSER] [CEILING] [TEST])
#
# links TARGET (an executable defining LLVMFuzzerTestOneInput) with the
# fuzzing engine (SDEISIM_FUZZ_ENGINE: libFuzzer by default, AFL++'s driver
# under afl-clang-fast, $LIB_FUZZING_ENGINE in OSS-Fuzz style builds), gives
# it coverage instrumentation (PARSER: with comparison tracing), and, when
# seeds are named, makes its seed corpus build/seeds/TARGET (what
# tools/fuzz-nightly and .clusterfuzzlite/build.sh look for) and a smoke
# run in the test suite (label `smoke`: SDEISIM_SMOKE_SECONDS of fuzzing,
# no finding allowed; by afl-fuzz in an AFL++ build).  SEEDS copies the files of each DIR (recursively);
# SEED_CORPUS NAME uses build/seeds/NAME, made elsewhere in the build.
# Every harness but a CEILING (the benchmark's do-nothing harness) is
# listed in build/harnesses.txt, which the nightly run and the OSS-Fuzz
# build script read (nor is a TEST: a harness a test builds against a
# planted bug); the target `harnesses` builds every harness, CEILINGs
# and TESTs included, with its seed corpus and nothing else (no tests, no tools), for
# the suite's runs of the fuzz builds, which need only those.
#
#   sdeisim_seed_target(TARGET)
#
# names a custom target that makes a seed corpus (SEED_CORPUS NAME's),
# for `harnesses`.

# OSS-Fuzz style builds link harnesses with $CXX (the engine may be a C++
# library).
if(SDEISIM_FUZZ AND NOT SDEISIM_FUZZ_ENGINE STREQUAL "-fsanitize=fuzzer")
  enable_language(CXX)
endif()
set(SDEISIM_SEEDS ${CMAKE_BINARY_DIR}/seeds)

function(sdeisim_harness target)
  cmake_parse_arguments(H "PARSER;CEILING;TEST" "SEED_CORPUS" "SEEDS" ${ARGN})
  if(NOT H_CEILING AND NOT H_TEST)
    set_property(GLOBAL APPEND PROPERTY SDEISIM_HARNESSES ${target})
  endif()
  set_property(GLOBAL APPEND PROPERTY SDEISIM_HARNESS_GROUP ${target})
  separate_arguments(engine UNIX_COMMAND "${SDEISIM_FUZZ_ENGINE}")
  target_link_options(${target} PRIVATE ${engine})
  if(NOT SDEISIM_FUZZ_ENGINE STREQUAL "-fsanitize=fuzzer")
    set_target_properties(${target} PROPERTIES LINKER_LANGUAGE CXX)
  endif()
  if(CMAKE_C_COMPILER MATCHES "afl-")
    target_link_options(${target} PRIVATE -rdynamic)   # fz_harness.c finds AFL's map
  endif()
  sdeisim_warnings(${target})
  if(H_PARSER)
    sdeisim_fuzz_coverage(${target} PARSER)
  else()
    sdeisim_fuzz_coverage(${target})
  endif()

  set(corpus "")
  if(H_SEEDS)
    set(corpus ${SDEISIM_SEEDS}/${target})
    set(copies "")
    foreach(dir ${H_SEEDS})
      list(APPEND copies COMMAND ${CMAKE_COMMAND} -E copy_directory ${dir} ${corpus})
    endforeach()
    add_custom_command(OUTPUT ${corpus}.stamp
      COMMAND ${CMAKE_COMMAND} -E rm -rf ${corpus}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${corpus}
      ${copies}
      COMMAND ${CMAKE_COMMAND} -E touch ${corpus}.stamp
      COMMENT "seed corpus of ${target}")
    add_custom_target(${target}_seeds ALL DEPENDS ${corpus}.stamp)
    sdeisim_seed_target(${target}_seeds)
  elseif(H_SEED_CORPUS)
    set(corpus ${SDEISIM_SEEDS}/${H_SEED_CORPUS})
  endif()
  if(corpus AND SDEISIM_TESTS)
    set(engine_opt "")
    if(CMAKE_C_COMPILER MATCHES "afl-")
      set(engine_opt --afl)   # run by afl-fuzz
    endif()
    add_test(NAME fuzz.smoke.${target}
             COMMAND ${PROJECT_SOURCE_DIR}/tools/fuzz-smoke ${engine_opt} $<TARGET_FILE:${target}>
                     ${SDEISIM_SMOKE_SECONDS} ${corpus})
    set_tests_properties(fuzz.smoke.${target} PROPERTIES LABELS smoke TIMEOUT 300)
  endif()
endfunction()

function(sdeisim_seed_target target)
  set_property(GLOBAL APPEND PROPERTY SDEISIM_SEED_TARGETS ${target})
endfunction()

# build/harnesses.txt (one harness name per line) and the target
# `harnesses` (call once, at the end).
function(sdeisim_harnesses_finish)
  get_property(names GLOBAL PROPERTY SDEISIM_HARNESSES)
  list(JOIN names "\n" text)
  file(WRITE ${CMAKE_BINARY_DIR}/harnesses.txt "${text}\n")
  get_property(group GLOBAL PROPERTY SDEISIM_HARNESS_GROUP)
  get_property(seeds GLOBAL PROPERTY SDEISIM_SEED_TARGETS)
  add_custom_target(harnesses)
  add_dependencies(harnesses ${group} ${seeds})
endfunction()
