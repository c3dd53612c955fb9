-- The exact-count run: article GETs for COUNTED seconds, then /robots.txt only,
-- so that no article GET is still in flight when wrk stops (an abandoned request
-- may be counted by the server yet never seen by the client). article_unanswered
-- says how many were still waiting at the end: then the drain was too short.
--   wrk -t2 -c64 -d130s --timeout 130s -s bench/count.lua URL -- PATHS COUNTED DIR QUIET
-- Each thread leaves DIR/thread-<n> once all its article GETs are answered, and
-- run.py then stops wrk; -d is only a cap. The server must then be given time to
-- finish what is queued before the counters are summed (run.py does).
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
  done_dir = args[3]
  quiet = tonumber(args[4])
  finished = false
  last_article = 0
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
  -- Done when every article GET this thread asked for has its answer, or when
  -- none has come for QUIET seconds while robots.txt answers flow: wrk calls
  -- request() again for a request it could not write at once, so `sent` may
  -- exceed what went out. Say so to run.py, which stops wrk when all are done.
  local now = os.time()
  if kind:find("text/html", 1, true) then last_article = now end
  if not finished and now >= counted_until and (ok + failed == sent
      or now - math.max(last_article, counted_until) >= quiet) then
    finished = true
    local marker = io.open(done_dir .. "/thread-" .. thread_id, "w")
    marker:close()
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
    '"article_ok": %d, "article_failed": %d, "article_unanswered": %d, ' ..
    '"other": %d, "connect": %d, "read": %d, "write": %d, "status": %d, ' ..
    '"timeout": %d, "max_us": %d}\n',
    summary.requests, summary.duration, s, o, f, s - o - f, x, e.connect, e.read,
    e.write, e.status, e.timeout, latency.max))
end
