/*
** extract_person.h — a person's record (extract_person.c), for the
** people extractor (extract_people.c).
*/
#ifndef TINSH_EXTRACT_PERSON_H
#define TINSH_EXTRACT_PERSON_H

#include <stddef.h>

#include "extract_int.h"

/* The person named by tokens i..j-1 of x (its bytes as written): the
** document's record, added (no titles, no mentions) when new. */
doc_person *person_get(xsent *x, size_t i, size_t j);
/* Add the title of tokens i..j-1 to p, its term of office ("khóa XIX")
** cut off, unless p has it already, in any case of its letters. */
void add_title(xsent *x, doc_person *p, size_t i, size_t j);

#endif
