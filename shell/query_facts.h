/*
** query_facts.h — a pattern's candidate documents from the fact tables:
** those holding a fact that passes each fact test every match passes.
** No Lua.
*/
#ifndef TINSH_QUERY_FACTS_H
#define TINSH_QUERY_FACTS_H

#include <stdint.h>

#include "query.h"
#include "store.h"

/*
** The documents that can hold a match of p as far as its fact tests
** tell: those with a stored fact passing each test along a sequence,
** either side's across an alternation ([figure unit = "%"] | [person]).
** Their ids, ascending and distinct, into *out (malloc'd, or NULL), and
** their count; -1 (no restriction, *out NULL) when the facts say nothing
** that the EXISTS on the required kinds does not already say.
*/
long q_fact_docs(store *s, const q_pattern *p, int64_t **out);

/* Keep in a[0..*na) the ids also in b[0..nb) (both ascending). */
void q_ids_intersect(int64_t *a, size_t *na, const int64_t *b, size_t nb);

#endif
