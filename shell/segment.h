/*
** segment.h — the Vietnamese word segmenter. Pure C, no Lua.
**
** A lexicon (word types with counts, lower-cased NFC syllables joined by
** one space) plus a decoder: inside each run of syllables separated by
** single spaces, the split with the highest probability under a unigram
** word model (Viterbi over syllable positions, natural-log
** probabilities) — not greedy longest match. tinsh's own lists join in:
** place names (gazetteer.tsv), surnames (a capitalised surname followed by
** one to three capitalised syllables is one person-name word), short
** titles (titles.txt); figures and document numbers ("57,7%", "5.000",
** "20-NQ/TU") are single words. A capitalised run of two to four syllables
** that does not start a sentence is a candidate word too (kind
** SEG_PROPER), weighed against the lexicon's splits.
**
** Loading is not thread-safe; a loaded lexicon is read-only and
** seg_words may run on it from any number of threads at once. A user
** overlay (seg_lex_overlay) shares its base and adds or removes entries
** of its own.
*/
#ifndef TINSH_SEGMENT_H
#define TINSH_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

/* What a word is; the callback gets one of these. */
enum seg_kind {
  SEG_WORD = 0,    /* a lexicon entry (one or more syllables) */
  SEG_UNKNOWN = 1, /* a single syllable that no list knows */
  SEG_NAME = 2,    /* a person's name: surname + 1-3 capitalised syllables */
  SEG_PLACE = 3,   /* a gazetteer place name */
  SEG_PROPER = 4,  /* a capitalised run not in any list */
  SEG_NUMBER = 5,  /* a figure or document number, "57,7%", "20-NQ/TU" */
  SEG_USER = 6     /* an entry added with seg_lex_add */
};

typedef struct seg_lex seg_lex;

/*
** One word: bytes text[from..to) of the text given to seg_words, made of
** nsyl syllables (1 for a number). Return 0 to go on; a non-zero value
** stops seg_words, which returns it.
*/
typedef int (*seg_word_fn)(void *ctx, size_t from, size_t to, int nsyl,
                           int kind);

/*
** Load the lexicon from the data folder dir (NULL: $TINSH_DATA, else the
** compile-time data folder): every words/NAME.txt file (word<TAB>count
** lines, '#' comments, "# total<TAB>N" gives the model's total), plus
** gazetteer.tsv, surnames.txt and titles.txt. A missing file is skipped;
** *nfiles (may be NULL) counts those read. Returns NULL only when out of
** memory.
*/
seg_lex *seg_lex_load(const char *dir, int *nfiles);

/*
** Write the binary image of dir's lexicon (NULL: as seg_lex_load) to
** path: seg_lex_load maps it instead of reading the text files whenever
** the image was made from files identical to the ones it would read
** ($TINSH_LEXICON_IMAGE names the image to try, empty for none; the
** build makes one in its folder). Returns 0, or -1 when path cannot be
** written.
*/
int seg_lex_save_image(const char *dir, const char *path);

/* The process-wide lexicon from the default data folder, loaded once
** (thread-safe); never freed. NULL only when out of memory. */
const seg_lex *seg_lex_default(void);

/* A new, empty user overlay on base (which must outlive it). */
seg_lex *seg_lex_overlay(const seg_lex *base);

/*
** Teach an overlay (or a lexicon of one's own): add the word w[0..n)
** (syllables separated by spaces, any case) so it wins over its
** splits, or remove it so it is never proposed. Returns 0, or -1 when
** w holds no syllable, more than SEG_MAX_SYL syllables, or memory ran out.
*/
int seg_lex_add(seg_lex *lex, const char *w, size_t n);
int seg_lex_remove(seg_lex *lex, const char *w, size_t n);

/* Free a lexicon or an overlay (NULL is fine; never the default one). */
void seg_lex_free(seg_lex *lex);

/* Number of entries (words and prefixes) held by lex itself. */
size_t seg_lex_size(const seg_lex *lex);

#define SEG_MAX_SYL 4

/* The segmenter's hash of a key s[0..n) (8 bytes at a time, well mixed;
** never 0): the lexicon's, and the word statistics' too. */
uint64_t seg_hash(const char *s, size_t n);
/* seg_hash's steps from another start: with a seed no text can know, the
** slots of a table keyed by a text's words cannot be aimed at (a file
** made for its words to share slots would make the table's probes
** quadratic) */
uint64_t seg_hash_seeded(const char *s, size_t n, uint64_t seed);

/*
** The lexicon key of a written word w[0..n) (a word span seg_words gave,
** or a user's word): its syllables folded (NFC, lower case) and joined by
** one space, "Phát triển" -> "phát triển", written to out (cap bytes,
** NUL-terminated). Returns the key's length, or 0 when w holds no
** syllable, more than SEG_MAX_SYL, or the key does not fit.
*/
size_t seg_key(const char *w, size_t n, char *out, size_t cap);

/*
** A text's tokens as its caller cut them already: bytes [start, end) of
** the text. The *_pieces entries skip the segmenter's own scan of the
** text; the pieces must be exactly the spans seg_spans_scan would find in
** it (no compound among them, nothing else between them): syllables
** without digits written one ' ' apart are (xt_first_word's test).
*/
typedef struct seg_piece {
  size_t start, end;
} seg_piece;

/* Is the written word w[0..n) (syllables separated by single spaces) an
** entry of lex that is a word of its own ("thực hiện")? The lexicon's
** answer alone, without the decoder's reading of a context. */
int seg_is_word(const seg_lex *lex, const char *w, size_t n);
/* seg_is_word of the text whose tokens are pieces p[0..np) of text. */
int seg_is_word_pieces(const seg_lex *lex, const char *text, const seg_piece *p,
                       size_t np);

/*
** Segment text[0..n) into words, calling cb for each in text order.
** Only words are reported: spaces, punctuation and any other bytes lie
** between them, untouched. Deterministic. Returns 0, the first non-zero
** value cb returned, or -1 when out of memory.
*/
int seg_words(const seg_lex *lex, const char *text, size_t n, seg_word_fn cb,
              void *ctx);

/*
** seg_words with each word's key as the decoder read it: its syllables'
** folded forms (NFC, lower case) joined by one space, key[0..nkey) (not
** NUL-terminated; valid during the call). For a word of syllables it is
** what seg_key gives for the word's bytes (up to seg_key's size limit);
** for a number, the folded number without a '%' after it.
*/
typedef int (*seg_wordk_fn)(void *ctx, size_t from, size_t to, int nsyl,
                            int kind, const char *key, size_t nkey);
int seg_words_k(const seg_lex *lex, const char *text, size_t n, seg_wordk_fn cb,
                void *ctx);
/* seg_words over text[0..n) whose tokens are pieces p[0..np) of it. */
int seg_words_pieces(const seg_lex *lex, const char *text, size_t n,
                     const seg_piece *p, size_t np, seg_word_fn cb, void *ctx);
/* The first word seg_words_pieces reports (what a callback that stops at
** it sees): its syllables (0: none) and its start in *from, the run
** after it read only as far as the answer depends on it. */
int seg_first_word_pieces(const seg_lex *lex, const char *text, size_t n,
                          const seg_piece *p, size_t np, size_t *from);
/* seg_first_word_pieces when the caller knows that no piece holds a
** digit '0'..'9' (all syllables, xt_first_word's pieces): the decoder
** skips its test for a figure. */
int seg_first_word_syl(const seg_lex *lex, const char *text, size_t n,
                       const seg_piece *p, size_t np, size_t *from);

/*
** The token spans of a text, the segmenter's one scan of it: each
** syllable, number or document number text[start..end) in order (what
** seg_words reads; punctuation skipped). A number compound whose tokens
** '/' or '-' join has SEG_SPAN_PARTS (the FTS tokenizer's document mode
** also indexes its parts). Kept so that the FTS tokens of the same text
** are made without scanning it again.
*/
#define SEG_SPAN_PARTS 1
/*
** The scan also folds each span once, code point by code point
** (text_fold_pair; ASCII A-Z lowered), into the spans' fold buffer: its
** case fold (what text_fold gives) at fold + fex, nex bytes, then its
** accent fold, nst bytes, so that the segmenter's keys, the FTS tokens and
** the word tokens all read the same folds. nex is -1 when the span was not
** folded (a combining mark, an invalid byte, a code point beyond the
** table, a span over SEG_FOLD_MAX bytes): its readers fold it themselves.
*/
#define SEG_FOLD_MAX 255
typedef struct seg_span {
  size_t start, end;
  int flags;
  int nex, nst;
  size_t fex;
} seg_span;
typedef struct seg_spans {
  seg_span *v;
  size_t n, cap;
  char *fold; /* the spans' folds, back to back */
  size_t nfold, capfold;
} seg_spans;
/* Scan text[0..n) into *out (its previous spans dropped, memory reused). */
void seg_spans_scan(const char *text, size_t n, seg_spans *out);
/* The bytes the calling thread has handed to seg_spans_scan so far (every
** segmenting scans its whole text first): lets tests bound the work of a
** caller that segments a text piece by piece. */
size_t seg_scanned_bytes(void);
void seg_spans_free(seg_spans *s);
/* seg_words_k over the spans sp that seg_spans_scan found in text[0..n). */
int seg_words_spans(const seg_lex *lex, const char *text, size_t n,
                    const seg_spans *sp, seg_wordk_fn cb, void *ctx);

#endif
