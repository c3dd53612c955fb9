-- The exact-count run: article GETs for COUNTED seconds, then /robots.txt only,
-- so that no article GET is still in flight when wrk stops (an abandoned request
-- may be counted by the server yet never seen by the client).
--   wrk -t2 -c64 -d13s --timeout 30s -s bench/count.lua URL -- PATHS COUNTED
-- Responses are told apart by type: article pages are HTML, robots.txt is text.

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  counted_until = os.time() + tonumber(args[2])
  math.randomseed(os.time() * 1000 + thread_id * 7919)
  sent, ok, failed, other = 0, 0, 0, 0
end

function request()
  if os.time() < counted_until then
    sent = sent + 1
    return wrk.format("GET", paths[math.random(#paths)])
  end
  return wrk.format("GET", "/robots.txt")
end

function response(status, headers, body)
  local kind = headers["Content-Type"] or headers["content-type"] or ""
  if kind:find("text/html", 1, true) then
    if status >= 200 and status < 300 then ok = ok + 1 else failed = failed + 1 end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local s, o, f, x = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    s = s + thread:get("sent")
    o = o + thread:get("ok")
    f = f + thread:get("failed")
    x = x + thread:get("other")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "article_sent": %d, ' ..
    '"article_ok": %d, "article_failed": %d, "other": %d, "connect": %d, ' ..
    '"read": %d, "write": %d, "status": %d, "timeout": %d, "max_us": %d}\n',
    summary.requests, summary.duration, s, o, f, x, e.connect, e.read, e.write,
    e.status, e.timeout, latency.max))
end
