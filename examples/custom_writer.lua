#!/usr/bin/env tinsh
-- custom_writer.lua — a custom writer, after Pandoc's: each block of a
-- document goes to the function named after its kind. This one turns the
-- interviews of the corpus into plain "Hỏi:/Đáp:" transcripts, registers
-- it as a format, and writes every document that has Q&A with it.
--   tinsh examples/custom_writer.lua [FILE.interview]   (default: stdout)
local export = require("export")

local transcript = export.writer{
  title = function(b) return "== " .. b.text .. " ==" end,
  lead = function(b) return b.text end,
  question = function(b) return "Hỏi: " .. b.text:gsub("^[-–]%s*", "") end,
  answer = function(b) return "Đáp: " .. b.text:gsub("^%+%s*", "") end,
  default = false, -- drop every other block (banners, captions, links...)
  document = function(doc, body)
    local date = doc.published and doc.published:sub(1, 10) or "(no date)"
    return body .. "\n-- " .. date .. (doc.author and (", " .. doc.author) or "") .. "\n"
  end,
}
export.register("interview", transcript)

local docs = {}
for d in corpus:docs() do
  if #d.qa > 0 then docs[#docs + 1] = d:data() end
end
if arg[1] then
  assert(export.write(docs, arg[1]))
  print(string.format("wrote %d interviews to %s", #docs, arg[1]))
else
  -- the first interview, each paragraph cut to one line
  local display = require("tinsh.display")
  for para in transcript:write(docs[1]):gmatch("[^\n]+") do print(display.truncate(para, 100)) end
  print(string.format("(%d interviews; give a FILE.interview to write them all)", #docs))
end
