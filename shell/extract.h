/*
** extract.h — facts from the parsed blocks: figures, people, refs,
** periods, places, quotes, inline abbreviation definitions.
** Pure C; reads d->blocks, fills the fact vectors of d.
*/
#ifndef TINSH_EXTRACT_H
#define TINSH_EXTRACT_H

#include "doc.h"

/* Fill d's fact fields from its blocks. Returns 0 on success. */
int extract_facts(doc *d);

#endif
