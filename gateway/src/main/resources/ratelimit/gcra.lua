-- GCRA (generic cell rate algorithm) over several hourly limits in one round trip, atomically.
-- KEYS[i]: a counter; ARGV[i]: its limit per hour. The value stored per key is its
-- "theoretical arrival time" (TAT) in microseconds of Redis's clock, so replicas' clocks never matter.
-- A request is admitted only if every limit admits it; only then are the TATs advanced.
-- Returns {admitted (1/0), then per key: remaining, microseconds to full, microseconds to retry}.
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000000 + tonumber(now_parts[2])
local period = 3600000000
local admitted = 1
local new_tats = {}
local out = {}
for i = 1, #KEYS do
  local limit = tonumber(ARGV[i])
  local interval = period / limit
  local tat = tonumber(redis.call('GET', KEYS[i])) or now
  if tat < now then tat = now end
  local new_tat = tat + interval
  local allow_at = new_tat - period
  if now < allow_at then
    admitted = 0
    out[#out + 1] = 0
    out[#out + 1] = math.floor(tat - now)
    out[#out + 1] = math.ceil(allow_at - now)
  else
    out[#out + 1] = math.floor((now - allow_at) / interval)
    out[#out + 1] = math.floor(new_tat - now)
    out[#out + 1] = 0
  end
  new_tats[i] = new_tat
end
if admitted == 1 then
  for i = 1, #KEYS do
    local ttl = math.ceil((new_tats[i] - now) / 1000) + 1000
    redis.call('SET', KEYS[i], string.format('%d', math.floor(new_tats[i])), 'PX', ttl)
  end
end
table.insert(out, 1, admitted)
return out
