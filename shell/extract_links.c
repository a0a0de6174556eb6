/*
** extract_links.c — the links between a person's name and a title it
** takes up ("Lê Thị Hoa được bầu làm Bí thư Huyện ủy", "đã trúng cử"):
** the phrases of data/title-links.txt with an adverb of
** data/link-adverbs.txt before them, and the bare "làm" that gives a
** role of data/event-roles.txt, not a post ("Đoàn do A làm trưởng
** đoàn"). The people
** extractor (extract_people.c) asks it after a name and its titles.
*/
#include "extract_int.h"

static xphrases title_links;  /* data/title-links.txt: "được bầu làm" */
static xphrases link_adverbs; /* data/link-adverbs.txt: "đã", "vừa" */
static xphrases event_roles;  /* data/event-roles.txt: "trưởng đoàn" */

void extract_links_init(void) {
  xt_phrases_set(&title_links, lexicon_get()->lists[LEX_TITLE_LINKS]);
  xt_phrases_set(&link_adverbs, lexicon_get()->lists[LEX_LINK_ADVERBS]);
  xt_phrases_set(&event_roles, lexicon_get()->lists[LEX_EVENT_ROLES]);
}

size_t xl_adverb_in(const xsent *x, size_t j) {
  return xt_phrase_in(x, j, &link_adverbs);
}

size_t xl_title_link(const xsent *x, size_t j) {
  /* every link and adverb starts with a lower-case word */
  if (j >= x->n || x->t[j].type != T_WORD || (x->t[j].flags & TF_UPPER))
    return 0;
  size_t a = xt_phrase_in(x, j, &link_adverbs);
  size_t w = xt_phrase_in(x, j + a, &title_links);
  if (!w) return 0;
  size_t k = j + a + w;
  if (!xt_is(x, k - 1, "chức") && xt_is(x, k, "chức")) k++;
  if (xt_is(x, k - 1, "chức") && (xt_is(x, k, "vụ") || xt_is(x, k, "danh")))
    k++;
  return k - j;
}

int xl_role_link(const xsent *x, size_t p, size_t w, size_t s) {
  if (w != 1 || !xt_is(x, p, "làm") || !xt_phrase_in_ci(x, p + 1, &event_roles))
    return 0;
  for (size_t k = s, n = 0; k > 0 && n < 4; k--, n++) { /* "do" before s */
    if (x->t[k - 1].type != T_WORD) return 0;
    if (xt_is(x, k - 1, "do")) return 1;
  }
  return 0;
}
