# Warnings are errors everywhere (-Wall -Wextra -Werror), with the extra
# checks firmware code wants.  sdeisim_warnings() applies them to a target.
set(SDEISIM_WARNINGS
    -Wall -Wextra -Werror
    -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith
    -Wcast-qual -Wundef -Wvla -Wformat=2)

function(sdeisim_warnings target)
  target_compile_options(${target} PRIVATE ${SDEISIM_WARNINGS})
endfunction()

# The core is held to more: implicit narrowing must be spelled out.
set(SDEISIM_CORE_WARNINGS ${SDEISIM_WARNINGS} -Wconversion -Wsign-conversion)
