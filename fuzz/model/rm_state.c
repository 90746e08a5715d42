/* The handler state machine: DEN0054C Table 14 (call x state), with the
 * transitions of §6.1 (Tables 7, 9, 11) and the text of §5.1.8 (UNREGISTER
 * of a running handler answers PENDING, also again in unregister-pending).
 *
 * States are the STATUS value (Reg bit0, Ena bit1, Run bit2). 2 and 6
 * (enabled but not registered) cannot exist; their rows deny everything. */
#include "rm_internal.h"

#define D    { -1, RM_DENIED }      /* not available: DENIED */
#define T(n) { n, RM_SUCCESS }      /* available, next state n */
#define P(n) { n, RM_PENDING }      /* available, answers PENDING, next state n */

static const struct rm_transition table[8][RM_A_COUNT] = {
    /*                 REGISTER RELEASE ENABLE DISABLE UNREG ROUTING CONTEXT COMPLETE C&R   DISPATCH */
    /* 0 unregistered */ { T(1), T(0),   D,     D,      D,    D,      D,      D,       D,    D    },
    /* 1 registered   */ { D,    D,      T(3),  T(1),   T(0), T(1),   D,      D,       D,    D    },
    /* 2 impossible   */ { D,    D,      D,     D,      D,    D,      D,      D,       D,    D    },
    /* 3 enabled      */ { D,    D,      T(3),  T(1),   T(0), D,      D,      D,       D,    T(7) },
    /* 4 unreg-pend.  */ { D,    D,      D,     D,      P(4), D,      T(4),   T(0),    T(0), D    },
    /* 5 reg+running  */ { D,    D,      T(7),  T(5),   P(4), D,      T(5),   T(1),    T(1), D    },
    /* 6 impossible   */ { D,    D,      D,     D,      D,    D,      D,      D,       D,    D    },
    /* 7 ena+running  */ { D,    D,      T(7),  T(5),   P(4), D,      T(7),   T(3),    T(3), D    },
};

static const char *const names[8] = {
    "unregistered", "registered", "invalid(2)", "enabled",
    "unregister-pending", "registered+running", "invalid(6)", "enabled+running",
};

struct rm_transition rm_transition(unsigned state, enum rm_action a)
{
    return table[state & 7u][a];
}

const char *rm_state_name(unsigned state)
{
    return names[state & 7u];
}
