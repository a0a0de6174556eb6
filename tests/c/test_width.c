/*
** Test plan: display width (width.c). ASCII, precomposed and decomposed
** Vietnamese, wide CJK, controls, invalid bytes; width_fit never splits
** a character and reports the width it used.
*/
#include "check.h"
#include "width.h"

static size_t w(const char *s) {
  return width_of(s, strlen(s));
}

int main(void) {
  CHECK(w("") == 0);
  CHECK(w("abc") == 3);
  CHECK(w("Quảng Ninh") == 10);
  CHECK(w("Qua\xcc\x89ng") == 5);            /* a + combining hook above */
  CHECK(w("\xe4\xb8\xad\xe6\x96\x87") == 4); /* 中文 */
  CHECK(w("a\tb") == 2);                     /* controls take 0 */
  CHECK(w("\xff") == 1);                     /* invalid byte */
  size_t used;
  const char *s = "Đảng";
  size_t k = width_fit(s, strlen(s), 2, &used);
  CHECK(used == 2);
  CHECK(k == strlen("Đả"));
  k = width_fit("\xe4\xb8\xad\xe6\x96\x87", 6, 3, &used);
  CHECK(k == 3 && used == 2);
  k = width_fit("abc", 3, 10, &used);
  CHECK(k == 3 && used == 3);
  return check_done();
}
