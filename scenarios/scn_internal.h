/*
 * scn_internal.h - what the parts of the scenario loader share.
 *
 * The loader walks the document (scn_tree.c: node ids, 1-based, 0 = none)
 * guided by the format, never generically, so nothing recurses deeper
 * than the format does and a cycle made with aliases cannot loop.  An id
 * is a use of a node: an alias and what it reaches have ids, and so
 * positions, of their own.
 *
 * Errors.  Every check records its message with the position of the node
 * at fault (scn_fail) and returns false; the loader keeps the error that
 * comes first in the file.  So a parser may go on after a failure whenever
 * what follows does not depend on what failed, and the earliest problem is
 * still the one reported.  Items of one list are in file order, so a list
 * stops at its first bad item.
 *
 * Budget.  Every time the loader looks at the items of a collection it
 * pays for them (scn_seq, scn_map); aliases let a small file name the same
 * collection many times, and the budget (SCN_MAX_VISITS) is what bounds
 * the work, the program's size and the ids made for what aliases reach.
 */
#ifndef SCN_INTERNAL_H
#define SCN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <yaml.h>

#include "program.h"
#include "quote.h"
#include "scn.h"
#include "scn_near.h"

#if defined(__GNUC__)
#define SCN_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define SCN_PRINTF(fmt, args)
#endif

#define SCN_MSG_MAX   640u  /* one message, without the FILE:LINE:COLUMN prefix */
#define SCN_MAX_CHECKS 40u  /* checks of one register map: x0..x30, sp, 6 PSTATE fields */
#define SCN_MAX_ARGS  5u    /* x1..x5 */

#define SCN_BIT(k) (UINT64_C(1) << (k))

/* Is a parse event of this type a node, as SCN_MAX_NODES counts them (a
 * scalar, an alias, the start of a collection)?  The loader counts a
 * file's nodes with it, and the writer the file it writes. */
static inline bool scn_node_event(yaml_event_type_t type)
{
	return type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT ||
	       type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT;
}

/* One use of a node of the document (scn_tree.c): an id. */
struct scn_use {
	uint32_t node;              /* what is used: index into scn_tree.nodes */
	struct sim_loc loc;         /* where: the node, or the alias it is reached through */
	bool via;                   /* reached through an alias: its items are too */
	void *kids;                 /* via: the ids of its items or pairs, once looked at */
};

/* The document, built from libyaml's events (scn_tree.c). */
struct scn_tree {
	yaml_node_t *nodes;         /* the nodes the file writes, in file order */
	uint32_t nnodes, nodes_cap;
	struct scn_use *uses;       /* id k is uses[k - 1]; the file's own in file order */
	uint32_t nuses, uses_cap;
	struct scn_anchor *anchors; /* a hash table: anchor_cap slots, a power of 2 */
	uint32_t nanchors, anchor_cap;
	uint32_t open[SCN_MAX_DEPTH];   /* the collections being read, innermost last */
	uint32_t depth;
};

/* The state of one load. */
struct scn {
	struct sim_program *prog;
	struct scn_tree tree;
	const char *dir;            /* directory of the file, "" for none (relative ELF paths) */
	uint32_t visits;            /* collection items looked at so far */
	bool over_budget;           /* SCN_MAX_VISITS reached: everything stops */
	bool failed;
	bool profile_chosen;        /* inside the entry a by_profile chose: none nests there */
	struct sim_loc err_loc;     /* position of the earliest error so far */
	char msg[SCN_MSG_MAX];
	/* Where the maps that hold a merge key start (the first few): a map
	 * missing a key there is the merge key's doing, already refused. */
	struct sim_loc merge_maps[8];
	unsigned nmerge_maps;
};

/* ==== scn_load.c: errors ==== */

/* Record an error at node id (its start) or at loc; keeps the earliest.
 * Both return false, so a parser can `return scn_fail(...)`. */
bool scn_fail(struct scn *s, int id, const char *fmt, ...) SCN_PRINTF(3, 4);
bool scn_fail_at(struct scn *s, struct sim_loc loc, const char *fmt, ...) SCN_PRINTF(3, 4);

/* ==== scn_yaml_error.c: libyaml's errors ==== */

/* Record the error libyaml's parser p found reading text (len bytes): its
 * message, at the place in the file it concerns, with what the loader can
 * tell about it (the byte that is not UTF-8, where an unclosed bracket or
 * quote opened, what a block-indentation message means). */
void scn_yaml_error(struct scn *s, const yaml_parser_t *p, const unsigned char *text, size_t len);

/* ==== scn_tree.c: the document ==== */

/* Add what event ev (of the first document) says to s->tree; the caller
 * keeps the nesting within SCN_MAX_DEPTH.  false: an error is recorded
 * (an undefined alias, an anchor given twice) or memory ran out. */
bool scn_tree_add(struct scn *s, const yaml_event_t *ev);
void scn_tree_free(struct scn_tree *t);
/* What id is a use of (type, text, items), and where the use is: at the
 * node, or at the alias it is reached through.  NULL / 1:1 for no node. */
const yaml_node_t *scn_node(const struct scn *s, int id);
struct sim_loc scn_loc(const struct scn *s, int id);
/* The items (yaml_node_item_t) or pairs (yaml_node_pair_t) of collection
 * id as ids of uses there.  false: out of memory. */
bool scn_tree_kids(struct scn *s, int id, const void **kids);

/* ==== scn_node.c: looking at YAML nodes ==== */

/* A key of a map: field number k of a spec's names, and the two nodes. */
struct scn_field {
	int key, value;             /* node ids; 0: the key is absent */
};

/* What keys a kind of map may have. */
struct scn_map_spec {
	const char *what;           /* the map in words, for messages: "a call step" */
	const char *const *names;   /* every key this kind of map knows; index = field number */
	unsigned n;                 /* <= 64 */
	uint64_t allowed;           /* bit k: names[k] may be used here */
	const char *hint;           /* the allowed keys in words; NULL: list them */
};

bool scn_is(const struct scn *s, int id, yaml_node_type_t type);
/* True when id is a map with at least one key (an empty map is a form of
 * nothing: the expectation parsers refuse it rather than check nothing). */
bool scn_is_keyed_map(const struct scn *s, int id);
/* Is id a scalar whose text is exactly lit? */
bool scn_text_is(const struct scn *s, int id, const char *lit);
/* The node in words for "found ..." ("a map", "the string 'x'", "the number 5"). */
const char *scn_describe(const struct scn *s, int id, char *buf, size_t n);
/* The text of a scalar as a message quotes it (sim_quote, into buf); ""
 * for a node that is no scalar. */
const char *scn_show(const struct scn *s, int id, char buf[SIM_QUOTE_SIZE]);
/* A plain scalar that YAML reads as null / a boolean? */
bool scn_is_null(const struct scn *s, int id);
/* null, true, false in any of YAML's spellings (not the empty null). */
bool scn_is_yaml_word(const char *text, size_t len);
/* An identifier: [A-Za-z_][A-Za-z0-9_]* (text and length of a scalar). */
bool scn_is_ident(const char *text, size_t len);

/* The items of sequence id / pairs of map id, paid for from the budget.
 * what names the value for the type error ("`steps`").  Returns the count,
 * or -1 (error recorded). */
int scn_seq(struct scn *s, int id, const char *what, const yaml_node_item_t **items);
int scn_map(struct scn *s, int id, const char *what, const yaml_node_pair_t **pairs);

/* Is id a map with a key among names[0..n) whose bit is set in mask? */
bool scn_has_key(struct scn *s, int id, const char *const *names, unsigned n, uint64_t mask);

/* scn_near_said of the names among names[0..n) whose bit is set in mask,
 * for scalar id (NULL for another node). */
const char *scn_suggest(const struct scn *s, int id, const char *const *names, unsigned n,
			uint64_t mask, struct scn_near *nr);

/* Sort the pairs of map id into f[0..spec->n) by key, with an error for
 * each key that is unknown, not allowed, not a scalar or repeated (f keeps
 * the first).  The map MUST be a map.  Returns false on any error. */
bool scn_fields(struct scn *s, int map, const struct scn_map_spec *spec, struct scn_field *f);

/* A boolean (true/false), a non-empty string without NUL (malloc'ed), a
 * scalar that is one of names[] (returns its index). */
bool scn_bool(struct scn *s, int id, const char *what, bool *out);
/* Is id a boolean (its value in *out)?  Records nothing when it is not. */
bool scn_bool_word(const struct scn *s, int id, bool *out);
bool scn_string(struct scn *s, int id, const char *what, char **out);
bool scn_choice(struct scn *s, int id, const char *what, const char *const *names, unsigned n,
		unsigned *out);

/* ==== scn_value.c: numbers, names, values ==== */

enum scn_vflags {
	SCN_V_CONST = 0,            /* a number known when the file loads */
	SCN_V_RUNTIME = 1,          /* also $var, handlers, {offset:}, {mpidr:}, resume_pad */
	SCN_V_INTERRUPTED = 2,      /* also interrupted_pc / interrupted_pstate */
	/* Expectations only: what the values compared with (a plain value,
	 * `not`, `one_of` members; not `mask` and `value`) must be. */
	SCN_V_PE_INDEX = 4,         /* a PE index of the platform (scn_pe) */
	SCN_V_HANDLER_NAME = 8      /* a handler's name (scn_handler_ref): its entry point */
};
/* scn_value takes SCN_V_PE_INDEX too (from scn_pe): it only changes the
 * message for an unknown name, which then says a PE index is expected. */

bool scn_value(struct scn *s, int id, unsigned flags, const char *what, struct sim_value *out);
/* A constant in lo..hi (as unsigned 64-bit numbers). */
bool scn_uint(struct scn *s, int id, const char *what, uint64_t lo, uint64_t hi, uint64_t *out);
/* A PE index of the platform. */
bool scn_pe(struct scn *s, int id, const char *what, uint8_t *out);
/* An INTID that exists on the platform. */
bool scn_intid(struct scn *s, int id, const char *what, uint32_t *out);
/* A handler by name (scalar id), its index in *out. */
bool scn_handler_ref(struct scn *s, int id, const char *what, int32_t *out);
/* Names a handler may not take (value names and YAML words). */
bool scn_is_reserved(const char *text, size_t len);
/* Index of variable name, or -1. */
int scn_find_var(const struct sim_program *p, const char *name, size_t len);

/* ==== scn_expect.c: expectations ==== */

#define SCN_PSTATE_FIELDS 6u               /* el, daif, spsel, pan, dit, nzcv */
#define SCN_REG_KEYS      (SIM_R_SP + 2u)  /* x0..x30, sp, pstate */
#define SCN_REG_PSTATE    (SIM_R_SP + 1u)  /* index of pstate in the register keys */

/* PSTATE field keys, in the order of SIM_R_PSTATE_EL.. */
extern const char *const scn_pstate_fields[SCN_PSTATE_FIELDS];
/* The register keys: x0..x30, sp, pstate (index = SIM_R_X0 + n, SIM_R_SP, SCN_REG_PSTATE). */
void scn_reg_keys(const char *names[SCN_REG_KEYS]);
/* The indices of the present fields of f[0..n) in file order; returns how many. */
unsigned scn_in_file_order(const struct scn_field *f, unsigned n, unsigned *order);

/* Checks being collected for one element, appended together at the end so
 * that they are contiguous in prog->checks. */
struct scn_checks {
	struct sim_check c[SCN_MAX_CHECKS];
	unsigned n;
};

#define SCN_MAX_PROFILES 8u   /* built-in profiles (sim_profile_name) */

/* Is id a {by_profile: ...} map? */
bool scn_is_by_profile(struct scn *s, int id);
/* The node an expectation is read from: id itself, or for a
 * {by_profile: {PROFILE: E, ...}} map the E of the profile the file runs
 * on (prog->platform.profile).  0 with an error recorded when a key is not
 * a profile, the profile has no entry, or the entry is a by_profile or
 * lies inside one (s->profile_chosen). */
int scn_by_profile(struct scn *s, int id);

/* One EXPECT (by_profile resolved first): its values as vflags allows
 * (SCN_V_RUNTIME or more, for an expectation on a register). */
bool scn_match(struct scn *s, int id, unsigned vflags, struct sim_match *m);
/* The same for a field whose values vflags may restrict (SCN_V_PE_INDEX,
 * SCN_V_HANDLER_NAME); what names the field in messages about a plain
 * value ("`pe`"). */
bool scn_match_field(struct scn *s, int id, unsigned vflags, const char *what, struct sim_match *m);
/* `expect:` of a call, psci or dispatch: x0, or a register map x0..x30;
 * for a call or psci (returns), also {returns: E}: the call must return
 * to its caller, and E hold of what it answered. */
bool scn_expect(struct scn *s, int id, bool width32, bool returns, uint32_t *first, uint32_t *n);
/* `expect_entry:` - x0..x30, sp, pstate. */
bool scn_entry_checks(struct scn *s, int id, uint32_t *first, uint32_t *n);
/* `pstate:` of expect_entry / expect_resumes: a whole value or fields. */
bool scn_pstate_checks(struct scn *s, int id, struct scn_checks *out);
void scn_checks_add(struct scn_checks *b, unsigned reg, const struct sim_match *m);
void scn_checks_commit(struct scn *s, const struct scn_checks *b, uint32_t *first, uint32_t *n);

/* ==== scn_platform.c ==== */

/* Apply the `platform` map (id, or 0 when the file has none) to
 * s->prog->platform, which holds the starting profile.  *basis_ok tells
 * whether what steps and handlers are checked against (the PE count, the
 * SPIs, the client EL) is right, even if something else is not. */
bool scn_platform(struct scn *s, int id, bool *basis_ok);

/* ==== scn_ops.c: steps and handler actions ==== */

/* Keys of step and action maps.  The first SCN_OK_KINDS are kind keys. */
enum scn_okey {
	SCN_OK_CALL = 0, SCN_OK_FID, SCN_OK_PSCI, SCN_OK_INTERRUPT, SCN_OK_SET, SCN_OK_WAKE,
	SCN_OK_RESUME, SCN_OK_MIGRATE, SCN_OK_DISPATCH, SCN_OK_EXPECT_DISPATCHES,
	SCN_OK_EXPECT_RESUMES, SCN_OK_EXPECT_ENTRY, SCN_OK_YIELD, SCN_OK_COMPLETE,
	SCN_OK_COMPLETE_AND_RESUME, SCN_OK_EXPECT_VIEW, SCN_OK_HOLD, SCN_OK_HAND_OVER,
	SCN_OK_KINDS,
	SCN_OK_PE = SCN_OK_KINDS, SCN_OK_ARGS, SCN_OK_EXPECT, SCN_OK_SAVE, SCN_OK_FROM_EL,
	SCN_OK_TARGET, SCN_OK_STATE, SCN_OK_AARCH32, SCN_OK_SECURE,
	SCN_OK_COUNT
};

/* One step or action map, sorted by key. */
struct scn_opin {
	int map;
	bool action;                /* a handler action (else a step) */
	unsigned kind;              /* enum scn_okey of its kind key */
	char what[40];              /* "a call step", for messages */
	struct scn_field f[SCN_OK_COUNT];
};

/* Parse step or action map id into op. */
bool scn_op(struct scn *s, int id, bool action, struct sim_op *op);

/* Kind parsers (op->kind, loc, pe = target = SIM_NONE, save = -1 preset). */
bool scn_parse_call(struct scn *s, const struct scn_opin *in, struct sim_op *op);
bool scn_parse_psci(struct scn *s, const struct scn_opin *in, struct sim_op *op);
bool scn_parse_interrupt(struct scn *s, const struct scn_opin *in, struct sim_op *op);
bool scn_parse_flag(struct scn *s, const struct scn_opin *in, struct sim_op *op);
bool scn_parse_set(struct scn *s, const struct scn_opin *in, struct sim_op *op);
bool scn_parse_pe_kind(struct scn *s, const struct scn_opin *in, struct sim_op *op);
bool scn_parse_dispatch(struct scn *s, const struct scn_opin *in, struct sim_op *op);
bool scn_parse_expect_dispatches(struct scn *s, const struct scn_opin *in, struct sim_op *op);
bool scn_parse_expect_resumes(struct scn *s, const struct scn_opin *in, struct sim_op *op);
bool scn_parse_expect_entry(struct scn *s, const struct scn_opin *in, struct sim_op *op);
bool scn_parse_complete(struct scn *s, const struct scn_opin *in, struct sim_op *op);
/* scn_view.c */
bool scn_parse_expect_view(struct scn *s, const struct scn_opin *in, struct sim_op *op);

/* `pe:` of a step: the PE index given, or dflt. */
bool scn_op_pe(struct scn *s, const struct scn_opin *in, uint8_t dflt, struct sim_op *op);

/* ==== scn_steps.c / scn_handlers.c ==== */

bool scn_steps(struct scn *s, int id);
/* Handlers are loaded in two passes: names first (steps and handler bodies
 * may name any handler), then bodies. */
bool scn_handler_names(struct scn *s, int id);
bool scn_handler_bodies(struct scn *s, int id);

#endif /* SCN_INTERNAL_H */
