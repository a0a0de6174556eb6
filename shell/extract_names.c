/*
** extract_names.c — name-shaped runs: which capitalised runs of a
** sentence may be a person's name ("Nguyễn Văn An", "TRẦN PHƯỚC HIỀN"),
** and the honorifics and degrees that open one ("đồng chí", "ông",
** "tiến sĩ"). Whether a run IS a person, and with which titles, is the
** people extractor's (extract_people.c).
*/
#include <string.h>

#include "extract_int.h"

/* word lists from data/ (lexicon.h), set up by extract_names_init */
static xwords ws_not_name;  /* data/not-name.txt */
static xphrases honorifics; /* data/honorifics.txt: "đồng chí", "ông" */
static xphrases roles;      /* data/person-roles.txt: "bị cáo", "VĐV" */
static xpindex ix_hon, ix_roles; /* their indices (extract_phr.c) */

/* The honorifics when data/honorifics.txt cannot be read: without them
** and without surnames no name would be found at all. */
static const char *const honorifics_builtin[] = {"đồng chí", "ông", "bà",
                                                 "anh",      "chị", NULL};

/* 1 when the honorifics are data/honorifics.txt's, whose first words
** the tokenizer marks with TR_HEAD (xtok_scan.c), and none starts with a
** number (any token may start that); 0 with the built-in ones
** (extract_names_init) */
static int hon_marked;

size_t xn_honorific_in(const xsent *x, size_t j) {
  /* an honorific's first word has its hash, so the TR_HEAD bit */
  if (hon_marked && j < x->n && !(x->t[j].trig & TR_HEAD)) return 0;
  return xpi_in(x, j, &ix_hon, 0);
}

/*
** Answers about the tokens of the sentence the people extractor scans
** (xn_memo_begin .. xn_memo_end; x NULL otherwise): its helpers ask the
** lexicon about the same tokens again and again (a title's head, a
** Vietnamese syllable). ans[q][j] is answer q about token j plus one, 0
** while not asked.
*/
#define MEMO_TOKS 4096
enum { /* xn_lookup's, xn_name_run's, xn_honorific_before's, then the
       ** callers' own (xn_memo_own) */
       Q_NAME = XN_PLACES + 1,
       Q_HON_BEFORE,
       Q_OWN,
       Q__COUNT = Q_OWN + XN_MEMO_OWN
};
static _Thread_local struct {
  const xsent *x;
  uint8_t ans[MEMO_TOKS][Q__COUNT];
} memo;

void xn_memo_begin(const xsent *x) {
  memo.x = NULL;
  if (x->n > MEMO_TOKS) return; /* longer than any sentence xt_tokenize cuts */
  memset(memo.ans, 0, x->n * sizeof memo.ans[0]);
  memo.x = x;
}

void xn_memo_end(void) {
  memo.x = NULL;
}

/* The memo's slot for answer q about token j of x, or NULL. */
static uint8_t *memo_slot(const xsent *x, int q, size_t j) {
  return memo.x == x && j < x->n ? &memo.ans[j][q] : NULL;
}

size_t xn_honorific_before(const xsent *x, size_t i) {
  uint8_t *a = memo_slot(x, Q_HON_BEFORE, i);
  if (a && *a) return *a - 1u;
  size_t h = xpi_before(x, i, &ix_hon, 0); /* a phrase's words: < 255 */
  if (a) *a = (uint8_t)(h + 1);
  return h;
}

uint8_t *xn_memo_own(const xsent *x, int q, size_t j) {
  return memo_slot(x, Q_OWN + q, j);
}

int xn_lookup_kept(const xsent *x, size_t j, int table) {
  const lex_table *t = xn_table(x, table);
  uint8_t *a = memo_slot(x, table, j);
  if (a && *a) return *a - 1;
  int k = xt_lookup(x, j, t, NULL);
  if (a && k < 255) *a = (uint8_t)(k + 1);
  return k;
}

/*
** Answers about a word by its bytes alone, for the words seen last
** (thread-local): the capitalised words the people extractor asks about,
** names and places, come back sentence after sentence. A slot (by the
** token's word hash) holds one word of at most WORD_LEN bytes (n 0:
** empty) and, for it, text_viet_shaped (viet) and whether it is a
** surname of one word (sur): ANS_UNKNOWN until asked, then ANS_NO or
** ANS_YES.
*/
#define WORD_SLOTS 4096
#define WORD_LEN   16
enum { ANS_UNKNOWN, ANS_NO, ANS_YES };
static _Thread_local struct word_slot {
  uint64_t w[2]; /* the word's bytes as two little-endian numbers, 0 after */
  uint8_t n, viet, sur;
} words_seen[WORD_SLOTS];

/* The bytes of word token j (1..WORD_LEN of them) as a slot holds them:
** two 8-byte loads where the sentence goes on for 16 bytes from the
** word, the bytes past it masked off; else byte by byte. */
static void word_bytes(const xsent *x, size_t j, uint64_t v[2]) {
  const char *w = x->s + x->t[j].off;
  size_t n = x->t[j].len;
  if (x->t[j].off + 16 <= x->end) {
    v[0] = lexicon_load8(w), v[1] = lexicon_load8(w + 8);
    if (n < 8)
      v[0] &= (1ull << (8 * n)) - 1, v[1] = 0;
    else if (n < 16)
      v[1] &= (1ull << (8 * (n - 8))) - 1;
    return;
  }
  v[0] = v[1] = 0;
  for (size_t q = 0; q < n; q++)
    v[q / 8] |= (uint64_t)(unsigned char)w[q] << (8 * (q % 8));
}

/* The slot of word token j (1..WORD_LEN bytes): its answers so far, or
** emptied for it. */
static struct word_slot *word_slot(const xsent *x, size_t j) {
  uint64_t v[2];
  word_bytes(x, j, v);
  struct word_slot *e = &words_seen[x->t[j].h & (WORD_SLOTS - 1)];
  if (e->n == x->t[j].len && e->w[0] == v[0] && e->w[1] == v[1]) return e;
  e->n = (uint8_t)x->t[j].len, e->viet = e->sur = ANS_UNKNOWN;
  e->w[0] = v[0], e->w[1] = v[1];
  return e;
}

int xn_viet_at(const xsent *x, size_t j) {
  size_t n = x->t[j].len;
  if (n == 0 || n > WORD_LEN)
    return text_viet_shaped(x->s + x->t[j].off, n) != 0;
  struct word_slot *e = word_slot(x, j);
  if (e->viet == ANS_UNKNOWN)
    e->viet = text_viet_shaped(x->s + x->t[j].off, n) ? ANS_YES : ANS_NO;
  return e->viet == ANS_YES;
}

/* Does a key of data/surnames.txt start at word token i (xt_lookup of
** the surnames not 0)? Where no key of two words starts with the word
** and a space follows it, the key can only be the word itself: the
** answer is the word's, remembered in its slot. */
static inline __attribute__((always_inline)) int surname_at(const xsent *x,
                                                            size_t i) {
  const lex_table *t = &x->x->lx->surnames;
  const tok *k = &x->t[i];
  int maxw = lex_first(t, k->h);
  if (!maxw) return 0;
  if (maxw > 1 || k->len == 0 || k->len > WORD_LEN ||
      (i + 1 < x->n && !(x->t[i + 1].flags & TF_SPACE)))
    return xt_lookup_at(x, i, t, NULL, maxw) != 0;
  struct word_slot *e = word_slot(x, i);
  if (e->sur == ANS_UNKNOWN)
    e->sur = xt_lookup_at(x, i, t, NULL, maxw) ? ANS_YES : ANS_NO;
  return e->sur == ANS_YES;
}

int xn_surname_at(const xsent *x, size_t i) {
  return surname_at(x, i);
}

size_t xn_head_in(const xsent *x, size_t j) {
  /* no head starts at a word without TR_HEAD (a superset of the first
  ** words of titles.txt and degrees.txt): most tokens stop here */
  if (j >= x->n || !(x->t[j].trig & TR_HEAD)) return 0;
  int k = xn_lookup(x, j, XN_TITLES);
  int d = xn_lookup(x, j, XN_DEGREES);
  size_t m = xn_monastic_at(x, j);
  if (d > k) k = d;
  return m > (size_t)k ? m : (size_t)k;
}

size_t xn_monastic_at(const xsent *x, size_t j) {
  if (j >= x->n || !(x->t[j].trig & TR_HEAD)) return 0;
  int m = xn_lookup(x, j, XN_MONASTIC);
  if (!m) return 0;
  size_t k = j + (size_t)m;
  if (xt_punct(x, k, '.') && !(x->t[k].flags & TF_SPACE)) k++;
  return xt_is(x, k, "Thích") ? (size_t)m : 0;
}

size_t xn_role_before(const xsent *x, size_t i) {
  return xpi_before(x, i, &ix_roles, 0);
}

size_t xn_role_in(const xsent *x, size_t j) {
  return xpi_in(x, j, &ix_roles, 0);
}

/* Bit (h & 4095) of the word hash of every baptismal name's first part
** (up to a hyphen or a space): a token without its bit starts none. */
static uint64_t bap_first[64];

static int may_baptise(const tok *t) {
  return t->type == T_WORD && (t->flags & TF_UPPER) &&
         (bap_first[t->h >> 6 & 63] >> (t->h & 63) & 1);
}

int xn_baptismal_ref(const char *s, size_t n) {
  for (const char *const *b = lexicon_get()->lists[LEX_BAPTISMAL]; *b; b++)
    if (strlen(*b) == n && memcmp(*b, s, n) == 0) return 1;
  return 0;
}

/* The baptismal names by util_hash64 of their bytes (extract_names_init;
** linear probing from util_slot): bap_names[k] NULL for an empty slot.
** bap_hashed 0 when the list has more names than half the slots: then
** xn_baptismal_ref's walk answers. */
#define BAP_SLOTS 1024
static const char *bap_names[BAP_SLOTS];
static uint64_t bap_keys[BAP_SLOTS];
static uint32_t bap_lens[BAP_SLOTS];
static int bap_hashed;

static void bap_init(void) {
  const char *const *b = lexicon_get()->lists[LEX_BAPTISMAL];
  size_t count = 0;
  while (b[count]) count++;
  if (count > BAP_SLOTS / 2) return;
  for (; *b; b++) {
    size_t n = strlen(*b);
    uint64_t h = util_hash64(*b, n);
    size_t k = util_slot(h) & (BAP_SLOTS - 1);
    while (bap_names[k]) k = (k + 1) & (BAP_SLOTS - 1);
    bap_names[k] = *b, bap_keys[k] = h, bap_lens[k] = (uint32_t)n;
  }
  bap_hashed = 1;
}

int xn_baptismal(const char *s, size_t n) {
  if (!bap_hashed) return xn_baptismal_ref(s, n);
  uint64_t h = util_hash64(s, n);
  for (size_t k = util_slot(h) & (BAP_SLOTS - 1); bap_names[k];
       k = (k + 1) & (BAP_SLOTS - 1))
    if (bap_keys[k] == h && bap_lens[k] == n && memcmp(bap_names[k], s, n) == 0)
      return 1;
  return 0;
}

/* The first token of the capitalised word that ends at token e (e > 0):
** its parts joined by hyphens without spaces ("Giu-se"), or e - 1. */
static size_t hyphened_start(const xsent *x, size_t e) {
  size_t a = e - 1;
  while (a >= 2 && !(x->t[a].flags & TF_SPACE) && xt_punct(x, a - 1, '-') &&
         !(x->t[a - 1].flags & TF_SPACE) && x->t[a - 2].type == T_WORD)
    a -= 2;
  return a;
}

size_t xn_baptismal_before(const xsent *x, size_t i) {
  size_t b = i;
  for (int names = 0; names < 2 && b > 0; names++) {
    size_t e = b, a = hyphened_start(x, e);
    if (x->t[e - 1].type != T_WORD || !(x->t[b].flags & TF_SPACE)) break;
    if (may_baptise(&x->t[a]) &&
        xn_baptismal(x->s + x->t[a].off, xt_end(x, e) - x->t[a].off)) {
      b = a;
      continue;
    }
    /* "Giuse Maria", "Vinh Sơn": a name of two words */
    size_t a2 = a > 0 && (x->t[a].flags & TF_SPACE) ? hyphened_start(x, a) : a;
    if (a2 == a || !may_baptise(&x->t[a2]) ||
        !xn_baptismal(x->s + x->t[a2].off, xt_end(x, e) - x->t[a2].off))
      break;
    b = a2;
  }
  return i - b;
}

/* The end of the word written without spaces that starts at token j
** ("Giu-se": three tokens). */
static size_t glued_end(const xsent *x, size_t j) {
  size_t w = j + 1;
  while (w < x->n && w < j + 8 && !(x->t[w].flags & TF_SPACE)) w++;
  return w;
}

int xn_baptised_at(const xsent *x, size_t j) {
  if (j >= x->n || !may_baptise(&x->t[j])) return 0;
  /* one or two baptismal names from j, then a name: "Phao-lô Giu-se Phạm
  ** Đình Tụng", "Vinh Sơn Trần An" */
  for (size_t w = glued_end(x, j), k = 0; k < 3 && w < x->n;
       w = glued_end(x, w), k++)
    if (w - xn_baptismal_before(x, w) == j && xn_name_run(x, w, 0)) return 1;
  return 0;
}

size_t xn_name_ending_at(const xsent *x, size_t j) {
  const xdoc *d = x->x;
  for (size_t k = d->names.n; j > 0 && k > 0 && k + 4 > d->names.n; k--) {
    const name_hit *h = &d->names.items[k - 1];
    if (h->block != (uint32_t)x->block || h->off + h->len != xt_end(x, j))
      continue;
    for (size_t a = j; a-- > 0;)
      if (x->t[a].off == h->off) return a;
  }
  return j;
}

/* Is the name ending before token e given an age or a year of birth
** ("Võ Văn Trung (28 tuổi, ngụ …)", "Lại Văn Tuấn (SN 1987)", "Lý Thị
** Sông, sinh năm 1970")? Then it is a person's, with no title needed. */
int xn_aged(const xsent *x, size_t e) {
  if (e + 2 >= x->n || !(xt_punct(x, e, '(') || xt_punct(x, e, ','))) return 0;
  size_t j = e + 1;
  if (xt_is(x, j, "SN"))
    j++;
  else if (xt_isci(x, j, "sinh") && xt_is(x, j + 1, "năm"))
    j += 2;
  else /* "(28 tuổi": an age only in brackets */
    return xt_punct(x, e, '(') && x->t[j].type == T_NUM &&
           xt_is(x, j + 1, "tuổi");
  return j < x->n && x->t[j].type == T_NUM && x->t[j].len == 4;
}

/* Do the tokens a..b hold only a list separator (",", ";", "và", ",
** và") between two names? */
int xn_list_sep(const xsent *x, size_t a, size_t b) {
  if (b == a + 1)
    return xt_punct(x, a, ',') || xt_punct(x, a, ';') || xt_is(x, a, "và");
  return b == a + 2 && xt_punct(x, a, ',') && xt_is(x, a + 1, "và");
}

/* 1 when no honorific holds a character of stop_punct (extract_names_init) */
static int hon_stops;

/* Is token j punctuation that no title head, degree or monastic rank
** (xt_lookup joins words, numbers and '-', '/', '&', '–' or a glued '.')
** nor, when hon_stops, honorific (its words are matched token by token)
** goes on over: ',' ';' ':' '(' ')' '!' '?' '"'? */
static int stop_punct(const xsent *x, size_t j) {
  if (!hon_stops || x->t[j].type != T_PUNCT) return 0;
  switch (x->t[j].cp) {
    case ',':
    case ';':
    case ':':
    case '(':
    case ')':
    case '!':
    case '?':
    case '"':
      return 1;
    default:
      return 0;
  }
}

int xn_stops_heads(const xsent *x, size_t j) {
  return j >= x->n || stop_punct(x, j);
}

/* An initial standing for a withheld given name: one letter ("T", "Đ")
** or two or three ASCII consonants ("Th", "Ph", "Tr"). */
static int initial(const char *w, size_t n) {
  int32_t cp;
  if ((size_t)text_decode(w, n, &cp) == n) return 1;
  if (n > 3) return 0;
  for (size_t k = 0; k < n; k++)
    if (!strchr("bcdghklmnpqrstvxBCDGHKLMNPQRSTVX", w[k]) || !w[k]) return 0;
  return 1;
}

static int name_syllable(const tok *t) {
  return t->type == T_WORD && (t->flags & TF_UPPER) &&
         !(t->flags & (TF_CAPS | TF_DIGITS)) && t->len <= 12;
}

/* Does a place name that starts before word token i end inside or after
** it ("tỉnh Nghệ An | Thái Thanh Quý": no name starts at "An")? A place
** that itself starts inside an earlier one does not count ("Nghệ An
** Thái …": "An Thái" is a place too, but "Thái" starts the name). */
static int inside_place(const xsent *x, size_t i) {
  if (i == 0 || x->t[i - 1].type != T_WORD ||
      (size_t)xn_lookup(x, i - 1, XN_PLACES) + i - 1 <= i)
    return 0;
  return !(i >= 2 && x->t[i - 2].type == T_WORD &&
           (size_t)xn_lookup(x, i - 2, XN_PLACES) + i - 2 > i - 1);
}

/* Does a title head alone, or an honorific, stand right before token i
** ("Chủ tịch | Hồ Chí Minh", "đồng chí | …"; not "Thành ủy TP | Hồ Chí
** Minh")? A place's name there names the person. */
static int bare_head_before(const xsent *x, size_t i) {
  for (size_t b = i > 4 ? i - 4 : 0; b < i; b++)
    if (xn_head_in(x, b) == i - b) return 1;
  return xn_honorific_before(x, i) > 0;
}

/* Is token j a time of day ("Sáng", "Chiều", "Tối", "Trưa"), words of
** not-name.txt that are common given names too? */
static int day_time(const xsent *x, size_t j) {
  return xt_is(x, j, "Sáng") || xt_is(x, j, "Chiều") || xt_is(x, j, "Tối") ||
         xt_is(x, j, "Trưa");
}

/* May a word of not-name.txt at token j go on the name run i..j-1? As a
** dharma name's first syllable after "Thích" (the Buddhist surname); right
** after the surname when it is a time of day and another name syllable
** follows ("Nguyễn Sáng Vang"; not "Lầu Năm Góc", the Pentagon, nor
** "Quan Hệ Công Chúng"); after a surname and a middle name only
** ("Hoàng Văn", "Lê Thị"), where no name ends, as the given name ("Hoàng
** Văn Chiều", "Lê Thị Sáng") rather than a time word -- unless a number
** or "nay", "qua", "mai" follows it ("Chiều 5/3", "Tối nay"). */
static int not_name_inside(const xsent *x, size_t i, size_t j) {
  /* a dharma name's first syllable after "Thích" (or "Thích Nữ"), a
  ** name syllable after it: "Thích Từ Nguyện", "Thích Nữ Như Hạnh" */
  size_t f = i + 1 + (size_t)(j > i + 1 && xt_is(x, i + 1, "Nữ"));
  if (j == f && xt_is(x, i, "Thích") && j + 1 < x->n &&
      name_syllable(&x->t[j + 1]) && (x->t[j + 1].flags & TF_SPACE))
    return 1;
  if (j == i + 1 && j + 1 < x->n && day_time(x, j) &&
      name_syllable(&x->t[j + 1]) && (x->t[j + 1].flags & TF_SPACE) &&
      !xt_in(x, j + 1, &ws_not_name) && !xn_head_in(x, j + 1))
    return 1; /* inside: "Nguyễn Sáng Vang" */
  if (j != i + 2 || !(xt_is(x, i + 1, "Văn") || xt_is(x, i + 1, "Thị")))
    return 0;
  return !(j + 1 < x->n &&
           (x->t[j + 1].type == T_NUM || xt_is(x, j + 1, "nay") ||
            xt_is(x, j + 1, "qua") || xt_is(x, j + 1, "mai")));
}

/* A given name of the highlands written with its glued prefix at token
** j ("H’Hồng", "Y’Ngọc": a capital letter, an apostrophe, a capitalised
** syllable): its token count (3), else 0. */
static inline __attribute__((always_inline)) size_t prefixed_given(
    const xsent *x, size_t j) {
  if (j + 2 >= x->n || x->t[j].len != 1 || !(x->t[j].flags & TF_UPPER) ||
      !(xt_punct(x, j + 1, 0x2019) || xt_punct(x, j + 1, '\'')) ||
      (x->t[j + 1].flags & TF_SPACE) || (x->t[j + 2].flags & TF_SPACE))
    return 0;
  return name_syllable(&x->t[j + 2]) ? 3 : 0;
}

/*
** Name at token i: 2–4 capitalised syllables separated by spaces, ending
** where the capitalised run ends, the first a surname of the list --
** unless any (a name in a list of names: "đại tá A, Văn Quyết Thắng, …")
** or "Thị" follows it ("Văn Thị Bạch Tuyết"; then 3–4 syllables). A
** surname may have two syllables ("Rơ Chăm", Jrai), a given name a
** glued prefix ("Rơ Chăm H’Hồng": prefixed_given, one syllable).
** Returns the token count or 0.
*/
static int name_run(const xsent *x, size_t i, int any);

int xn_name_run(const xsent *x, size_t i, int any) {
  if (any) return name_run(x, i, 1);
  uint8_t *a = memo_slot(x, Q_NAME, i);
  if (a && *a) return *a - 1;
  int k = name_run(x, i, 0);
  if (a && k < 255) *a = (uint8_t)(k + 1);
  return k;
}

/* xn_name_run, not remembered. */
static int name_run(const xsent *x, size_t i, int any) {
  if (!name_syllable(&x->t[i])) return 0;
  /* one syllable, the run's loop would stop at once (before the surname
  ** is looked up): no name */
  if (!(i + 1 < x->n && (x->t[i + 1].flags & TF_SPACE) &&
        (name_syllable(&x->t[i + 1]) || prefixed_given(x, i + 1))))
    return 0;
  const lexicon *lx = x->x->lx;
  /* without data/surnames.txt any capitalised run may be a name (then
  ** only "đồng chí/ông/bà" make it a person) */
  /* a surname left out of the list as mostly another word ("Văn",
  ** "Kim") still starts a name before "Thị" ("Văn Thị Bạch Tuyết") */
  int free_first = (any || (i + 2 < x->n && xt_is(x, i + 1, "Thị") &&
                            (x->t[i + 1].flags & TF_SPACE))) &&
                   !xt_in(x, i, &ws_not_name);
  if (lx->surnames.n && !free_first && !(x->t[i].trig & TR_SURNAME)) return 0;
  if (lx->surnames.n && !free_first && !surname_at(x, i)) return 0;
  size_t j = i + 1, syl = 1, pg;
  while (j < x->n && (x->t[j].flags & TF_SPACE)) {
    if ((pg = prefixed_given(x, j)) != 0) {
      j += pg, syl++;
      continue;
    }
    if (!name_syllable(&x->t[j]) ||
        (xt_in(x, j, &ws_not_name) && !not_name_inside(x, i, j)))
      break;
    j++, syl++;
  }
  /* a title head begun inside the run and ended by the lower-case word
  ** after it is no given name: "Đoàn Chủ tịch", "Trần Đại Quang Chủ tịch
  ** nước", "Võ Công Trí Phó Giám đốc" (a line glued to the name); "Phạm
  ** Minh Chính Ủy viên" is cut before "Ủy", not at "Chính Ủy"; so is an
  ** honorific or degree ("Nguyễn Xuân Phúc Tiến sĩ …") */
  /* (none goes on past the sentence's end or a comma: xn_stops_heads) */
  for (size_t g = i + 1; g < j && !xn_stops_heads(x, j); g++)
    if (((x->t[g].trig & TR_HEAD) || !hon_marked) && /* (no TR_HEAD: none) */
        (xn_head_in(x, g) + g > j || xn_honorific_in(x, g) + g > j)) {
      for (size_t q = g; q < j; q++) syl -= x->t[q].type == T_WORD;
      j = g;
      break;
    }
  size_t k = j - i;
  if (syl < 2 || syl > 4 || (free_first && syl < 3)) return 0;
  /* given names are Vietnamese syllables or initials ("Nguyễn Văn T",
  ** a name the press withholds): "Dương Susan Thornton" (the end of
  ** "Thái Bình Dương", then a foreign name) is no name; after a
  ** one-letter surname (Ba Na, Ê-đê names) any capitalised word is */
  for (size_t g = i + 1; g < j && x->t[i].len > 1; g++) {
    const char *w = x->s + x->t[g].off; /* "A Blông", "Y Biêr Niê": any */
    size_t wn = x->t[g].len;
    if (prefixed_given(x, g)) { /* "H’Pah": the prefix makes it a name */
      g += 2;
      continue;
    }
    if (!initial(w, wn) && !xn_viet_at(x, g)) return 0;
  }
  if (j < x->n && x->t[j].type == T_WORD && !(x->t[j].flags & TF_SPACE))
    return 0;
  int pl = xn_lookup(x, i, XN_PLACES); /* "Cao Bằng", "Hà Lan ..." */
  if (pl >= 2 && pl <= (int)k &&
      !(k >= 3 && pl == (int)k && bare_head_before(x, i)))
    return 0; /* but "Chủ tịch Hồ Chí Minh" is a person */
  if (inside_place(x, i)) return 0;
  /* a one-letter surname ("A Pớt", "Y Thị Bích Thọ": Ba Na, Ê-đê names)
  ** after a capitalised word that is no honorific nor title head, or
  ** before a place, is an organisation's tail: "Đông Y Việt Nam",
  ** "Trường ĐH Y Hà Nội", "Bộ Y Tế", "xã Ninh Thạnh Lợi A" */
  if (x->t[i].len == 1 &&
      (xn_lookup(x, i + 1, XN_PLACES) ||
       (i > 0 && x->t[i - 1].type == T_WORD &&
        (x->t[i - 1].flags & (TF_UPPER | TF_CAPS)) && !bare_head_before(x, i))))
    return 0;
  /* two syllables, the second "Thị", are a name cut short ("Đối tượng
  ** Trần Thị"); two whose second begins a word with the lower-case one
  ** after it, where the segmenter does not keep the two together, are no
  ** name: "Đoàn Kiểm | tra", "Dương Công | an" ("Nguyễn Hùng cho biết",
  ** "bà Mai Phương hướng dẫn" stay names) */
  if (syl == 2 && k == 2 &&
      (xt_is(x, j - 1, "Thị") || (j < x->n && x->t[j].type == T_WORD &&
                                  !(x->t[j].flags & (TF_UPPER | TF_CAPS)) &&
                                  xt_first_word(x, j - 1, j + 1) == 2 &&
                                  xt_first_word(x, i, j + 2) == 1)))
    return 0;
  return (int)k;
}

/* Is caps token t ("TRẦN") a surname of the list once written as a name
** is ("Trần")? */
static int caps_surname(const xsent *x, const tok *t) {
  char buf[64];
  size_t o =
      text_recase(x->s + t->off, t->len, TEXT_CASE_NAME, buf, sizeof buf);
  return o && lex_find(&x->x->lx->surnames, buf, o) != NULL;
}

/*
** A name written in capitals at token i ("TRẦN PHƯỚC HIỀN", a signature
** or an author's line): 2-4 capitalised words with spaces, the first a
** surname once written as a name is, Vietnamese syllables all, and no
** capital word after them. The syllable count or 0. The caller takes it
** only after a title or an honorific (headlines and labels in capitals
** are no names).
*/
/* Is t a word in capitals without digits? */
static int caps_word(const tok *t) {
  return t->type == T_WORD && (t->flags & (TF_CAPS | TF_DIGITS)) == TF_CAPS;
}

int xn_caps_name(const xsent *x, size_t i) {
  /* two such words at least, the flags first: most capitals ("UBND",
  ** "TP") stand before a lower-case word */
  if (i + 1 >= x->n || !caps_word(&x->t[i]) || !caps_word(&x->t[i + 1]) ||
      !(x->t[i + 1].flags & TF_SPACE))
    return 0;
  size_t j = i;
  while (j < x->n && j - i < 5 && caps_word(&x->t[j]) &&
         (j == i || (x->t[j].flags & TF_SPACE)) && xn_viet_at(x, j))
    j++;
  if (j - i < 2 || j - i > 4 || !caps_surname(x, &x->t[i])) return 0;
  if (j < x->n && x->t[j].type == T_WORD && (x->t[j].flags & TF_UPPER))
    return 0;
  return (int)(j - i);
}

uint64_t xn_opens_bits; /* extract_int.h */
size_t xn_head_reach;   /* extract_int.h */

/* "bà", "ông", "chí" in either case of their first letter, and their
** word hashes (extract_names_init): a word of another hash is none of
** them (xt_isci lets only the first letter's case differ). */
static const char *const opens[6] = {"bà", "Bà", "ông", "Ông", "chí", "Chí"};
static uint32_t opens_h[6];

void extract_names_init(void) {
  for (int k = 0; k < 6; k++) {
    opens_h[k] = lexicon_word_hash(opens[k], strlen(opens[k]));
    xn_opens_bits |= 1ull << (opens_h[k] & 63);
  }
  xwords_load(&ws_not_name, LEX_NOT_NAME, 1);
  const char *const *h = lexicon_get()->lists[LEX_HONORIFICS];
  xt_phrases_set(&honorifics, h[0] ? h : honorifics_builtin);
  xt_phrases_set(&roles, lexicon_get()->lists[LEX_PERSON_ROLES]);
  xpi_set(&ix_hon, &honorifics), xpi_set(&ix_roles, &roles);
  hon_marked = h[0] != NULL && ix_hon.exact; /* (no phrase opens on a number) */
  hon_stops = 1;
  for (const char *const *p = honorifics.p; *p; p++)
    if (strpbrk(*p, ",;:()!?\"")) hon_stops = 0;
  /* extract_foreign.c's head_before looks for a head of up to four
  ** tokens ending up to two tokens before the name: six back at most */
  xn_head_reach = !hon_marked ? 0 : ix_hon.maxw > 6 ? ix_hon.maxw : 6;
  bap_init();
  for (const char *const *b = lexicon_get()->lists[LEX_BAPTISMAL]; *b; b++) {
    uint32_t h = lexicon_word_hash(*b, strcspn(*b, "- "));
    bap_first[h >> 6 & 63] |= 1ull << (h & 63);
  }
}

/* A name in a list of names that shares a title ("7 Phó giám đốc gồm
** đại tá A, Văn Quyết Thắng, …"), whatever its surname: three or four
** syllables, none a title head, an honorific, a place of the gazetteer
** or a word of not-name.txt. Its syllable count, else 0. */
int xn_listed_name(const xsent *x, size_t i) {
  int k = xn_name_run(x, i, 1);
  if (k < 3) return 0;
  for (size_t j = i; j < i + (size_t)k; j++)
    if (xn_head_in(x, j) || xn_honorific_in(x, j) || xn_lookup(x, j, XN_PLACES))
      return 0;
  return k;
}

/* Does "ông", "bà" or "đồng chí" open a name at token i: written in
** lower case, or first in its sentence or after punctuation ("+ Bà …";
** "tỉnh Bà Rịa" is a place's)? */
int xn_honorific_opens(const xsent *x, size_t i) {
  /* the honorifics of people in the news: "ông", "bà", "đồng chí" (a
  ** cheap look first: most capitalised words are asked; a word that is
  ** one of them in either case has one of their hashes) */
  if (i == 0 || !(xn_opens_bits >> (x->t[i - 1].h & 63) & 1)) return 0;
  int open = 0; /* the word's text asked only of the words of its hash */
  for (int k = 0; k < 6 && !open; k++)
    open = x->t[i - 1].h == opens_h[k] &&
           xt_isci_n(x, i - 1, opens[k], strlen(opens[k]));
  if (!open) return 0;
  size_t h = xn_honorific_before(x, i);
  if (!h) return 0;
  size_t a = i - h;
  return !(x->t[a].flags & TF_UPPER) || a == 0 || x->t[a - 1].type == T_PUNCT;
}
