/*
** xtok.h — the extractors' token layer: sentences and tokens of a body
** block, and the helpers every extractor (extract_*.c) uses on them.
**
** xt_tokenize cuts a block into sentences (lines are sentences too) and
** each sentence into tokens, over the text layer's tokenizer (text_tok.h):
** its level-1 tokens, with numbers built from digits and inner '.' or ','.
** (xtok_scan.c scans the bytes with bit masks and holds itself to that
** tokenizer's tokens, xtok_scan.h.)
** Tokens are byte spans into the block text; nothing is copied until a
** fact is kept (then into the doc arena). Below every extractor: it calls
** text, lexicon, doc and util only.
*/
#ifndef TINSH_XTOK_H
#define TINSH_XTOK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "doc.h"
#include "lexicon.h"

typedef enum { T_WORD, T_NUM, T_PUNCT } tok_type;

enum {
  TF_SPACE = 1, /* whitespace (or block start) right before the token */
  TF_UPPER = 2, /* word whose first letter is uppercase */
  TF_CAPS = 4,  /* word of >= 2 letters, all uppercase ("HĐND", "QH") */
  TF_DIGITS = 8 /* word that also holds digits ("Km11", "QH13") */
};

typedef struct tok {
  uint32_t off;  /* byte offset in the block text */
  uint32_t len;  /* byte length */
  uint8_t type;  /* tok_type */
  uint8_t flags; /* TF_* */
  int32_t cp;    /* first code point (punctuation: the character) */
  uint32_t h;    /* words: lexicon_word_hash of the text, else 0 */
  uint8_t trig;  /* words: TR_* bits, computed once by the tokenizer */
} tok;

/* What a word may start (xt_bits): lets extractors skip most tokens. */
enum {
  TR_REF = 1,       /* a document kind: "Nghị quyết", "Kế hoạch", ... */
  TR_PERIOD = 2,    /* a term: "nhiệm kỳ", "giai đoạn", "thời kỳ" */
  TR_PLACE = 4,     /* an administrative prefix: "xã", "TP", "huyện", ... */
  TR_GAZ = 8,       /* the first word of a gazetteer name */
  TR_SURNAME = 16,  /* a surname */
  TR_TARGET = 32,   /* "tầm nhìn", "đến năm", "trước năm" */
  TR_CONGRESS = 64, /* "Đại hội" */
  TR_HEAD = 128 /* a title head or an honorific: "Tổng", "Thủ", "ông" */
};

typedef struct name_hit { /* a name-shaped run seen in the text */
  uint32_t block, off, len;
} name_hit;

/* uint64 hash -> int map (open addressing; key 0 is remapped to 1). */
typedef struct hmap {
  uint64_t *keys;
  int *vals;
  size_t cap, n;
} hmap;

/* Slot of `key`: *isnew is set when the key was just inserted (value 0). */
int *hmap_slot(hmap *m, uint64_t key, int *isnew);
/* The value of key, or NULL when m has none (nothing is inserted). */
int *hmap_find(const hmap *m, uint64_t key);
void hmap_free(hmap *m);
/* Empty m, keeping its room for the next document (a map answers the
** same whatever its room). */
void hmap_clear(hmap *m);

/* Per-document scanning state. */
typedef struct xdoc {
  doc *d;
  const lexicon *lx;
  VEC(name_hit) names; /* every surname-initial capitalised run */
  hmap people;         /* name hash -> index in d->people + 1 */
  hmap places;         /* canonical name hash -> index in d->places + 1 */
  hmap periods;        /* (kind, from, to, ordinal) -> 1 */
  hmap refs;           /* number hash -> index in d->refs + 1 */
  hmap quotes;         /* text hash -> 1 */
  hmap abbrevs;        /* abbr hash -> 1 */
} xdoc;

/* One sentence being scanned. */
typedef struct xsent {
  xdoc *x;
  doc *d;
  int block;         /* index in d->blocks */
  const char *s;     /* block text */
  size_t start, end; /* sentence byte range in s */
  const tok *t;      /* its tokens */
  size_t n;          /* token count */
  char *sentence;    /* arena copy of the sentence, made on demand */
  uint8_t *used;     /* used[i]: token i belongs to a ref/date/period */
  uint8_t *titles;   /* titles[i]: the length of the title at token i
                     ** (extract_people.c's title_at, which depends on
                     ** the tokens alone), 0xFF until asked */
} xsent;

/* ---- token helpers ---- */

/* A fixed word list looked up by token hash (built once, then read-only). */
typedef struct xwords {
  const char *const *w; /* NULL-terminated list */
  int exact;            /* 1: exact match; 0: first letter case-insensitive */
  uint32_t keys[512];   /* lexicon_word_hash of each word; 0 = empty */
  uint16_t idx[512];    /* its index in w */
} xwords;

#define XWORDS_MAX 384 /* words of a list kept (the table has 512 slots) */

/* Hash the words of ws->w (the first XWORDS_MAX). */
/* Point ws at the lexicon's word list `list` (LEX_*) and hash it. */
void xwords_load(xwords *ws, int list, int exact);
/* Word token i is one of ws's words. */
int xt_in(const xsent *x, size_t i, const xwords *ws);

/* TR_* bits of word token i (0 for other tokens). */
static inline unsigned xt_bits(const xsent *x, size_t i) {
  return i < x->n ? x->t[i].trig : 0;
}
/* Token i's text equals w exactly. Out-of-range i is never equal.
** (Inline, so that a literal w's length is known when compiled.) */
static inline int xt_is(const xsent *x, size_t i, const char *w) {
  if (i >= x->n || x->s[x->t[i].off] != w[0]) return 0;
  size_t n = strlen(w);
  return x->t[i].len == n && memcmp(x->s + x->t[i].off, w, n) == 0;
}
/* Same, ignoring the case of the first letter of both (xt_isci_n: w of
** wn bytes). */
int xt_isci_n(const xsent *x, size_t i, const char *w, size_t wn);
static inline int xt_isci(const xsent *x, size_t i, const char *w) {
  size_t n = strlen(w); /* a constant for a literal: a token of another
                        ** length is no match without a call */
  return i < x->n && x->t[i].len == n && xt_isci_n(x, i, w, n);
}
/* Tokens from i spell the words of `phrase` (single spaces, first letter
** case-insensitive); returns how many tokens matched, or 0. */
int xt_phrase(const xsent *x, size_t i, const char *phrase);
/* xt_phrase with every word's first letter in either case ("Ban Chỉ
** đạo" for "ban chỉ đạo") */
int xt_phrase_ci(const xsent *x, size_t i, const char *phrase);
/* xt_phrase (all_ci 0) or xt_phrase_ci (1) the long way, every word's
** length counted before its token is compared (the tests hold the two
** together). */
int xt_phrase_ref(const xsent *x, size_t i, const char *phrase, int all_ci);
/* Token i is a word in title case: a capital first, not all capitals
** ("Nam", not "ĐIỀN"; a name's word, or a credit's when capitals). */
static inline int xt_title_cased(const xsent *x, size_t i) {
  return i < x->n && x->t[i].type == T_WORD &&
         (x->t[i].flags & (TF_UPPER | TF_CAPS)) == TF_UPPER;
}
/* Punctuation token i is the character c. */
static inline int xt_punct(const xsent *x, size_t i, int c) {
  return i < x->n && x->t[i].type == T_PUNCT && x->t[i].cp == c;
}
/* Join tokens [i, j) into dst as words with single spaces (punctuation
** attached as written). Returns the length or 0 when it does not fit. */
size_t xt_join(const xsent *x, size_t i, size_t j, char *dst, size_t cap);
/* xt_lookup once token i is known to start a key (a word whose hash
** lex_first gives maxw > 0, the most words of such a key). */
int xt_lookup_at(const xsent *x, size_t i, const lex_table *t,
                 const lex_entry **out, int maxw);
/* Longest phrase of a lexicon table starting at token i (at most `max`
** tokens, words only unless `punct`); returns its token count, 0 if none.
** Inline: most tokens start no key of t, as lex_first tells at once. */
static inline int xt_lookup(const xsent *x, size_t i, const lex_table *t,
                            const lex_entry **out) {
  if (i >= x->n || !t->n || x->t[i].type == T_PUNCT) return 0;
  int maxw = lex_first(t, x->t[i].h); /* most words of a key from here */
  return maxw ? xt_lookup_at(x, i, t, out, maxw) : 0;
}
/* xt_lookup joining words up to the most a key starting with token i's
** word has, whatever the key so far (the tests hold the two together). */
int xt_lookup_ref(const xsent *x, size_t i, const lex_table *t,
                  const lex_entry **out);
/* Arena copy of the block text from token i to the end of token j-1. */
char *xt_span(const xsent *x, size_t i, size_t j);
/* Arena copy of the whole sentence (cached). */
/* The sentence, or a window of at most ~max bytes around tokens [i, j). */
char *xt_context(xsent *x, size_t i, size_t j, size_t max);
/* Byte offset just past token j-1 (or the start of token i when j <= i). */
size_t xt_end(const xsent *x, size_t j);

/* Parse the Vietnamese/English number of token text s[0..n). */
double xt_number(const char *s, size_t n);

/* The syllables (1..e-j) of the first word the segmenter reads in the text
** of tokens [j, e): 1 when no longer word starts at token j. */
int xt_first_word(const xsent *x, size_t j, size_t e);
/* The same by the segmenter's own scan of the tokens' text (what
** xt_first_word gives; the tests hold the two together). */
int xt_first_word_scan(const xsent *x, size_t j, size_t e);
/* Do tokens [i, j) (i < j <= x->n) spell a word of the segmenter's
** lexicon (seg_is_word of their text)? xt_seg_word_scan: by the
** segmenter's own scan of the text, as the tests compare. */
int xt_seg_word(const xsent *x, size_t i, size_t j);
int xt_seg_word_scan(const xsent *x, size_t i, size_t j);

/* A 4-digit year 1900..2100 at token i, else 0. */
int xt_year(const xsent *x, size_t i);
/* Date at token i ("27/11/2023", "29.12.2023", "05 tháng 4 năm 2016",
** "11-7-2023");
** writes ISO "yyyy-mm-dd" into iso[11] and returns the token count. */
int xt_date(const xsent *x, size_t i, char iso[11]);

/* Roman numeral "XXIV" -> 24; 0 when s[0..n) is not one. */
int xt_roman(const char *s, size_t n);

typedef VEC(tok) tokvec;

/* Sentence features gathered by xt_tokenize: the OR of every token's TR_*
** bits and these, so extractors with nothing to find are skipped. */
enum { F_NUM = 1 << 8, F_PAREN = 1 << 9, F_UPPER = 1 << 10 };

/*
** Tokenize the sentence that starts at s[a] (block of b bytes) into v
** (cleared first); set *feat to its features and return where the
** sentence ends: just past a newline, or past a '.', '!' or '?' followed
** by a space, a newline or the end; a sentence longer than 8 KB ends at
** the next space, and one of 4,096 tokens ends there.
*/
size_t xt_tokenize(const char *s, size_t a, size_t b, tokvec *v,
                   unsigned *feat);

/* Build the trigger table (TR_* bits) once; extract_facts calls it. */
void xtok_init(void);

/* A list of phrases from data/ with each phrase's word count, counted
** once (xt_phrases_set), not on every match, and the word hash of each
** phrase's first word: a token whose hash (tok.h) differs cannot start
** the phrase, so most phrases are passed over without a comparison. */
#define XT_PHRASES_MAX 384
typedef struct xphrases {
  const char *const *p; /* NULL-terminated, in file order */
  unsigned char words[XT_PHRASES_MAX];
  uint32_t first[XT_PHRASES_MAX]; /* lexicon_word_hash of the first word;
                                  ** 0: any token may start it (a number) */
  uint64_t mask; /* bit (h & 63) of every first hash; all ones with a 0 */
  uint64_t by_words[4]; /* the same bits for the phrases of 1, 2, 3 words */
  int longer;           /* a phrase of 4 words or more: no by_words look */
} xphrases;

/* Point ph at the NULL-terminated list and count each phrase's words. */
void xt_phrases_set(xphrases *ph, const char *const *list);
/* Phrase m of ph at token j (xt_phrase, each word's first letter in
** either case when ci): its words, else 0. */
size_t xt_phrase_m(const xsent *x, size_t j, const xphrases *ph, int m, int ci);
/* Does a phrase of ph start at token j? Its words, else 0. */
size_t xt_phrase_in(const xsent *x, size_t j, const xphrases *ph);
/* xt_phrase_in with each word's first letter in either case ("Ban Chỉ
** đạo"); a phrase whose first word is longer or shorter than token j is
** passed over at once. */
size_t xt_phrase_in_ci(const xsent *x, size_t j, const xphrases *ph);
/* Does a phrase of ph end just before token i (each word's first letter
** in either case when ci)? Its words, else 0. */
size_t xt_phrase_before(const xsent *x, size_t i, const xphrases *ph, int ci);

#endif
