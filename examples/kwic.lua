#!/usr/bin/env tinsh
-- kwic.lua — a concordance: every occurrence of a word or phrase with its
-- left and right context, aligned on the match and sorted by the words
-- that follow it; then the documents the lines come from.
--   tinsh examples/kwic.lua [QUERY] [WIDTH]
local query = arg[1] or "phát triển"
local width = tonumber(arg[2]) or 100

local k = corpus:kwic(query, { sort = "right", limit = 15 })
k:show{ width = width }
k:docs():show()
