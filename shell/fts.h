/*
** fts.h — the tinsh FTS5 tokenizer and query helpers. Pure C.
**
** Tokens: NFC + case folding, one token per syllable (Unicode letters,
** digits and the combining marks inside them). Numbers and document
** numbers stay whole as written ("57,7", "5.000", "21.923/23.394",
** "20-NQ/TU", "108/2014/NĐ-CP"); in documents a compound that contains
** '/' or '-' is also indexed part by part ("2014", "nđ", "cp").
**
** Accent-smart matching: at index time every token is emitted as its
** accent-stripped form ("dang"; marks removed, đ -> d) and, when that
** differs, the exact folded form ("đảng") colocated with it. At query
** time a word is looked up as its exact folded form only, so a word
** without diacritics hits the stripped forms of every accented variant
** and a word with diacritics hits exactly that form. Stripping is
** idempotent, so a stripped form never equals an accented exact form.
**
** Words: in documents, every word of two or more syllables that the
** segmenter (segment.h) finds is also emitted as one word token, its
** syllables' stripped forms joined by FTS_WORD_JOIN ("quang_ninh") and,
** when that differs, its exact folded form ("quảng_ninh"), both
** colocated with its first syllable, so phrase queries on syllables are
** unchanged. In queries, syllables joined by FTS_WORD_JOIN with nothing
** in between are that one word token.
**
** Dominant forms (FTS_INDEX, an index made with the tokenizer argument
** FTS_FORMS_ARG; fts_forms.c): a token whose fold has a dominant form
** (data/words/forms.tsv: an accented form written at least nine times in
** ten, "việt" for "viet", "quảng_ninh" for "quang_ninh") is that form
** alone when written so, and the form plus a marker of its fold
** (FTS_FORMS_MARK then the fold: "~viet" beside "viết") when written
** otherwise; a token of any other fold ("dang", "ninh") keeps both forms
** as above. A query word with diacritics is its exact form, as above; one
** without is, for a fold of the table, its dominant form and its marker
** colocated (FTS5 synonyms), and a prefix without diacritics also every
** accented beginning of the table's dominant forms ("quản*" for "quan*").
** The same rows match as with both forms everywhere; the 35k corpus's
** index holds about a fifth fewer tokens.
**
** Offsets are byte offsets into the original text (a word token's span
** covers the whole word).
*/
#ifndef TINSH_FTS_H
#define TINSH_FTS_H

#include <sqlite3.h>
#include <stddef.h>

#define FTS_TOKENIZER_NAME "tinsh"

enum {
  FTS_DOCUMENT = 0, /* index mode: stripped + exact forms, compound parts */
  FTS_QUERY = 1,    /* query mode: exact folded form, compounds whole */
  FTS_AUX = 2,      /* document tokens without word tokens (snippets and
                       offsets, which skip colocated word tokens anyway) */
  FTS_INDEX = 3     /* FTS_DOCUMENT with dominant forms (fts_forms.c) */
};

/* The tokenizer argument of an index with dominant forms (tokenize =
** 'tinsh forms1'), and the byte that starts a fold's marker token. */
#define FTS_FORMS_ARG "forms1"
/* The tokenize= argument of an fts table with dominant forms, and of one
** from before them (schema versions before 10). */
#define FTS_TOKENIZE_FORMS "'" FTS_TOKENIZER_NAME " " FTS_FORMS_ARG "'"
#define FTS_TOKENIZE_BOTH  "'" FTS_TOKENIZER_NAME "'"
#define FTS_FORMS_MARK     '~'
#define FTS_FORMS_MAX      512 /* longer folds (never seen) get no marker */

/* joins the syllables of a word token */
#define FTS_WORD_JOIN '_'

/* colocated with the previous token (same value as FTS5_TOKEN_COLOCATED) */
#define FTS_COLOCATED 0x0001

/* Token callback: return 0 to continue, non-zero to stop (that value is
** returned by fts_tokenize). */
typedef int (*fts_token_fn)(void *ctx, int tflags, const char *tok, int ntok,
                            int start, int end);

/* ---- dominant forms (fts_forms.c) ---- */

/* The dominant form of fold token fold[0..n) (length *nd), or NULL when
** the table does not hold fold (its tokens keep both forms). hashed: look up
** through a hash built at the first such call (the ingest's every token),
** else by halving the sorted table (a query's few words). */
const char *fts_forms_dominant(const char *fold, int n, int *nd, int hashed);
/* The table as compiled in: its bytes (comment lines, then sorted
** "fold<TAB>form" lines) and their number (tests). */
const char *fts_forms_table(size_t *n);
/* The marker token of fold[0..n) into out[0..cap): its length, or -1. */
int fts_forms_marker(const char *fold, int n, char *out, int cap);
/* The index tokens, in mode FTS_DOCUMENT or FTS_INDEX, of one token of
** exact fold ex[0..nex) and stripped fold st[0..nst) at start..end, the
** first with flags fl: st and (when it differs) ex colocated; in
** FTS_INDEX mode, for a fold of the table, ex alone when it is st's
** dominant form, else ex and st's marker colocated. Returns cb's first
** non-zero value, or 0. */
int fts_forms_emit(fts_token_fn cb, void *ctx, int mode, int fl, const char *ex,
                   int nex, const char *st, int nst, int start, int end);
/* Query prefix p[0..n) (no diacritics): cb(ctx, FTS_COLOCATED, v, nv,
** start, end) for each accented beginning v of the table's dominant forms
** of folds that start with p, as many code points long as p (p itself
** not again). Returns cb's first non-zero value, or 0. */
int fts_forms_prefixes(const char *p, int n, fts_token_fn cb, void *ctx,
                       int start, int end);

/*
** Tokenize text[0..n) in `mode` (FTS_DOCUMENT, FTS_INDEX, FTS_QUERY or
** FTS_AUX), calling cb
** for each token. Returns 0, or the first non-zero value cb returned.
*/
int fts_tokenize(const char *text, int n, int mode, fts_token_fn cb, void *ctx);
/* The same with the word tokens of lexicon lex (NULL: the default one,
** seg_lex_default; only document mode uses a lexicon). */
struct seg_lex;
int fts_tokenize_lex(const struct seg_lex *lex, const char *text, int n,
                     int mode, fts_token_fn cb, void *ctx);
/* The same without word tokens (fts_tok.c): what the segmenter itself
** uses to read syllables. */
int fts_scan(const char *text, int n, int mode, fts_token_fn cb, void *ctx);
/* fts_scan in document mode (FTS_DOCUMENT or FTS_INDEX) over the token
** spans the segmenter's scan (seg_spans_scan, segment.h) found in
** text[0..n): the same tokens without scanning the text again. */
struct seg_spans;
int fts_scan_spans(const char *text, int n, const struct seg_spans *sp,
                   int mode, fts_token_fn cb, void *ctx);

/*
** Register the "tinsh" tokenizer and the auxiliary functions
** tinsh_offsets(fts) and tinsh_rank(fts, w...) with db's FTS5. Returns an
** SQLite status code.
**
** tinsh_offsets(fts [, spans]) returns the byte offsets of the current
** row's hits as text "col start end col start end ...", col being the FTS
** column index and start/end byte offsets into that column's text. spans
** (text, see fts_plain_query_words) gives the token positions each
** phrase covers; without it, its number of tokens.
**
** tinsh_rank(fts, nrun [, spans], w...) is bm25(fts, w...) plus one term for
*the
** query's phrases found side by side in query order, with the IDF of nrun
** documents (the number holding that run; NULL: the IDF of the rarest
** phrase). Lower is better, like bm25. Used as
** `rank MATCH 'tinsh_rank(nrun, w...)'`.
*/
int fts_register(sqlite3 *db);

/*
** The lexicon db's "tinsh" tokenizer segments documents with (NULL: the
** default one), for every later insert, 'delete' and integrity-check of
** the connection that FTS5 tokenizes itself (replayed tokens keep their
** own). The caller keeps lex alive until it sets another. Returns an
** SQLite status code (SQLITE_ERROR when fts_register was not called).
*/
int fts_set_lexicon(sqlite3 *db, const struct seg_lex *lex);

/*
** Turn a user's plain query into a MATCH expression that never raises an
** FTS5 syntax error: every word becomes a quoted string (all words must
** match), "double quoted text" stays a phrase, a word ending in '*' is a
** prefix query. Words that contain no token are dropped. Returns a
** malloc'd string, or NULL when the query has no searchable word.
*/
char *fts_plain_query(const char *q);
/* The same; *run (when not NULL) is set to the query's words as one
** phrase, `"w1 w2 ..."` (malloc'd), when the query has two or more plain
** words and no phrase or prefix, else NULL. The phrases of the returned
** expression are then the words in query order, as tinsh_rank expects. */
char *fts_plain_query_ex(const char *q, char **run);

/* Does the index hold word token tok[0..ntok) (a word of two or more
** syllables joined by FTS_WORD_JOIN)? Non-zero: yes. */
typedef int (*fts_word_fn)(void *ctx, const char *tok, int ntok);

/* Longest run of syllables a query word token may join. */
#define FTS_WORD_MAX 4

/*
** fts_plain_query_ex, where runs of two to FTS_WORD_MAX bare words (each
** one token) that has() says the index holds as one word token become
** that token, longest run first from the left ("quang ninh" ->
** `"quang_ninh"`); has NULL: no joining. *spans (when not NULL) is set to
** the number of token positions each phrase of the expression covers,
** space-separated ("2 1"; malloc'd, NULL with no expression): pass it to
** tinsh_offsets and tinsh_rank so a word token covers its syllables.
*/
char *fts_plain_query_words(const char *q, fts_word_fn has, void *ctx,
                            char **run, char **spans);

/* The written forms known for word token tok[0..ntok) (a word the index
** holds), each its syllables separated by one space, one a line
** ("quảng ninh\nquãng ninh"; malloc'd), or NULL for none. */
typedef char *(*fts_forms_fn)(void *ctx, const char *tok, int ntok);

/*
** fts_plain_query_words where a joined word token also matches the
** documents holding one of its forms (forms()) as a phrase, the word's
** syllables side by side however the segmenter split them there:
** `("quang_ninh" OR "quảng ninh")`, each form's phrase in *spans as
** "+n" (another form of the word before: tinsh_rank takes any form of
** each word for the side-by-side run). Items after such a group are
** joined with AND (FTS5 syntax).
*/
char *fts_plain_query_forms(const char *q, fts_word_fn has, fts_forms_fn forms,
                            void *ctx, char **run, char **spans);

/*
** Pre-tokenization: tokenize text in any thread now (fts_pretokenize, in
** FTS_DOCUMENT mode), replay the tokens later in the thread that inserts
** into FTS5. fts_replay_set arms the calling thread: the next xTokenize
** calls of the "tinsh" tokenizer in document mode consume the armed
** entries in order, each only if its text is byte-identical to the text
** FTS5 passes (otherwise that call tokenizes normally). Keeps tokenizing
** off a single writer thread. fts_replay_set(NULL, 0) disarms.
*/
typedef struct fts_tokens fts_tokens;
fts_tokens *fts_pretokenize(const char *text, int n);
/* The same with lexicon lex (NULL: the default one); should replay fall
** out of step, the text is tokenized again with lex. */
fts_tokens *fts_pretokenize_lex(const struct seg_lex *lex, const char *text,
                                int n);
void fts_tokens_free(fts_tokens *t);

/* The segmenter's words of a text, all of them in text order: bytes
** [from, to), nsyl syllables, kind an enum seg_kind (segment.h); a word
** that is not a number also has its lexicon key (what seg_key gives for
** the bytes of a word of two or more syllables; a syllable's case fold,
** text_fold's; read off the segmenter's own pass) at keys + koff, klen
** bytes (klen 0 for a number). */
typedef struct fts_word {
  int from, to, nsyl, kind;
  int koff, klen;
} fts_word;
typedef struct fts_words {
  fts_word *w;
  int n, cap;
  char *keys; /* the keys, back to back */
  size_t nkeys, capkeys;
} fts_words;
/* Segment text[0..n) with lex (NULL: the default one) into *out (its
** previous words dropped, its memory reused). */
void fts_segment(const struct seg_lex *lex, const char *text, int n,
                 fts_words *out);
void fts_words_free(fts_words *w);
/* fts_tokenize in document mode, text[0..n)'s words being ws (found by
** fts_segment): the same tokens without segmenting again. */
int fts_tokenize_seg(const char *text, int n, const fts_words *ws,
                     fts_token_fn cb, void *ctx);
/* fts_pretokenize_lex(lex, text, n) from the words fts_segment found in
** text with lex: the same tokens without segmenting the text again. */
fts_tokens *fts_pretokenize_seg(const struct seg_lex *lex, const char *text,
                                int n, const fts_words *ws);
/* fts_segment and fts_pretokenize_seg reading the spans sp that
** seg_spans_scan found in text[0..n): one scan of the text for both; mode
** FTS_DOCUMENT, or FTS_INDEX for an index with dominant forms (replayed
** only into such an index). */
void fts_segment_spans(const struct seg_lex *lex, const char *text, int n,
                       const struct seg_spans *sp, fts_words *out);
fts_tokens *fts_pretokenize_spans(const struct seg_lex *lex, const char *text,
                                  int n, const struct seg_spans *sp,
                                  const fts_words *ws, int mode);
/* Call cb for each of t's tokens in order (as fts_tokenize would).
** Returns 0, or the first non-zero value cb returned. */
int fts_tokens_each(const fts_tokens *t, fts_token_fn cb, void *ctx);
typedef struct fts_replay {
  const char *text; /* the text as it will be inserted (NULL = SQL NULL) */
  int len;
  const fts_tokens *tokens;
} fts_replay;
void fts_replay_set(const fts_replay *cols, int ncol);

/*
** Both index forms of s[0..n) in one pass, as a document token gets them:
** the accent-stripped form into st, the exact folded form into ex (cap
** bytes each), lengths through *nst and *nex (0 for invalid UTF-8).
** Returns 0, or -1 (both lengths 0) when a form does not fit.
*/
int fts_fold_pair(const char *s, int n, char *st, int *nst, char *ex, int *nex,
                  int cap);

/*
** The query token of s[0..n), one syllable as seg_words reports it (no
** digit): its exact folded form into out (cap bytes), what fts_tokenize
** in query mode gives for it, without scanning. Returns its length, or
** -1 when s is not plainly one syllable (an ASCII byte other than a
** letter, longer than 127 bytes, a form that does not fit): tokenize it.
*/
int fts_syllable(const char *s, int n, char *out, int cap);

/* Is s[0..n) plain enough for fts_syllable: 1 to 127 bytes, no ASCII
** byte but letters? (It does not check the UTF-8.) */
int fts_plain_syllable(const char *s, size_t n);

/* Exact folded form (NFC, case folded) of the first token of s, written
** to out (size cap, NUL-terminated). Returns its length, or -1 if none. */
int fts_fold(const char *s, char *out, int cap);

#endif
