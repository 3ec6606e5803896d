-- wrk: the write cases of bench/run, as fast as the connections allow or at a fixed rate.
--   PERF_KIND=create    POST a new patient each request (URL: .../patients/); phone numbers are unique
--                       within the run and across runs (PERF_RUN, 0-99, is part of them)
--   PERF_KIND=check-in  POST patients/<id>/check_in/ (URL: .../patients/), each request another patient
--                       from PERF_IDS_FILE (one id a line: active patients with no open visit today;
--                       threads take turns, so no id repeats until the list is used up), doctors round
--                       robin from PERF_DOCTORS (comma-separated ids)
--   PERF_RATE=N         requests per second over all threads (PERF_THREADS = wrk -t): every thread keeps
--                       its own schedule of evenly spaced send times, offset from the other threads', and
--                       wrk's delay() hook holds each request until its slot. The schedule is fixed (a
--                       request that finds every connection busy goes out as soon as one frees, and the
--                       ones after it catch up), so the offered rate is the rate asked for while the
--                       server keeps up: wrk2's constant-throughput model with wrk's own hooks.
--   PERF_DRAIN_AT_MS=N  send nothing after N ms (each thread from its start; bench/run lets wrk run a few
--                       seconds longer): what is in flight finishes before wrk closes its connections, so
--                       no write is cut off half way (a client that goes away mid-request is another test)
-- Every response's status is counted; done() prints "statuses: 201=n 409=n ..." for bench/run.
local kind = os.getenv("PERF_KIND") or "create"
local rate = tonumber(os.getenv("PERF_RATE") or "")
local nthreads = tonumber(os.getenv("PERF_THREADS") or "2")
local run = tonumber(os.getenv("PERF_RUN") or "0") % 100
local doctors = {}
for d in string.gmatch(os.getenv("PERF_DOCTORS") or "", "%d+") do doctors[#doctors + 1] = d end

local threads = {}
function setup(thread)
  thread:set("tid", #threads)
  threads[#threads + 1] = thread
end

local headers, base
local ids = {}
local counter = 0
statuses = {}
wrapped = 0

function init(args)
  -- wrk.format replaces the command line's headers (-H Authorization) when given a table: copy them
  headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Content-Type"] = "application/json"
  base = wrk.path
  if kind == "check-in" then
    for line in io.lines(os.getenv("PERF_IDS_FILE")) do ids[#ids + 1] = line end
  end
end

function request()
  counter = counter + 1
  if kind == "check-in" then
    local n = tid + (counter - 1) * nthreads
    if n >= #ids then wrapped = wrapped + 1 end
    local id = ids[1 + n % #ids]
    local doctor = #doctors > 0 and doctors[1 + (counter + tid) % #doctors] or "null"
    return wrk.format("POST", base .. id .. "/check_in/", headers,
      string.format('{"purpose":"Bench check-in","doctor":%s}', doctor))
  end
  -- 8, the run, the thread, a counter: ten digits, none seeded (those start with 9)
  local body = string.format(
    '{"patient_name":"Bench Walk-in %d-%d","date_of_birth":"1985-05-05","gender":"F","phone_number":"8%02d%d%06d"}',
    tid, counter, run, tid % 10, counter % 1000000)
  return wrk.format("POST", base, headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } perf_timespec;
  int clock_gettime(int clock, perf_timespec *tp);
]]
local ts = ffi.new("perf_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end
local drain_at = tonumber(os.getenv("PERF_DRAIN_AT_MS") or "")
local interval = rate and rate > 0 and 1000 * nthreads / rate or nil
local started_at, next_at
-- wrk asks before each request on each connection how many milliseconds to hold it
-- (a connection asks as soon as its last answer is in, so it is given the next free slot, which may be
-- several intervals ahead: the drain is checked against the slot, not against now)
function delay()
  local now = now_ms()
  if started_at == nil then started_at = now end
  local at = now
  if interval then
    if next_at == nil then
      next_at = now + interval * tid / nthreads
    else
      next_at = next_at + interval
    end
    at = next_at
  end
  if drain_at and at - started_at >= drain_at then return 3600000 end -- past the sending window
  local wait = at - now
  if wait <= 0 then return 0 end
  return math.floor(wait + 0.5)
end

function done(summary, latency, requests)
  local total, wraps = {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + n end
    wraps = wraps + thread:get("wrapped")
  end
  local codes = {}
  for status in pairs(total) do codes[#codes + 1] = status end
  table.sort(codes)
  io.write("statuses:")
  for _, status in ipairs(codes) do io.write(string.format(" %d=%d", status, total[status])) end
  io.write("\n")
  if wraps > 0 then io.write(string.format("reused patient ids: %d (the list was used up)\n", wraps)) end
end
