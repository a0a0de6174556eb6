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
