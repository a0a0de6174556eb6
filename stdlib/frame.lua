-- frame — tables of records (see frame.core, which holds all of it).
--
-- This module assembles the public frame module: the frame core plus the
-- export module, which installs f:export in frame.core's hooks. The
-- dependencies run one way: frame -> export -> frame.core, frame ->
-- frame.core; frame.core requires neither.
--
--   local frame = require("frame")
--   frame.new{ {place = "Hạ Long", n = 12} }:export("places.csv")

local core = require("frame.core")
require("export")
return core
