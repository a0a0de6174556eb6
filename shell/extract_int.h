/*
** extract_int.h — what the extract driver (extract.c) knows of the fact
** extractors (extract_*.c): their setup and their entry points. Each
** extractor scans one sentence of tokens (xtok.h, the layer below every
** extractor) and calls nothing but xtok, lexicon, doc and util.
*/
#ifndef TINSH_EXTRACT_INT_H
#define TINSH_EXTRACT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "lexicon.h"
#include "xtok.h"

/* One-time setup of each extractor's word lists (called under
** pthread_once by extract_facts). */
void extract_num_init(void);
void extract_people_init(void);
void extract_places_init(void);
void extract_refs_init(void);

/* ---- extractors: each scans one sentence ---- */
void extract_figures(xsent *x);
void extract_people(xsent *x);
void extract_refs(xsent *x); /* refs and periods */
void extract_places(xsent *x);

/* Whole-document finishing steps. */
void extract_people_finish(xdoc *x);

#endif
