/*
 * trace_read_field.c - one field's value into the record (FORMAT.md's
 * value types: decimal numbers within their range, registers that may be
 * unknown, enumerations, %XX-escaped text, src=FILE:LINE, the caller's
 * aarch32= and secure=; the platform record's lists through
 * trace_platform.c), each error at the column of what is wrong.
 *
 * Apart from trace_read.c, which cuts lines into fields and checks the
 * record as a whole: that file knows records, this one values, and a new
 * field of FORMAT.md adds to both.
 */
#include <inttypes.h>
#include <string.h>

#include "call_rules.h"        /* sim_aarch32_modes */
#include "scn.h"               /* scn_profile_choices */
#include "trace_read_internal.h"

#define MAX_SRC_FILES 1024   /* distinct src= files a reader keeps: its memory stays bounded */

/* ---- One field ---- */

static size_t col_of(const struct field *fd, const char *p)
{
	return (size_t)(p - fd->line);
}

static int bad_value(struct trace_reader *rd, const struct field *fd, const char *what)
{
	char q[SIM_QUOTE_SIZE];

	return rd_fail(rd, col_of(fd, fd->v), "%.*s=%s: %s", (int)fd->kn, fd->k, sim_quote(q, fd->v, fd->vn), what);
}

static int num(struct trace_reader *rd, const struct field *fd, uint64_t max, uint64_t *out)
{
	if (!trace_scan_u64(fd->v, fd->vn, 10, out)) {
		size_t k = 0;
		char q[SIM_QUOTE_SIZE];
		while (k < fd->vn && fd->v[k] >= '0' && fd->v[k] <= '9')
			k++;
		if (k == fd->vn && k > 0)        /* digits, too many of them for 64 bits */
			return rd_fail(rd, col_of(fd, fd->v), "%.*s=%s: out of range (at most %" PRIu64 ")",
				       (int)fd->kn, fd->k, sim_quote(q, fd->v, fd->vn), max);
		return bad_value(rd, fd, "expected a decimal number");
	}
	if (*out > max)
		return rd_fail(rd, col_of(fd, fd->v), "%.*s=%" PRIu64 ": at most %" PRIu64, (int)fd->kn, fd->k,
			       *out, max);
	return 0;
}

static int hexreg(struct trace_reader *rd, const struct field *fd, uint64_t *out, bool *known)
{
	*known = !(fd->vn == 1 && fd->v[0] == '?');
	if (*known && !trace_scan_reg(fd->v, fd->vn, out))
		return bad_value(rd, fd, "expected 0x and 1 to 16 lowercase hex digits, or ?");
	return 0;
}

static int hexval(struct trace_reader *rd, const struct field *fd, uint64_t *out)
{
	bool known;

	if (hexreg(rd, fd, out, &known))
		return -1;
	return known ? 0 : bad_value(rd, fd, "this field cannot be unknown");
}

static int enumval(struct trace_reader *rd, const struct field *fd, unsigned e, uint8_t *out)
{
	int v = trace_enum_value(e, fd->v, fd->vn);

	if (v < 0)
		return bad_value(rd, fd, "not one of the values FORMAT.md lists");
	*out = (uint8_t)v;
	return 0;
}

static int src_field(struct trace_reader *rd, const struct field *fd, struct trace_rec *rec)
{
	const char *colon = NULL;
	uint64_t line;
	size_t bad;

	for (size_t i = 0; i < fd->vn; i++)
		if (fd->v[i] == ':')
			colon = fd->v + i;
	if (!colon || colon == fd->v)
		return bad_value(rd, fd, "expected FILE:LINE");
	if (!trace_scan_u64(colon + 1, (size_t)(fd->v + fd->vn - colon - 1), 10, &line) || line > UINT32_MAX)
		return rd_fail(rd, col_of(fd, colon + 1), "src: expected a line number after the last ':'");
	if (!trace_room(&rd->scratch, &rd->scratch_cap, (size_t)(colon - fd->v)))
		return rd_fail(rd, col_of(fd, fd->v), "src: out of memory");
	if (!trace_unescape(fd->v, (size_t)(colon - fd->v), rd->scratch, &bad))
		return rd_fail(rd, col_of(fd, fd->v + bad), "src: malformed %%XX escape");
	rec->src_file = trace_strset_add(&rd->files, rd->scratch, MAX_SRC_FILES);
	if (!rec->src_file)
		return rd_fail(rd, col_of(fd, fd->v), "src: more than %d different files, or out of memory", MAX_SRC_FILES);
	rec->src_line = (uint32_t)line;
	rec->has |= TRACE_HAS_SRC;
	return 0;
}

/* Who made a call, beyond its EL: aarch32= (0, 1, or the AArch32 mode it
 * was made from: Tarmac's name, of EL1..EL3, User mode making no calls)
 * and secure= (1: from Secure state; 0: Non-secure, as when absent), both
 * extensions of version 2, as holds are.  (A platform's secure= is its
 * firmware's INTIDs: the same key, another record.) */
static int caller_field(struct trace_reader *rd, const struct field *fd, unsigned key, struct trace_rec *rec)
{
	bool a32 = key == K_AARCH32;

	if (rd->version < 2)
		return bad_value(rd, fd, a32 ? "a version 1 trace has no calls from AArch32 (version 2 added them)" :
				 "a version 1 trace has no calls from Secure state (version 2 added them)");
	if (fd->vn == 1 && (fd->v[0] == '0' || fd->v[0] == '1')) {
		if (a32)
			rec->aarch32 = fd->v[0] == '1' ? SIM_A32_EL_MODE : 0;
		else
			rec->secure = fd->v[0] == '1';
		return 0;
	}
	for (unsigned m = 0; a32 && m < 16; m++) {
		const char *name = sim_aarch32_modes[m].name;
		if (name && sim_aarch32_modes[m].el > 0 && strlen(name) == fd->vn && memcmp(name, fd->v, fd->vn) == 0) {
			rec->aarch32 = (uint8_t)SIM_A32_MODE(m);
			return 0;
		}
	}
	return bad_value(rd, fd, a32 ? "expected the AArch32 mode the call was made from (svc, hyp, abt, und, fiq, "
			 "irq, sys, mon), 1 (the EL's usual one) or 0 (from AArch64)" :
			 "expected 1 (the call was made from Secure state) or 0 (from Non-secure state)");
}

int rd_set_field(struct trace_reader *rd, const struct field *fd, unsigned key, struct trace_rec *rec)
{
	uint64_t v;
	bool known;
	size_t bad;

	switch (key) {
	case K_T:
		if (num(rd, fd, UINT64_MAX, &rec->t))
			return -1;
		rec->has |= TRACE_HAS_T;
		return 0;
	case K_PE:
		if (num(rd, fd, TRACE_MAX_PES - 1, &v))
			return -1;
		rec->pe = (uint8_t)v;
		rec->has |= TRACE_HAS_PE;
		return 0;
	case K_CONDUIT:
		rec->has |= TRACE_HAS_CONDUIT;
		return enumval(rd, fd, TRACE_ENUM_CONDUIT, &rec->conduit);
	case K_EL:
		/* a platform's client EL is 1 or 2; a call may come from another
		 * EL (a scenario's from_el: 3, which the recorder writes), never
		 * from EL0, which a replay would take for the client's EL */
		if (!trace_scan_u64(fd->v, fd->vn, 10, &v))
			return bad_value(rd, fd, "expected a decimal number");
		if (v < 1 || v > (rec->kind == TRACE_PLATFORM ? 2 : 3))
			return bad_value(rd, fd, rec->kind == TRACE_PLATFORM ? "the client EL is 1 or 2" :
					 "a call is made from EL1, EL2 or EL3");
		rec->el = (uint8_t)v;
		rec->has |= TRACE_HAS_EL;
		return 0;
	case K_AARCH32:
		return caller_field(rd, fd, key, rec);
	case K_H:
		if (num(rd, fd, 1, &v))
			return -1;
		rec->from_handler = (uint8_t)v;
		return 0;
	case K_FN:
		return 0;                  /* checked against x0 once the record is complete */
	case K_X0: case K_X1: case K_X2: case K_X3: case K_X4: case K_X5:
		if (hexreg(rd, fd, &rec->x[key - K_X0], &known))
			return -1;
		if (known)
			rec->x_known |= (uint8_t)(1u << (key - K_X0));
		return 0;
	case K_R0: case K_R1: case K_R2: case K_R3:
		if (hexreg(rd, fd, &rec->r[key - K_R0], &known))
			return -1;
		if (known)
			rec->r_known |= (uint8_t)(1u << (key - K_R0));
		return 0;
	case K_END:
		return enumval(rd, fd, TRACE_ENUM_END, &rec->end);
	case K_EVENT:
		if (!trace_scan_i64(fd->v, fd->vn, 0, &v) || (int64_t)v < INT32_MIN || (int64_t)v > INT32_MAX)
			return bad_value(rd, fd, "expected a 32-bit event number");
		rec->event = (int32_t)v;
		return 0;
	case K_EP:
		rec->has |= TRACE_HAS_EP;
		return hexval(rd, fd, &rec->ep);
	case K_CAUSE:
		return enumval(rd, fd, TRACE_ENUM_CAUSE, &rec->cause);
	case K_INTID:
		if (num(rd, fd, 1019, &v))
			return -1;
		rec->intid = (uint32_t)v;
		rec->has |= TRACE_HAS_INTID;
		return 0;
	case K_DEPTH:
		if (num(rd, fd, 8, &v))
			return -1;
		rec->depth = (uint8_t)v;
		rec->has |= TRACE_HAS_DEPTH;
		return 0;
	case K_PSTATE:
		rec->has |= TRACE_HAS_PSTATE;
		return hexval(rd, fd, &rec->pstate);
	case K_HOW:
		if (enumval(rd, fd, rec->kind == TRACE_IRQ ? TRACE_ENUM_IRQ_HOW : TRACE_ENUM_DONE, &rec->how))
			return -1;
		/* an extension of version 2: no version 1 writer wrote one */
		if (rec->kind == TRACE_IRQ && rec->how == TRACE_IRQ_HOLD && rd->version < 2)
			return bad_value(rd, fd, "a version 1 trace has no holds (version 2 added them)");
		return 0;
	case K_STATUS:
	case K_RESUME:
		rec->has |= TRACE_HAS_ARG;
		return hexval(rd, fd, &rec->arg);
	case K_PC:
		rec->has |= TRACE_HAS_PC;
		return hexval(rd, fd, &rec->pc);
	case K_RES:
		rec->has |= TRACE_HAS_RES;
		if (enumval(rd, fd, TRACE_ENUM_RES, &rec->res))
			return -1;
		/* extensions of version 2, as holds are */
		if ((rec->res == TRACE_RES_ENDED || rec->res == TRACE_RES_REPENDED) && rd->version < 2)
			return bad_value(rd, fd, "a version 1 trace has no ended or repended results (version 2 "
					 "added them)");
		return 0;
	case K_STATE:
		return enumval(rd, fd, TRACE_ENUM_POWER, &rec->state);
	case K_PREV:
		rec->has |= TRACE_HAS_PREV;
		return enumval(rd, fd, TRACE_ENUM_POWER, &rec->prev);
	case K_PROFILE:
		if (!trace_room(&rd->scratch, &rd->scratch_cap, fd->vn))
			return rd_fail(rd, col_of(fd, fd->v), "profile: out of memory");
		if (!trace_unescape(fd->v, fd->vn, rd->scratch, &bad))
			return rd_fail(rd, col_of(fd, fd->v + bad), "profile: malformed %%XX escape");
		if (strlen(rd->scratch) >= sizeof rec->profile)
			return bad_value(rd, fd, "profile names are at most 15 characters");
		if (!trace_profile_known(rd->scratch)) {
			char why[SCN_PROFILE_CHOICES_SIZE + 32], choices[SCN_PROFILE_CHOICES_SIZE];

			snprintf(why, sizeof why, "not a platform profile (%s)",
				 scn_profile_choices(rd->scratch, choices, sizeof choices));
			return bad_value(rd, fd, why);
		}
		strcpy(rec->profile, rd->scratch);
		rec->has |= TRACE_HAS_PROFILE;
		return 0;
	case K_PES:
		if (num(rd, fd, TRACE_MAX_PES, &v))
			return -1;
		if (v == 0)
			return bad_value(rd, fd, "a platform has at least one PE");
		rec->pes = (uint32_t)v;
		rec->has |= TRACE_HAS_PES;
		return 0;
	case K_MPIDR: case K_VERSION: case K_RELATIVE: case K_BIND: case K_SPIS: case K_SECURE:
	case K_EVENTS: case K_FEATURES: case K_SCTLR: case K_HCR: case K_POLICY: {
		static const uint32_t has[TRACE_PF_COUNT] = {
			TRACE_HAS_MPIDR, TRACE_HAS_VERSION, TRACE_HAS_RELATIVE, TRACE_HAS_BIND,
			TRACE_HAS_SPIS, TRACE_HAS_SECURE, TRACE_HAS_EVENTS, TRACE_HAS_FEATURES,
			TRACE_HAS_SCTLR, TRACE_HAS_HCR, TRACE_HAS_POLICY,
		};
		_Static_assert(K_POLICY - K_MPIDR + 1 == TRACE_PF_COUNT, "a platform field per key");
		char msg[TRACE_PLATFORM_MSG];
		if (key == K_SECURE && rec->kind == TRACE_CALL)
			return caller_field(rd, fd, key, rec);
		if (trace_platform_parse(key - K_MPIDR, fd->v, fd->vn, &rd->plat, &bad, msg, sizeof msg))
			return rd_fail(rd, col_of(fd, fd->v + bad), "%s", msg);
		rec->has |= has[key - K_MPIDR];
		rec->plat = &rd->plat;
		return 0;
	}
	case K_MSG:
		if (!trace_room(&rd->msg, &rd->msg_cap, fd->vn))
			return rd_fail(rd, col_of(fd, fd->v), "msg: out of memory");
		if (!trace_unescape(fd->v, fd->vn, rd->msg, &bad))
			return rd_fail(rd, col_of(fd, fd->v + bad), "msg: malformed %%XX escape");
		rec->msg = rd->msg;
		return 0;
	case K_SRC:
		return src_field(rd, fd, rec);
	default:
		return rd_fail(rd, col_of(fd, fd->k), "internal error: key %u", key);
	}
}
