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

# Coverage instrumentation for the fuzzers, on the code whose behaviour
# the fuzzers should explore: the dispatcher, the reference model, the
# input decoder, the parsers.  The simulator's plumbing (GIC model,
# scheduler, checks) is left out: its edges say little about the input and
# instrumenting it halves the executions per second.  The emulated client
# code is covered separately (extra counters fed from Unicorn).
#
# ($CFLAGS decide in OSS-Fuzz style builds.)
#
# Comparison tracing (which feeds operands of compares to the mutator) is
# for parsers, where magic strings matter; in the dispatcher, the model and
# the decoder the input's vocabulary already supplies the interesting
# values, and tracing every compare of their state checks would cost
# more than half the executions.  Pass PARSER for parsers.
#
# Invariant checkers that run after every step (listed in
# fuzz-coverage-ignore.txt) are not instrumented at all.
function(sdeisim_fuzz_coverage target)
  if(SDEISIM_FUZZ AND SDEISIM_FUZZ_ENGINE STREQUAL "-fsanitize=fuzzer")
    set(ignore -fsanitize-coverage-ignorelist=${PROJECT_SOURCE_DIR}/cmake/fuzz-coverage-ignore.txt)
    if("${ARGN}" STREQUAL "PARSER")
      target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link ${ignore})
    else()
      target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link
                                                -fno-sanitize-coverage=trace-cmp ${ignore})
    endif()
  endif()
endfunction()
