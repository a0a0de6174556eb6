/*
** query_match.c — the matcher: a Pike VM (Thompson NFA simulation) over
** a token stream. Threads move forward by one token (a token test), by
** the tokens a quoted string covers, or by a fact span, so pending
** threads wait in a ring of sets, one per position ahead. A state reached
** twice at one position keeps the thread with the leftmost start: the
** rest of its run does not depend on how it got there, so the first match
** found from the leftmost start, extended as far as any thread from that
** start gets, is the leftmost-longest match. Work is bounded by the
** caller's step budget.
*/
#include <stdlib.h>
#include <string.h>

#include "query_int.h"

/* a sparse set of program counters, each with its thread's start and
** named-part slots */
typedef struct qset {
  int *dense, *sparse, n;
  int *start; /* by pc */
  int *caps;  /* by pc: ncap slots */
} qset;

struct q_matcher {
  const q_pattern *p;
  int ncap;
  qset cur;
  qset *ring;
  int nring, pending;
  long *budget;
  int over; /* the budget ran out (Q_BUDGET_EXCEEDED) or stop said so */
  int (*stop)(void *);
  void *stop_ctx;
  unsigned ticks; /* steps since stop was last polled */
};

typedef struct best {
  int s, e;
  int caps[2 * Q_MAX_PARTS];
} best;

static void set_init(qset *s, int nprog, int ncap) {
  s->dense = xcalloc((size_t)nprog, sizeof *s->dense);
  s->sparse = xcalloc((size_t)nprog, sizeof *s->sparse);
  s->start = xcalloc((size_t)nprog, sizeof *s->start);
  s->caps = xcalloc((size_t)nprog * (size_t)(ncap ? ncap : 1), sizeof(int));
  s->n = 0;
}

static void set_free(qset *s) {
  free(s->dense), free(s->sparse), free(s->start), free(s->caps);
}

static int set_has(const qset *s, int pc) {
  return s->sparse[pc] < s->n && s->dense[s->sparse[pc]] == pc;
}

/* Insert pc (not yet in s) with its thread. */
static void set_put(qset *s, int pc, int start, const int *caps, int ncap) {
  s->sparse[pc] = s->n;
  s->dense[s->n++] = pc;
  s->start[pc] = start;
  if (ncap) memcpy(s->caps + (size_t)pc * ncap, caps, ncap * sizeof(int));
}

q_matcher *q_matcher_new(const q_pattern *p) {
  q_matcher *m = xcalloc(1, sizeof *m);
  m->p = p;
  m->ncap = 2 * p->nparts;
  set_init(&m->cur, p->nprog, m->ncap);
  return m;
}

static void ring_free(q_matcher *m) {
  for (int i = 0; i < m->nring; i++) set_free(&m->ring[i]);
  free(m->ring);
  m->ring = NULL, m->nring = 0;
}

void q_matcher_free(q_matcher *m) {
  if (!m) return;
  ring_free(m);
  set_free(&m->cur);
  free(m);
}

/* Make the ring at least w sets long, all empty. */
static void ring_reset(q_matcher *m, int w) {
  if (w > m->nring) {
    ring_free(m);
    m->ring = xcalloc((size_t)w, sizeof *m->ring);
    for (int i = 0; i < w; i++) set_init(&m->ring[i], m->p->nprog, m->ncap);
    m->nring = w;
  }
  for (int i = 0; i < m->nring; i++) m->ring[i].n = 0;
  m->pending = 0;
}

/* A thread at pc arrives at position pos (ahead of the current one). */
static void arrive(q_matcher *m, int pos, int pc, int start, const int *caps) {
  qset *s = &m->ring[pos % m->nring];
  if (!set_has(s, pc)) {
    set_put(s, pc, start, caps, m->ncap);
    m->pending++;
  } else if (start < s->start[pc]) {
    s->start[pc] = start;
    if (m->ncap)
      memcpy(s->caps + (size_t)pc * m->ncap, caps, m->ncap * sizeof(int));
  }
}

void q_matcher_set_stop(q_matcher *m, int (*stop)(void *), void *ctx) {
  m->stop = stop, m->stop_ctx = ctx;
}

/* One step: 0 once the budget is spent or stop asked to end the run. */
static int spend(q_matcher *m) {
  if (m->over) return 0;
  if (m->stop && ++m->ticks >= Q_STOP_EVERY) {
    m->ticks = 0;
    if (m->stop(m->stop_ctx)) {
      m->over = Q_STOPPED;
      return 0;
    }
  }
  if (--*m->budget >= 0) return 1;
  m->over = Q_BUDGET_EXCEEDED;
  return 0;
}

/* Add the thread (pc, start, caps) to cur at pos, following jumps,
** splits and saves. */
static void add(q_matcher *m, int pc, int start, const int *caps, int pos) {
  if (set_has(&m->cur, pc) || !spend(m)) return;
  set_put(&m->cur, pc, start, caps, m->ncap);
  const q_inst *in = &m->p->prog[pc];
  if (in->op == QI_JMP) {
    add(m, in->x, start, caps, pos);
  } else if (in->op == QI_SPLIT) {
    add(m, in->x, start, caps, pos);
    add(m, in->y, start, caps, pos);
  } else if (in->op == QI_SAVE) {
    int c[2 * Q_MAX_PARTS];
    memcpy(c, caps, m->ncap * sizeof(int));
    c[in->x] = pos;
    add(m, pc + 1, start, c, pos);
  }
}

/* Move the threads waiting for pos into cur, leftmost start first. */
static void gather(q_matcher *m, int pos) {
  qset *s = &m->ring[pos % m->nring];
  m->cur.n = 0;
  for (int i = 1; i < s->n; i++) /* insertion sort by start */
    for (int j = i; j > 0 && s->start[s->dense[j - 1]] > s->start[s->dense[j]];
         j--) {
      int t = s->dense[j];
      s->dense[j] = s->dense[j - 1], s->dense[j - 1] = t;
    }
  for (int i = 0; i < s->n; i++) {
    int pc = s->dense[i];
    add(m, pc, s->start[pc], s->caps + (size_t)pc * m->ncap, pos);
  }
  m->pending -= s->n;
  s->n = 0;
}

/* One consuming instruction of a thread at pos: its arrivals. */
static void consume(q_matcher *m, const q_stream *st, const q_inst *in, int pos,
                    int to, int start, const int *caps) {
  if (in->op == QI_TOK) {
    if (pos < to && q_test_token(in->arg, st, pos))
      arrive(m, pos + 1, in->x, start, caps);
  } else if (in->op == QI_LIT) {
    int j = q_lit_match(in->arg, st, pos, to);
    if (j > pos) arrive(m, j, in->x, start, caps);
  } else if (in->op == QI_FACT) {
    for (int s = st->first[pos]; s < st->nspan && st->span[s].from == pos; s++)
      if (st->span[s].to <= to && spend(m) &&
          q_test_fact(in->arg, &st->span[s]))
        arrive(m, st->span[s].to, in->x, start, caps);
  }
}

/* Step every thread of cur at pos; a match updates b. */
static void step(q_matcher *m, const q_stream *st, int pos, int to, best *b) {
  for (int i = 0; i < m->cur.n && !m->over; i++) {
    int pc = m->cur.dense[i], start = m->cur.start[pc];
    const int *caps = m->cur.caps + (size_t)pc * m->ncap;
    const q_inst *in = &m->p->prog[pc];
    if ((b->s >= 0 && start > b->s) || !spend(m)) continue;
    if (in->op == QI_MATCH) {
      if (pos > start &&
          (b->s < 0 || start < b->s || (start == b->s && pos > b->e))) {
        b->s = start, b->e = pos;
        memcpy(b->caps, caps, m->ncap * sizeof(int));
      }
    } else {
      consume(m, st, in, pos, to, start, caps);
    }
  }
}

/* The leftmost-longest match starting at from or later: 1 (in *b), 0
** when there is none, Q_BUDGET_EXCEEDED. */
static int scan(q_matcher *m, const q_stream *st, int from, int to, best *b) {
  int none[2 * Q_MAX_PARTS];
  for (int i = 0; i < 2 * Q_MAX_PARTS; i++) none[i] = -1;
  int w = (m->p->maxlit > st->maxspan ? m->p->maxlit : st->maxspan) + 1;
  ring_reset(m, w < 2 ? 2 : w);
  b->s = b->e = -1;
  for (int pos = from; pos <= to && !m->over; pos++) {
    gather(m, pos);
    if (b->s < 0 && pos < to) add(m, 0, pos, none, pos);
    if (m->cur.n == 0 && m->pending == 0 && b->s >= 0) break;
    step(m, st, pos, to, b);
  }
  if (m->over) return m->over;
  return b->s >= 0;
}

int q_match_range(q_matcher *m, const q_stream *st, int from, int to,
                  long *budget, q_match_fn cb, void *ctx) {
  m->budget = budget;
  m->over = 0;
  if (to > st->ntok) to = st->ntok;
  while (from < to) {
    best b;
    int r = scan(m, st, from, to, &b);
    if (r <= 0) return r;
    q_match qm;
    qm.s = b.s, qm.e = b.e;
    for (int i = 0; i < 2 * Q_MAX_PARTS; i++)
      qm.part[i] = i < m->ncap ? b.caps[i] : -1;
    int rc = cb(ctx, &qm);
    if (rc) return rc;
    from = b.e;
  }
  return 0;
}
