#!/usr/bin/env tinsh
-- figures_subject.lua — the figures of one subject across documents:
-- every figure whose subject or unit contains SUBJECT (accent-
-- insensitive), with the document's date, sorted by value; then the
-- largest value per document.
--   tinsh examples/figures_subject.lua [SUBJECT]      (default "chi bộ")
local subject = arg[1] or "chi bộ"

local f = corpus:figures{ subject = subject }
print(string.format("%d figures about '%s'", #f, subject))
f:select("rowid", "date", "subject", "value", "unit", "text"):sort("-value"):show{ width = 100 }

print("largest per document:")
f:group("rowid", "unit"):max("value", "largest"):sort("rowid"):show()
