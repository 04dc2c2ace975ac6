/**
 * Lua scripts of the Redis identity store. Each runs atomically in Redis, which is what makes
 * two enrichers racing on the same guest safe: a commit whose reads went stale is refused
 * (0) and the resolver reads again. KEYS[1] is the key prefix (with a hash tag, so a tenant's
 * keys share a cluster slot); ARGV[1] is a JSON document built by redis-store.ts.
 */

/** Applies one ResolutionChange: create, merge, store and index the record, keep proposals. */
export const COMMIT_SCRIPT = `
local p = KEYS[1]
local c = cjson.decode(ARGV[1])
for _, e in ipairs(c.expected) do
  if redis.call('EXISTS', p .. 'alias:' .. e[1]) == 1 then return 0 end
  local ver = redis.call('HGET', p .. 'cust:' .. e[1], 'ver')
  if not ver or tonumber(ver) ~= e[2] then return 0 end
end
for i, key in ipairs(c.keys) do
  local seen = c.lengths[i]
  if seen ~= nil and math.min(redis.call('LLEN', p .. 'blk:' .. key), c.window) ~= seen then return 0 end
end
local survivor = c.customerId
if c.create then
  if redis.call('EXISTS', p .. 'cust:' .. survivor) == 1 then return 0 end
  redis.call('HSET', p .. 'cust:' .. survivor, 'seq', redis.call('INCR', p .. 'seq'), 'ver', 0)
elseif redis.call('EXISTS', p .. 'cust:' .. survivor) == 0 then
  return 0
end
for _, from in ipairs(c.merges) do
  if from ~= survivor and redis.call('EXISTS', p .. 'cust:' .. from) == 1 then
    for _, rid in ipairs(redis.call('LRANGE', p .. 'cr:' .. from, 0, -1)) do
      redis.call('SET', p .. 'rc:' .. rid, survivor)
      redis.call('RPUSH', p .. 'cr:' .. survivor, rid)
    end
    for _, old in ipairs(redis.call('SMEMBERS', p .. 'aliased:' .. from)) do
      redis.call('SET', p .. 'alias:' .. old, survivor)
      redis.call('SADD', p .. 'aliased:' .. survivor, old)
    end
    redis.call('SET', p .. 'alias:' .. from, survivor)
    redis.call('SADD', p .. 'aliased:' .. survivor, from)
    if redis.call('EXISTS', p .. 'cr:' .. from) == 1 then
      redis.call('RENAME', p .. 'cr:' .. from, p .. 'moved:' .. from)
    end
    redis.call('DEL', p .. 'cust:' .. from, p .. 'aliased:' .. from)
  end
end
local rid = c.recordId
local isNew = redis.call('EXISTS', p .. 'rec:' .. rid) == 0
redis.call('SET', p .. 'rec:' .. rid, c.record)
if isNew then
  redis.call('SET', p .. 'rc:' .. rid, survivor)
  redis.call('RPUSH', p .. 'cr:' .. survivor, rid)
end
for _, key in ipairs(c.keys) do
  local k = p .. 'blk:' .. key
  if redis.call('LLEN', k) < c.maxPerKey and (isNew or not redis.call('LPOS', k, rid)) then
    redis.call('RPUSH', k, rid)
  end
end
for _, proposal in ipairs(c.proposals) do redis.call('RPUSH', p .. 'props', proposal) end
redis.call('HINCRBY', p .. 'cust:' .. survivor, 'ver', 1)
return 1
`;

/** Moves records into a new customer and keeps both sides apart from then on. */
export const SPLIT_SCRIPT = `
local p = KEYS[1]
local c = cjson.decode(ARGV[1])
local ver = redis.call('HGET', p .. 'cust:' .. c.customerId, 'ver')
if not ver or tonumber(ver) ~= c.expectedVersion then return 0 end
if redis.call('EXISTS', p .. 'cust:' .. c.newCustomerId) == 1 then return 0 end
redis.call('HSET', p .. 'cust:' .. c.newCustomerId, 'seq', redis.call('INCR', p .. 'seq'), 'ver', 0)
local moving = {}
for _, id in ipairs(c.recordIds) do moving[id] = true end
local staying = {}
for _, id in ipairs(redis.call('LRANGE', p .. 'cr:' .. c.customerId, 0, -1)) do
  if not moving[id] then table.insert(staying, id) end
end
redis.call('DEL', p .. 'cr:' .. c.customerId)
for _, id in ipairs(staying) do redis.call('RPUSH', p .. 'cr:' .. c.customerId, id) end
redis.call('HINCRBY', p .. 'cust:' .. c.customerId, 'ver', 1)
for _, id in ipairs(c.recordIds) do
  redis.call('SET', p .. 'rc:' .. id, c.newCustomerId)
  redis.call('RPUSH', p .. 'cr:' .. c.newCustomerId, id)
  for _, other in ipairs(staying) do redis.call('SADD', p .. 'sep:' .. id, other) end
end
for _, other in ipairs(staying) do
  for _, id in ipairs(c.recordIds) do redis.call('SADD', p .. 'sep:' .. other, id) end
end
return 1
`;

/** Records with their current customer and the records they were separated from. */
export const GET_RECORDS_SCRIPT = `
local p = KEYS[1]
local out = {}
for i, id in ipairs(ARGV) do
  local rec = redis.call('GET', p .. 'rec:' .. id)
  if rec then
    out[#out + 1] = { rec, redis.call('GET', p .. 'rc:' .. id), redis.call('SMEMBERS', p .. 'sep:' .. id) }
  else
    out[#out + 1] = false
  end
end
return out
`;

/** Customers by id, following aliases to the survivor. */
export const GET_CUSTOMERS_SCRIPT = `
local p = KEYS[1]
local out = {}
for i, asked in ipairs(ARGV) do
  local id = asked
  for hop = 1, 64 do
    local next = redis.call('GET', p .. 'alias:' .. id)
    if not next then break end
    id = next
  end
  local state = redis.call('HMGET', p .. 'cust:' .. id, 'seq', 'ver')
  if state[1] then
    out[#out + 1] = { id, state[1], state[2], redis.call('LRANGE', p .. 'cr:' .. id, 0, -1) }
  else
    out[#out + 1] = false
  end
end
return out
`;
