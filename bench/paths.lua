-- Throughput rounds: GET a random path from a file, one per line.
--   wrk -t2 -c16 -d10s --latency -s bench/paths.lua http://127.0.0.1:8401 -- PATHS [gzip]
-- With "gzip", as a client that accepts gzip.
-- done() prints one line "BENCH_JSON {...}" with wrk's own figures (microseconds).

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
  headers = args[2] == "gzip" and {["Accept-Encoding"] = "gzip"} or nil
  -- Each thread its own sequence, or all threads would ask for the same pages.
  math.randomseed(os.time() * 1000 + thread_id * 7919)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max))
end
