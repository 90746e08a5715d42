/*
 * runtime.S - the client runtime every simulated PE runs (see rt_layout.h).
 *
 * Assembled at build time with clang --target=aarch64-none-elf and linked
 * at RT_CODE_BASE; the simulator loads the raw image into client memory.
 */
#include "rt_layout.h"

	.text
	.global rt_start
rt_start:

/* ---- Vector table (VBAR_ELc = RT_VECTORS) ----
 * Every entry reports itself to the simulator, which records the landing
 * (like the resume pad) and returns as an exception return would.  A
 * COMPLETE_AND_RESUME to VBAR + 0x280 (Linux's "pretend it was an IRQ")
 * lands here. */
	.macro vector n
	.balign 0x80
	svc	#(RT_SVC_VECTOR + \n)
	b	.
	.endm

	.balign 0x800
	vector 0
	vector 1
	vector 2
	vector 3
	vector 4
	vector 5
	vector 6
	vector 7
	vector 8
	vector 9
	vector 10
	vector 11
	vector 12
	vector 13
	vector 14
	vector 15

/* ---- Main context: parked here between steps ---- */
	.org RT_MAIN_IDLE - RT_CODE_BASE
	.global rt_main_idle
rt_main_idle:
	svc	#RT_SVC_PARK
	b	rt_main_idle

/* ---- Resume pad: the landing site for COMPLETE_AND_RESUME ---- */
	.org RT_RESUME_PAD - RT_CODE_BASE
	.global rt_resume_pad
rt_resume_pad:
	svc	#RT_SVC_PAD
	b	.

/* ---- Handler interpreter ----
 * In:  x16 = handler slot.  Walks that slot's action records (x16 then
 * holds the current record's address) until one ends the handler. */
	.org RT_INTERP - RT_CODE_BASE
	.global rt_interp
rt_interp:
	ldr	x17, =RT_HANDLER_TABLE
	ldr	x16, [x17, x16, lsl #3]
next_action:
	ldr	w9, [x16]                   /* op */
	cmp	w9, #RT_OP_COUNT
	b.hs	op_end
	adr	x10, op_table
	add	x10, x10, x9, lsl #2
	br	x10
op_table:
	b	op_end
	b	op_call
	b	op_irq
	b	op_yield
	b	op_nop

op_call:
	ldr	w9, [x16, #4]               /* flags */
	ldp	x0, x1, [x16, #8]
	ldp	x2, x3, [x16, #24]
	ldp	x4, x5, [x16, #40]
	tbnz	w9, #0, 1f
	smc	#0
	b	op_nop
1:	hvc	#0
	b	op_nop

op_irq:
	ldp	x9, x10, [x16, #8]          /* INTID, target PE */
	ldr	x11, =RT_DEVICE_BASE
	str	x10, [x11, #RT_DEV_TARGET]
	str	x9, [x11, #RT_DEV_RAISE]
	svc	#RT_SVC_SYNC                /* an exception boundary right after the write */
	b	op_nop

op_yield:
	svc	#RT_SVC_YIELD
	/* fall through */
op_nop:
	add	x16, x16, #RT_ACTION_SIZE
	b	next_action

op_end:
	svc	#RT_SVC_END
	b	op_end

	.ltorg

/* ---- Handler entry stubs: slot k at RT_STUBS + k * RT_STUB_SIZE ----
 * The first instruction traps before any register is touched, so the
 * simulator sees exactly what the dispatcher handed to the handler. */
	.org RT_STUBS - RT_CODE_BASE
	.global rt_stubs
rt_stubs:
	.set slot, 0
	.rept RT_MAX_HANDLERS
	svc	#RT_SVC_ENTER
	movz	x16, #slot
	b	rt_interp
	nop
	.set slot, slot + 1
	.endr
	.global rt_end
rt_end:
