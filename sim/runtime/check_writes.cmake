# check_writes.cmake - the sim.runtime_writes test: what the simulator
# relies on to read back only some registers after runtime code ran
# (rt_layout.h, sim/cpu_regs.h), checked on the assembled image:
#   - no instruction writes a general register outside RT_WRITES_X, or SP;
#   - every store has base x11, set to RT_DEVICE_BASE right before (or by
#     the store before), and is no entry point.
# Every word of .text is looked at (zero blocks too), and the image holds
# nothing but .text.  An instruction the table below does not know fails
# the test: say what it writes before using it in the runtime.
#
#   cmake -DOBJDUMP=llvm-objdump -DELF=runtime.elf -DLAYOUT=rt_layout.h -P check_writes.cmake

function(fail msg)
  message(FATAL_ERROR "runtime image: ${msg}")
endfunction()

file(READ ${LAYOUT} layout)
if(NOT layout MATCHES "#define RT_WRITES_X +(0x[0-9A-Fa-f]+)")
  fail("no RT_WRITES_X in ${LAYOUT}")
endif()
math(EXPR writable "${CMAKE_MATCH_1}")
if(NOT layout MATCHES "#define RT_DEVICE_BASE +(0x[0-9A-Fa-f]+)")
  fail("no RT_DEVICE_BASE in ${LAYOUT}")
endif()
math(EXPR device "${CMAKE_MATCH_1}")

execute_process(COMMAND ${OBJDUMP} -h ${ELF} OUTPUT_VARIABLE sections RESULT_VARIABLE rc)
if(rc OR sections MATCHES " (DATA|BSS)\n")
  fail("cannot list its sections, or it has some besides .text:\n${sections}")
endif()
execute_process(COMMAND ${OBJDUMP} -d -z --no-show-raw-insn ${ELF} OUTPUT_VARIABLE dis RESULT_VARIABLE rc)
if(rc)
  fail("cannot disassemble ${ELF}")
endif()

# A register operand the instruction writes must be in RT_WRITES_X.
function(check_written reg where)
  if(reg MATCHES "^[xw]zr$")
    return()
  endif()
  if(NOT reg MATCHES "^[xw]([0-9]+)$")
    fail("${where} writes ${reg}")
  endif()
  math(EXPR bit "(${writable} >> ${CMAKE_MATCH_1}) & 1")
  if(NOT bit)
    fail("${where} writes ${reg}, which is not in RT_WRITES_X")
  endif()
endfunction()

string(REPLACE ";" "," dis "${dis}")
string(REPLACE "\n" ";" lines "${dis}")
set(previous "")
set(ninsns 0)
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^ *([0-9a-f]+):[ \t]+([a-z0-9.]+)(\t(.*))?$")
    set(previous "")               # a label, or not an instruction
    continue()
  endif()
  set(where "0x${CMAKE_MATCH_1}: ${CMAKE_MATCH_2} ${CMAKE_MATCH_4}")
  set(mnemonic ${CMAKE_MATCH_2})
  set(ops "${CMAKE_MATCH_4}")
  string(REGEX REPLACE "[ \t]*//.*$" "" ops "${ops}")
  string(REGEX MATCHALL "[a-z]+[0-9]*" regs "${ops}")
  list(LENGTH regs nregs)
  math(EXPR ninsns "${ninsns} + 1")
  if(mnemonic MATCHES "^(b|b\\..+|br|cbz|cbnz|tbz|tbnz|svc|hvc|smc|nop|udf)$")
    # writes no register
  elseif(mnemonic MATCHES "^(cmp|cmn|tst)$")
    # NZCV only
  elseif(mnemonic MATCHES "^(mov|movz|movk|movn|adr|adrp|add|sub|and|orr|eor|lsl|lsr|ldr|ldrb|ldrh|ldrsw|ldur)$")
    list(GET regs 0 dest)
    check_written(${dest} "${where}")
  elseif(mnemonic STREQUAL "ldp")
    list(GET regs 0 dest)
    check_written(${dest} "${where}")
    list(GET regs 1 dest)
    check_written(${dest} "${where}")
  elseif(mnemonic MATCHES "^(str|strb|strh|stur|stp)$")
    if(NOT ops MATCHES "\\[x11(, #[0-9]+)?\\]$" OR
       NOT (previous STREQUAL "mov x11 #${device}" OR previous STREQUAL "store"))
      fail("${where} may store elsewhere than to the test device (base x11 set to RT_DEVICE_BASE right before)")
    endif()
    set(previous "store")
    continue()
  else()
    fail("${where}: what does ${mnemonic} write? (classify it in check_writes.cmake)")
  endif()
  if(ops MATCHES "\\]!$|\\], ")
    fail("${where} writes its base register back")
  endif()
  set(previous "${mnemonic} ${ops}")
  string(REPLACE "," "" previous "${previous}")
endforeach()
if(ninsns LESS 100)
  fail("only ${ninsns} instructions found in the disassembly of ${ELF}")
endif()
message(STATUS "runtime image: ${ninsns} instructions, none writes outside RT_WRITES_X or stores outside the test device")
