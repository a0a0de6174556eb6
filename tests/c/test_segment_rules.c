/*
** test_segment_rules.c — decoder rules added for text the lexicon was not
** tuned on (segment.c).
**
** Test plan: small lexicons of our own in a scratch data folder, invented
** sentences, and check that
**   - a person's name whose last syllable is also the first syllable of a
**     title ("Chính" of "Chính ủy") stays one name when no title follows
**     there, and still stops before a real title ("Phó Chủ tịch");
**   - a capitalised run no list knows stops at a place of the gazetteer
**     ("Phú Nhuận Cao Bằng" is two names, not one), and a person's name
**     does not start with a whole place ("Đinh Lập Hoàng Minh Tư" is a
**     place, then a name) nor inside one ("Cao Bằng Portal": "Bằng" is
**     a surname), but a name may end in one ("Lê Cao Bằng");
**   - a title of data/titles.txt that ends in the body it heads ("Chủ
**     tịch nước") is a title and a noun, not one word;
**   - a two-syllable word and the suffix "hóa" (either tone spelling)
**     make one word the lexicon lacks ("bê tông hóa"), but not where
**     "hóa" belongs to the next word ("khoa học hóa học");
**   - the bundled lexicon (scripts/build_words.py's mining rules) on
**     invented sentences: a numeral and a measure word, a degree word with
**     a gradable adjective, a quantifier and its noun, a preposition and
**     its noun, an ordinal, a time noun and a deictic or a position in
**     time are free phrases, not words; so are a classifier and its noun
**     ("cuộc gọi", "con đường", "ngọn núi"; "cuộc sống", "con người",
**     "vết thương" stay words), the start of a date ("sáng ngày", "rằm
**     tháng", "cùng kỳ năm trước") and a preposition or verb before "sự"
**     ("dưới sự lãnh đạo"; "quân sự" stays); a rare reduplicative is a
**     word ("ngùn ngụt"); words of data/words/domain.txt are known;
**     a word a function word usually precedes ("bối cảnh" after "trong")
**     is kept; both tone spellings ("hoá"/"hóa", "uỷ"/"ủy") are known;
**   - a head noun and the word it takes ("mức giá", "vùng biển", "phía
**     đông", "hộ nghèo", "cách làm", "đêm nhạc", "lễ khai mạc", "giá
**     vàng", "mưa lớn", "cơn mưa", "ngôi nhà", "giờ ngày", "nửa đầu",
**     "dự lễ", "hai nước"), a verb of change and its manner ("tăng mạnh"), "năm
**     ngoái", "lên tới" and a verb and a directional whose verb is free
**     in a third of its uses ("vươn lên", "khép lại") are free phrases, while
**     the words those heads make ("mức độ", "cách mạng", "miền núi", "giá
**     trị", "hộ chiếu", "giảm nhẹ", "ngôi sao", "mưa rào") and a bound
**     verb's ("xảy ra") stay words; the fourth group of domain.txt ("vận
**     động viên", "Nam Bộ", "tín hữu", "trang thiết bị", "hộ gia đình")
**     is known.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "segment.h"

static char dir[64];

/* A lexicon from words.txt text, titles and fixed surnames and places. */
static seg_lex *lex_of(const char *words, const char *titles) {
  char sub[128];
  snprintf(sub, sizeof sub, "%s/words", dir);
  mkdir(sub, 0700);
  check_write_file(dir, "words/words.txt", words);
  check_write_file(dir, "surnames.txt", "Lê\nHoàng\nĐinh\nBằng\n");
  check_write_file(dir, "titles.txt", titles);
  check_write_file(dir, "gazetteer.tsv",
                   "Cao Bằng\tprovince\nĐinh Lập\tdistrict\n");
  int nfiles = 0;
  seg_lex *lex = seg_lex_load(dir, &nfiles);
  CHECK(nfiles == 4);
  return lex;
}

static int collect(void *ctx, size_t from, size_t to, int nsyl, int kind) {
  char *out = ctx;
  const char *text = *(const char **)(out + 1024);
  size_t l = strlen(out);
  (void)nsyl, (void)kind;
  if (l) out[l++] = '|';
  for (size_t i = from; i < to && l < 1000; i++)
    out[l++] = text[i] == ' ' ? '_' : text[i];
  out[l] = '\0';
  return 0;
}

/* Words of s as "w1|w_2|..." (static result). */
static const char *seg(const seg_lex *lex, const char *s) {
  static char buf[1024 + sizeof(const char *)];
  memset(buf, 0, sizeof buf);
  memcpy(buf + 1024, &s, sizeof s);
  seg_words(lex, s, strlen(s), collect, buf);
  return buf;
}

static void test_name_ends_in_title_syllable(void) {
  seg_lex *lex = lex_of(
      "# total\t100000\nhọp\t500\ntrao đổi\t400\n"
      "chính\t900\nphủ\t300\nchính phủ\t800\n",
      "Chính ủy\nPhó Chủ tịch\n");
  CHECK_STR(seg(lex, "ông Lê Quang Chính trao đổi"),
            "ông|Lê_Quang_Chính|trao_đổi");
  CHECK_STR(seg(lex, "gặp Hoàng Minh Chính, rồi họp"),
            "gặp|Hoàng_Minh_Chính|rồi|họp");
  CHECK_STR(seg(lex, "ông Đinh Văn Phó họp"), "ông|Đinh_Văn_Phó|họp");
  /* a real title after the name still ends it */
  CHECK_STR(seg(lex, "ông Lê Quang Chính ủy trao đổi"),
            "ông|Lê_Quang|Chính_ủy|trao_đổi");
  CHECK_STR(seg(lex, "ông Đinh Văn Tư Phó Chủ tịch họp"),
            "ông|Đinh_Văn_Tư|Phó_Chủ_tịch|họp");
  seg_lex_free(lex);
}

static void test_run_stops_at_place(void) {
  seg_lex *lex = lex_of(
      "# total\t100000\nđội\t500\nthắng\t400\nxã\t600\n"
      "họp\t500\nông\t900\n",
      "Phó Chủ tịch\n");
  CHECK_STR(seg(lex, "đội Phú Nhuận Cao Bằng thắng"),
            "đội|Phú_Nhuận|Cao_Bằng|thắng");
  CHECK_STR(seg(lex, "đội Cao Bằng Phú Nhuận thắng"),
            "đội|Cao_Bằng|Phú_Nhuận|thắng");
  CHECK_STR(seg(lex, "xã Đinh Lập Hoàng Minh Tư họp"),
            "xã|Đinh_Lập|Hoàng_Minh_Tư|họp");
  /* no name starts inside a place ("Bằng" is a surname) */
  CHECK_STR(seg(lex, "đội Cao Bằng Portal thắng"), "đội|Cao_Bằng|Portal|thắng");
  /* a run that is the place itself, a name ending in one */
  CHECK_STR(seg(lex, "đội Cao Bằng thắng"), "đội|Cao_Bằng|thắng");
  CHECK_STR(seg(lex, "ông Lê Cao Bằng họp"), "ông|Lê_Cao_Bằng|họp");
  seg_lex_free(lex);
}

static void test_title_before_body(void) {
  seg_lex *lex = lex_of(
      "# total\t100000\nchủ tịch\t500\nnước\t900\n"
      "giám đốc\t400\nhọp\t500\n",
      "Chủ tịch nước\nPhó Giám đốc\n");
  CHECK_STR(seg(lex, "Chủ tịch nước Lê Văn Tư họp"),
            "Chủ_tịch|nước|Lê_Văn_Tư|họp");
  CHECK_STR(seg(lex, "Phó Giám đốc họp"), "Phó_Giám_đốc|họp");
  seg_lex_free(lex);
}

static void test_hoa_suffix(void) {
  seg_lex *lex = lex_of(
      "# total\t100000\nbê tông\t50\nhóa\t300\n"
      "hoá\t100\nđường\t900\nkhoa học\t400\n"
      "hóa học\t200\nhọc\t2000\nlàng\t500\n",
      "Chính ủy\n");
  CHECK_STR(seg(lex, "bê tông hóa đường làng"), "bê_tông_hóa|đường|làng");
  CHECK_STR(seg(lex, "bê tông hoá đường"), "bê_tông_hoá|đường");
  CHECK_STR(seg(lex, "khoa học hóa học"), "khoa_học|hóa_học");
  CHECK_STR(seg(lex, "làng hóa"), "làng|hóa");
  seg_lex_free(lex);
}

static void test_bundled_phrases(void) {
  const seg_lex *lex = seg_lex_default();
  CHECK(lex != NULL);
  if (!lex) return;
  CHECK_STR(seg(lex, "họ đã chờ sáu tháng để vay hai tỷ đồng"),
            "họ|đã|chờ|sáu|tháng|để|vay|hai|tỷ|đồng");
  /* "ngôi" is a classifier too: "ngôi nhà" is free, as the gold sets
     write it */
  CHECK_STR(seg(lex, "ngọn núi này cao nhất và ngôi nhà cao hơn"),
            "ngọn|núi|này|cao|nhất|và|ngôi|nhà|cao|hơn");
  CHECK_STR(seg(lex, "con đường rất đẹp"), "con|đường|rất|đẹp");
  CHECK_STR(seg(lex, "nhiều người đi bộ trên mạng"),
            "nhiều|người|đi_bộ|trên|mạng");
  CHECK_STR(seg(lex, "phát triển theo hướng xanh"),
            "phát_triển|theo|hướng|xanh");
  CHECK_STR(seg(lex, "năm nay mưa nhiều hơn tuần qua"),
            "năm|nay|mưa|nhiều|hơn|tuần|qua");
  CHECK_STR(seg(lex, "lần thứ 2 đứng thứ 5 trong sáu tháng đầu năm"),
            "lần|thứ|2|đứng|thứ|5|trong|sáu|tháng|đầu|năm");
  /* a classifier and its noun, the start of a date, "sự" after a verb */
  CHECK_STR(seg(lex, "sau cuộc gọi và chuyến thăm"),
            "sau|cuộc|gọi|và|chuyến|thăm");
  CHECK_STR(seg(lex, "vết đâm ở làn đường"), "vết|đâm|ở|làn|đường");
  CHECK_STR(seg(lex, "sáng ngày 5/3, rằm tháng Giêng"),
            "sáng|ngày|5/3|rằm|tháng|Giêng");
  CHECK_STR(seg(lex, "tăng so với cùng kỳ năm trước"),
            "tăng|so_với|cùng_kỳ|năm|trước");
  CHECK_STR(seg(lex, "dưới sự lãnh đạo"), "dưới|sự|lãnh_đạo");
  /* words that survive the phrase rules */
  CHECK_STR(seg(lex, "tỷ lệ thống nhất"), "tỷ_lệ|thống_nhất");
  CHECK_STR(seg(lex, "cuộc sống của con người"), "cuộc_sống|của|con_người");
  CHECK_STR(seg(lex, "niềm tin và vết thương"), "niềm_tin|và|vết_thương");
  CHECK_STR(seg(lex, "hoạt động quân sự"), "hoạt_động|quân_sự");
  /* a reduplicative too rare for the pair counts */
  CHECK_STR(seg(lex, "đám cháy bùng lên ngùn ngụt"),
            "đám|cháy|bùng|lên|ngùn_ngụt");
}

static void test_bundled_words(void) {
  const seg_lex *lex = seg_lex_default();
  CHECK(lex != NULL);
  if (!lex) return;
  CHECK_STR(seg(lex, "trong bối cảnh mới"), "trong|bối_cảnh|mới");
  CHECK_STR(seg(lex, "nền văn hoá và văn hóa"), "nền|văn_hoá|và|văn_hóa");
  CHECK_STR(seg(lex, "Tỉnh uỷ và Tỉnh ủy"), "Tỉnh_uỷ|và|Tỉnh_ủy");
  CHECK_STR(seg(lex, "sức khoẻ tốt"), "sức_khoẻ|tốt");
  /* a run led by a surname may end in a place (the bundled gazetteer
     has "Hồng Hà"): a given name */
  CHECK_STR(seg(lex, "ông Nguyễn Hồng Hà nói"), "ông|Nguyễn_Hồng_Hà|nói");
  /* data/words/domain.txt */
  CHECK_STR(seg(lex, "Giáo hội Phật giáo cử hành đại lễ"),
            "Giáo_hội|Phật_giáo|cử_hành|đại_lễ");
  CHECK_STR(seg(lex, "thế nhưng người nhà vẫn chờ"),
            "thế_nhưng|người_nhà|vẫn|chờ");
  /* build_words.py: "và", "của" end no word; "cho" and whom it is for
     is free, the verbs it makes are words */
  CHECK_STR(seg(lex, "ở mức 1.240 USD/ounce và giảm"),
            "ở|mức|1.240|USD|ounce|và|giảm");
  CHECK_STR(seg(lex, "xem website của tỉnh"), "xem|website|của|tỉnh");
  CHECK_STR(seg(lex, "dành thời gian cho con"), "dành|thời_gian|cho|con");
  CHECK_STR(seg(lex, "ngân hàng cho vay và cho phép"),
            "ngân_hàng|cho_vay|và|cho_phép");
}

/* build_words.py's head nouns, verbs of change and bound directionals,
   on sentences of our own. */
static void test_bundled_heads(void) {
  const seg_lex *lex = seg_lex_default();
  CHECK(lex != NULL);
  if (!lex) return;
  /* a head noun and the word it takes are free */
  CHECK_STR(seg(lex, "mức giá ở vùng biển phía đông"),
            "mức|giá|ở|vùng|biển|phía|đông");
  CHECK_STR(seg(lex, "hộ nghèo tìm cách làm giàu"),
            "hộ|nghèo|tìm|cách|làm_giàu");
  CHECK_STR(seg(lex, "đêm nhạc sau lễ khai mạc"), "đêm|nhạc|sau|lễ|khai_mạc");
  CHECK_STR(seg(lex, "giá vàng tăng mạnh so với năm ngoái"),
            "giá|vàng|tăng|mạnh|so_với|năm|ngoái");
  CHECK_STR(seg(lex, "các bản vùng núi phía bắc"), "các|bản|vùng|núi|phía|bắc");
  /* the words those heads make stay words */
  CHECK_STR(seg(lex, "mức độ của cách mạng ở miền núi"),
            "mức_độ|của|cách_mạng|ở|miền_núi");
  CHECK_STR(seg(lex, "giá trị của hộ chiếu giảm nhẹ"),
            "giá_trị|của|hộ_chiếu|giảm_nhẹ");
  /* a verb and a directional: free unless the verb is bound */
  CHECK_STR(seg(lex, "họ vươn lên rồi khép lại"), "họ|vươn|lên|rồi|khép|lại");
  CHECK_STR(seg(lex, "sự cố xảy ra"), "sự_cố|xảy_ra");
  /* weather and its strength, hours, halves, classifiers "cơn", "ngôi" */
  CHECK_STR(seg(lex, "cơn mưa lớn và gió mạnh"), "cơn|mưa|lớn|và|gió|mạnh");
  CHECK_STR(seg(lex, "17 giờ ngày 5/3 bão số 3 đổ bộ"),
            "17|giờ|ngày|5/3|bão|số|3|đổ_bộ");
  CHECK_STR(seg(lex, "nửa đầu năm nay dự lễ ở ngôi nhà"),
            "nửa|đầu|năm|nay|dự|lễ|ở|ngôi|nhà");
  CHECK_STR(seg(lex, "lên tới 5 tỷ đồng"), "lên|tới|5|tỷ|đồng");
  /* a numeral and the noun it counts */
  CHECK_STR(seg(lex, "hai nước ký hai mươi văn bản"),
            "hai|nước|ký|hai_mươi|văn_bản");
  CHECK_STR(seg(lex, "ngôi sao trong mưa rào"), "ngôi_sao|trong|mưa_rào");
}

/* domain.txt's fourth group (religion, health, sport, weather, regions,
   common words), on sentences of our own. */
static void test_bundled_domain4(void) {
  const seg_lex *lex = seg_lex_default();
  CHECK(lex != NULL);
  if (!lex) return;
  CHECK_STR(seg(lex, "vận động viên Nam Bộ và tín hữu"),
            "vận_động_viên|Nam_Bộ|và|tín_hữu");
  CHECK_STR(seg(lex, "trang thiết bị cho hộ gia đình"),
            "trang_thiết_bị|cho|hộ_gia_đình");
}

int main(void) {
  snprintf(dir, sizeof dir, "/tmp/tinsh-segrulesXXXXXX");
  if (!mkdtemp(dir)) return perror("mkdtemp"), 1;
  test_name_ends_in_title_syllable();
  test_run_stops_at_place();
  test_title_before_body();
  test_hoa_suffix();
  test_bundled_phrases();
  test_bundled_words();
  test_bundled_heads();
  test_bundled_domain4();
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  if (system(cmd) != 0) perror("rm");
  return check_done();
}
