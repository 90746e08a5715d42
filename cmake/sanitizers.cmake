# ASan + UBSan for the whole build (the asan and fuzz presets), and the
# libFuzzer instrumentation flags for the fuzz presets (fuzz: with the
# sanitizers, fuzz-plain: without, for throughput).  Sanitizer findings
# abort, so a test that trips one fails.
if(SDEISIM_SANITIZE)
  set(SDEISIM_SAN_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all
                        -fno-omit-frame-pointer)
  add_compile_options(${SDEISIM_SAN_FLAGS})
  add_link_options(${SDEISIM_SAN_FLAGS})
endif()
if(SDEISIM_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "the fuzz presets need clang (libFuzzer) or afl-clang-fast")
  endif()
  # Programs that are not harnesses (tests, tools) link code with coverage
  # callbacks too: give them the runtime without its main().  (An OSS-Fuzz
  # style build brings its own engine and flags: see SDEISIM_FUZZ_ENGINE.)
  if(SDEISIM_FUZZ_ENGINE STREQUAL "-fsanitize=fuzzer")
    add_link_options(-fsanitize=fuzzer-no-link)
  endif()
endif()

# Coverage instrumentation for the fuzzers, on the code under test: the
# dispatcher and the parsers.  The emulated client code is covered
# separately (extra counters fed from Unicorn).  Everything around them is
# left out: the simulator's plumbing (GIC model, scheduler, checks), whose
# edges say little about the input and would halve the executions per
# second, and the oracle and input decoder of fuzz/ (the reference model,
# fz_*.c).  Those once fed coverage too; measured with the same seeds and
# libFuzzer seed, 100,000 fuzz_sdei and 300,000 fuzz_core executions
# reached the same coverage of the core (512-523 edges) and of the model
# (974-987 edges) with or without them, while the engine's per-feature
# bookkeeping of their edges took 3.3 of the 4.2 G instructions it spent
# (callgrind, 20,000 fuzz_core executions): each execution is 20-25%
# faster without (BENCHMARKS.md).
#
# ($CFLAGS decide in OSS-Fuzz style builds.)
#
# Comparison tracing (which feeds operands of compares to the mutator) is
# for parsers whose keywords it helps find: pass PARSER.  The YAML loader
# is one (fuzz_yaml, ASan, 60 s from its seeds, libFuzzer seeds 1-2:
# 877-880 edges with it; 875-876 without, which ran 8-14% more
# executions).  The trace parsers are not: their lexers compare every byte
# and loop index with constants, and tracing that took from a quarter to
# over half of their time - without it fuzz_tarmac ran 2.7 times the
# executions, fuzz_tfa_log 1.5 and fuzz_trace 1.3, and each reached more
# of its code in the same 60 s (tarmac 753-757 edges against 741, tf-a-log
# 438-441 against 433, trace 959-973 against 944-946).  Runs longer than
# that were not compared.  Keywords compared with memcmp/strcmp reach the
# mutator either way (libFuzzer intercepts those calls).  fuzz_load keeps
# PARSER for its own file only (the loader it drives is the core's, built
# without).  In the dispatcher the input's vocabulary already supplies the
# interesting values, and tracing every compare of its state checks would
# cost more than half the executions.
#
# Indirect calls are not traced: libFuzzer feeds caller/callee pairs only
# to its value profile, which is off unless -use_value_profile=1 is given,
# and ours (the port and ops tables) always reach the same functions; the
# tracing call was 2% of fuzz_sdei's time (perf) for nothing.
#
# Invariant checkers that run after every step (listed in
# fuzz-coverage-ignore.txt) are not instrumented at all.
#
# AFL++'s compiler (the afl preset) instruments every file it compiles
# with its own pass and drops the flags below, so that build fed AFL's
# map the edges of the whole simulator, decoder and oracle too - and
# those are not a function of the input alone: the program's pools and
# the save buffer grow on the first input that needs them, the register
# file writes only what the input before left different.  An input's map
# then depended on what the persistent-mode process had run before it
# (622 of the 623 seeds' maps differed, fuzz.afl_input_order) and AFL's
# stability fell below 100%.  So the pass is off everywhere (--afl-noopt)
# and the code under test gets clang's own trace-pc-guard instead, whose
# callbacks AFL++'s runtime implements: the same files, and the same
# ignorelist, as for libFuzzer.  (--afl-noopt also drops the compiler's
# __AFL_COMPILER: SDEISIM_AFL says it is an AFL++ build, fz_cells.h.)
# Not in OSS-Fuzz style builds, whose $CFLAGS decide.
if(SDEISIM_FUZZ AND SDEISIM_FUZZ_ENGINE STREQUAL "-fsanitize=fuzzer" AND CMAKE_C_COMPILER MATCHES "afl-")
  add_compile_options(--afl-noopt)
  add_compile_definitions(SDEISIM_AFL=1)
endif()

# sdeisim_fuzz_coverage(TARGET [PARSER] [SOURCES FILE...]): SOURCES
# instruments only those of the target's sources (a parser inside a library
# that is otherwise left out: sim/elf.c, for fuzz_elf); call it in the
# directory that adds them.
function(sdeisim_fuzz_coverage target)
  cmake_parse_arguments(C "PARSER" "" "SOURCES" ${ARGN})
  if(SDEISIM_FUZZ AND SDEISIM_FUZZ_ENGINE STREQUAL "-fsanitize=fuzzer")
    set(ignorelist ${PROJECT_SOURCE_DIR}/cmake/fuzz-coverage-ignore.txt)
    if(CMAKE_C_COMPILER MATCHES "afl-")
      set(flags -fsanitize-coverage=trace-pc-guard -fsanitize-coverage-ignorelist=${ignorelist})
    else()
      set(flags -fsanitize=fuzzer-no-link -fno-sanitize-coverage=indirect-calls
                -fsanitize-coverage-ignorelist=${ignorelist})
    endif()
    if(NOT C_PARSER AND NOT CMAKE_C_COMPILER MATCHES "afl-")
      list(APPEND flags -fno-sanitize-coverage=trace-cmp)
    endif()
    # The ignorelist is an input of every object it is passed to: editing
    # it rebuilds them (the compiler's dependency output does not name it).
    if(C_SOURCES)
      set_source_files_properties(${C_SOURCES} PROPERTIES COMPILE_OPTIONS "${flags}"
                                  OBJECT_DEPENDS ${ignorelist})
    else()
      target_compile_options(${target} PRIVATE ${flags})
      get_target_property(sources ${target} SOURCES)
      set_source_files_properties(${sources} PROPERTIES OBJECT_DEPENDS ${ignorelist})
    endif()
  endif()
endfunction()
