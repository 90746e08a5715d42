# A ThinLTO build linked by lld (the fuzz-plain preset) keeps the code
# its links generate in a cache in the build tree, shared by every link.
#
# Why: each program's link runs the LTO back end over every module it
# pulls in, and the harnesses, fuzz_seeds and fuzz_replay pull in the
# same libraries (the simulator, the core, the traces): without the cache
# each link compiled them again, 55 s of CPU for the 14 programs of the
# suite's throughput build, 17 s with it (BENCHMARKS.md).  A module is
# taken from the cache only when its bitcode, what it imports and
# exports, and the link's optimisation options are those it was made
# with (lld's key), so the programs are the ones linked without it (the
# same bytes).  lld's key leaves out options given through -mllvm: the
# cache directory is named for the linker flags and the compiler
# version, so a change of either starts a cache of its own.  lld prunes
# entries no link has used for a week.
if(CMAKE_INTERPROCEDURAL_OPTIMIZATION AND CMAKE_C_COMPILER_ID STREQUAL "Clang"
   AND CMAKE_EXE_LINKER_FLAGS MATCHES "(^| )-fuse-ld=lld( |$)")
  string(TOUPPER "${CMAKE_BUILD_TYPE}" config)
  string(MD5 key "${CMAKE_C_COMPILER_VERSION} ${CMAKE_EXE_LINKER_FLAGS} ${CMAKE_EXE_LINKER_FLAGS_${config}}")
  string(SUBSTRING ${key} 0 12 key)
  add_link_options(-Wl,--thinlto-cache-dir=${CMAKE_BINARY_DIR}/thinlto-cache/${key})
  # One link at a time (lld runs the back end on every core): links run
  # side by side would each miss the cache for the modules they share and
  # compile them all.
  set_property(GLOBAL APPEND PROPERTY JOB_POOLS sdeisim_thinlto_link=1)
  set(CMAKE_JOB_POOL_LINK sdeisim_thinlto_link)
endif()
