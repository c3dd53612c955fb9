#!lua
-- One round trip for a cached page: the page, the most-read block and, for an
-- article, the read counted. With the shebang Redis refuses the whole script
-- while it refuses writes (out of memory): then Django answers and counts.
--
-- KEYS[1] page    KEYS[2] most-read block
-- KEYS[3] the article's shown count ("" for a list page)
-- KEYS[4] this worker's read journal   KEYS[5] the set of journals
-- ARGV[1] "page" to look the page up, "count" to count only (a page Django
--         rendered: articles/reads/counter.py)
-- ARGV[2], ARGV[3] the first bytes of the page and of the block the worker
--         holds ("" if none): when the stored one starts with them, "=" comes
--         back instead of its bytes
-- ARGV[4] "1" to count a read   ARGV[5] its journal field "<id>|<day>"
-- ARGV[6] the journal's lifetime in seconds   ARGV[7] its batch id
--
-- Returns {page, block, count}: page "" when missing (nothing is counted
-- then: the view renders it and counts), block "" when missing, count the total
-- to show or -1 when the shown count is not in Redis (the caller sets it).
local function held(key, head)
  if head ~= '' and redis.call('getrange', key, 0, #head - 1) == head then
    return '='
  end
  return redis.call('get', key)
end

local page, block = '', ''
if ARGV[1] == 'page' then
  block = held(KEYS[2], ARGV[3]) or ''
  page = held(KEYS[1], ARGV[2])
  if not page then return {'', block, -1} end
end

local count = -1
if ARGV[4] == '1' then
  if redis.call('exists', KEYS[4]) == 0 then  -- the batch's first read
    redis.call('sadd', KEYS[5], ARGV[7])
    redis.call('hincrby', KEYS[4], ARGV[5], 1)
    redis.call('expire', KEYS[4], ARGV[6])
  else
    redis.call('hincrby', KEYS[4], ARGV[5], 1)
  end
  if redis.call('exists', KEYS[3]) == 1 then
    count = redis.call('incr', KEYS[3])
  end
elseif KEYS[3] ~= '' then
  count = tonumber(redis.call('get', KEYS[3]) or '-1')
end
return {page, block, count}
