-- wrk: POST a new patient each request (phone numbers vary so nothing collides).
-- wrk.format replaces the command line's headers (-H Authorization) when given a table: copy them.
local counter = 0
local headers = nil
request = function()
  if headers == nil then
    headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Content-Type"] = "application/json"
  end
  counter = counter + 1
  local body = string.format(
    '{"patient_name":"Bench Patient %d","date_of_birth":"1985-05-05","gender":"F","phone_number":"98%08d"}',
    counter, (counter * 7919) % 100000000)
  return wrk.format("POST", nil, headers, body)
end
