/*
** test_parse_damage.c — legacy-font damage that still spells possible
** syllables ("Hịn" for "Hòn", "cịn" for "còn"), with texts written for
** this test.
** Plan:
**  1. A text of 100+ words with no "ò" and stand-ins in several words
**     ("Hịn Gai", "cịn", "hịm") gets a legacy-damage warning naming "ò";
**     the same text spelled right gets none.
**  2. No false alarm: a clean text repeating one rare word ("mịn") with
**     no "ò"; a short damaged text (under 100 words); "ương" words in a
**     text without "ô" (only "ơng" without "ư" stands in for "ông").
**  3. text_damage_scan counts words, lost letters and stand-ins.
*/
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "parse.h"
#include "text_damage.h"

/* A clean filler sentence: 13 words, no "ô" (untoned) and no "ò". */
static const char *fill =
    "Người dân thành phố đã tham gia trồng cây xanh trên các tuyến phố. ";

/* Headline, then `extra`, then k filler sentences. */
static char *page(char *b, size_t cap, const char *extra, int k) {
  size_t n = (size_t)snprintf(b, cap, "Tin tức thành phố biển\n\n%s ", extra);
  for (int i = 0; i < k && n + strlen(fill) < cap; i++)
    n += (size_t)snprintf(b + n, cap - n, "%s", fill);
  return b;
}

/* Does d carry a legacy-damage warning that mentions `what`? */
static int warned(const doc *d, const char *what) {
  for (size_t i = 0; i < d->warnings.n; i++)
    if (strstr(d->warnings.items[i], "legacy-damage") &&
        strstr(d->warnings.items[i], what))
      return 1;
  return 0;
}

static doc *parse(const char *s) {
  return parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
}

int main(void) {
  printf("# legacy damage that spells possible syllables\n");
  static char b[8192];
  doc *d = parse(page(b, sizeof b,
                      "Vịnh Hạ Long và Hịn Gai cịn đẹp. Chiếc hịm gỗ "
                      "cịn ở Hịn Gai.",
                      9));
  CHECK(warned(d, "\"ò\""));
  doc_free(d);
  d = parse(page(b, sizeof b,
                 "Vịnh Hạ Long và Hòn Gai còn đẹp. Chiếc hòm gỗ còn ở Hòn "
                 "Gai.",
                 9));
  CHECK(!warned(d, ""));
  doc_free(d);
  d = parse(page(b, sizeof b, "Mặt cát mịn, sóng mịn, gió mịn, nắng mịn.", 9));
  CHECK(!warned(d, ""));
  doc_free(d);
  d = parse(page(b, sizeof b, "Hịn Gai cịn đẹp, chiếc hịm cịn đó.", 2));
  CHECK(!warned(d, "")); /* under 100 words: no verdict */
  doc_free(d);
  d = parse(page(b, sizeof b,
                 "Phương án của chương trình dương lịch được thương lượng "
                 "ở địa phương.",
                 9));
  CHECK(!warned(d, ""));
  doc_free(d);
  text_damage t;
  const char *s = "Hịn Gai cịn đẹp ông";
  CHECK(text_damage_scan(s, strlen(s), &t) == 0);
  CHECK(t.words == 5 && t.lost_o == 1 && t.lost_og == 0);
  CHECK(t.standin_og == 2 && t.nseen[1] == 2);
  CHECK_STR(t.example, "Hịn");
  return check_done();
}
