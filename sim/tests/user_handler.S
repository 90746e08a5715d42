/*
 * user_handler.S - a user's own SDEI handler image for the ELF-loading
 * test: Linux-style entry (it saves the frame record on the interrupted
 * stack and restores it), one SDEI call whose result it stores in memory,
 * then EVENT_COMPLETE.  Linked at 0x400000, the start of the user area.
 */
	.text
	.global user_handler
user_handler:
	stp	x29, x30, [sp, #-16]!
	mov	x1, x0                      /* EVENT_STATUS(this event) */
	movz	w0, #0x0028
	movk	w0, #0xC400, lsl #16
	smc	#0
	adr	x9, status_seen
	str	x0, [x9]
	ldp	x29, x30, [sp], #16
	movz	w0, #0x0025                 /* EVENT_COMPLETE(HANDLED) */
	movk	w0, #0xC400, lsl #16
	mov	x1, #0
	smc	#0
	b	.

	.data
	.global status_seen
status_seen:
	.quad	0
