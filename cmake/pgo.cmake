# Profile-guided optimisation of the libFuzzer builds (SDEISIM_PGO: on in
# the fuzz-plain preset, which exists for executions per second, and in
# the fuzz preset, ASan + UBSan, which the suite and the nightly fuzz with).
#
# Before anything is compiled, tools/pgo-train builds the program
# harnesses (fuzz_sdei, fuzz_migrate, fuzz_core) with clang's profile
# instrumentation in a build of its own (pgo/gen), runs each once over the
# seed corpus of the build (fuzz_seeds: generated programs and every
# scenario of the suite - not the benchmark's inputs), and merges the
# counts into pgo/sdeisim.profdata; every object of this build is then
# compiled with it.  The training run executes fixed inputs in a fixed
# order without mutation, so the same sources give the same profile; a
# change to what the harnesses are built from trains again, and the
# objects recompile when the profile changed.
#
# SDEISIM_PGO_SHARE (the fuzz and fuzz-plain presets: build/pgo-share)
# is a directory where builds that train on the same sources share the
# profile: the second build takes the first one's instead of training
# again (tools/pgo-train --share: a profile is kept under a hash of
# every input the training reads, so a changed input never finds an old
# one, and the same inputs train the same profile byte for byte).  On a
# fresh clone's suite the throughput build trains no more (the fuzz
# build has): BENCHMARKS.md.
#
# Why: the harnesses' host code (the simulator, the model, the decoder,
# the checks) is branchy plumbing whose hot paths the compiler cannot
# guess; with the profile it lays them out.  Measured in interleaved runs
# of the same sources built with and without it: fuzz_sdei 9-16% more
# executions per second, fuzz_core 11-19% (BENCHMARKS.md); under ASan +
# UBSan fuzz_sdei about 11%.  The training build has no sanitizers: the
# counts are of the source's branches and calls (clang's front-end
# instrumentation), the same whatever the sanitizers add below them.
option(SDEISIM_PGO "Compile with a profile of the program harnesses on the seed corpus (clang fuzz builds)" OFF)
set(SDEISIM_PGO_SHARE "" CACHE PATH
    "Directory of training profiles shared by builds of the same sources (empty: this build trains its own)")

if(SDEISIM_PGO)
  if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang" OR NOT SDEISIM_FUZZ)
    message(FATAL_ERROR "SDEISIM_PGO needs clang and SDEISIM_FUZZ (it trains on the fuzz harnesses)")
  endif()
  string(REGEX MATCH "^[0-9]+" clang_major "${CMAKE_C_COMPILER_VERSION}")
  find_program(SDEISIM_LLVM_PROFDATA NAMES llvm-profdata-${clang_major} llvm-profdata REQUIRED)
  set(SDEISIM_PGO_PROFILE ${CMAKE_BINARY_DIR}/pgo/sdeisim.profdata)
  # Code the training run never reaches (tests, tools) has no counts; and
  # every harness defines LLVMFuzzerTestOneInput, so one the training did
  # not run (the parsers') finds only other harnesses' counts under that
  # name, which the compiler ignores as "out of date".
  add_compile_options(-fprofile-instr-use=${SDEISIM_PGO_PROFILE} -Wno-profile-instr-unprofiled
                      -Wno-profile-instr-out-of-date)
endif()

# Every compiled target of dir and below waits for the profile and
# recompiles when it changes.
function(sdeisim_pgo_depend dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(t ${targets})
    get_target_property(type ${t} TYPE)
    if(type STREQUAL "EXECUTABLE" OR type MATCHES "^(STATIC|SHARED|MODULE|OBJECT)_LIBRARY$")
      add_dependencies(${t} sdeisim_pgo_profile)
      get_target_property(srcs ${t} SOURCES)
      get_target_property(srcdir ${t} SOURCE_DIR)
      list(FILTER srcs EXCLUDE REGEX "^\\$<")    # $<TARGET_OBJECTS:...>: not a source
      foreach(s ${srcs})
        cmake_path(ABSOLUTE_PATH s BASE_DIRECTORY ${srcdir})
        set_property(SOURCE ${s} TARGET_DIRECTORY ${t} APPEND PROPERTY OBJECT_DEPENDS ${SDEISIM_PGO_PROFILE})
      endforeach()
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(d ${subdirs})
    sdeisim_pgo_depend(${d})
  endforeach()
endfunction()

# The training run and the dependencies on its profile: run once, when
# the top-level CMakeLists.txt has been read to its end (deferred below),
# so that every target exists.
function(sdeisim_pgo_finish)
  if(NOT SDEISIM_PGO)
    return()
  endif()
  # What the training reads: the sources of the trained harnesses and the
  # seeds (not the tests, which it does not build), the scenarios the
  # seeds encode with the files they name, and the CMake files of the
  # training build (of traces/ only those: it builds nothing there).
  # (/tests/ is left out below each directory, wherever the tree is.)  Listed in pgo/inputs.txt, written when the list changes
  # (then the training runs again, even for files older than its
  # profile): the key of the shared profile hashes the files it names.
  set(inputs ${PROJECT_SOURCE_DIR}/CMakeLists.txt)
  foreach(dir ${SDEISIM_CORE_DIR} sim fuzz tools/hostfs traces scenarios cmake)
    cmake_path(ABSOLUTE_PATH dir BASE_DIRECTORY ${PROJECT_SOURCE_DIR})
    set(patterns *.c *.h *.S *.cmake CMakeLists.txt)
    if(dir MATCHES "/(scenarios|cmake)$")
      set(patterns *)
    elseif(dir MATCHES "/traces$")
      set(patterns *.cmake CMakeLists.txt)
    endif()
    list(TRANSFORM patterns PREPEND ${dir}/)
    file(GLOB_RECURSE found CONFIGURE_DEPENDS RELATIVE ${dir} ${patterns})
    list(FILTER found EXCLUDE REGEX "(^|/)tests/")
    list(TRANSFORM found PREPEND ${dir}/)
    list(APPEND inputs ${found})
  endforeach()
  list(SORT inputs)
  list(JOIN inputs "\n" text)
  set(list_file ${CMAKE_BINARY_DIR}/pgo/inputs.txt)
  set(old "")
  if(EXISTS ${list_file})
    file(READ ${list_file} old)
  endif()
  if(NOT old STREQUAL "${text}\n")
    file(WRITE ${list_file} "${text}\n")
  endif()
  set(share_args "")
  if(SDEISIM_PGO_SHARE)
    set(share_args --share ${SDEISIM_PGO_SHARE} ${list_file})
  endif()
  # The training build uses this build's generator, or Ninja when that one
  # builds several configurations (pgo-train builds one, RelWithDebInfo,
  # and finds the harnesses in bin/).
  get_property(multi_config GLOBAL PROPERTY GENERATOR_IS_MULTI_CONFIG)
  set(generator "${CMAKE_GENERATOR}")
  if(multi_config)
    set(generator Ninja)
  endif()
  add_custom_command(OUTPUT ${SDEISIM_PGO_PROFILE}
    COMMAND ${PROJECT_SOURCE_DIR}/tools/pgo-train ${share_args} ${PROJECT_SOURCE_DIR} ${SDEISIM_CORE_DIR}
            ${CMAKE_C_COMPILER} ${SDEISIM_LLVM_PROFDATA} ${CMAKE_BINARY_DIR}/pgo "${generator}"
    DEPENDS ${inputs} ${list_file} ${PROJECT_SOURCE_DIR}/tools/pgo-train
    COMMENT "training run for profile-guided optimisation (tools/pgo-train)"
    USES_TERMINAL VERBATIM)
  add_custom_target(sdeisim_pgo_profile DEPENDS ${SDEISIM_PGO_PROFILE})
  sdeisim_pgo_depend(${PROJECT_SOURCE_DIR})
endfunction()
cmake_language(DEFER CALL sdeisim_pgo_finish)   # at the end of the including directory
