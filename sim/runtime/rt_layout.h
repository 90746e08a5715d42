/*
 * rt_layout.h - the client runtime's address map and its interface with
 * the simulator.  Included by runtime.S (assembler) and by C code, so it
 * holds only #defines.
 *
 * The client is a small AArch64 program the simulator runs on Unicorn for
 * every PE: a main context parked in an idle loop, a vector table, a
 * resume pad, and a data-driven handler interpreter reached through one
 * entry stub per handler slot.  It talks to the simulator with SVC
 * instructions whose immediates are RT_SVC_* (never used by the SDEI or
 * PSCI conduits, which are SMC #0 / HVC #0).
 *
 * Handler interpreter register use: it uses only x0..x17, which the
 * dispatcher restores at COMPLETE, so it saves nothing and never touches
 * x18..x30 or SP (those belong to the interrupted context and a handler
 * must preserve them, DEN0054C §5.2.1).  It performs no memory stores
 * except test-device writes (stores are slow on Unicorn 2.0.1).
 *
 * What the simulator relies on to read back only some registers after
 * runtime code ran (sim/cpu_regs.h), from the runtime's entry points - the
 * routines below and the instruction after each of its SVC/SMC/HVC:
 *   - it writes no general register but RT_WRITES_X (bit n: xn), and
 *     NZCV; never SP.  No aligned word of the image, executed, does
 *     (the sim.runtime_writes test checks them all, whatever paths there
 *     are between them);
 *   - it stores only to the test device: its stores are op_irq's, whose
 *     base register it sets right before them, and its one indirect
 *     branch (to op_table) is bounds-checked.  Entered anywhere else, it
 *     gives no such guarantee.
 */
#ifndef RT_LAYOUT_H
#define RT_LAYOUT_H

/* ---- Client address map ---- */

#define RT_CODE_BASE      0x00010000   /* runtime code; VBAR of the client EL */
#define RT_CODE_SIZE      0x00010000
#define RT_VECTORS        RT_CODE_BASE                /* 16 entries of 0x80 */
#define RT_MAIN_IDLE      (RT_CODE_BASE + 0x800)      /* where a main context is parked */
#define RT_RESUME_PAD     (RT_CODE_BASE + 0x880)      /* the simulator's resume routine */
#define RT_INTERP         (RT_CODE_BASE + 0x900)      /* handler interpreter */
#define RT_STUBS          (RT_CODE_BASE + 0x1000)     /* handler entry stubs */
#define RT_STUB_SIZE      16
#define RT_MAX_HANDLERS   256

#define RT_DATA_BASE      0x00100000   /* host-written: handler table, then action records */
#define RT_DATA_SIZE      0x00200000
#define RT_HANDLER_TABLE  RT_DATA_BASE                /* u64 action address per handler slot */
#define RT_ACTIONS        (RT_DATA_BASE + 8 * RT_MAX_HANDLERS)
#define RT_ACTION_SIZE    64
#define RT_MAX_ACTIONS    ((RT_DATA_SIZE - 8 * RT_MAX_HANDLERS) / RT_ACTION_SIZE)

#define RT_USER_BASE      0x00400000   /* user handler images (ELF), their stacks and data */
#define RT_USER_SIZE      0x00C00000
#define RT_STACK_SIZE     0x10000      /* each PE's stack, from the top of the user area down */
#define RT_STACKS_SIZE    (RT_STACK_SIZE * 64)   /* the stacks of the most PEs a machine has */

#define RT_DEVICE_BASE    0x09000000   /* the test device (MMIO) */
#define RT_DEVICE_SIZE    0x1000
#define RT_DEV_RAISE      0x00         /* write INTID: edge on that interrupt */
#define RT_DEV_TARGET     0x08         /* write PE index: target of the next SGI/PPI raise */
#define RT_DEV_LINE_HIGH  0x10         /* write INTID: drive its level line high (pending while high) */
#define RT_DEV_LINE_LOW   0x18         /* write INTID: drive it low */

/* Client memory an entry point or resume address may lie in. */
#define RT_EP_LO          RT_CODE_BASE
#define RT_EP_HI          (RT_USER_BASE + RT_USER_SIZE)

#define RT_WRITES_X       0x00030E3F   /* x0-x5, x9-x11, x16, x17 */

/* ---- SVC immediates: runtime -> simulator ---- */

#define RT_SVC_ENTER      0x5D00   /* first instruction of every handler stub */
#define RT_SVC_YIELD      0x5D01   /* yield action: pause until `resume` */
#define RT_SVC_END        0x5D02   /* ran out of actions without completing */
#define RT_SVC_PAD        0x5D03   /* resume pad: record the landing, then ERET */
#define RT_SVC_PARK       0x5D04   /* main context reached its idle loop */
#define RT_SVC_SYNC       0x5D05   /* after a test-device write: take what it caused */
#define RT_SVC_VECTOR     0x5D10   /* + vector number 0..15: an exception reached a vector */

/* ---- Action records (RT_ACTION_SIZE bytes each) ----
 *   u32 op, u32 flags, u64 a[7]
 * RT_OP_CALL:  x0..x5 = a[0..5], then SMC #0 (or HVC #0 with RT_FLAG_HVC)
 * RT_OP_IRQ:   test device: TARGET = a[1], then RAISE = a[0], then SVC RT_SVC_SYNC
 * RT_OP_YIELD: SVC RT_SVC_YIELD
 * RT_OP_NOP:   nothing (actions checked by the simulator only)
 * RT_OP_END:   SVC RT_SVC_END (the list's terminator)
 */
#define RT_OP_END         0
#define RT_OP_CALL        1
#define RT_OP_IRQ         2
#define RT_OP_YIELD       3
#define RT_OP_NOP         4
#define RT_OP_COUNT       5
#define RT_FLAG_HVC       0x1

/* The interpreter keeps the address of the current action in x16 whenever
 * it traps, so the simulator knows which action a trap belongs to. */
#define RT_ACTION_REG     16

#endif /* RT_LAYOUT_H */
