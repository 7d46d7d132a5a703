-- wrk script: GET /api/issues/{id} for ids drawn at random from the file named by JIT_BENCH_IDS.
local ids = {}
for line in io.lines(os.getenv("JIT_BENCH_IDS")) do
  ids[#ids + 1] = line
end
request = function()
  return wrk.format("GET", "/api/issues/" .. ids[math.random(#ids)])
end
