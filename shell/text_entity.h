/*
** text_entity.h — HTML entities in scraped text (text_entity.c).
*/
#ifndef TINSH_TEXT_ENTITY_H
#define TINSH_TEXT_ENTITY_H

#include <stddef.h>
#include <stdint.h>

/* The code point of the named entity name[0..n) ("amp", "nbsp"), or -1
** when it is none the table knows. Linear: '&' is rare. */
int32_t text_entity_lookup(const char *name, size_t n);

/*
** Try to decode an HTML entity at s[i] == '&' (s[0..n)). Returns the
** bytes consumed (0 = not an entity: the '&' is written as it stands)
** and the code point in *cp (-2 = debris: emit the text without its
** ';').
*/
size_t text_entity_parse(const char *s, size_t n, size_t i, int32_t *cp);

#endif
