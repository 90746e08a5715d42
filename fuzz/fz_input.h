/*
 * fz_input.h - fuzz inputs: bytes <-> scenario programs.
 *
 * Every byte string decodes to a valid program (nothing is rejected), and
 * the format is made of fixed-size fields so that a small mutation makes a
 * small change to the program:
 *
 *   header, 20 bytes (missing bytes read as 0):
 *     [0]  bits 2:0 PEs - 1; bits 5:3 the client EL's features (a set of
 *          fz_feature_sets, 0: the profile's); bit6 SCTLR_ELc.SPAN clear,
 *          bit7 SCTLR_ELc.DSSBS set
 *     [1]  bit0 HVC conduit, bit1 client EL1, bit2 SDEI 1.0, bit3 no relative
 *          mode, bit4 the tf-a-fvp policies, bit5 a secure PPI (27) and SPI (33),
 *          bit6 SCTLR_ELc.SPINTMASK set, bit7 HCR_EL2.E2H set (client EL2)
 *     [2]  bind slots: private = bits 2:0, shared = bits 5:3; bit6
 *          HCR_EL2.TGE set (client EL2); bit7 the 17th policy (below)
 *     [3]  SPIs: 32 + (byte % 65); byte / 65, with [1] bit5: the PEs the
 *          secure PPI 27 is the firmware's on (fz_secure_ppi_pes: 0 every
 *          PE, 1 PE 0 only, 2 every PE but PE 0, 3 the odd PEs; one that
 *          names no PE of the platform is every PE; 3 comes only with 92
 *          SPIs or fewer, the byte stopping at 255)
 *     [4..15] four platform events, 3 bytes each:
 *          a: bit0 present, bit1 shared, bit2 critical, bit3 explicit;
 *             bits 7:4 (all four events' a, whether present or not) set
 *             16 policies to a value of fz_policy_flips, after the profile's
 *             (and [2] bit7 a 17th)
 *          b: number 0x40000000 + (b << 8)
 *          c: INTID (private: PPI 16 + c % 16; shared: SPI 32 + c % spis)
 *     [16..19] more policy bits: byte 16 + k / 8, bit k % 8 sets the
 *          (18 + k)th (bit 0 of byte 16: the 18th); the bits no policy
 *          has yet are ignored.  (Until the 18th came the header was 16
 *          bytes: an input from then decodes the same with four zero
 *          bytes put in after its 16th, fuzz/README.md.)
 *   records, 8 bytes each: [0] kind (via a weight table), [1..7] operands;
 *     a register write ([1] the PE) sets [2] % 34: x0..x30, SP (31) to the
 *     value of [3]; 32: PSTATE.PAN, or DIT when [3] bit1 is set, to [3]
 *     bit0; 33: NZCV to [3] bits 3:0 (DIT came after the numbers);
 *     a resume record ([1] the PE) is a `hold` when [2] % 4 == 2 and a
 *     `hand_over` when it is 3 (the steps came after the weight table);
 *     a call step's [1] is its PE (mod the PE count), the call made from
 *     the client EL in AArch64 when below FZ_PE_SECURE, from Secure state
 *     at the client EL below FZ_PE_WRONG_EL, from the other of EL1/EL2
 *     below FZ_PE_AARCH32 (each range holds every PE of up to 8), from
 *     AArch32 above, in one of 8 modes by (byte - FZ_PE_AARCH32) / 2
 *     (fz_caller: the client EL's usual mode, or a mode of EL1 or EL2 at
 *     that EL); its [2] the SDEI call, or a raw call's x0 (fz_raw_fid:
 *     SMC32 forms, unassigned SDEI IDs, PSCI's, other services', and SDEI
 *     calls with bits 63:32 or SMCCC's SVE hint set);
 *     an episode record (kind bytes 106..115, which were interrupts' until
 *     2026-11: no input kept in the repository has one) is what a working
 *     client does with one event, as up to five steps on PE [1] % PEs,
 *     all calls from its client in AArch64: [2] bit7 INTERRUPT_BIND of
 *     the SPI (bit0 of [7] set) or PPI the INTID index [7] bits 7:2
 *     names (fz_vocab.c), saving a $b, whose interrupt an INTID byte may
 *     then name; else the event (bits 6:0 % (1 + events)): event 0 or
 *     platform event n; EVENT_REGISTER of it with handler [3] % 8 (its
 *     offset with the relative flag when bits 7:6 are both set), argument
 *     [4] (a value byte), routing [5] bit0 (RM_PE) and affinity the
 *     MPIDR of PE [5] bits 7:1 % PEs; EVENT_ENABLE; then by [6] % 4:
 *     PE_UNMASK and the trigger, the trigger and PE_UNMASK, PE_UNMASK
 *     alone, the trigger alone - the event's interrupt on the PE (event
 *     0's SGI, a PPI), an SPI, or an explicit event's dispatch
 *
 * A record is a step, a literal for the value vocabulary, a handler action
 * (appended to one of 8 handlers, each of which always ends with a
 * completion), or choice bytes (1-of-N routing, scheduling decisions and
 * which of several interrupts tied at one priority a PE takes first;
 * when they run out the scenario policy applies).  The choice bytes
 * become the program's `choices`, read by the simulator's own rule
 * (sim_choice_take), so the program alone makes the input's choices.
 * Values are picked from a vocabulary biased toward interesting ones:
 * valid and invalid event numbers, bind results saved earlier, MPIDRs,
 * handler addresses, the resume pad, bad addresses, boundary and
 * upper-bit garbage, literals.
 */
#ifndef FZ_INPUT_H
#define FZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "program.h"

#define FZ_HEADER_BYTES   20
#define FZ_RECORD_BYTES   8
#define FZ_MAX_RECORDS    256    /* longer inputs are cut */
#define FZ_HANDLERS       8
#define FZ_MAX_CHOICES    256
#define FZ_PE_SECURE      0xD8   /* a call step's PE byte from here: Secure state */
#define FZ_PE_WRONG_EL    0xE0   /* from here: not the client EL */
#define FZ_PE_AARCH32     0xF0   /* from here: from AArch32 */

/* The client EL's feature sets a header picks from (header byte 0 bits
 * 5:3); [0] stands for the profile's own. */
#define FZ_FEATURE_SETS 8
extern const uint32_t fz_feature_sets[FZ_FEATURE_SETS];

/* The policy values the header's policy bits set (event e's byte a,
 * bit 4 + k: fz_policy_flips[4 * e + k]; header byte 2 bit 7: the 17th;
 * bytes 16.. the others): a struct sdd_policy field by its offset, and
 * the value. */
#define FZ_POLICY_FLIPS 20

/* The PEs (bit p) of a platform with pes PEs that the secure PPI 27 is
 * the firmware's on, by the header's variant (0..3, byte [3] / 65); 0:
 * every PE. */
#define FZ_SECURE_PPI_VARIANTS 4
uint64_t fz_secure_ppi_pes(unsigned variant, unsigned pes);
struct fz_policy_flip {
	uint8_t offset, value;
};
extern const struct fz_policy_flip fz_policy_flips[FZ_POLICY_FLIPS];

/* Where in the header policy bit k is: the byte, and the bit's mask. */
struct fz_header_bit {
	uint8_t byte, mask;
};
struct fz_header_bit fz_policy_bit(unsigned k);

/* Where a run is in a decoded program's choices (prog->choices, which
 * bytes points to: valid while the program is not reset or freed). */
struct fz_choices {
	const uint8_t *bytes;
	uint32_t n, next;
};

/* Decode data into prog (which must have been sim_program_init()ed; it is
 * reset first; its `choices` get the input's choice bytes) and start ch at
 * the first of them.  Never fails except for out of memory (-1). */
int fz_decode(const uint8_t *data, size_t len, struct sim_program *prog, struct fz_choices *ch);

/* The choice source a decoded input asks the simulator to use: ctx is a
 * struct fz_choices (rewind it by setting next to 0). */
unsigned fz_pick(void *choices, unsigned kind, unsigned n);

/* Make prog's `choices` the bytes of ch (nothing to do for the program ch
 * was decoded with, whose choices they are already). */
void fz_choices_to_program(const struct fz_choices *ch, struct sim_program *prog);

/* Encode prog as an input that decodes to the same program or a close
 * one.  Expectations are dropped.  Kept under other names (the same
 * everywhere, fz_encode_renaming): platform event numbers the header
 * cannot say, SPIs the seed's platform (at most 96 SPIs) lacks or that an
 * interrupt raises and no INTID byte names, firmware-owned interrupts
 * other than PPI 27 and SPI 33 (one of each kind).  A handler's read of a
 * $var a step's BIND saves reads the variable that BIND saves to.
 * Approximated: more than 8 PEs, handlers or $b variables, 16 actions to a
 * handler, 7 bind slots of a kind or four platform events, values
 * outside the vocabulary (64-bit values beyond a 56-bit literal, MPIDRs
 * other than the PE index, function IDs, PSCI arguments, completion
 * statuses past 2), feature sets, ELF handlers, and a $var read before
 * anything saved it (it may become one a BIND saves).  Returns the number
 * of bytes written (at most cap). */
size_t fz_encode(const struct sim_program *prog, uint8_t *buf, size_t cap);

/* What fz_encode renamed: platform event numbers the header cannot say,
 * and INTIDs the seed cannot have, raise or own as prog does (each to one
 * of the same kind prog does not use, the same everywhere). */
#define FZ_MAX_INTID_RENAMES 16
struct fz_rename {
	uint32_t from, to;
};
struct fz_renaming {
	unsigned nevents, nintids;
	struct fz_rename event[4], intid[FZ_MAX_INTID_RENAMES];
};

/* v as the n renamings of r say it: the `to` of the one from v, else v. */
uint64_t fz_renamed(const struct fz_rename *r, unsigned n, uint64_t v);

/* fz_encode, saying into *r (when not NULL) what it renamed. */
size_t fz_encode_renaming(const struct sim_program *prog, uint8_t *buf, size_t cap, struct fz_renaming *r);

#endif /* FZ_INPUT_H */
