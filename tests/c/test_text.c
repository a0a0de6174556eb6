/*
** test_text.c — the text normaliser and UTF-8 utilities (shell/text_norm.c,
** text_legacy.c, text_utf8.c).
** Plan: UTF-8 decode/encode/validate edge cases; each repair of the
** normaliser on a hand-made input (invalid bytes, BOM, UTF-16, CRLF, NBSP,
** zero-width, controls, NFD -> NFC, doubled and detached combining marks,
** HTML entities and "TT&TT;" debris, VNI and TCVN3 mojibake, a French line
** that must not be "converted", raw Windows-1252 bytes), with the counters;
** text_normalize_str; a long single line with marks (chunked NFC path).
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "text.h"

static char got[4096];
static text_stats st;

/* normalise a C string into `got` */
static const char *norm(const char *s) {
  size_t n;
  char *r = text_normalize(s, strlen(s), &n, &st);
  snprintf(got, sizeof got, "%s", r);
  CHECK(strlen(r) == n);
  free(r);
  return got;
}

static const char *norm_n(const char *s, size_t len) {
  size_t n;
  char *r = text_normalize(s, len, &n, &st);
  snprintf(got, sizeof got, "%s", r);
  free(r);
  return got;
}

static void test_utf8(void) {
  int32_t cp;
  CHECK(text_utf8_decode("A", 1, &cp) == 1 && cp == 'A');
  CHECK(text_utf8_decode("\xe1\xbb\x99", 3, &cp) == 3 && cp == 0x1ED9);
  CHECK(text_utf8_decode("\xe1\xbb", 2, &cp) == 1 && cp == -1); /* truncated */
  CHECK(text_utf8_decode("\xc0\x80", 2, &cp) == 1 && cp == -1); /* overlong */
  CHECK(text_utf8_decode("\xed\xa0\x80", 3, &cp) == 1 &&
        cp == -1); /* surrogate */
  CHECK(text_utf8_decode("\xf4\x90\x80\x80", 4, &cp) == 1 && cp == -1);
  CHECK(text_utf8_decode("\xf0\x9f\x98\x80", 4, &cp) == 4 && cp == 0x1F600);
  char e[4];
  CHECK(text_utf8_encode(0x1ED9, e) == 3 && memcmp(e, "\xe1\xbb\x99", 3) == 0);
  CHECK(text_utf8_encode(0xD800, e) == 3); /* surrogate -> U+FFFD */
  CHECK(text_utf8_valid("Đảng bộ", strlen("Đảng bộ")));
  CHECK(!text_utf8_valid("a\xff", 2));
  CHECK(text_utf8_len("Đảng", strlen("Đảng")) == 4);
  CHECK(text_is_letter(0x1ED9) && text_is_upper(0x110) && text_is_lower('a'));
  CHECK(!text_is_letter('1') && !text_is_letter(0x300));
}

static void test_cleanup(void) {
  CHECK_STR(norm("a\xff"
                 "b"),
            "a\xef\xbf\xbd"
            "b");
  CHECK(st.invalid == 1);
  CHECK_STR(norm("\xef\xbb\xbfXin chào"), "Xin chào");
  CHECK(st.bom == 1);
  CHECK_STR(norm("một\r\nhai\rba\n"), "một\nhai\nba\n");
  CHECK(st.crlf == 2);
  CHECK_STR(norm("Toàn\xc2\xa0thành   phố  \t x"), "Toàn thành phố x");
  CHECK(st.nbsp == 1);
  CHECK_STR(norm("Quảng\xe2\x80\x8bNinh\xef\xbb\xbf"), "QuảngNinh");
  CHECK(st.zero_width == 2);
  CHECK_STR(norm("a\x01"
                 "b\x7f"
                 "c\xc2\x85"),
            "abc");
  CHECK(st.controls == 3);
  CHECK_STR(norm("  trim me  \nnext  "), "trim me\nnext");
  /* UTF-16LE with BOM: "Hà" */
  CHECK_STR(norm_n("\xff\xfeH\x00\xe0\x00", 6), "Hà");
  CHECK(st.utf16 == 1);
  /* UTF-16BE with BOM and a surrogate pair */
  CHECK_STR(norm_n("\xfe\xff\x00"
                   "a\xd8\x3d\xde\x00",
                   8),
            "a\xf0\x9f\x98\x80");
  CHECK(st.utf16 == 2);
}

static void test_nfc(void) {
  /* NFD "Việt" -> NFC */
  CHECK_STR(norm("Vie\xcc\x82\xcc\xa3t Nam"), "Việt Nam");
  CHECK(st.nfc_lines == 1);
  /* doubled dot below: thị̣ xã, đượ̣c */
  CHECK_STR(norm("thị\xcc\xa3 xã"), "thị xã");
  CHECK(st.marks == 1);
  CHECK_STR(norm("đượ\xcc\xa3"
                 "c"),
            "được");
  /* detached mark: thi ̣trường -> thị trường */
  CHECK_STR(norm("thi \xcc\xa3trường"), "thị trường");
  CHECK(st.marks == 1);
  /* detached mark after a toned word is dropped: xử lý ̀ đúng */
  CHECK_STR(norm("xử lý \xcc\x80"
                 "đúng"),
            "xử lý đúng");
  /* already NFC text is untouched and not counted */
  CHECK_STR(norm("Đại hội Đảng bộ"), "Đại hội Đảng bộ");
  CHECK(st.nfc_lines == 0 && st.marks == 0);
  /* a long line (> 16 KB) with marks everywhere goes through in pieces */
  size_t reps = 3000;
  char *big = malloc(reps * 9 + 1), *p = big;
  for (size_t i = 0; i < reps; i++) {
    memcpy(p, "Vie\xcc\x82\xcc\xa3t ", 9);
    p += 9;
  }
  *p = 0;
  size_t n;
  char *r = text_normalize(big, strlen(big), &n, &st);
  CHECK(n == reps * 7 - 1);
  CHECK(memcmp(r, "Việt Việt", 13) == 0);
  CHECK(text_utf8_valid(r, n));
  free(r);
  free(big);
}

static void test_entities(void) {
  CHECK_STR(norm("a&nbsp;b &quot;x&quot; &amp; &atilde; &#7897; &#x1EA1;"),
            "a b \"x\" & ã ộ ạ");
  CHECK(st.entities == 7);
  CHECK_STR(norm("Bộ TT&TT; và Sở NN&PTNT; Bộ GD&ĐT;"),
            "Bộ TT&TT và Sở NN&PTNT Bộ GD&ĐT");
  CHECK(st.debris == 3);
  CHECK_STR(norm("Ở &Agrave;"), "Ở À"); /* a known name is an entity */
  CHECK_STR(norm("AT&T and a & b &unknown; &amp;quot;"),
            "AT&T and a & b &unknown; \"");
}

static void test_legacy(void) {
  /* VNI-Windows shown as Latin-1 */
  CHECK_STR(norm("ÑAÛNG BOÄ THAØNH PHOÁ MOÙNG CAÙI"),
            "ĐẢNG BỘ THÀNH PHỐ MÓNG CÁI");
  CHECK(st.vni_lines == 1);
  CHECK_STR(norm("Ñaûng boä thaønh phoá Moùng Caùi"),
            "Đảng bộ thành phố Móng Cái");
  CHECK_STR(norm("ngöôøi daân"), "người dân");
  /* TCVN3 */
  CHECK_STR(norm("Céng hoµ x· héi chñ nghÜa ViÖt Nam"),
            "Cộng hoà xã hội chủ nghĩa Việt Nam");
  CHECK(st.tcvn3_lines == 1);
  /* only the mojibake line is converted */
  CHECK_STR(norm("Tin mới\n§éc lËp - Tù do - H¹nh phóc"),
            "Tin mới\nĐộc lập - Tự do - Hạnh phúc");
  /* German/French are not mojibake: flagged at most, never converted */
  CHECK_STR(norm("Müller wohnt in Köln, Straße"),
            "Müller wohnt in Köln, Straße");
  CHECK(st.vni_lines == 0 && st.tcvn3_lines == 0);
  /* real Vietnamese with Latin-1 letters is never touched */
  CHECK_STR(norm("Hoá đơn ở Huế"), "Hoá đơn ở Huế");
  CHECK(st.legacy_lines == 0);
  /* a raw single-byte (VNI) file: read as Windows-1252, then converted */
  CHECK_STR(norm("\xd1\x41\xdb\x4e\x47 \x42\x4f\xc4 \x4d\x4f\xd9\x4e\x47 "
                 "\x43\x41\xd9\x49 \x54\x48\x41\xd8\x4e\x48"),
            "ĐẢNG BỘ MÓNG CÁI THÀNH");
  CHECK(st.cp1252 == 1 && st.vni_lines == 1 && st.invalid == 0);
  /* a raw Windows-1258 file: tones are combining bytes after vowels */
  CHECK_STR(norm("Vi\xea\xf2t Nam \xf0"
                 "a\xcc N\xe3\xdeng ng\xf4\xeci"),
            "Việt Nam đà Nẵng ngối");
  CHECK(st.cp1252 == 1 && st.cp1258 == 1);
  /* Western Windows-1252 stays 1252 */
  CHECK_STR(norm("caf\xe9 na\xefve r\xe9sum\xe9 \xe0 la cr\xe8me"),
            "café naïve résumé à la crème");
  CHECK(st.cp1252 == 1 && st.cp1258 == 0);
}

static void test_str(void) {
  size_t n;
  const char *q =
      " Mo\xcc\x81ng\xc2\xa0"
      "Cái ";
  char *r = text_normalize_str(q, strlen(q), &n);
  CHECK_STR(r, "Móng Cái");
  CHECK(n == strlen("Móng Cái"));
  free(r);
  r = text_normalize_str("", 0, NULL);
  CHECK_STR(r, "");
  free(r);
}

int main(void) {
  test_utf8();
  test_cleanup();
  test_nfc();
  test_entities();
  test_legacy();
  test_str();
  return check_done();
}
