/*
** test_parse_pages21.c — the parser on the layouts of held-out set 21
** that the earlier rules missed, each in a text written for this test
** (no page text copied).
** Plan:
**  1. Two section labels glued into one line, their space lost ("Sự kiện
**     nổi bậtTin tức"), over the headline: a banner, not the headline.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "date.h"
#include "doc.h"
#include "extract.h"
#include "parse.h"
#include "parse_check.h"

#define HEAD "Xã tổ chức ngày hội văn hóa các dân tộc vùng cao lần thứ nhất"
#define BODY                                                                             \
  "Sáng nay, gần 300 người dân trong xã đã tham gia các hoạt động văn " \
  "hóa, thể thao do Ủy ban nhân dân xã tổ chức."

/* ---- 1. two labels glued over the headline ---- */

static void test_glued_labels(void) {
  CHECK_TITLE("Sự kiện nổi bậtTin tức\n\n" HEAD "\n\n" BODY "\n", HEAD);
  CHECK_TITLE("Hoạt động cơ sởTin mới\n\n" HEAD "\n\n" BODY "\n", HEAD);
  /* one label alone over the headline, as before */
  CHECK_TITLE("Tin tức\n\n" HEAD "\n\n" BODY "\n", HEAD);
}

int main(void) {
  test_glued_labels();
  return check_done();
}
