-- tinsh.prelude — loaded at start-up by the tinsh binary (REPL, scripts,
-- tinsh run). It installs the analyst's globals and nothing else; the
-- REPL core knows nothing of them, so the corpus plugs in here.
--
-- Globals:  help, corpus (opened lazily on first use), tinsh (also
-- require("tinsh"): tinsh.words, the word segmenter), and whatever the
-- modules listed in `lazy` provide. Cheap: no database is opened here.

local help = require("tinsh.help")
_G.help = help

-- The stdlib modules help() documents; loaded only when help is asked.
help.known({ "corpus", "frame", "export", "report", "chart", "compare",
             "json", "tinsh.pretty" })

-- tinsh: the public helpers of the host (tinsh.words(text) -> the words
-- of text as {word, from, to, n, kind} tables, see docs/words.md;
-- tinsh.parse(text) -> what the parser and the extractors make of text).
local tcore = require("tinsh.core")
local tinsh = package.loaded.tinsh
if type(tinsh) ~= "table" then tinsh = {} end
tinsh.words = tinsh.words or tcore.words
tinsh.parse = tinsh.parse or require("corpus.names").parse
local TINSH_HELP = {
  "tinsh — the host's helpers on any text (no corpus needed).",
  words = "tinsh.words(text) -> the words of text, as the statistics and the index\n" ..
    "count them: {word, from, to, n, kind} tables (from/to: 1-based byte positions,\n" ..
    "n: syllables, kind: word, unknown, name, place, proper, number or user).\n" ..
    "See docs/words.md.\n" ..
    "  tinsh.words('Chính phủ Việt Nam')[2].word  --> 'Việt Nam'",
  parse = "tinsh.parse(text) -> what the parser and the extractors make of text:\n" ..
    "the record `tinsh parse` prints, as a table (title, published, blocks,\n" ..
    "people, places, figures, refs, periods, quotes, warnings; nulls left out).\n" ..
    "Text up to 4 MB. See docs/facts.md.\n" ..
    "  tinsh.parse('Ông An cho biết 62% hộ dân có điện.').figures[1].subject  --> 'hộ dân'",
}
for k, text in pairs(TINSH_HELP) do
  if type(k) == "string" and type(tinsh[k]) == "function" then
    help.register(tinsh[k], "tinsh." .. k, text)
  end
end
if getmetatable(tinsh) == nil then setmetatable(tinsh, { __help = TINSH_HELP }) end
package.loaded.tinsh = tinsh
_G.tinsh = tinsh

-- The corpus: the corpus module provides a default object that opens the
-- database on first use (--db, $TINSH_DB, ./tinsh.db, else the example).
local ok, corpus = pcall(require, "corpus")
if ok and type(corpus) == "table" and corpus.default then
  _G.corpus = corpus.default()
  if corpus.compare then _G.compare = corpus.compare end
end

return true
