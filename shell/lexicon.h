/*
** lexicon.h — the bundled word lists the fact extractors read: surnames,
** titles, units, issuers, the gazetteer, the abbreviation glossary,
** the extractors' small word lists (LEX_* below) and the parser's marker
** lists (lexicon_list).
**
** The lists are plain UTF-8 (NFC) text files in the data folder:
** $TINSH_DATA when set, else the compile-time TINSH_DATA_DIR. They are
** loaded once per process (pthread_once) and never freed; lookups are
** read-only and thread-safe. A missing folder or file leaves that table
** empty and prints one warning on stderr.
*/
#ifndef TINSH_LEXICON_H
#define TINSH_LEXICON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "text.h"

typedef struct lex_entry {
  const char *key;  /* lookup key (lowercased for case-insensitive tables) */
  size_t len;       /* strlen(key) */
  const char *val;  /* canonical form / expansion / NULL */
  const char *kind; /* second column (place kind, unit class) or NULL */
} lex_entry;

typedef struct lex_table {
  lex_entry *slots; /* open addressing, cap is a power of two */
  size_t cap, n;
  int maxtok;         /* most space-separated words in any key */
  int fold;           /* keys are lowercased; look up lowercased text */
  uint32_t *firsts;   /* set of lexicon_word_hash of each key's first word */
  uint8_t *fmax;      /* per first word: most words of a key starting so */
  size_t fcap, fn;    /* its capacity (power of two; 0 when empty), count */
  uint64_t bloom[64]; /* 4096-bit filter over firsts: a quick "no" */
} lex_table;

/* The extractors' word lists (data/<name>.txt, one word or phrase a line,
** in file order). */
enum {
  LEX_NOT_UNIT,         /* not-unit.txt: never a unit after a number */
  LEX_NOT_AFTER_NUMBER, /* not-after-number.txt: "năm 2020" is no figure */
  LEX_QUALIFIERS,       /* qualifiers.txt: "khoảng", "gần", "hơn" */
  LEX_SUBJECT_CUT,      /* subject-cut.txt: words ending a subject */
  LEX_SUBJECT_LEAD,     /* subject-lead.txt: words dropped before one */
  LEX_HONORIFICS,       /* honorifics.txt: "đồng chí", "ông", "bà" */
  LEX_TITLE_WORDS,      /* title-words.txt: lower-case words in titles */
  LEX_NOT_NAME,         /* not-name.txt: capitalised words never in names */
  LEX_TITLE_LINKS,  /* title-links.txt: "được bầu làm" before a title */
  LEX_TITLE_ENDS,   /* title-ends.txt: "phát biểu" after a title */
  LEX_PLACE_HEADS,  /* place-heads.txt: "khu", "cầu", "vịnh" */
  LEX_ORG_WORDS,    /* org-words.txt: "Trường", "THCS" before a place */
  LEX_PERIOD_TERMS, /* period-terms.txt: "nhiệm kỳ", "giai đoạn" */
  LEX_REF_KINDS,    /* ref-kinds.txt: "Nghị quyết", "Kế hoạch" */
  LEX_NOT_PERSON_AFTER, /* not-person-after.txt: "Trường THPT", "đường" */
  LEX_TITLE_ORGS,       /* title-orgs.txt: "ban tổ chức" inside a title */
  LEX_LINK_ADVERBS,     /* link-adverbs.txt: "đã", "vừa" before a link */
  LEX_NUMBERED_UNITS,   /* numbered-units.txt: "Quân khu" before a number */
  LEX_FOREIGN_ORGS,     /* foreign-org-words.txt: "Airlines", "Group" */
  LEX_SHORT_COUNTRIES,  /* country-short-names.txt: "Mỹ", "Nga" */
  LEX_PERSON_ROLES,     /* person-roles.txt: "bị cáo", "VĐV", "em" */
  LEX_BAPTISMAL,        /* baptismal-names.txt: "Giuse", "Phao-lô" */
  LEX_ORG_HEADS,        /* org-heads.txt: "Ủy ban", "Văn phòng", "Trạm" */
  LEX_ORG_NAME_ENDS,    /* org-name-ends.txt: "quốc gia", "trung ương" */
  LEX_EVENT_ROLES,      /* event-roles.txt: "trưởng đoàn" after "làm" */
  LEX_NUMBER_AFTER_OK,  /* number-after-ok.txt: "phân khối" before 149 cc */
  LEX_REPORT_VERBS,     /* report-verbs.txt: "cho biết" before a figure */
  LEX_NOT_AFTER_WORD,   /* not-after-word.txt: "số" alone before a label */
  LEX_STOPWORDS,        /* stopwords-vi.txt: "của", "ông" (no subject) */
  LEX_UNIT_PREFIXES,    /* unit-prefixes.txt: "cựu", "tân" before a noun */
  LEX_RANK_TITLES,      /* rank-titles.txt: "Luật sư", "Đại tá" */
  LEX_LIST_N
};

/* The extractors' two-column lists (data/<name>.tsv, key<TAB>value a
** line, in file order, ended by {NULL, NULL}). */
typedef struct lex_pair {
  const char *key, *val;
} lex_pair;

enum {
  LEX_REF_CODES,      /* ref-codes.tsv: "NQ" -> "Nghị quyết" */
  LEX_PLACE_PREFIXES, /* place-prefixes.tsv: "TP" -> "thành phố" */
  LEX_MULTIPLIERS,    /* multipliers.tsv: "triệu" -> "1e6" */
  LEX_PAIR_N
};

typedef struct lexicon {
  lex_table surnames; /* "Nguyễn" (exact case) */
  lex_table titles;   /* "bí thư", "phó chủ tịch" (folded) */
  lex_table degrees;  /* "pgs.ts", "bác sĩ", "nhà thơ" (folded) */
  lex_table monastic; /* "ht", "tt": ranks only before "Thích" (folded) */
  lex_table units;    /* "đảng viên", "km", kind "stop" = not a unit */
  lex_table issuers;  /* "bộ chính trị" (folded) -> canonical spelling */
  lex_table places;   /* "Móng Cái" and aliases (exact) -> canonical, kind */
  lex_table glossary; /* "HĐND" (exact) -> expansion */
  const char *const *lists[LEX_LIST_N]; /* NULL-terminated word lists */
  const lex_pair *pairs[LEX_PAIR_N];    /* {NULL, NULL}-terminated */
  int missing; /* number of data files that could not be read */
  int utf8;    /* 1: every data file read is valid UTF-8 */
} lexicon;

/* The process-wide lexicon, loaded on first use. Never NULL. */
const lexicon *lexicon_get(void);

/*
** Write the binary image of the lexicon lexicon_get loaded (from the
** data folder's files, every one present) to path: its tables, lists and
** texts as they lie, with a hash of the files. A process loads from the
** image ($TINSH_LEXDATA_IMAGE, empty for none, else the build's) only
** when the data folder's files hash the same now; else from the files.
** 0, or -1.
*/
int lexicon_save_image(const char *path);

/* Entry whose key equals s[0..n), or NULL. For a folding table the caller
** passes text already lowercased (lexicon_fold). */
const lex_entry *lex_find(const lex_table *t, const char *s, size_t n);
/* lex_find of text as written: folded first when the table's keys are
** ("Ủy viên" finds "ủy viên" in titles). */
const lex_entry *lex_find_text(const lex_table *t, const char *s, size_t n);

/* Hash of a word with its first letter lowercased (the rest as is), the
** same for "Móng" and "móng"; never 0. Tokens carry it so that a table
** can be skipped when no key starts with the word. */
uint32_t lexicon_word_hash(const char *s, size_t n);

/* Case fold of code point cp (text_fold_cp; inline through the fold
** table for Latin and Vietnamese letters). */
static inline int32_t lexicon_lower_cp(int32_t cp) {
  int32_t f, st;
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  return text_fold_pair(cp, &f, &st) ? f : text_fold_cp(cp);
}

/* The word hash from its parts: the lowercased first letter c (its code
** point), the byte length n and v, the (up to) 8 bytes after the first
** letter, little endian — cheap, and a collision only costs a lookup
** that then fails. */
static inline uint32_t lexicon_hash_folded(uint32_t c, size_t n, uint64_t v) {
  uint64_t h = ((uint64_t)c << 32 | n) * 0x9E3779B97F4A7C15ull;
  h ^= v * 0xC2B2AE3D27D4EB4Full;
  h ^= h >> 29;
  h *= 0x165667B19E3779F9ull;
  uint32_t r = (uint32_t)(h >> 32);
  return r ? r : 1;
}

/* lexicon_hash_folded of the first letter cp lowercased here. */
static inline uint32_t lexicon_hash_parts(int32_t cp, size_t n, uint64_t v) {
  return lexicon_hash_folded((uint32_t)lexicon_lower_cp(cp), n, v);
}

/* 8 bytes at p as a little-endian number. */
static inline uint64_t lexicon_load8(const char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

/* lexicon_word_hash when the first code point cp (k bytes) is decoded. */
static inline uint32_t lexicon_word_hash_cp(const char *s, size_t n, int32_t cp,
                                            size_t k) {
  uint64_t v = 0;
  if (n - k >= 8) {
    v = lexicon_load8(s + k);
  } else {
    for (size_t i = k; i < n; i++)
      v |= (uint64_t)(unsigned char)s[i] << (8 * (i - k));
  }
  return lexicon_hash_parts(cp, n, v);
}

/* The most words of a key of t that starts with the word of hash h; 0
** when no key starts so. */
static inline int lex_first(const lex_table *t, uint32_t h) {
  uint32_t b = (h >> 20) & 4095;
  if (!(t->bloom[b >> 6] >> (b & 63) & 1)) return 0;
  size_t m = h & (t->fcap - 1);
  while (t->firsts[m]) {
    if (t->firsts[m] == h) return t->fmax[m];
    m = (m + 1) & (t->fcap - 1);
  }
  return 0;
}

/* lex_find with h = util_hash64(s, n) already computed. */
const lex_entry *lex_find_h(const lex_table *t, const char *s, size_t n,
                            uint64_t h);

/* Case-fold UTF-8 s[0..n) into dst (cap bytes, NUL-terminated): the text
** layer's fold, text_fold(..., TEXT_FOLD_CASE). Returns the length
** written, or 0 when it does not fit. */
size_t lexicon_fold(char *dst, size_t cap, const char *s, size_t n);

/* ---- the parser's word lists (data/parser-markers.tsv) ----
** Lines "kind<TAB>phrase"; each kind is one list, in file order. */
enum {
  LEXL_BANNER_LINE,
  LEXL_BANNER_START,
  LEXL_LEGAL_BANNER,
  LEXL_RELATED_LINE,
  LEXL_RELATED_START,
  LEXL_FOOTER_START,
  LEXL_FOOTER_SHORT,
  LEXL_FOOTER_LINE,
  LEXL_SHARE_START,
  LEXL_SHARE_LINE,
  LEXL_SHARE_WORD,
  LEXL_WIDGET_START,
  LEXL_WIDGET_LINE,
  LEXL_CONTACT,
  LEXL_SITE_HEAD,
  LEXL_CAPTION_START,
  LEXL_CAPTION_OPENER,
  LEXL_CAPTION_PHRASE,
  LEXL_LEAD_OPENER,
  LEXL_HEADING_HEAD,
  LEXL_BYLINE_SOURCE,
  LEXL_BYLINE_ROLE,
  LEXL_BYLINE_ROLE_TAIL,
  LEXL_NOT_A_NAME,
  LEXL_THANKS_START,
  LEXL_DATE_WORD,
  LEXL_FOLLOW_START, /* "Theo dõi": a follow widget's first words */
  LEXL_FOLLOW_END,   /* "Google News": where it sends the reader */
  LEXL_LEGAL_STATE, /* "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": ends an issuer */
  LEXL_LEGAL_ISSUER,   /* "QUỐC HỘI": starts an issuer's line */
  LEXL_LEGAL_SESSION,  /* "kỳ họp thứ": the legislature's session line */
  LEXL_LEGAL_PERIOD,   /* "Từ ngày": the session's dates, in brackets */
  LEXL_LEGAL_TERM,     /* "Khóa": starts the session line */
  LEXL_PHOTO_POSITION, /* "từ trái sang": where a person stands in a photo */
  LEXL_CAPTION_TAIL,   /* ". Ảnh: ": a credit closing a caption's sentence */
  LEXL_LIST_INTRO,     /* " như sau": ends a line introducing a list */
  LEXL_SCRIPT_JUNK,    /* "null ": a script's empty value before a headline */
  LEXL_BYLINE_DEGREE,  /* "ThS.": a degree opening an author's line */
  LEXL_COUNTER_LABEL, /* "Hôm qua": a visit counter's label ("Hôm qua: 12") */
  LEXL_ADDRESS_WORD,  /* "Phường": an administrative unit in an address */
  LEXL_ISSUE_START,   /* "Số": opens a magazine's issue line */
  LEXL__COUNT
};

/* The phrases of list `which` (LEXL_*), NULL-terminated, in file order;
** loaded once, never freed, read-only; empty when the file is missing. */
const char *const *lexicon_list(int which);

#endif
