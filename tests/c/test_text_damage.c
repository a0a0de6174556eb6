/*
** test_text_damage.c — legacy encodings that only partly show
** (text_legacy.c, text_norm.c, the warnings of parse.c), on invented text.
** Plan:
**  1. mixed-case VNI: a standalone VNI letter (đ ơ ư ỉ ĩ ị ỵ) takes the case
**     of its word ("TæNH" -> TỈNH, "chÖùc" -> chức), counted, and the
**     document says so in a "legacy-vni-case" warning; a title-case word
**     ("Tænh") and an all-caps one are kept as written.
**  2. VNI words pasted into a Unicode line: never converted (the line's
**     own "hoà" would read as VNI), one "legacy-partial" warning; German
**     or Spanish names in a Vietnamese line give none.
**  3. legacy-font glyphs inside Unicode text: syllables Vietnamese never
**     writes ("cơng", "phịng", "hòc", "bănh") are counted one by one,
**     possible ones ("người", "được", "khuynh", "Đăk") are not; a page
**     with repeated damage gets a "legacy-damage" warning, a clean page
**     and a long page with two scattered typos get none.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "doc.h"
#include "parse.h"
#include "text.h"
#include "text_int.h"

static text_stats st;

static char *norm(const char *s) {
  size_t n;
  return text_normalize(s, strlen(s), &n, &st);
}

/* The warning of d that starts with prefix, or NULL. */
static const char *warning(const doc *d, const char *prefix) {
  for (size_t i = 0; i < d->warnings.n; i++)
    if (strncmp(d->warnings.items[i], prefix, strlen(prefix)) == 0)
      return d->warnings.items[i];
  return NULL;
}

static doc *parse(const char *s) {
  return parse_document("t.txt", s, strlen(s), PARSE_NO_FACTS);
}

static void mixed_case_vni(void) {
  char *r = norm("ÑAûNG BOä TæNH TOå CHöùC HOäI NGHò");
  CHECK_STR(r, "ĐẢNG BỘ TỈNH TỔ CHỨC HỘI NGHỊ");
  CHECK(st.vni_lines == 1 && st.vni_case == 3);
  free(r);
  r = norm("ÑaÛng boÄ tÆnh QuaÛng Ninh toÅ chÖÙc hoÄi nghÒ");
  CHECK_STR(r, "Đảng bộ tỉnh Quảng Ninh tổ chức hội nghị");
  CHECK(st.vni_case == 3);
  free(r);
  r = norm("Tænh UÛy Quaûng Ninh - ÑAÛNG BOÄ TÆNH");
  CHECK_STR(r, "Tỉnh Ủy Quảng Ninh - ĐẢNG BỘ TỈNH");
  CHECK(st.vni_case == 0);
  free(r);
  doc *d = parse(
      "Tiêu đề bằng Unicode\n\nTænh UÛy hoäi nghò ÑAûNG BOä "
      "TæNH\n\nNội dung của bài.\n");
  CHECK(warning(d, "legacy-vni-case:") != NULL);
  doc_free(d);
}

static void partial_lines(void) {
  const char *in = "Hội nghị Ban Chaáp Haønh Ñaûng Boä Tænh hôm nay";
  char *r = norm(in);
  CHECK_STR(r, in); /* left as is */
  CHECK(st.legacy_partial == 1 && st.vni_lines == 0);
  free(r);
  r = norm("Nhà thiết kế Jörg đến từ Düsseldorf và Peña ở Tây Ban Nha");
  CHECK(st.legacy_partial == 0);
  free(r);
  doc *d = parse(
      "Tiêu đề\n\nHội nghị Ban Chaáp Haønh Ñaûng Boä Tænh "
      "diễn ra sáng nay.\n");
  CHECK(warning(d, "legacy-partial:") != NULL);
  doc_free(d);
  d = parse("Tiêu đề\n\nÔng Jörg Müller đến Hà Nội hôm qua.\n");
  CHECK(warning(d, "legacy-partial:") == NULL);
  doc_free(d);
}

static size_t bad(const char *s) {
  char ex[32];
  size_t seen;
  return text_bad_syllables(s, strlen(s), ex, sizeof ex, &seen);
}

static void syllables(void) {
  CHECK(bad("cơng") == 1);     /* ơ + ng */
  CHECK(bad("Phịng.") == 1);   /* i + ng */
  CHECK(bad("hòc") == 1);      /* grave tone + stop final */
  CHECK(bad("bănh") == 1);     /* nh after ă */
  CHECK(bad("lơnh tơc") == 2); /* nh and c after ơ */
  CHECK(bad("mâ") == 1);       /* â needs a final */
  CHECK(bad("người được trường ước khuynh hướng Đăk Lăk "
            "thương, bạch, huých, thuở, oanh, ếch, cấp, tốt, lặp") == 0);
  CHECK(bad("morning ping cơ-ng Düsseldorf 123") == 0); /* not syllables */
  char ex[32];
  size_t seen;
  CHECK(text_bad_syllables("Các cơng việc", 16, ex, sizeof ex, &seen) == 1);
  CHECK_STR(ex, "cơng");
  CHECK(seen == 3);
}

static void damage_warning(void) {
  doc *d = parse(
      "Tin tức\n\nCác đơn vị cơng an tỉnh đến Hịn Gai kiểm tra "
      "cơng tác phịng chống dịch tại các khu dân cư.\n\nLực lượng "
      "cơng an đã triển khai nhiều biện pháp.\n");
  const char *w = warning(d, "legacy-damage:");
  CHECK(w != NULL && strstr(w, "cơng") != NULL);
  doc_free(d);
  d = parse(
      "Tin tức\n\nCác đơn vị công an tỉnh đến Hòn Gai kiểm tra công "
      "tác phòng chống dịch tại các khu dân cư.\n");
  CHECK(warning(d, "legacy-damage:") == NULL);
  doc_free(d);
  /* two typos in a long page: scattered, not legacy damage */
  char big[24000] = "Tiêu đề\n\n";
  for (int i = 0; i < 120; i++)
    strcat(big, "Người dân trong tỉnh được hỗ trợ kịp thời và đầy đủ. ");
  strcat(big, "Một lỗi phẵu thuật và lýý do.\n");
  d = parse(big);
  CHECK(warning(d, "legacy-damage:") == NULL);
  doc_free(d);
}

int main(void) {
  printf("plan: mixed-case VNI, partial VNI lines, impossible syllables\n");
  mixed_case_vni();
  partial_lines();
  syllables();
  damage_warning();
  return check_done();
}
