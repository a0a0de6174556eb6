#!/usr/bin/env python3
"""make_corpus.py OUTDIR [--big-mb N] [--tiny N] — build the bad-input corpus.

Nothing here is committed as data: every hostile file is made at test time
from the example corpus and from hand-written snippets, so the repository
stays small and text-only. Writes OUTDIR/bad/... and OUTDIR/good/... and a
manifest OUTDIR/MANIFEST.tsv with one line per top-level case:

    path<TAB>expect<TAB>what

expect is what `tinsh ingest` must make of it:
    doc    becomes a document (possibly with warnings)
    skip   skipped with a reason (empty, unsupported type, not a regular file)
    error  a one-line error naming the file
    any    doc, skip or error — but listed, and nothing else harmed
    tree   a folder: each file inside is accounted for by its own kind
Cases that need root-less permissions or special files are added by the
test script (tests/cli/badinput.sh), not here.
"""
import os
import shutil
import sys
import unicodedata

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CORPUS = os.path.join(SRC, "examples", "corpus")

# Legacy mojibake lines, as Windows-1252 shows VNI-Windows and TCVN3 bytes.
VNI = "ÑAÛNG BOÄ TÆNH QUAÛNG NINH\nÑoàng chí Leâ Vaên AÙnh, Bí thö Thaønh uûy Moùng Caùi.\n"
TCVN3 = "§¶ng bé tØnh Qu¶ng Ninh\n§ång chÝ Lª V¨n ¸nh, BÝ th­ Thµnh ñy Mãng C¸i.\n"

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def article(i=0):
    names = sorted(n for n in os.listdir(CORPUS) if n.endswith(".txt"))
    with open(os.path.join(CORPUS, names[i % len(names)]), encoding="utf-8") as f:
        return f.read()


def to_cp1258(text):
    """Windows-1258: base letters with shape marks precomposed, tone marks
    as separate combining characters (how Word saved Vietnamese)."""
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        base = "".join(c for c in d if c not in TONES)
        tones = "".join(c for c in d if c in TONES)
        out.append(unicodedata.normalize("NFC", base) + tones)
    return "".join(out).encode("cp1258", errors="replace")


def invalid_utf8():
    """Every kind of malformed UTF-8, each between valid Vietnamese words."""
    bad = [
        b"\x80", b"\xbf", b"\x80\x80\x80",          # lone continuation bytes
        b"\xc3", b"\xe1\xbb", b"\xf0\x9f\x98",      # truncated sequences
        b"\xc3 ", b"\xe1\xbb\n", b"\xf0\x9f",
        b"\xc0\xaf", b"\xc1\xbf",                   # overlong 2-byte
        b"\xe0\x80\xaf", b"\xe0\x9f\xbf",           # overlong 3-byte
        b"\xf0\x80\x80\xaf", b"\xf0\x8f\xbf\xbf",   # overlong 4-byte
        b"\xed\xa0\x80", b"\xed\xbf\xbf",           # UTF-16 surrogates
        b"\xed\xa0\xbd\xed\xb8\x80",                # surrogate pair (CESU-8)
        b"\xf4\x90\x80\x80", b"\xf7\xbf\xbf\xbf",   # above U+10FFFF
        b"\xf8\x88\x80\x80\x80", b"\xfc\x84\x80\x80\x80\x80",  # 5/6-byte
        b"\xfe", b"\xff", b"\xfe\xff",              # never valid
        b"\xef\xbf\xbe", b"\xef\xbf\xbf",           # noncharacters (valid)
        b"\xe1\xbb\x87\xcc\x81\xcc\x81",            # doubled combining marks
    ]
    word = "Móng Cái ".encode()
    body = b"".join(word + b + b" " for b in bad)
    return ("Tiêu đề có byte hỏng\n\n".encode() + body + b"\n\n" +
            "Đoạn văn bình thường sau đó.\n".encode()) * 3


def png():
    import struct
    import zlib

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + bytes((x * y) & 255 for x in range(64))
                   for y in range(64))
    return (b"\x89PNG\r\n\x1a\n" +
            chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 0, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def elf():
    for p in ("/bin/true", "/usr/bin/true", sys.executable):
        if os.path.exists(p):
            with open(p, "rb") as f:
                return f.read(256 * 1024)
    return b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 64


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out = args[0]
    big_mb = int(args[args.index("--big-mb") + 1]) if "--big-mb" in args else 50
    tiny = int(args[args.index("--tiny") + 1]) if "--tiny" in args else 100000
    bad = os.path.join(out, "bad")
    good = os.path.join(out, "good")
    os.makedirs(bad, exist_ok=True)
    os.makedirs(good, exist_ok=True)
    for n in sorted(os.listdir(CORPUS)):
        if n.endswith(".txt"):
            shutil.copy(os.path.join(CORPUS, n), os.path.join(good, n))
    manifest = []

    def put(name, data, expect, what):
        p = os.path.join(bad, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        manifest.append((p, expect, what))

    a0 = article(0)
    put("empty.txt", b"", "skip", "empty file")
    put("nul.txt", b"\0" * 65536, "any", "64 KB of NUL bytes")
    put("whitespace.txt", " \n\t\r\n\u00a0\u200b\n" * 100, "any",
        "only white space, NBSP and zero-width characters")
    # the example articles joined into one line (a scraper that lost every
    # newline), repeated up to big_mb
    line = " ".join(article(i).replace("\n", " ") for i in range(5)).encode()
    reps = big_mb * 1024 * 1024 // len(line) + 1
    put("bigline.txt", (line * reps)[: big_mb * 1024 * 1024], "doc",
        "%d MB on one line" % big_mb)
    put("png.txt", png(), "any", "a PNG image named .txt")
    put("image.png", png(), "skip", "a PNG image (unsupported type)")
    put("elf.txt", elf(), "any", "an ELF executable named .txt (256 KB)")
    put("invalid-utf8.txt", invalid_utf8(), "doc",
        "truncated, overlong, surrogate, >U+10FFFF, 5/6-byte, FE/FF bytes")
    put("utf16le-bom.txt", b"\xff\xfe" + a0.encode("utf-16-le"), "doc",
        "UTF-16LE with BOM")
    put("utf16be-bom.txt", b"\xfe\xff" + a0.encode("utf-16-be"), "doc",
        "UTF-16BE with BOM")
    put("utf16-odd.txt", b"\xff\xfe" + a0.encode("utf-16-le")[:-1], "doc",
        "UTF-16LE with BOM, odd byte count")
    put("utf8-bom.txt", b"\xef\xbb\xbf" + a0.encode(), "doc", "UTF-8 with BOM")
    put("cp1258.txt", to_cp1258(a0), "doc", "Windows-1258 (tones combining)")
    put("vni-mojibake.txt", VNI * 20, "doc", "VNI mojibake saved as UTF-8")
    put("vni-bytes.txt", (VNI * 20).encode("cp1252"), "doc",
        "VNI-Windows raw bytes")
    put("tcvn3-mojibake.txt", TCVN3 * 20, "doc", "TCVN3 mojibake as UTF-8")
    put("tcvn3-bytes.txt", (TCVN3 * 20).encode("cp1252", errors="replace"),
        "doc", "TCVN3 raw bytes")
    put("nfd.txt", unicodedata.normalize("NFD", article(1)), "doc",
        "decomposed (NFD) text")
    put("crlf.txt", article(2).replace("\n", "\r\n"), "doc", "CRLF lines")
    put("cr-only.txt", article(3).replace("\n", "\r"), "doc", "old Mac CR lines")
    put("caption10k.txt",
        "Móng Cái\n\n" + "Ảnh: Cao Quỳnh\n\n" * 10000 + "Hết.\n", "doc",
        "a caption line repeated 10,000 times")
    put("deep.txt", ("- " * 5000 + "(" * 5000 + "“" * 5000 + "\n") * 4, "doc",
        "deep nesting of quotes, brackets and list marks")
    put("entities.txt", "&amp;" * 20000 + "&#x110000;&#0;&#xD800;&;&#;&#x;" +
        "&" * 10000 + "\n", "doc", "HTML entity bombs")
    put("marks.txt", "a" + "\u0301" * 100000 + "\n", "doc",
        "100,000 combining marks on one letter")
    put("no-newline.txt", "Tiêu đề không xuống dòng", "doc", "no final newline")
    put("long-name-" + "đ" * 80 + ".txt", a0, "doc",
        "a long non-ASCII file name")
    put("name with spaces & 'quotes'.txt", a0[:2000], "doc",
        "spaces and quotes in the name")
    # JSON records: broken syntax, deep nesting, hostile values.
    put("broken.json", '{"title": "x", "body": ', "error", "truncated JSON")
    put("deep.json", "[" * 200000 + "]" * 200000, "error",
        "JSON nested 200,000 deep")
    put("hostile.jsonl",
        '{"title":"ok","body":"Móng Cái \\u0000 \\ud800 \\uDFFF x"}\n'
        '{"title":1e999999,"body":"n"}\n'
        '{"title":"' + "x" * 100000 + '","body":"long title"}\n'
        'not json at all\n', "any", "JSONL: NUL escape, lone surrogates, "
        "huge number, 100 KB title, a bad line")
    # 100k tiny files in one folder (each its own document).
    tdir = os.path.join(bad, "tiny")
    os.makedirs(tdir, exist_ok=True)
    for i in range(tiny):
        with open(os.path.join(tdir, "t%06d.txt" % i), "w") as f:
            f.write("Tin %d\n\nMóng Cái số %d.\n" % (i, i))
    manifest.append((tdir, "tree", "%d tiny files in one folder" % tiny))
    with open(os.path.join(out, "MANIFEST.tsv"), "w") as f:
        for p, e, w in manifest:
            f.write("%s\t%s\t%s\n" % (p, e, w))


if __name__ == "__main__":
    main()
