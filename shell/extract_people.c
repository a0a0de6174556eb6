/*
** extract_people.c — people with their titles: "đồng chí Lê Văn Ánh, Tỉnh
** ủy viên, Bí thư Thành ủy Móng Cái", "Bí thư Tỉnh ủy Nguyễn Xuân Ký".
**
** A name is 2–4 capitalised syllables whose first is a surname of
** data/surnames.txt and which is not a place of the gazetteer. A name is a
** person only in context: after "đồng chí/ông/bà", right after a title
** (titles.txt, however many words it has: "Thủ tướng Chính phủ Phạm Minh
** Chính"), or followed by ", <title>", " - <title>" or a link of
** data/title-links.txt ("được bầu làm <title>"); also after a role of
** data/person-roles.txt ("bị cáo"), before an age ("(28 tuổi"), or after
** a baptismal name, which joins it ("Giuse Nguyễn Viết Hiệp"). Every
** name-shaped run is also remembered so that the mention count includes
** bare later mentions.
*/
#include <string.h>

#include "extract_int.h"
#include "extract_person.h"

/* word lists from data/ (lexicon.h), set up by extract_people_init */
static xwords ws_title_words;
#define LIST_MAX 16 /* the names of one list a linked title is shared by */

static xphrases numbered_units; /* data/numbered-units.txt: "Quân khu" */
static xphrases title_ends;     /* data/title-ends.txt: "phát biểu" */
static xphrases not_person;  /* data/not-person-after.txt: "Trường THPT" */
static xphrases admin_units; /* place-prefixes.tsv keys: "huyện", "xã" */
static xphrases title_orgs;  /* data/title-orgs.txt: "ban tổ chức" */
static xphrases rank_titles; /* data/rank-titles.txt: "Luật sư", "Đại tá" */
static const char *admin_keys[XT_PHRASES_MAX];
/* their indices (extract_phr.c), for the lookups at every token */
static xpindex ix_admin, ix_numbered, ix_ends, ix_orgs, ix_ranks, ix_not_person;

static int in_list(const xsent *x, size_t i, const xwords *ws) {
  return xt_in(x, i, ws);
}

static int name_at(const xsent *x, size_t i) {
  return xn_name_run(x, i, 0);
}

/* xo_names_a_thing with this file's lists. */
static int names_a_thing(const xsent *x, size_t i, int k) {
  return xo_names_a_thing(x, i, k, &ix_not_person, &ix_admin);
}

/* Is token j a capitalised word that starts no title head nor a name?
** Such a word continues an organisation's name after a connector. */
static int org_word(const xsent *x, size_t j) {
  return j < x->n && x->t[j].type == T_WORD &&
         (x->t[j].flags & (TF_UPPER | TF_CAPS)) && !xn_head_in(x, j) &&
         !name_at(x, j) && !xn_honorific_in(x, j);
}

/* May a title go on at token k (the end, punctuation, a capitalised word
** or a word of title-words.txt)? Else a connector before k's word would
** cut a word in two ("Cấp cứu – Hồi sức"). */
static int title_goes_on(const xsent *x, size_t k) {
  return k >= x->n || x->t[k].type != T_WORD ||
         (x->t[k].flags & (TF_UPPER | TF_CAPS)) ||
         in_list(x, k, &ws_title_words);
}

/* Does an administrative unit's name end at token j ("xã Hoằng Tiến",
** "huyện Yên Thế": an admin word, then 1..3 capitalised words)? */
static int admin_before(const xsent *x, size_t j) {
  size_t b = j;
  while (b > 0 && j - b < 3 && x->t[b - 1].type == T_WORD &&
         (x->t[b - 1].flags & (TF_UPPER | TF_CAPS)))
    b--;
  return b < j && xpi_before(x, b, &ix_admin, 0) > 0;
}

/*
** The tokens of a part in brackets at token j that belongs to a title:
** an abbreviation the title goes on after ("Liên đoàn lao động (LĐLĐ)
** tỉnh") or an administrative
** unit ("TAND huyện Phước Long (tỉnh Bạc Liêu)": a unit word, then 1-4
** capitalised words), glued inside its brackets and with no name after
** it; else 0.
*/
static size_t bracketed_part(const xsent *x, size_t j) {
  if (!xt_punct(x, j, '(') || j + 2 >= x->n || (x->t[j + 1].flags & TF_SPACE))
    return 0;
  size_t e = j + 1;
  int abbr = (x->t[e].flags & TF_CAPS) != 0;
  if (abbr)
    e++;
  else {
    size_t a = xpi_in(x, e, &ix_admin, 0);
    if (!a) return 0;
    e += a;
    size_t c = e;
    while (e < x->n && e - c < 4 && x->t[e].type == T_WORD &&
           (x->t[e].flags & TF_UPPER))
      e++;
    if (e == c) return 0;
  }
  if (!xt_punct(x, e, ')') || (x->t[e].flags & TF_SPACE)) return 0;
  /* not between the title and its name ("Thống đốc Ngân hàng Nhà nước
  ** (NHNN) Lê Minh Hưng": titles_before skips it there) */
  e++;
  if (e < x->n && (name_at(x, e) || xn_honorific_in(x, e) || xf_name_run(x, e)))
    return 0;
  /* an abbreviation only inside the title: at its end it is the name's
  ** short form, no part of the post ("… Việt Nam (VCCI) cho biết") */
  if (abbr &&
      (e >= x->n || x->t[e].type != T_WORD || !title_goes_on(x, e) ||
       xt_is(x, e, "và") || (e + 1 < x->n && x->t[e + 1].type == T_NUM)))
    return 0; /* nor before "và" or a date: "(ABBANK) | Năm 2017, …" */
  return e - j;
}

/*
** Tokens of a connector inside an organisation's name at token j, or 0:
** a dash written apart before a capitalised word that starts no title
** ("Ban Kinh tế - Ngân sách", but "Tỉnh ủy - Chủ tịch UBND" is two
** titles), "của" before one ("Ủy ban Xã hội của Quốc hội"), or a comma
** before capitalised words joined by "và" ("Sở Văn hóa, Thể thao và Du
** lịch") or between administrative units ("UBND xã Hoằng Tiến, huyện
** Hoằng Hóa"), or the dot of an abbreviation, glued to capitals on both
** sides ("Ủy ban T.Ư MTTQ", "UBND TP.HCM") or of "TP." before a city of
** the gazetteer ("UBND TP. Hồ Chí Minh").
*/
static int ends_org_word(const xsent *x, size_t j);

static size_t title_glue(const xsent *x, size_t j) {
  size_t b = bracketed_part(x, j);
  if (b) return b;
  /* "Phó Chỉ huy trưởng kiêm Tham mưu trưởng …": one post held with
  ** another, one title (the glue takes the second head too: a head after
  ** a lower-case word would end the title, lower_then_head) */
  if (xt_is(x, j, "kiêm") && j + 1 < x->n) { /* also "… kiêm tổng thư ký" */
    size_t p = (size_t)xt_isci(x, j + 1, "phó");
    int h = xn_lookup(x, j + 1 + p, XN_TITLES);
    if (h) return 1 + p + (size_t)h;
  }
  /* "tỉnh Bà Rịa-Vũng Tàu": a hyphen glued between capitalised words of
  ** a name, the first Vietnamese (not a foreign name: "Jean-Yves") */
  if (xt_punct(x, j, '-') && !(x->t[j].flags & TF_SPACE) && j > 0 &&
      x->t[j - 1].type == T_WORD && (x->t[j - 1].flags & TF_UPPER) &&
      j + 1 < x->n && !(x->t[j + 1].flags & TF_SPACE) && org_word(x, j + 1) &&
      xn_viet_at(x, j - 1))
    return 1;
  if (xt_punct(x, j, '.') && !(x->t[j].flags & TF_SPACE) && j > 0 &&
      (x->t[j - 1].flags & TF_UPPER) && x->t[j - 1].len <= 3 && j + 1 < x->n &&
      x->t[j + 1].type == T_WORD && !(x->t[j + 1].flags & TF_SPACE) &&
      (x->t[j + 1].flags & TF_UPPER))
    return 1;
  /* "UBND TP. Hồ Chí Minh": the city after "TP." and a space */
  if (xt_punct(x, j, '.') && !(x->t[j].flags & TF_SPACE) && j > 0 &&
      (xt_is(x, j - 1, "TP") || xt_is(x, j - 1, "Tp")) &&
      xn_lookup(x, j + 1, XN_PLACES))
    return 1;
  /* "Sở GD&ĐT", "Bộ LĐ-TB&XH": '&' or '-' glued between capitals */
  if ((xt_punct(x, j, '&') || xt_punct(x, j, '-')) &&
      !(x->t[j].flags & TF_SPACE) && j > 0 && (x->t[j - 1].flags & TF_CAPS) &&
      j + 1 < x->n && x->t[j + 1].type == T_WORD &&
      !(x->t[j + 1].flags & TF_SPACE) && (x->t[j + 1].flags & TF_CAPS))
    return 1;
  if ((xt_punct(x, j, '-') || xt_punct(x, j, 0x2013) || xt_punct(x, j, '&')) &&
      (x->t[j].flags & TF_SPACE) && org_word(x, j + 1) &&
      (title_goes_on(x, j + 2) || ends_org_word(x, j + 2)))
    return 1; /* also "Sở Văn hóa & Thể thao", "Ban Tôn giáo - Dân tộc" */
  /* "Sở VH, TT&DL": a comma between abbreviations, the second glued */
  if (xt_punct(x, j, ',') && j > 0 && (x->t[j - 1].flags & TF_CAPS) &&
      j + 2 < x->n && (x->t[j + 1].flags & TF_CAPS) &&
      (xt_punct(x, j + 2, '&') || xt_punct(x, j + 2, '-')) &&
      title_glue(x, j + 2))
    return 1;
  if (xt_is(x, j, "của") && org_word(x, j + 1) && title_goes_on(x, j + 2))
    return 1;
  if (xt_punct(x, j, ',') && j + 1 < x->n) { /* "xã A, huyện B" */
    size_t a = xpi_in(x, j + 1, &ix_admin, 0);
    if (a && org_word(x, j + 1 + a) && admin_before(x, j)) return 1 + a;
  }
  if (!xt_punct(x, j, ',') || !org_word(x, j + 1)) return 0;
  for (size_t k = j + 1; k < x->n && k - j < 8; k++) {
    if (x->t[k].type != T_WORD) return 0;
    if (xt_is(x, k, "và")) return org_word(x, k + 1);
    if (!(x->t[k].flags & (TF_UPPER | TF_CAPS)) &&
        !in_list(x, k, &ws_title_words))
      return 0;
  }
  return 0;
}

/* Does the segmenter read tokens j-1 and j, written apart, as one word?
** (a title ending at j would cut that word in two) */
static int splits_word(const xsent *x, size_t j) {
  return j > 0 && j < x->n && x->t[j].type == T_WORD &&
         x->t[j - 1].type == T_WORD && (x->t[j].flags & TF_SPACE) &&
         xt_first_word(x, j - 1, j + 1) == 2;
}

/* Is token j a lower-case syllable that ends a word begun by the
** capitalised token before it ("Công ty Cổ phần", "Cục Khảo thí", "Hội
** đồng")? Then an organisation's name goes on through it. */
static int ends_org_word(const xsent *x, size_t j) {
  return j > 0 && (x->t[j - 1].flags & TF_UPPER) &&
         !(x->t[j - 1].flags & TF_CAPS) && splits_word(x, j);
}

/* Is token j the number of a unit inside a title ("Tư lệnh Quân khu 1",
** "Phòng Cảnh sát 113"): at most 3 digits after a word of the title,
** and then no lower-case word ("Tỉnh ủy Nghệ An 5 năm" ends before it)? */
static int unit_number(const xsent *x, size_t j) {
  if (!(j > 0 && j < x->n && x->t[j].type == T_NUM && x->t[j].len <= 3 &&
        x->t[j - 1].type == T_WORD))
    return 0;
  /* after an administrative or a numbered unit it is the unit's: "Bí
  ** thư Quận ủy quận 8 | phát biểu", "Tư lệnh Quân khu 7 | trao" */
  return j + 1 >= x->n || x->t[j + 1].type != T_WORD ||
         (x->t[j + 1].flags & (TF_UPPER | TF_CAPS)) ||
         xpi_before(x, j, &ix_admin, 0) || xpi_before(x, j, &ix_numbered, 1);
}

/* Does a title head start at token j after a lower-case word ("Bộ trưởng
** Công an giao Đại tá Đỗ Đức Trịnh": a verb, then another person's
** rank)? */
static int lower_then_head(const xsent *x, size_t j) {
  return j > 0 && x->t[j - 1].type == T_WORD &&
         !(x->t[j - 1].flags & (TF_UPPER | TF_CAPS)) &&
         (x->t[j].flags & TF_UPPER) && xn_head_in(x, j);
}

/* The words of a title-orgs.txt phrase at token b (xpi_in, either case),
** asked once per token: org_phrase asks the words before each lower-case
** word of a title, the same ones for the next word. */
static size_t org_at(const xsent *x, size_t b) {
  uint8_t *a = xn_memo_own(x, XN_MEMO_ORG_PHRASE, b);
  if (a && *a) return *a - 1u;
  size_t o = xpi_in(x, b, &ix_orgs, 1);
  if (a && o < 255) *a = (uint8_t)(o + 1);
  return o;
}

/* The end of a title-orgs.txt phrase that covers token j and starts in
** the title (after token i), up to three tokens before j ("Ban | tổ
** chức", "Điều phối nông thôn | mới"), or 0. */
static size_t org_phrase(const xsent *x, size_t i, size_t j) {
  for (size_t b = j > i + 3 ? j - 3 : i + 1; b <= j; b++) {
    size_t o = org_at(x, b);
    if (o && b + o > j) return b + o;
  }
  return 0;
}

/* The longest title read, in tokens ("Phó Chánh Văn phòng Thường trực
** Văn phòng điều phối Chương trình xây dựng nông thôn mới Hà Nội": 19) */
#define TITLE_MAX_WORDS 24

/* A title starting at token i: a titles.txt head then words allowed in a
** title ("và" only before a capitalised word) and connectors inside an
** organisation's name; "nguyên" or "cựu" (former, in any case) and
** "tân" (newly appointed, in lower case: "Tân" opens names and places)
** before the head are part of it. Returns the end token (exclusive) or i when
** none. */
static inline int spaced_dash(const xsent *x, size_t j);

/* Is the title head at h (k tokens) a rank of rank-titles.txt followed by
** a lone given name: one capitalised Vietnamese syllable, then a
** lower-case word not before a capital ("Thủy quân Lục chiến"), the two
** no word, not a place or country ("…, luật sư Tâm đã phải …")? The
** title is then that person's. */
static int given_name_after(const xsent *x, size_t h, int k) {
  size_t j = h + (size_t)k;
  const unsigned caps = TF_UPPER | TF_CAPS | TF_DIGITS;
  if (xpi_in(x, h, &ix_ranks, 1) != (size_t)k || j + 1 >= x->n ||
      x->t[j].type != T_WORD || x->t[j + 1].type != T_WORD ||
      (x->t[j].flags & caps) != TF_UPPER || (x->t[j + 1].flags & caps) ||
      (j + 2 < x->n && (x->t[j + 2].flags & TF_UPPER)))
    return 0;
  return xn_viet_at(x, j) && xt_first_word(x, j, j + 2) < 2 &&
         !xf_country_at(x, j) && !xn_lookup(x, j, XN_PLACES);
}

static size_t title_find(const xsent *x, size_t i) {
  /* no title head starts at a word without TR_HEAD (a superset of the
  ** titles' first words, "Phó", "nguyên", "cựu" and "tân" among them):
  ** most tokens stop here */
  if (i >= x->n || !(x->t[i].trig & TR_HEAD)) return i;
  size_t q = (size_t)(xt_isci(x, i, "nguyên") || xt_isci(x, i, "cựu") ||
                      xt_is(x, i, "tân"));
  int k = xn_lookup(x, i + q, XN_TITLES);
  /* a degree (degrees.txt) takes no organisation after it */
  int d = xn_lookup(x, i + q, XN_DEGREES);
  if (d > k) return i + q + (size_t)d;
  size_t m = xn_monastic_at(x, i + q); /* "HT. Thích …": no organisation */
  if (m > (size_t)k) return i + q + m;
  if (xt_isci(x, i + q, "phó")) { /* "Phó" before any head, the longest: */
    int k2 = xn_lookup(x, i + q + 1, XN_TITLES);
    if (k2 && k2 + 1 > k) k = k2 + 1; /* "Phó | Bí thư chi bộ" */
  }
  if (!k || given_name_after(x, i + q, k)) return i;
  k += (int)q;
  size_t j = i + (size_t)k, kept = j, hk = j; /* no trailing cut before kept;
                                               ** hk: the head's end */
  while (j < x->n && j - i < TITLE_MAX_WORDS) {
    size_t g = title_glue(x, j);
    if (g) {
      j += g;
      continue;
    }
    if (unit_number(x, j)) {
      j++;
      continue;
    }
    if (x->t[j].type != T_WORD) break;
    size_t o = x->t[j].flags & (TF_UPPER | TF_CAPS) ? 0 : org_phrase(x, i, j);
    if (o > j) { /* "Ban tổ chức": the committee, not the verb */
      j = kept = o;
      continue;
    }
    if (lower_then_head(x, j) && !ends_org_word(x, j - 1)) {
      if (!xpi_in(x, j - 1, &ix_admin, 0))
        j--; /* "… Công an giao | Đại tá": the verb or "và" goes */
      break; /* ("Văn phòng Chủ tịch nước" goes on) */
    }
    const tok *t = &x->t[j];
    /* a title-end phrase ends it even where the segmenter would join
    ** its first word to the name before ("quận Hai Bà Trưng | cho biết") */
    if (!(t->flags & (TF_UPPER | TF_CAPS)) &&
        (xpi_in(x, j, &ix_ends, 0) ||
         (!in_list(x, j, &ws_title_words) && !ends_org_word(x, j)))) {
      size_t r = xo_org_tail(x, j, &admin_units, &title_ends);
      if (r <= j) break;
      j = kept = r; /* "Văn phòng | chương trình tiêm chủng | quốc gia" */
      continue;
    }
    if (xt_is(x, j, "và") &&
        !(j + 1 < x->n && (x->t[j + 1].flags & (TF_UPPER | TF_CAPS))))
      break;
    /* a capitalised run ending in a name is that name, not the title,
    ** unless it names the school or company of the title */
    /* a capitalised honorific or role before a name ends the title ("…
    ** Khí tượng thủy văn quốc gia | Ông Lê Thanh Hải", "Tổng thư ký LHQ |
    ** Ngài Antonio Guterres", "Chủ tịch HĐQT và | Thầy Đặng Văn Phúc") */
    size_t h = 0;
    if (t->flags & TF_UPPER) {
      h = xn_honorific_in(x, j);
      if (!h) h = xn_role_in(x, j);
    }
    if (h && (name_at(x, j + h) || xf_after_honorific(x, j, j + h))) break;
    int k = name_at(x, j);
    if (k && !names_a_thing(x, j, k)) break;
    if (xn_caps_name(x, j) >= 3) break; /* "… Đức Phổ TRẦN PHƯỚC HIỀN" */
    if (xf_in_title(x, j, hk)) break; /* "… nước Lào | Thongloun Sisoulith" */
    if ((t->flags & TF_UPPER) && xn_baptised_at(x, j)) {
      if (j > i + 1 && spaced_dash(x, j - 1)) j--; /* "… Phú Thọ - Phaolô" */
      break; /* "Cha xứ | Giu-se Trần Viết Tiềm" */
    }
    j++;
  }
  /* "Phó Bí thư ... và" — no trailing "và"/"phát" */
  while (j > kept && (xt_is(x, j - 1, "và") || xt_is(x, j - 1, "phát"))) j--;
  /* nor a lower-case word cut in two: "… tỉnh chính | thức", "Thủy Lợi
  ** đồng | ý" end before it (once, and not before a capitalised word:
  ** "Ngoại giao | Lưu Chấn Dân" is a title, then a name) */
  if (j > kept && j < x->n && !(x->t[j - 1].flags & (TF_UPPER | TF_CAPS)) &&
      !(x->t[j].flags & (TF_UPPER | TF_CAPS)) && splits_word(x, j))
    j--;
  return j;
}

/* title_find, asked once per token (title_ending asks it for up to
** TITLE_MAX_WORDS tokens before a name, again for each title of a chain) */
static size_t title_at(const xsent *x, size_t i) {
  if (i >= x->n) return title_find(x, i);
  if (x->titles[i] == 0xFF) {
    size_t j = title_find(x, i);
    if (j - i >= 0xFF) return j;
    x->titles[i] = (uint8_t)(j - i);
  }
  return i + x->titles[i];
}

/* Token s, or the "(" of an abbreviation in brackets just before it
** ("Tổng Bí thư (TBT) Tô Lâm"): the title ends there. */
/* Is token j a dash written apart ("A - B")? */
static inline __attribute__((always_inline)) int spaced_dash(const xsent *x,
                                                             size_t j) {
  return (xt_punct(x, j, '-') || xt_punct(x, j, 0x2013)) &&
         (x->t[j].flags & TF_SPACE) && j + 1 < x->n &&
         (x->t[j + 1].flags & TF_SPACE);
}

/* Can a title end right before token j: a lower-case word, an
** abbreviation or a number ("UBND tỉnh", "Quận 8") or a place of the
** gazetteer ("Tỉnh ủy Quảng Ninh") -- not capitalised words that may be
** a name? */
static int title_end_before(const xsent *x, size_t j) {
  if (j == 0) return 0;
  const tok *t = &x->t[j - 1];
  if (t->type == T_NUM || (t->type == T_WORD && (t->flags & TF_CAPS)) ||
      (t->type == T_WORD && !(t->flags & TF_UPPER)))
    return 1;
  for (size_t b = j > 4 ? j - 4 : 0; b < j; b++)
    if ((size_t)xn_lookup(x, b, XN_PLACES) == j - b) return 1;
  return 0;
}

static inline __attribute__((always_inline)) size_t skip_abbrev(const xsent *x,
                                                                size_t s) {
  if (s >= 3 && xt_punct(x, s - 1, ')') && xt_punct(x, s - 3, '(') &&
      (x->t[s - 2].flags & TF_CAPS))
    return s - 3;
  /* "PGS.TS. Trần Bá Tiến": a degree's own dot (xt_tokenize ends no
  ** sentence there) */
  if (s >= 2 && xt_punct(x, s - 1, '.') && !(x->t[s - 1].flags & TF_SPACE) &&
      (x->t[s].flags & TF_SPACE) && x->t[s - 2].type == T_WORD &&
      (x->t[s - 2].flags & TF_UPPER) && x->t[s - 2].len <= 6)
    return s - 1;
  return s;
}

/* Is the title starting at token b shared by a list of names: "các"
** or "những" before it, or before the honorific or "cố" (late) before
** it ("các đồng chí Phó Chủ tịch UBND tỉnh Cao Tường Huy, Nghiêm Xuân
** Cường", "các cố Tổng Bí thư Hà Huy Tập, Lê Duẩn")? */
static int plural_before(const xsent *x, size_t b) {
  if (b > 0 && xt_is(x, b - 1, "cố")) b--; /* "các cố Tổng Bí thư" */
  b -= xn_honorific_before(x, b);
  return b > 0 && (xt_isci(x, b - 1, "các") || xt_isci(x, b - 1, "những"));
}

/* The first token of the longest title that ends at token `end` (a
** title head "Thủ tướng" may start inside "Thủ tướng Chính phủ"), or
** `end` when none does. */
static size_t title_ending(const xsent *x, size_t end) {
  size_t best = end;
  for (size_t b = end; b > 0 && end - b < TITLE_MAX_WORDS; b--) {
    size_t p = b - 1;
    if (x->t[p].type != T_WORD) {
      if ((xt_punct(x, p, '.') || xt_punct(x, p, '&') || xt_punct(x, p, '-') ||
           xt_punct(x, p, 0x2013)) &&
          title_glue(x, p))
        continue; /* "T.Ư", "GD&ĐT", "LĐ-TB&XH", "Tôn giáo - Dân tộc" */
      if (unit_number(x, p)) continue; /* "Quân khu 1" */
      /* a degree written apart: "PGS. TS", "GS - TS" (one title) */
      if (p > 0 && (xt_punct(x, p, '.') || xt_punct(x, p, '-')) &&
          title_at(x, p - 1) == end) {
        best = p - 1, b--;
        continue;
      }
      break;
    }
    /* no title starts at a word without TR_HEAD (title_find's first
    ** test): title_at is p there, not end */
    if ((x->t[p].trig & TR_HEAD) && title_at(x, p) == end) best = p;
  }
  return best;
}

/* Does a name after an honorific and no title ("ông A") end right
** before token j? */
static int untitled_name_before(const xsent *x, size_t j) {
  size_t a = xn_name_ending_at(x, j);
  size_t h = a < j ? xn_honorific_before(x, a) : 0;
  return h && title_ending(x, a - h) == a - h;
}

/* Does token j open a list of names: a colon, or "gồm" ("7 Phó giám
** đốc gồm đại tá A, B, …")? */
static inline __attribute__((always_inline)) int list_opens(const xsent *x,
                                                            size_t j) {
  return xt_punct(x, j, ':') || xt_is(x, j, "gồm");
}

/* Titles before the name at token s: "Bí thư Tỉnh ủy, Chủ tịch HĐND
** tỉnh Nguyễn Xuân Ký", or a title and a colon before a list of names
** ("Phó Chủ tịch UBND tỉnh: Cao Tường Huy, Nghiêm Xuân Cường"). Returns
** the first title token or s; *shared: the tokens of the title nearest
** the name when a list of names shares it (a colon after it, or
** plural_before), else {0, 0}; *group: a title before a colon before
** the name's own titles, which the list shares too, else {0, 0}. */
static size_t titles_before(xsent *x, size_t s, doc_person **pp, size_t ne,
                            size_t shared[2], size_t group[2]) {
  size_t end = skip_abbrev(x, s), found = s;
  size_t h = xn_honorific_before(x, end); /* "gồm: Ông A" */
  if (h && end > h + 1 && list_opens(x, end - h - 1)) end -= h;
  /* "Chủ tịch UBND huyện đồng chí A": a title ending at a lower-case
  ** honorific (a capitalised one or a capitalised word before it may
  ** start the next line: "Thủ tướng Theo ông A", "Phó Thủ tướng B Ông A"),
  ** or at any honorific before a foreign name (no Vietnamese line starts
  ** so: "Tổng thư ký LHQ Ngài Antonio Guterres") */
  else if (h && end > h &&
           (!(x->t[end - h].flags & TF_UPPER) ||
            xf_after_honorific(x, end - h, s)) &&
           title_end_before(x, end - h) && title_ending(x, end - h) < end - h)
    end -= h;
  /* "Phó Chủ tịch UBND tỉnh - Ông A": the dash, then the honorific */
  else if (h && end > h + 1 && spaced_dash(x, end - h - 1) &&
           title_ending(x, end - h - 1) < end - h - 1)
    end -= h;
  int colon = end > 1 && list_opens(x, end - 1);
  if (colon) end--;
  if (colon && end > 1 && list_opens(x, end - 1))
    end--; /* two openers: "2 Phó Chủ tịch gồm: ông A và bà B" */
  /* "Phó Chủ tịch Hội LHPN Việt Nam - Đỗ Thị Thu Thảo": a dash written
  ** apart between the title and the name */
  if (!colon && end > 1 && spaced_dash(x, end - 1) &&
      title_ending(x, end - 1) < end - 1)
    end--;
  shared[0] = shared[1] = group[0] = group[1] = 0;
  for (int round = 0; round < 4; round++) {
    size_t best = title_ending(x, end);
    if (best == end) break;
    /* "Thừa ủy quyền của Thủ tướng, Bộ trưởng … A": an earlier title of
    ** the chain after "quyền của" (on the authority of) is another
    ** person's ("theo lời mời của Đại tướng, Bộ trưởng … A" is A's) */
    if (round > 0 && best > 1 && xt_is(x, best - 1, "của") &&
        xt_is(x, best - 2, "quyền"))
      break;
    /* "ông A, Chủ tịch …, Giám đốc … B": a title of the chain right after
    ** an honorific's name is that name's, in apposition (after "Chủ tịch
    ** … A, Ủy viên …, Chủ tịch … B" it is B's) */
    if (round > 0 && best > 1 && xt_punct(x, best - 1, ',') &&
        untitled_name_before(x, best - 1))
      break;
    if (!*pp) *pp = person_get(x, s, ne);
    add_title(x, *pp, best, end);
    if (round == 0 && (colon || plural_before(x, best)))
      shared[0] = best, shared[1] = end;
    found = best;
    /* "Title, Title Name"; also "Title - Title Name" when a title's end
    ** comes before the dash (not a name: "tiến sĩ Tuấn Bendixsen - …") */
    if (best < 2 ||
        !(xt_punct(x, best - 1, ',') ||
          (spaced_dash(x, best - 1) && title_end_before(x, best - 1))))
      break;
    end = best - 1;
  }
  /* "các đồng chí Ủy viên Trung ương Đảng: Bộ trưởng … A, …": the
  ** title before the colon is the list's, over the names' own */
  if (found < s && !colon && found > 1 && list_opens(x, found - 1)) {
    size_t g = title_ending(x, found - 1);
    if (g < found - 1) {
      add_title(x, *pp, g, found - 1);
      group[0] = g, group[1] = found - 1;
    }
  }
  return found;
}

/* Is token j a separator before a title: ',' or a dash written apart
** ("Nguyễn Văn An - Chủ tịch UBND huyện")? */
static inline __attribute__((always_inline)) int title_sep(const xsent *x,
                                                           size_t j) {
  if (xt_punct(x, j, ',')) return 1;
  if (!xt_punct(x, j, '-') && !xt_punct(x, j, 0x2013)) return 0;
  if (spaced_dash(x, j)) return 1;
  /* glued: "Nguyễn Thành Tâm-Ủy viên Trung ương Đảng" when a title
  ** follows (the caller checks) and the dash ends no hyphenated word */
  return j + 1 < x->n && x->t[j + 1].type == T_WORD &&
         (x->t[j + 1].flags & TF_UPPER);
}

/* A title link after "được" (a link adverb before it: "đã được") and a
** few lower-case words ("được tín nhiệm tái bầu làm"), an agent,
** capitalised words and the words of its name right after "được" ("được
** HĐND tỉnh Nghệ An bầu làm"), or a count of votes right after it
** ("được 100% đại biểu tín nhiệm bầu giữ chức", "được 35/35 đại biểu
** bầu làm"): the token
** where the link's last part starts, its words in *w; 0 when none. */
static size_t late_link(const xsent *x, size_t e, size_t *w) {
  if (e < x->n && x->t[e].type == T_WORD && !(x->t[e].flags & TF_UPPER))
    e += xl_adverb_in(x, e); /* "đã được …" */
  if (!xt_is(x, e, "được")) return 0;
  int agent = 0; /* capitalised words seen: "được HĐND tỉnh Nghệ An bầu" */
  int votes = 0; /* a count of votes: "được 100% đại biểu tín nhiệm bầu" */
  for (size_t p = e + 1; p < x->n && p <= e + (votes   ? 10
                                               : agent ? 8
                                                       : 5);
       p++) {
    if (p == e + 1 && x->t[p].type == T_NUM) { /* "100%", "35/35" */
      votes = 1;
      if (xt_punct(x, p + 1, '%'))
        p++;
      else if (xt_punct(x, p + 1, '/') && p + 2 < x->n &&
               x->t[p + 2].type == T_NUM)
        p += 2;
      continue;
    }
    if (x->t[p].type != T_WORD) return 0;
    if (x->t[p].flags & (TF_UPPER | TF_CAPS)) {
      if (p > e + 1 && !agent) return 0; /* only right after "được" */
      agent = 1;
      continue;
    }
    *w = xl_title_link(x, p);
    if (*w && title_at(x, p + *w) > p + *w) return p;
  }
  return 0;
}

/* The title a link at token j gives the name s..e ("được bầu làm
** Title"), its tokens in linked; returns the token after it, or j when
** there is none. */
static size_t linked_title(xsent *x, size_t j, doc_person **pp, size_t s,
                           size_t e, size_t linked[2]) {
  size_t w = xl_title_link(x, j), p = j;
  if (!(w && title_at(x, j + w) > j + w)) p = late_link(x, j, &w);
  if (!p || !w || title_at(x, p + w) <= p + w) return j;
  if (xl_role_link(x, p, w, s)) return j;
  if (!*pp) *pp = person_get(x, s, e);
  size_t te = title_at(x, p + w);
  add_title(x, *pp, p + w, te);
  linked[0] = p + w, linked[1] = te;
  return te;
}

/* Does a full name (3+ syllables, no school or street) or a foreign
** name start at token j? (", Bộ trưởng Bộ Y tế Đào Hồng Lan", "và người
** phát ngôn Điện Kremlin Dmitry Peskov": the title before it is that
** person's, not the name's before; "Trưởng khoa Khúc Xạ", "Đoàn Luật
** sư" stay titles) */
static int heads_name(const xsent *x, size_t j) {
  int k = j < x->n && x->t[j].type == T_WORD && (x->t[j].flags & TF_UPPER)
              ? name_at(x, j)
              : 0;
  return (k >= 3 && !names_a_thing(x, j, k)) ||
         (j < x->n && xf_name_run(x, j)); /* "… Kremlin Dmitry Peskov" */
}

/* The bracket opening at token j after the name s..e: its titles when
** one opens it ("Nguyễn Toàn Thắng (Giám đốc Sở Nông nghiệp và Môi
** trường)", "(Trưởng Công an xã Tam Hưng, Thanh Oai)", more after
** commas), else a short aside ("(ảnh)", "(50 tuổi)", "(V.V.C)") skipped.
** Returns the token after the bracket, or j when it does not close. */
static size_t bracket_titles(xsent *x, size_t j, doc_person **pp, size_t s,
                             size_t e) {
  size_t k = j + 1, te = title_at(x, k), lim = 8;
  if (te > k && (xt_punct(x, te, ')') || xt_punct(x, te, ','))) {
    for (;;) {
      if (!*pp) *pp = person_get(x, s, e);
      add_title(x, *pp, k, te);
      k = te;
      if (!xt_punct(x, k, ',') || (te = title_at(x, k + 1)) == k + 1) break;
      k++;
    }
    lim = k - j + 8; /* ", Thanh Oai)": the place of the last title */
  }
  while (k < x->n && k - j < lim && !xt_punct(x, k, ')')) k++;
  return xt_punct(x, k, ')') ? k + 1 : j;
}

/* Does a title follow the name ending at token e with no separator
** ("Đồng chí Lê Đình Sơn Ủy viên BCH TW Đảng, Bí thư Tỉnh ủy", "… Sơn ủy
** viên BCH TW Đảng", a comma left out), the name after an honorific
** (intro)? Without one, a title head after a name starts the next
** mention as often ("Thủ tướng Nguyễn Xuân Phúc Tiến sĩ Terry F…"). */
static int glued_title(const xsent *x, size_t e, int intro) {
  if (!intro || e >= x->n || x->t[e].type != T_WORD ||
      (x->t[e].flags & TF_SPACE) == 0)
    return 0;
  return title_at(x, e) > e;
}

/* A title cut before lower-case words that run to the ';' ending an
** item of a list of names ("…, Trưởng Ban Tổ chức | giải; đồng chí
** B, …"): the ';' (the words are the title's: at most three, none
** starting a title-end phrase, a capitalised word or an honorific after
** the ';'); else te. */
static size_t item_tail(const xsent *x, size_t te) {
  size_t k = te;
  while (k < x->n && k - te < 3 && x->t[k].type == T_WORD &&
         !(x->t[k].flags & (TF_UPPER | TF_CAPS)) && !xpi_in(x, k, &ix_ends, 0))
    k++;
  if (k == te || !xt_punct(x, k, ';') || k + 1 >= x->n ||
      x->t[k + 1].type != T_WORD ||
      !((x->t[k + 1].flags & TF_UPPER) || xn_honorific_in(x, k + 1)))
    return te;
  return k;
}

/* Tokens of an organisation's short form in brackets at token j after
** a first title (j > e), a separator after it ("… Giáo hội Phật giáo
** Việt Nam (GHPGVN), Trưởng Ban …"): the chain goes on past it; else 0. */
static size_t short_form(const xsent *x, size_t j, size_t e) {
  if (j <= e || j + 3 >= x->n || !xt_punct(x, j, '(') ||
      (x->t[j + 1].flags & TF_SPACE) || !(x->t[j + 1].flags & TF_CAPS) ||
      !xt_punct(x, j + 2, ')') || (x->t[j + 2].flags & TF_SPACE))
    return 0;
  return title_sep(x, j + 3) ? 3 : 0;
}

/* Does the title ending before token te end an item of a list: ';' or
** the sentence's end there (not a rank's own dot: "; TT. Thích …")? */
static int item_end(const xsent *x, size_t te) {
  return te + 1 >= x->n || xt_punct(x, te, ';');
}

/* Titles after the name s..e: ", Title, Title", " - Title" (after a
** bracket: "(50 tuổi)", "(V.V.C)"; after a first title "và Title"), or
** a link, "được bầu làm Title",
** also after the titles ("- Phó Bí thư Tỉnh ủy được bầu giữ chức Bí
** thư Tỉnh ủy"). A title that a name follows is that name's. Returns
** the token after the last title read (e when none); *linked: the
** tokens of the linked title, {0, 0} when none. */
static size_t titles_after(xsent *x, size_t e, doc_person **pp, size_t s,
                           int hon, size_t linked[2]) {
  linked[0] = linked[1] = 0;
  size_t j = linked_title(x, e, pp, s, e, linked);
  if (j > e) return j;
  if (spaced_dash(x, e)) { /* "Lê Văn Chung - tái đắc cử Bí thư" */
    j = linked_title(x, e + 1, pp, s, e, linked);
    if (j > e + 1) return j;
    j = e;
  }
  if (xt_punct(x, j, '(')) j = bracket_titles(x, j, pp, s, e);
  if (j == e && glued_title(x, e, hon)) {
    size_t te = title_at(x, e);
    if (!heads_name(x, te)) {
      if (!*pp) *pp = person_get(x, s, e);
      add_title(x, *pp, e, te);
      j = te;
    }
  }
  while (title_sep(x, (j += short_form(x, j, e))) ||
         (j > e && xt_is(x, j, "và")) || (j > e && xt_punct(x, j, ';'))) {
    size_t ts = j + 1; /* ", một Bí thư chi bộ thôn": "a" before it */
    if (xt_is(x, ts, "một") && title_at(x, ts + 1) > ts + 1) ts++;
    size_t te = title_at(x, ts);
    if (te == ts || heads_name(x, te)) break;
    /* "A, Ủy viên BTV Tỉnh ủy; Phó Chủ tịch HĐND tỉnh; B, …": after a
    ** first title a ';' goes on to a title that ends its item */
    if (xt_punct(x, j, ';') && !item_end(x, te)) break;
    te = item_tail(x, te);
    if (!*pp) *pp = person_get(x, s, e);
    add_title(x, *pp, ts, te);
    j = te;
  }
  if (j == e) return j;
  /* "A, Phó bí thư Tỉnh ủy, được HĐND bầu giữ chức Title": a comma may
  ** stand between the titles and the link */
  size_t l = linked_title(x, j, pp, s, e, linked);
  if (l == j && xt_punct(x, j, ','))
    l = linked_title(x, j + 1, pp, s, e, linked);
  return l > j + 1 ? l : j;
}

/*
** Names in a list after a person are people too ("các đồng chí: A, B và
** C"), and take the title the list shares (titles_before's shared) when
** they have none of their own before them; a title before the colon of
** a list of titled names (its group) is every listed name's, and so is a
** title the last name's link gives ("A và B được bầu làm Phó Chủ tịch").
*/
void extract_people(xsent *x) {
  size_t list_end = 0, shared[2] = {0, 0}, own[2], group[2] = {0, 0}, grp[2];
  size_t members[LIST_MAX], nm = 0, linked[2]; /* d->people indices */
  int memo = 0; /* the memo begun: at the first capital a name may start at
                ** (half the sentences have none; nothing is asked before) */
  for (size_t i = 0; i < x->n; i++) {
    if ((i = xn_next_capital(x, i)) >= x->n) break; /* none from i on */
    if (!xn_may_follow(x, i)) continue; /* a lone capital: no name starts */
    if (!memo) xn_memo_begin(x), memo = 1;
    int k = xn_may_name(x, i) ? name_at(x, i) : 0;
    if (!k && list_end && xn_list_sep(x, list_end, i) &&
        (shared[1] || group[1]))
      k = xn_listed_name(x, i); /* a list sharing a title: any surname */
    if (!k && xn_may_open(x, i) && xn_honorific_opens(x, i))
      k = xn_listed_name(x, i); /* "Bà Búi Ngọc Hiền": any surname too */
    if (!k && xf_may_start(x, i) && (k = xf_name_run_past(x, i)) != 0 &&
        !xn_honorific_before(x, i) && title_ending(x, i) == i)
      k = 0; /* a foreign name after a title or an honorific: "Chủ tịch
             ** nước Lào Thongloun …", "ông Maciej Duszynski" */
    if (!k && (x->t[i].flags & TF_CAPS) && (k = xn_caps_name(x, i)) != 0 &&
        !xn_honorific_before(x, i) && title_ending(x, i) == i)
      k = 0; /* "… Chủ tịch UBND thị xã TRẦN PHƯỚC HIỀN": after a title */
    if (!k) continue;
    size_t ue = xo_unit_end(x, i, &ix_admin); /* "huyện | Thạch Hà" */
    if (ue || xo_names_a_thing_past(x, i, k, &ix_not_person, &ix_admin)) {
      i = ue ? ue - 1 : i + (size_t)k - 1;
      list_end = 0;
      continue;
    }
    size_t e = i + (size_t)k, bap = 0;
    if (i > 0 && x->t[i - 1].type == T_WORD) /* "Giu-se | Trần …" */
      bap = xn_baptismal_before(x, i);
    i -= bap; /* "Giuse Nguyễn Viết Hiệp": the saint's name is the name's */
    name_hit h = {(uint32_t)x->block, x->t[i].off,
                  (uint32_t)(xt_end(x, e) - x->t[i].off)};
    VEC_PUSH(x->x->names, h);
    /* "Đoàn Luật sư": a listed name ends no word in two; an honorific
    ** may open each listed name ("gồm: ông A và bà B") */
    size_t hb = xn_honorific_before(x, i);
    int listed = list_end &&
                 (xn_list_sep(x, list_end, i) ||
                  (hb && i > hb && xn_list_sep(x, list_end, i - hb))) &&
                 !(e < x->n && x->t[e].type == T_WORD &&
                   xt_first_word(x, e - 1, e + 2) >= 2);
    /* "Tiến sĩ (TS) Trần Long": an abbreviation in brackets may stand
    ** between the honorific or degree and the name */
    int hon = xn_honorific_before(x, skip_abbrev(x, i)) ||
              (i > 1 && xt_punct(x, i - 1, ':') && /* "gồm các ông: A, B" */
               xn_honorific_before(x, i - 1));
    int role = xn_role_before(x, i) || /* "quần chúng ưu tú: A" */
               (i > 1 && xt_punct(x, i - 1, ':') && xn_role_before(x, i - 1));
    doc_person *p = hon || listed || bap || role || xn_aged(x, e)
                        ? person_get(x, i, e)
                        : NULL;
    size_t tb = titles_before(x, i, &p, e, own, grp);
    /* a listed name with titles of its own: ", Bộ trưởng Bộ Y tế A" */
    int titled = tb < i && list_end && xn_list_sep(x, list_end, tb);
    if (grp[1])
      group[0] = grp[0], group[1] = grp[1];
    else if (!listed && !titled)
      group[0] = group[1] = 0;
    else if (group[1])
      add_title(x, p, group[0], group[1]);
    if (tb < i) { /* a title of its own: the list's title no longer holds */
      shared[0] = own[0], shared[1] = own[1];
    } else if (listed && shared[1]) {
      add_title(x, p, shared[0], shared[1]);
    } else if (!listed) {
      shared[0] = shared[1] = 0;
    }
    size_t ta = titles_after(x, e, &p, i, hon, linked);
    if (!p || !(listed || titled)) nm = 0;
    if (p && nm < LIST_MAX) members[nm++] = (size_t)(p - x->d->people.items);
    if (linked[1]) { /* "A và B được bầu làm Phó Chủ tịch": both */
      for (size_t m = 0; m + 1 < nm; m++)
        add_title(x, &x->d->people.items[members[m]], linked[0], linked[1]);
      nm = 0; /* with a link of its own, no later name's link is theirs */
    }
    list_end = p ? ta : 0;
    i = (p && ta > e ? ta : e) - 1; /* no name inside the titles read */
  }
  xn_memo_end();
}

/* Mentions: every name-shaped run equal to a person's name. */
void extract_people_finish(xdoc *x) {
  doc *d = x->d;
  for (size_t i = 0; i < x->names.n; i++) {
    const name_hit *h = &x->names.items[i];
    const char *s = d->blocks.items[h->block].text + h->off;
    if (!x->people.cap) break;
    const int *v = hmap_find(&x->people, util_hash64(s, h->len));
    if (v) d->people.items[*v - 1].mentions++;
  }
  for (size_t i = 0; i < d->people.n; i++)
    if (d->people.items[i].mentions < 1) d->people.items[i].mentions = 1;
}

void extract_people_init(void) {
  xwords_load(&ws_title_words, LEX_TITLE_WORDS, 1);
  extract_foreign_init();
  extract_names_init();
  extract_orgs_init();
  extract_links_init();
  xt_phrases_set(&numbered_units, lexicon_get()->lists[LEX_NUMBERED_UNITS]);
  xt_phrases_set(&title_ends, lexicon_get()->lists[LEX_TITLE_ENDS]);
  xt_phrases_set(&not_person, lexicon_get()->lists[LEX_NOT_PERSON_AFTER]);
  xt_phrases_set(&title_orgs, lexicon_get()->lists[LEX_TITLE_ORGS]);
  xt_phrases_set(&rank_titles, lexicon_get()->lists[LEX_RANK_TITLES]);
  const lex_pair *pre = lexicon_get()->pairs[LEX_PLACE_PREFIXES];
  int n = 0;
  for (; pre[n].key && n < XT_PHRASES_MAX - 1; n++) admin_keys[n] = pre[n].key;
  admin_keys[n] = NULL;
  xt_phrases_set(&admin_units, admin_keys);
  xpi_set(&ix_admin, &admin_units), xpi_set(&ix_numbered, &numbered_units);
  xo_memo_admin(&ix_admin);
  xpi_set(&ix_ends, &title_ends), xpi_set(&ix_orgs, &title_orgs);
  xpi_set(&ix_ranks, &rank_titles), xpi_set(&ix_not_person, &not_person);
}
