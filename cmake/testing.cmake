# sdeisim_output_test(NAME STATUS REGEX COMMAND...): a test of what a
# command prints and of its exit status.  ctest ignores the status of a
# test whose output it reads (PASS_REGULAR_EXPRESSION), so the command
# runs under sh, which prints "exit N" after it: REGEX is the command's
# output (standard output and error) up to its last newline, and the test
# passes when "exit STATUS" is the line after it, the last.
function(sdeisim_output_test name status regex)
  add_test(NAME ${name} COMMAND sh -c "\"$@\"; echo \"exit $?\"" sh ${ARGN})
  set_tests_properties(${name} PROPERTIES PASS_REGULAR_EXPRESSION "${regex}exit ${status}\n$")
endfunction()
