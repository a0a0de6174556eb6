#!/usr/bin/env python3
"""build_words.py — rebuild tinsh's word lexicon (data/words/words.txt).

Usage: python3 scripts/build_words.py [CORPORA_DIR] [--out FILE]

CORPORA_DIR defaults to ../shared/corpora (beside the repository). The
script unpacks baomoi-35k and baomoi-paragraphs-3756 into a scratch
folder, counts lower-cased NFC syllables and adjacent syllable n-grams
inside runs of letters (a run stops at any punctuation, digit or line
end), and keeps:

  - every syllable seen at least MIN_UNI times, with its count;
  - a two-syllable unit "a b" seen at least MIN_BI times whose pointwise
    mutual information log2(c(ab) N / (c(a) c(b))) and stronger
    conditional max(c(ab)/c(a), c(ab)/c(b)) reach floors that depend on
    how many of its syllables are stopwords (data/stopwords-vi.txt):
    low for two content syllables (Sino-Vietnamese compounds of common
    syllables, "đồng bộ", "công chức", have a low PMI), higher with one
    stopword, and a strong conditional alone for two ("có thể" stays,
    "của các", "đã có" go);
  - a pair of two content syllables under those floors that reaches LOOSE
    and straddles no word boundary (`straddlers`: "đặc tính", "bản địa";
    not "chức thi" of "tổ chức thi"), and the two-syllable lines of
    data/stopwords-vi.txt ("cũng như", "vì vậy": `function_compounds`);
  - a three- or four-syllable unit whose every two-syllable (or
    three-syllable) part is itself kept, seen at least MIN_TRI times,
    that holds at least TRI_COHESION of the occurrences of both its
    left and its right part (names such as "hồ chí minh", "bà rịa vũng
    tàu");
  - but no n-gram written lower case then capitalised inside in at least
    half of its uses (a word boundary: a common noun before a name,
    "quận Hai Bà Trưng", or inside an organisation's name, "Ủy ban
    Thường vụ"); no n-gram whose most frequent left (or right) neighbour
    comes with it in at least FRAG of its uses, a fragment of a longer
    unit ("tướng nguyễn" of "thủ tướng nguyễn", "chí minh" of "hồ chí
    minh"), unless the n-gram grown by that neighbour is such a boundary
    ("thường vụ" stays); no pair of a function word and another syllable
    that stands in front of a word made by its second syllable and the
    syllable after it (or after a word made by its first syllable and the
    one before it) in OVERLAP of its uses, summed over every such
    neighbour ("tại phiên" of "phiên tòa", "phiên họp"), nor a longer
    n-gram starting or ending with such a pair; no n-gram holding an
    acronym (a syllable
    written in capitals in at least half of its uses: "UBND tỉnh"); and
    no pair of the free classes of `free_pair` ("đây là", "cho biết",
    "sau khi", "đạt gần"), `free_directional` ("đưa ra") or `free_light`
    (a light preposition after a verb, "gắn với", "đạt được", "coi là";
    "sáng nay", "cùng ngày", "ngụ xã"; a negation, the passive, "chiếc",
    the copula or "của" and the word after it, "không muốn", "bị bắt",
    "chiếc xe"), nor an n-gram starting or ending with one; and no unit
    of "người" and the word after it (`agent_phrase`: "người dùng",
    "người hâm mộ"; "người dân" stays), taken out before the fragments
    are found; no pair of `free_head` (a classifier and its noun, "cuộc
    gọi", "con đường", except listed words, "cuộc sống", "con người";
    the start of a date, "sáng ngày", "rằm tháng", "cùng kỳ năm"; a verb
    or preposition and "sự", "dưới sự"), nor an n-gram starting or ending
    with one;
  - and, under every floor, a reduplicative: two syllables with the same
    onset, the rarer bound to the other ("ngùn ngụt", "trĩu trịt",
    `reduplicatives`).

The committed file holds word types and counts only (derived figures,
no corpus text). Without the corpora the script says so and exits 0,
leaving the committed file as it is.
"""
import collections, math, os, re, shutil, subprocess, sys, tempfile, unicodedata

MIN_UNI, MIN_BI = 3, 10
# (PMI floor, conditional floor) for pairs of content syllables, pairs with
# one stopword (data/stopwords-vi.txt), and pairs of two stopwords
CONTENT, ONE_STOP, TWO_STOPS = (1.5, 0.01), (2.5, 0.10), (None, 0.30)
MIN_TRI, TRI_COHESION, FRAG, OVERLAP = 20, 0.6, 0.75, 0.5
# A pair of two content syllables under the CONTENT conditional floor is a
# word still when it reaches LOOSE (PMI, conditional) and stands next to a
# kept pair sharing one of its syllables in under STRADDLE of its uses
# (`straddlers`: "chức thi" of "tổ chức thi" straddles a word boundary,
# "cổ vật", "đặc tính", "bản địa" do not).
LOOSE, STRADDLE = (2.0, 0.003), 0.3
ARCHIVES = ["baomoi-35k.tar.xz", "baomoi-paragraphs-3756.tar.xz"]
RUN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


# Tone mark placement: "hoà"/"hòa", "khoẻ"/"khỏe", "thuỷ"/"thủy" are one
# syllable spelt two ways (old and new style); both are common in news. The
# counts merge them under the new style (tone on the first vowel), and each
# kept word is written in both spellings, so the decoder knows either.
TONES = "\u0300\u0301\u0309\u0303\u0323"
OLD_NEW = {}
for _v, _w in (("o", "a"), ("o", "e"), ("u", "y")):
    for _t in TONES:
        OLD_NEW[_v + unicodedata.normalize("NFC", _w + _t)] = \
            unicodedata.normalize("NFC", _v + _t) + _w
NEW_OLD = {v: k for k, v in OLD_NEW.items()}
_canon = {}


def canon(syl):
    """The new-style spelling of a lower-case syllable ("hoà" -> "hòa";
    "quý" stays: after "q" the "u" is not a vowel)."""
    c = _canon.get(syl)
    if c is None:
        c = syl
        tail = syl[-2:]
        if tail in OLD_NEW and not syl[:-2].endswith("q"):
            c = syl[:-2] + OLD_NEW[tail]
        _canon[syl] = c
    return c


def spellings(key):
    """key (new style) in every mix of old and new style spellings."""
    out = [""]
    for syl in key.split(" "):
        alt = [syl]
        if syl[-2:] in NEW_OLD and not syl[:-2].endswith("q"):
            alt.append(syl[:-2] + NEW_OLD[syl[-2:]])
        out = [o + (" " if o else "") + a for o in out for a in alt]
    return out


def runs_of(path):
    """Yield lists of syllables as written, one list per letter run."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = unicodedata.normalize("NFC", f.read())
    for m in RUN.finditer(text):
        yield m.group(0).split(" ")


def files_under(root):
    for d, _, names in os.walk(root):
        for n in sorted(names):
            if n.endswith(".txt") and n != "crawled_urls.txt":
                yield os.path.join(d, n)


AFTER_FIGURE = re.compile(r"\d[\d.,]*[ \t]+([^\W\d_]+)")


def count(paths):
    """Unigram and bigram counts (lower case), how often each syllable is
    written as an all-capital acronym ("UBND"), and how often it comes
    right after a figure ("5 tháng", "300.000 đồng": a measure word)."""
    uni, bi, caps, fig = (collections.Counter() for _ in range(4))
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            text = unicodedata.normalize("NFC", f.read())
        fig.update(canon(m.group(1).lower()) for m in AFTER_FIGURE.finditer(text))
        for m in RUN.finditer(text):
            run = m.group(0).split(" ")
            syl = [canon(w.lower()) for w in run]
            uni.update(syl)
            bi.update(a + " " + b for a, b in zip(syl, syl[1:]))
            caps.update(canon(w.lower()) for w in run if len(w) > 1 and w.isupper())
    return uni, bi, caps, fig


def count_longer(paths, keep, extra=frozenset()):
    """Trigrams and 4-grams whose adjacent pairs are all in keep, and, for
    every such n-gram (n = 2..4) occurrence, its left and right neighbour
    syllables (to find fragments of longer units) and whether it was
    written lower case then capitalised inside ("quận Hai Bà Trưng": a
    common noun before a name). The pairs of extra (not in keep) get their
    neighbours counted too, and grow no longer n-gram."""
    tri, quad, side, shift = (collections.Counter() for _ in range(4))
    for p in paths:
        for run in runs_of(p):
            syl = [canon(w.lower()) for w in run]
            pairs = [a + " " + b in keep for a, b in zip(syl, syl[1:])]
            for i in range(len(syl) - 1):
                g = syl[i] + " " + syl[i + 1]
                if g in extra:
                    if i > 0:
                        side[(g, "<" + syl[i - 1])] += 1
                    if i + 2 < len(syl):
                        side[(g, ">" + syl[i + 2])] += 1
            sh = [a[:1].islower() and b[:1].isupper() for a, b in zip(run, run[1:])]
            for i, ok in enumerate(pairs):
                n = 0
                while ok and n < 3:
                    n += 1
                    g = " ".join(syl[i:i + n + 1])
                    if n == 2:
                        tri[g] += 1
                    elif n == 3:
                        quad[g] += 1
                    if any(sh[i:i + n]):
                        shift[g] += 1
                    if i > 0:
                        side[(g, "<" + syl[i - 1])] += 1
                    if i + n + 1 < len(syl):
                        side[(g, ">" + syl[i + n + 1])] += 1
                    ok = i + n < len(pairs) and pairs[i + n]
    return tri, quad, side, shift


def fragments(side, grams, shifted, stop):
    """n-grams one neighbour of which accompanies FRAG of their uses: parts
    of a longer unit ("tướng nguyễn" of "thủ tướng nguyễn", "chí minh" of
    "hồ chí minh") -- only when that neighbour makes a kept unit, the
    longer n-gram itself or a kept pair with the n-gram's edge syllable
    ("thủ tướng") that does not start or end with a function word: "trong
    bối cảnh" (with "trong bối", itself a fragment) or a syllable that
    joins nothing ("viện kiểm sát") leaves a word whole -- and unless the
    n-gram grown by that neighbour is mostly written lower case then
    capitalised inside (`shifted`): that is a word boundary, as in "Ủy ban
    Thường vụ", so "thường vụ" stays."""
    most = {}
    for (g, nb), c in side.items():
        key = (g, nb[0])
        if c > most.get(key, (0, ""))[0]:
            most[key] = (c, nb[1:])
    out = set()
    for (g, d), (c, nb) in most.items():
        w = g.split(" ")
        longer = nb + " " + g if d == "<" else g + " " + nb
        edge = nb + " " + w[0] if d == "<" else w[-1] + " " + nb
        joined = longer in grams or (edge in grams and nb not in stop)
        if g in grams and joined and c >= FRAG * grams[g] and longer not in shifted:
            out.add(g)
    return out


def overlaps(side, grams, stop, frag):
    """Pairs "a b" of a function word and another syllable that mostly
    stand in front of a word "b c" (a function word a: of the stopword
    list, compounding ones included) or after a word "z a" (a function
    word b): in OVERLAP of their uses the neighbour on that side makes a
    kept unit with the pair's edge syllable that is no fragment (`frag`),
    the neighbour is no stopword and the three together are no kept unit.
    The pair is then the overlap of a preposition or classifier with the
    word beside it ("tại phiên" of "tại phiên tòa / phiên họp / phiên xét
    xử", "cho người" of "cho người dân / người lao động", "hợp với" of
    "phù hợp với"), which `fragments` misses when the neighbours vary;
    pairs of two content syllables ("chức năng" after "cơ quan", "họp
    báo" after "cuộc") are left alone, and so is "hồ chí" of "hồ chí minh"
    (the three are a kept unit). A pair ending in a classifier that
    mostly stands before the classifier's noun is such an overlap too
    ("dự buổi" of "dự buổi lễ / buổi họp", "tung cú" of "tung cú sút"),
    and so is one ending in a head noun of HEAD_WORDS ("núi phía" of "vùng
    núi phía bắc / phía tây")."""
    fw = stop | COMPOUNDING
    near = collections.Counter()
    for (g, nb), c in side.items():
        w = g.split(" ")
        if len(w) != 2 or nb[1:] in stop:
            continue
        if nb[0] == ">":
            if w[0] not in fw and w[1] not in CLASSIFIER_WORDS and \
                    w[1] not in HEAD_WORDS:
                continue
            edge, longer = w[1] + " " + nb[1:], g + " " + nb[1:]
        else:
            if w[1] not in fw:
                continue
            edge, longer = nb[1:] + " " + w[0], nb[1:] + " " + g
        if edge in grams and edge not in frag and longer not in grams:
            near[(g, nb[0])] += c
    return {g for (g, _), c in near.items() if c >= OVERLAP * grams[g]} - frag


def edge_pairs(k):
    """The first and the last pair of the n-gram k."""
    w = k.split(" ")
    return " ".join(w[:2]), " ".join(w[-2:])


def without_parts(grams, gone):
    """grams without the n-grams whose first or last pair is in gone."""
    out = {}
    for k, c in grams.items():
        w = k.split(" ")
        if " ".join(w[:2]) in gone or " ".join(w[-2:]) in gone:
            continue
        out[k] = c
    return out


# Stopwords of data/stopwords-vi.txt that often make compounds ("dân sự",
# "tự do", "thường vụ", "chỉ tiêu", "lợi thế", "đề ra", "cùng kỳ"): for
# mining they count as content syllables.
COMPOUNDING = set("""sự do thường chỉ thế cùng ra đi lại lên qua hết bằng
cho sau trước ngày năm tháng người số điều việc bên cạnh dưới giữa gần
nhiều khác riêng suốt thêm luôn mọi mỗi nơi rất càng hơn cần cả nhau tất
ngoài tới sang vừa xong đều""".split())


# Stopwords the statistics gained after words.txt was mined (pronouns of
# address, numerals written as words, "phải", "mới", "nhất"): mining reads
# them as content syllables, as it did, so the list rebuilds the same.
STATS_ONLY = set("""ông bà chị em hai ba bốn sáu bảy tám chín mười chục trăm
nghìn ngàn triệu tỷ tỉ phải mới nhất""".split())


def stopword_lines():
    """The lines of data/stopwords-vi.txt (syllables and words)."""
    path = os.path.join(os.path.dirname(__file__), "..", "data", "stopwords-vi.txt")
    with open(path, encoding="utf-8") as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def load_stopwords():
    return stopword_lines() - COMPOUNDING - STATS_ONLY


def function_compounds(bi):
    """The two-syllable lines of data/stopwords-vi.txt ("cũng như", "vì
    vậy", "do đó", "trong khi", "mặc dù") seen at least MIN_BI times,
    with their counts: function-word compounds are words (docs/words.md),
    but two function words need a conditional of TWO_STOPS, which the
    most common of them miss ("cũng như" holds 0.11 of "cũng"). Those of
    the free classes ("cho biết", "sau khi", "trong đó") are dropped with
    the other free pairs."""
    out = {}
    for w in stopword_lines():
        k = " ".join(canon(s) for s in w.split(" "))
        if k.count(" ") == 1 and bi[k] >= MIN_BI:
            out[k] = bi[k]
    return out


# A numeral before a measure word (one that follows a figure in MEASURE of
# its uses) is never a word: "sáu tháng", "hai bên", "tỷ đồng" ("tỷ lệ"
# stays). Syllables that make free phrases rather than words with the
# syllable beside them, unless the pair holds PHRASE_COND of the uses of
# one of its syllables: degree words ("rất lớn"; "cao nhất" where "cao
# hơn" makes GRADABLE of the uses of "cao": "duy nhất", "thống nhất"
# stay), quantifiers ("nhiều người", "cả nước"), an ordinal ("lần thứ"),
# a time noun with a deictic ("năm nay", "tuần qua"; "hôm nay" stays), a
# position in time ("đầu năm", "tháng đầu"). Never words: a pronoun and
# the copula ("đây là", "đó là"; "nhất là" is one), "cho" and the verb it
# introduces ("cho biết", "cho thấy", "cho hay"), "mọi người" (a
# quantifier holding a third of "mọi"), a preposition and "khi"
# ("sau khi", "trước khi", "từ khi"; "trong khi" is one), a syllable and
# a qualifier that stands before figures ("đạt gần", "sau hơn", "chiếm
# khoảng"; "cao hơn" is a comparative): the conventions of docs/words.md,
# after VLSP practice.
NUMERALS = set("hai ba bốn sáu bảy tám chín mười mươi trăm nghìn ngàn vạn "
               "triệu tỷ tỉ vài mấy".split())
DEGREE_BEFORE = set("rất khá càng".split())
DEGREE_AFTER = set("nhất hơn".split())
QUANTIFIERS = set("những các mọi mỗi nhiều cả từng".split())
# A numeral or a quantifier after a syllable starts the noun phrase that
# syllable takes ("giữa hai", "thêm nhiều", "tìm mọi"; "cả" is left out:
# "giá cả", "mặc cả"): a free phrase too ("bôn ba" stays). "thứ" and a
# numeral are weekdays ("thứ hai", "thứ bảy"), words.
QUANT_AFTER = QUANTIFIERS - {"cả"}
PREPOSITIONS = set("ở về theo đến từ trên trong vào được tới".split())
TIME_NOUNS = set("năm tháng tuần ngày đêm quý đợt vụ lần kỳ".split())
DEICTIC = set("nay qua tới trước sau ngoái này đó ấy".split())
TIME_SPOTS = set("đầu giữa cuối".split())
PRONOUNS = set("đây đó đấy kia ai tôi chúng ta mình anh chị em ông bà nó họ".split())
BEFORE_FIGURES = set("hơn gần khoảng".split())  # "đạt gần 5,7 tỷ"
FREE_PAIRS = {(p, "khi") for p in "sau trước từ".split()} | {("mọi", "người")} | \
    {("lên", "tới"), ("lên", "đến")}  # "lên tới 5 tỷ": a directional and a preposition
# A preposition and a deictic pronoun ("trong đó", "theo đó", "sau đó",
# "trước đó", "từ đây") are a free phrase: the pronoun stands for the
# noun the preposition takes ("do đó", "vì vậy" are conjunctions: kept).
PLACE_PREPS = PREPOSITIONS | set("sau trước".split())
POINTERS = set("đó này đây".split())
PHRASE_COND, MEASURE, GRADABLE = 0.3, 0.02, 0.005
# A verb and a directional ("tạo ra", "đưa ra", "ghi lại", "đăng lên",
# "bước vào", "vượt qua") is a free phrase when the pair holds at most
# BOUND_VERB of the verb's uses ("vươn lên" 0.57, "khép lại" 0.60, "xông
# vào" 0.61 are free): "xảy ra" (0.99, the verb is bound) stays a word,
# and so do "lặp lại" (0.73) and "dấy lên"; so do the listed dictionary words whose verb is free, and pairs
# whose first syllable is no verb: a time word ("hôm qua", "năm qua"), a
# connective or adverb ("ngoài ra", "ngược lại", "hóa ra", "lẽ ra", "vừa
# qua"), a noun of a way ("lối ra", "cửa ra"), another directional ("qua
# lại", "lên xuống").
DIRECTIONALS = set("ra vào lên xuống lại qua".split())
BOUND_VERB = 0.65
DIRECTIONAL_WORDS = {"diễn ra", "đề ra", "thông qua", "đi lại", "trải qua",
                     "đi qua", "trở lên", "trở xuống"}  # "3 sao trở lên"
LOOSE_BEFORE = QUANTIFIERS | DEGREE_BEFORE | set("toàn quá".split())
NOT_VERBS = set("hôm chiều tối sáng trưa đêm mai ngoài ngược hóa hoá lẽ nhẽ "
                "vừa lối cửa cổng ngõ".split()) | TIME_NOUNS | DIRECTIONALS


def is_phrase(a, b, uni, bi):
    """Is "a b" one of the free phrase classes above?"""
    if a in DEGREE_BEFORE or a in QUANTIFIERS or b == "lắm":
        return True
    if b in DEGREE_AFTER:  # a gradable adjective: "cao hơn", "cao nhất"
        return bi[a + " hơn"] >= GRADABLE * uni[a] and bi[a + " nhất"] >= MIN_BI
    if b == "thứ":  # an ordinal: "lần thứ", "lớn thứ"
        return True
    if (b in NUMERALS and a != "thứ") or b in QUANT_AFTER:
        return True  # "giữa hai", "thêm nhiều"; weekdays stay ("thứ hai")
    return (a in TIME_NOUNS and (b in DEICTIC or b in TIME_SPOTS)) or \
        (a in TIME_SPOTS and b in TIME_NOUNS)


# The conjunction "và" and the possessive "của" end no word: a rare
# foreign syllable before them made "ounce và", "iraq và", "website của"
# pass the floors ("chà và" is a word). "cho" and the person or thing it
# is for ("cho con", "cho bạn", "cho laptop") or the verb it introduces
# ("cho biết", "cho thấy", "cho hay") is a free phrase; the words it
# makes are listed ("cho phép", "cho vay", "cho thuê", "cho bú").
NEVER_LAST = set("và của".split())
LAST_WORDS = {"chà và"}
CHO_WORDS = set("rằng phép đến tới nên vay thuê mượn bú".split())


def free_pair(k):
    """Is the pair k never a word ("đây là", "cho biết", "sau khi")? Such
    pairs are mined like the others, so that the syllables beside them
    are still seen as fragments ("London cho" of "London cho biết"), and
    dropped at the end with the longer units they start or end."""
    a, b = k.split(" ")
    return (b == "là" and a in PRONOUNS) or (a, b) in FREE_PAIRS or \
        b in BEFORE_FIGURES or (a in PLACE_PREPS and b in POINTERS) or \
        (b in NEVER_LAST and k not in LAST_WORDS) or \
        (a == "cho" and b not in CHO_WORDS)


# A verb and the light preposition or particle it takes ("gắn với", "đạt
# được", "nằm ở", "coi là", "dành cho") or a verb and the resultative
# "rõ" ("làm rõ", "nêu rõ") is a free phrase, as are a time of day and
# "nay" ("sáng nay", "chiều nay"; "hôm nay" stays), "cùng" and the noun
# it takes ("cùng ngày", "cùng quê"; "cùng nhau", "cùng kỳ" stay), and a
# verb or preposition of residence before an administrative unit ("ngụ
# xã", "trú phường", "thuộc tỉnh", "tại thôn"; "thị xã", "nông thôn"
# stay): the conventions of docs/words.md. Words ending so are listed.
LIGHT_AFTER = set("với được ở là cho rõ".split())
LIGHT_WORDS = {"so với", "đối với", "nhất là", "tức là", "nghĩa là", "hay là",
               "hoặc là", "lơ là", "chới với"}
DAY_TIMES = set("sáng chiều tối trưa đêm khuya".split())
WITH_WORDS = {"cùng nhau", "cùng kỳ", "cùng kì"}
RESIDE = set("ngụ trú thuộc tại quê cùng".split())
ADMIN = set("xã phường ấp thôn xóm bản huyện quận tỉnh tổ".split())


def free_light(k):
    """Is the pair k one of the free phrases above (a light preposition or
    "rõ" after a verb, a time of day and "nay", "cùng" and a noun, a
    residence before an administrative unit)? Even a verb seldom seen
    without its preposition stays free ("coi là", "dành cho", "nêu rõ")."""
    a, b = k.split(" ")
    if k in LIGHT_WORDS or k in WITH_WORDS:
        return False
    return b in LIGHT_AFTER or (a in DAY_TIMES and b == "nay") or \
        a == "cùng" or (a in RESIDE and b in ADMIN) or \
        (a in NOT_AFTER and b not in NOT_AFTER[a])


# Negation, the passive, a classifier, the copula and "của" take a free
# verb or noun: "không muốn", "không đúng", "không ít", "bị bắt", "bị
# phạt", "chiếc xe", "là loài", "của mình" ("của cải" stays). The
# words they make are listed: Sino-Vietnamese "không" ("không khí",
# "không gian"), "không thể" (the conventions), adverbs ("không ngừng"),
# the nouns "bị cáo", "bị can", "bị hại", "bị đơn" and "bị thương".
NOT_AFTER = {"không": set("thể khí kích gian quân phận lưu trung gỉ tặc ảnh lực "
                          "vận cảng ngừng ngớt xuể".split()),
             "bị": set("cáo can hại đơn thương".split()),
             "chiếc": set(), "là": set(), "của": {"cải"}}


# A classifier and the noun it counts are a free phrase ("cuộc gọi",
# "chuyến thăm", "ngọn núi", "con đường", "làn đường", "dòng vốn", "vết
# đâm": the conventions of docs/words.md), except the dictionary words
# such a syllable makes, listed here by the tinsh team ("con người",
# "cuộc sống", "niềm tin", "đám cưới", "vết thương", "bức xúc", "làn
# sóng", "mảnh mai"; "cơn mưa", "ngôi nhà" are free, "ngôi sao" a
# word). Classifiers that head many words of their own
# ("bản", "loại", "ca", "vụ", "kỳ", "câu", "trận", "phiên") are left out.
CLASSIFIER_WORDS = {
    "con": set("người gái trai cái cháu em dâu rể nuôi riêng giống mồi cưng nợ "
               "tin bạc buôn chiên dấu thoi lắc rối ngươi đẻ ruột ghẻ út nít "
               "mọn nghiện giáp lăn".split()),
    "cuộc": set("sống đời chiến".split()),
    "chuyến": set(),
    "niềm": set("tin nở".split()),
    "ngọn": set("ngành".split()),
    "đám": set("cưới đông tang giỗ ma".split()),
    "cú": set("đúp đêm pháp mèo".split()),
    "buổi": set("sáng chiều tối trưa đêm".split()),
    "dịp": set(),
    "vết": set("thương tích nhơ xe".split()),  # "vết xe đổ"
    "làn": set("sóng điệu".split()),
    "đoạn": set("trích tuyệt trường".split()),
    "dòng": set("chảy tộc dõi họ điện".split()),
    "mảnh": set("mai dẻ khảnh".split()),
    "lối": set("sống thoát ra vào mòn".split()),
    "bức": set("xúc xạ thiết bối bách cung hại tử".split()),
    "tấm": set("lòng gương tắc cám".split()),
    # a numeral and the noun it counts, not only measure words ("hai
    # nước", "hai nhà", "bốn nước"; "hai mươi", "bốn phương" stay; "ba",
    # "năm" start names and "năm" is a year: left alone)
    "hai": {"mươi"},
    "bốn": set("phương bề".split()),
    "sáu": set(),
    "cơn": set(),
    "ngôi": set("sao vị vương vua thứ báu".split()),
}
# A time of day, "rằm", "tức" (that is) or a month before a calendar noun
# ("sáng ngày 5/3", "rằm tháng Giêng", "tức ngày 15/5", "tháng Giêng năm
# 2024"), "ngày" before "mùng"/"mồng" and "kỳ" before "năm" ("cùng kỳ năm
# trước") start a date: free phrases, and so is any longer unit they end.
DATE_LEADS = DAY_TIMES | set("rằm tức giêng chạp".split())
CALENDAR = set("ngày tháng năm".split())
DATE_PAIRS = {("ngày", "mùng"), ("ngày", "mồng"), ("kỳ", "năm"), ("kì", "năm")}
# The nominaliser "sự" starts the noun phrase a verb or a preposition
# takes ("dưới sự lãnh đạo", "nhờ sự giúp đỡ", "tạo sự đồng thuận"): a
# free phrase, except the Sino-Vietnamese words ending in "sự" ("quân
# sự", "nhân sự", "phóng sự") and "thực sự", "thật sự", "gây sự".
SU_HEADS = set("thời chiến hình quân dân nhân lãnh phóng tâm lịch cộng đương "
               "vạn phụng thực thật trị công mưu tiền hậu chấp sinh gây tòng "
               "lý sự".split())


# A noun of measure, place, household, side or manner and the word it
# takes are a free phrase as a classifier's are ("mức giá", "mức cao",
# "vùng núi", "vùng biển", "hộ nghèo", "hộ dân", "phía đông", "miền
# trung", "cách làm", "cách chơi"; "mức độ", "vùng miền", "hộ chiếu",
# "miền núi", "cách mạng", "cách ly" are listed words), and so is "để"
# and the verb of the purpose it states ("để tránh"; "để ngỏ" stays).
# "năm ngoái" is a time noun and a deictic: free however bound "ngoái"
# is to it (the conventions: "năm nay", "năm ngoái").
HEAD_WORDS = {
    "mức": set("độ sống".split()),
    "vùng": set("vẫy vằng dậy miền sâu xa kín".split()),
    "hộ": set("chiếu khẩu tống tịch mệnh lý sinh đê vệ pháp công tang".split()),
    "phía": set(),
    "miền": set("núi xuôi ngược".split()),
    "cách": set("mạng thức biệt chức tân ly nhau xa điệu nhiệt ngăn âm trở "
                "điện".split()),
    "để": set("ngỏ nguội dành ý mắt tâm".split()),
}
# Heads that make many words of their own, with the listed syllables after
# them that start a free phrase instead: a show or contest at night ("đêm
# nhạc", "đêm thi"), a ceremony named by its act ("lễ khai mạc", "lễ trao
# giải", "lễ ký kết"), a school named by its level ("trường tiểu học",
# "Trường Trung học": "Trường" then the level, as organisations are split),
# the price of a good ("giá vàng", "giá lúa", "giá xăng"; "giá trị", "giá
# bán", "giá cả" stay), and a verb of change and the manner or size of
# the change ("tăng mạnh", "giảm dần", "tăng thêm"; "giảm nhẹ", mitigate,
# stays), weather and its strength ("mưa lớn", "mưa to", "gió mạnh", "bão
# số 3"; "mưa rào", "mưa đá", "gió mùa" stay), "nửa" and what it halves
# ("nửa đầu năm", "nửa tháng"; "nửa đêm", "nửa chừng" stay), "dự" and the
# event attended ("dự lễ", "dự tiệc"; "dự án", "dự thi" stay), and an
# hour and the day or time of day after it ("17 giờ ngày 5/3", "7 giờ
# sáng"; "giờ giấc", "giờ phút" stay) or the words after "bây giờ"
# ("bây giờ hết", "giờ nghĩ").
HEAD_FREE = {
    "đêm": set("nhạc thi diễn tiệc thơ liveshow hội".split()),
    "lễ": set("khai trao đón ký rước mừng bế diễu treo viếng mít".split()),
    "trường": set("tiểu trung đại mầm".split()),
    "giá": set("vàng dầu đất xăng vé lợn thịt thuốc thép trứng heo gà gas sữa "
               "ớt vải tour dừa robusta cát lúa gạo thấp đắt khá gấp chênh "
               "cao điện nhà cà tiêu".split()),
    "tăng": set("mạnh nhẹ nhanh vọt dần thêm cao gấp".split()),
    "giảm": set("mạnh nhanh dần sâu hẳn đi".split()),
    "sụt": set("mạnh nhanh sâu".split()),
    "tụt": set("mạnh nhanh sâu".split()),
    "mưa": set("lớn to nhỏ vừa".split()),
    "gió": set("mạnh nhẹ lớn to thổi".split()),
    "bão": set("số lớn".split()),
    "nửa": set("đầu cuối năm tháng ngày giờ tiếng số người mét quả".split()),
    "dự": set("lễ tiệc vòng".split()),
    "giờ": set("ngày sáng chiều tối đêm trưa sau hết nghĩ quên dám hối mọc "
               "lặn liền".split()),
}
# Such a head after a numeral, a preposition, a quantifier or a verb that
# takes it: "cách" (a way: "một cách", "bằng cách", "tìm cách", "biết
# cách"; "phong cách", "khoảng cách", "tư cách" stay), "mức" ("lên mức",
# "đạt mức"; "quá mức", "định mức", "hạn mức" stay), "vùng" and "miền"
# after a noun ("nước vùng", "tỉnh miền"; "mã vùng", "tiểu vùng", "tên
# miền", "vùng miền" stay), and "phía" after anything ("bên phía", "núi
# phía" of "vùng núi phía bắc").
HEAD_BEFORE = {
    "cách": set("một bằng tìm biết chọn học nằm đúng".split()),
    "mức": set("lên đạt quanh xuống chạm".split()),
    "vùng": set("nước dân quanh khắp".split()),
    "miền": set("tỉnh biển dân hai".split()),
}


def free_head(k):
    """Is the pair k a classifier and its noun, a head noun and the word it
    takes, the start of a date, or a verb or preposition and "sự", the
    free phrases above?"""
    a, b = k.split(" ")
    if a in CLASSIFIER_WORDS:
        return b not in CLASSIFIER_WORDS[a]
    if a in HEAD_WORDS:
        return b not in HEAD_WORDS[a]
    if b in HEAD_FREE.get(a, ()) or a in HEAD_BEFORE.get(b, ()) or b == "phía":
        return True
    if a in TIME_NOUNS and b == "ngoái":
        return True
    if b == "sự":
        return a not in SU_HEADS
    return (a in DATE_LEADS and b in CALENDAR) or (a, b) in DATE_PAIRS


# "người" and the noun or verb after it are an agent phrase, free ("người
# dùng", "người bệnh", "người hâm mộ", "người đứng đầu"), except "người
# dân" (the conventions), the pronoun "người ta" and the listed words.
AGENT_WORDS = set("dân ta yêu thân mẫu hùng đẹp dưng nhện dơi sói nhái".split())


def agent_phrase(k):
    """Does the unit k start with "người" and a syllable not listed above?"""
    w = k.split(" ")
    return w[0] == "người" and w[1] not in AGENT_WORDS


def free_directional(k, uni, bi):
    """Is the pair k a verb and a directional, the verb free (above)?"""
    a, b = k.split(" ")
    return b in DIRECTIONALS and k not in DIRECTIONAL_WORDS and \
        a not in NOT_VERBS and bi[k] <= BOUND_VERB * uni[a]


def rejected(a, b, uni, caps, fig):
    """Is "a b" never a word whatever its statistics: an acronym joins no
    word ("UBND tỉnh"), nor a numeral and a measure word ("sáu tháng",
    "tỷ đồng")?"""
    if caps[a] * 2 >= uni[a] or caps[b] * 2 >= uni[b]:
        return True
    return a in NUMERALS and fig[b] >= MEASURE * uni[b]


def keep_bigrams(uni, bi, caps, fig, n, stop):
    """Pairs kept as words (module docstring), with their counts. A pair
    led by a preposition ("theo hướng", "ở mức", "trên mạng") and a
    free phrase (`is_phrase`) also need PHRASE_COND."""
    out = {}
    for k, c in bi.items():
        if c < MIN_BI:
            continue
        a, b = k.split(" ")
        if rejected(a, b, uni, caps, fig):
            continue
        pmi = math.log2(c * n / (uni[a] * uni[b]))
        cond = max(c / uni[a], c / uni[b])
        pmi_min, cond_min = (CONTENT, ONE_STOP, TWO_STOPS)[(a in stop) + (b in stop)]
        if (a in PREPOSITIONS and b not in stop) or is_phrase(a, b, uni, bi):
            cond_min = max(cond_min, PHRASE_COND)
        if (pmi_min is None or pmi >= pmi_min) and cond >= cond_min:
            out[k] = c
    return out


def loose_bigrams(uni, bi, caps, fig, n, stop, kept):
    """Pairs of two content syllables not kept that reach LOOSE: words made
    of two syllables common on their own ("đặc tính": 0.008 of "đặc") or
    artefacts of the words beside them ("chức thi"), which `straddlers`
    tells apart. No pronoun ("em muốn"), no one-letter syllable (an
    initial: "tên t"), no free phrase (`is_phrase`), no quantifier or
    degree word before ("toàn tỉnh", "quá yếu") and no preposition,
    directional or numeral after ("tính tới", "hàng tỷ")."""
    out = {}
    for k, c in bi.items():
        if c < MIN_BI or k in kept:
            continue
        a, b = k.split(" ")
        if a in stop or b in stop or a in PRONOUNS or b in PRONOUNS:
            continue
        if len(a) < 2 or len(b) < 2 or rejected(a, b, uni, caps, fig):
            continue
        if a in PREPOSITIONS or is_phrase(a, b, uni, bi) or a in LOOSE_BEFORE:
            continue
        if b in PREPOSITIONS or b in DIRECTIONALS or b in NUMERALS or b == "quá":
            continue
        pmi = math.log2(c * n / (uni[a] * uni[b]))
        if pmi >= LOOSE[0] and max(c / uni[a], c / uni[b]) >= LOOSE[1]:
            out[k] = c
    return out


def straddlers(side, loose, kept):
    """The pairs of loose that straddle a word boundary: in STRADDLE of
    their uses the syllable before makes a kept pair with their first
    syllable, or the syllable after one with their second ("chức thi" of
    "tổ chức thi", "trình nghị" of "chương trình nghị sự"), or one
    neighbour comes with them in FRAG of their uses."""
    near, most = collections.Counter(), collections.Counter()
    for (g, nb), c in side.items():
        if g not in loose:
            continue
        a, b = g.split(" ")
        pair = nb[1:] + " " + a if nb[0] == "<" else b + " " + nb[1:]
        if pair in kept:
            near[g] += c
        most[(g, nb[0])] = max(most[(g, nb[0])], c)
    out = {g for g, c in near.items() if c >= STRADDLE * loose[g]}
    return out | {g for (g, _), c in most.items() if c >= FRAG * loose[g]}


def keep_longer(grams, parts, stop):
    """n-grams that hold TRI_COHESION of both their (n-1)-gram parts and
    neither begin nor end with a stopword ("trên địa bàn")."""
    out = {}
    for k, c in grams.items():
        w = k.split(" ")
        if w[0] in stop or w[-1] in stop:
            continue
        left, right = " ".join(w[:-1]), " ".join(w[1:])
        if c < MIN_TRI or left not in parts or right not in parts:
            continue
        if c >= TRI_COHESION * parts[left] and c >= TRI_COHESION * parts[right]:
            out[k] = c
    return out


# A reduplicative ("ngùn ngụt", "lềnh bềnh", "trĩu trịt", "thình lình"):
# two Vietnamese syllables with the same onset (alliteration, the common
# kind), seen at least REDUP_MIN times, the rarer one bound to the other
# (REDUP_COND of its uses) and the pair at least REDUP_SIDE of the other
# one's; neither a stopword, neither capitalised in half of its uses
# (names). Most are too rare for MIN_BI, others come back from being the
# fragment of a phrase ("ngùn ngụt" of "cháy ngùn ngụt"). Each rare
# syllable keeps its most frequent partner only ("đom đóm", not "đèn
# đom").
REDUP_MIN, REDUP_COND, REDUP_SIDE = 3, 0.5, 0.01
VOWELS = "aăâeêioôơuưy" + "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
                      r"[%s]+(ch|ng|nh|[cmnpt])?" % VOWELS)
SAME_ONSET = {"gh": "g", "ngh": "ng", "k": "c"}


def onset(s):
    """The onset of syllable s as heard ("ghê" and "gớm" alike; "gìn" has
    the "gi" of "giữ"), "" without one, None when s is no Vietnamese
    syllable."""
    m = SYLLABLE.fullmatch(s)
    if not m:
        return None
    o = m.group(1) or ""
    if o == "g" and s[1:2] and unicodedata.normalize("NFD", s[1])[0] == "i":
        o = "gi"
    return SAME_ONSET.get(o, o)


def reduplicatives(uni, bi, caps, stop, kept):
    """Pairs not kept that are reduplicatives (above), with counts."""
    best = {}
    for k, c in bi.items():
        if c < REDUP_MIN or k in kept:
            continue
        a, b = k.split(" ")
        oa = onset(a)
        if a == b or not oa or oa != onset(b) or a in stop or b in stop:
            continue
        if caps[a] * 2 >= uni[a] or caps[b] * 2 >= uni[b]:
            continue
        rare, other = (a, b) if uni[a] <= uni[b] else (b, a)
        if c < REDUP_COND * uni[rare] or c < REDUP_SIDE * uni[other]:
            continue
        if c > best.get(rare, (0, ""))[0]:
            best[rare] = (c, k)
    return {k: c for c, k in best.values()}


def build_from_counts(paths, uni, bi, caps, fig):
    """The lexicon (word -> count) the rules of the module docstring keep,
    from the corpus counts of `count` and the corpus files (read again by
    `count_longer`)."""
    n = sum(uni.values())
    stop = load_stopwords()
    bis = keep_bigrams(uni, bi, caps, fig, n, stop)
    loose = loose_bigrams(uni, bi, caps, fig, n, stop, bis)
    tri, quad, side, shift = count_longer(paths, set(bis), set(loose))
    cross = straddlers(side, loose, bis)
    bis.update((k, c) for k, c in loose.items() if k not in cross)
    side = collections.Counter({k: c for k, c in side.items() if k[0] not in cross})
    tris = keep_longer(tri, bis, stop)
    quads = keep_longer(quad, tris, stop)
    # Agent phrases go before the fragments are found, so that the word
    # after "người" is no fragment of them ("hâm mộ" of "người hâm mộ"),
    # but still count as the words beside a function word ("cho người"
    # of "cho người dân / người lao động" is an overlap).
    whole = {**bis, **tris, **quads}
    bis, tris, quads = ({k: c for k, c in d.items() if not agent_phrase(k)}
                        for d in (bis, tris, quads))
    allg = {**bis, **tris, **quads}
    seen = {**bi, **tri, **quad}
    shifted = {g for g, c in shift.items() if 2 * c >= seen.get(g, c + 1)}
    frag = fragments(collections.Counter({k: c for k, c in side.items()
                                          if not agent_phrase(k[0])}),
                     allg, shifted, stop) | (shifted & set(allg))
    over = overlaps(side, whole, stop, frag)
    bis, tris, quads = ({k: c for k, c in d.items() if k not in frag | over}
                        for d in (bis, tris, quads))
    tris, quads = without_parts(tris, over), without_parts(quads, over)
    bis.update(function_compounds(bi))
    free = {k for k in bis if free_pair(k) or free_directional(k, uni, bi)
            or free_light(k) or free_head(k)}
    free |= {p for g in (*tris, *quads) for p in edge_pairs(g) if free_head(p)}
    bis = {k: c for k, c in bis.items() if k not in free}
    tris, quads = without_parts(tris, free), without_parts(quads, free)
    words = {k: c for k, c in uni.items() if c >= MIN_UNI}
    words.update(reduplicatives(uni, bi, caps, stop, bis))
    words.update(bis)
    words.update(tris)
    words.update(quads)
    return words


def main(argv):
    corpora = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpora")
    out = os.path.join(os.path.dirname(__file__), "..", "data", "words", "words.txt")
    args = argv[1:]
    if "--out" in args:
        i = args.index("--out")
        out = args[i + 1]
        del args[i:i + 2]
    if args:
        corpora = args[0]
    present = [a for a in ARCHIVES if os.path.exists(os.path.join(corpora, a))]
    if not present:
        print("build_words: no corpora in %s; kept %s as it is" % (corpora, out))
        return 0
    scratch = tempfile.mkdtemp(prefix="tinsh-words-")
    try:
        for a in present:
            subprocess.run(["tar", "-xJf", os.path.join(corpora, a), "-C", scratch],
                           check=True)
        paths = list(files_under(scratch))
        uni, bi, caps, fig = count(paths)
        words = build_from_counts(paths, uni, bi, caps, fig)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    n = sum(uni.values())
    write(out, words, len(paths), n, present)
    print("build_words: %d files, %d syllables -> %d types (%d multi-syllable) in %s"
          % (len(paths), n, len(words), sum(" " in k for k in words), out))
    return 0


def write(out, words, nfiles, n, present):
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# tinsh word lexicon: word<TAB>count, lower-case NFC syllables.\n")
        f.write("# Made by scripts/build_words.py from %s (%d files, %d syllables);\n"
                % (", ".join(present), nfiles, n))
        f.write("# counts of syllables and kept collocations, no corpus text.\n")
        f.write("# total\t%d\n" % n)
        for k, c in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])):
            for w in spellings(k):
                f.write("%s\t%d\n" % (w, c))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
