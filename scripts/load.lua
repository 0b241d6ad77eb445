-- wrk script for scripts/load.py: one scenario, configured by environment.
--   LOAD_METHOD  GET or POST            LOAD_PATH   path; "{session}" is replaced
--   LOAD_COOKIE  a Cookie header         LOAD_BEARER one API token
--   LOAD_TOKENS  a file of "token [session]" lines, each used once (a
--                submission per mentee): for a POST a thread stops when its
--                share is used; a GET goes round them again.
--   LOAD_THREADS wrk's -t, to share the lines between threads.
-- done() prints one RESULT line of JSON that load.py reads.
local method = os.getenv("LOAD_METHOD") or "GET"
local path = os.getenv("LOAD_PATH") or "/"
local cookie = os.getenv("LOAD_COOKIE")
local bearer = os.getenv("LOAD_BEARER")
local tokens_file = os.getenv("LOAD_TOKENS")

local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

local lines, cursor, step, fixed
function init(args)
  step = tonumber(os.getenv("LOAD_THREADS") or "1")
  cursor = (id or 0) + 1
  local headers = {}
  if cookie then headers["Cookie"] = cookie end
  if bearer then headers["Authorization"] = "Bearer " .. bearer end
  if method == "POST" then headers["Content-Length"] = "0" end
  if tokens_file then
    lines = {}
    for line in io.lines(tokens_file) do
      if #line > 0 then table.insert(lines, line) end
    end
  else
    fixed = wrk.format(method, path, headers)
  end
end

function request()
  if fixed then return fixed end
  if cursor > #lines then
    -- A submission is made once per line; a read may go round again.
    if method ~= "GET" then wrk.thread:stop() end
    cursor = (id or 0) + 1
  end
  local token, session = lines[cursor]:match("^(%S+)%s*(%S*)$")
  cursor = cursor + step
  local headers = { ["Authorization"] = "Bearer " .. token }
  if method == "POST" then headers["Content-Length"] = "0" end
  return wrk.format(method, (path:gsub("{session}", session)), headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "socket_errors": %d, "non_2xx": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
