-- wrk: GET the detail of a random seeded patient each request (the URL given to wrk is the list's,
-- ending in /patients/), so the service reads rows from the whole table rather than one hot row.
-- PERF_FIRST_ID and PERF_LAST_ID (environment) bound the ids drawn.
local first = tonumber(os.getenv("PERF_FIRST_ID") or "1")
local last = tonumber(os.getenv("PERF_LAST_ID") or "1")
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  -- each thread its own sequence, not the same ids in lockstep
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
end

function request()
  return wrk.format(nil, wrk.path .. math.random(first, last) .. "/")
end
