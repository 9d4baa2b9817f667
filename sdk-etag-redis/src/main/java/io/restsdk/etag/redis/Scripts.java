package io.restsdk.etag.redis;

/**
 * The Lua scripts that keep an entry, its per-URL index and the byte budget's bookkeeping
 * consistent: each runs atomically in Redis, so no reader sees a half-written entry and an
 * invalidation removes every variant of a URL in one round trip.
 *
 * <p>Every script gets the same four bookkeeping keys first ({@code KEYS[1..4]}: the LRU sorted
 * set, the sizes hash, the byte total, the eviction counter) and the entry-key prefix as
 * {@code ARGV[1]}. A bookkeeping key of the wrong type (garbage under the prefix) is deleted and
 * starts over; a member that does not name one of this store's entries is forgotten, never
 * deleted, so garbage can never make a script delete a key outside the store.
 */
final class Scripts {
  private Scripts() {}

  private static final String PRELUDE = """
      local LRU, SIZE, BYTES, EVICTIONS, EP = KEYS[1], KEYS[2], KEYS[3], KEYS[4], ARGV[1]
      local function typed(k, want)
        local ty = redis.call('TYPE', k)['ok']
        if ty ~= want and ty ~= 'none' then redis.call('DEL', k) end
      end
      typed(LRU, 'zset'); typed(SIZE, 'hash'); typed(BYTES, 'string'); typed(EVICTIONS, 'string')
      local function num(k) return tonumber(redis.call('GET', k)) or 0 end
      local bytes = num(BYTES)
      local function now()
        local t = redis.call('TIME')
        return tonumber(t[1]) * 1000000 + tonumber(t[2])
      end
      local function drop(m)
        local s = tonumber(redis.call('HGET', SIZE, m))
        if s then redis.call('HDEL', SIZE, m); bytes = bytes - s end
        redis.call('ZREM', LRU, m)
        if string.sub(m, 1, #EP) == EP then redis.call('DEL', m) end
      end
      local function save()
        if bytes < 0 then bytes = 0 end
        redis.call('SET', BYTES, string.format('%d', bytes))
      end
      """;

  /**
   * KEYS[5] entry. Returns {} when absent (dropping the accounting of an expired entry), {'x'}
   * when the key holds something else than a hash, else {m, b}; marks the entry used.
   */
  static final String GET = PRELUDE + """
      local E = KEYS[5]
      local ty = redis.call('TYPE', E)['ok']
      if ty == 'none' then
        if redis.call('HEXISTS', SIZE, E) == 1 then drop(E); save() end
        return {}
      end
      if ty ~= 'hash' then return {'x'} end
      local r = redis.call('HMGET', E, 'm', 'b')
      redis.call('ZADD', LRU, 'XX', now(), E)
      return r
      """;

  /**
   * KEYS[5] entry, KEYS[6] the URL's index; ARGV[2] t, [3] m, [4] b, [5] ttl ms, [6] budget,
   * [7] entry size. Replaces the entry whole, indexes it, then evicts the least recently used
   * entries until the total is within the budget. Returns {bytes in use, entries evicted}.
   */
  static final String PUT = PRELUDE + """
      local E, IDX = KEYS[5], KEYS[6]
      local ttl, budget, size = ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7])
      if redis.call('TYPE', E)['ok'] ~= 'none' then drop(E) end
      typed(IDX, 'set')
      redis.call('HSET', E, 't', ARGV[2], 'm', ARGV[3], 'b', ARGV[4])
      redis.call('PEXPIRE', E, ttl)
      redis.call('SADD', IDX, E)
      redis.call('PEXPIRE', IDX, ttl)
      redis.call('ZADD', LRU, now(), E)
      redis.call('HSET', SIZE, E, size)
      bytes = bytes + size
      local evicted = 0
      while bytes > budget do
        local v = redis.call('ZRANGE', LRU, 0, 1)
        local victim = v[1]
        if victim == E then victim = v[2] end
        if not victim then bytes = size; break end
        drop(victim)
        evicted = evicted + 1
      end
      save()
      if evicted > 0 then
        redis.call('SET', EVICTIONS, string.format('%d', num(EVICTIONS) + evicted))
      end
      return {bytes, evicted}
      """;

  /**
   * KEYS[5] entry, KEYS[6] the URL's index; ARGV[2] t, [3] m, [4] ttl ms, [5] entry size.
   * Replaces only the meta record (the headers a 304 refreshed) when the entry still holds the
   * same version (t); returns 1, else 0 and the caller writes the entry whole.
   */
  static final String REFRESH = PRELUDE + """
      local E, IDX = KEYS[5], KEYS[6]
      if redis.call('TYPE', E)['ok'] ~= 'hash' or redis.call('HGET', E, 't') ~= ARGV[2] then
        return 0
      end
      typed(IDX, 'set')
      redis.call('HSET', E, 'm', ARGV[3])
      redis.call('PEXPIRE', E, ARGV[4])
      redis.call('SADD', IDX, E)
      redis.call('PEXPIRE', IDX, ARGV[4])
      redis.call('ZADD', LRU, 'XX', now(), E)
      local old = tonumber(redis.call('HGET', SIZE, E))
      if old then
        redis.call('HSET', SIZE, E, ARGV[5])
        bytes = bytes - old + tonumber(ARGV[5])
        save()
      end
      return 1
      """;

  /** KEYS[5..] the URLs' indexes. Drops every entry they list, then them; returns the count. */
  static final String INVALIDATE = PRELUDE + """
      local n = 0
      for i = 5, #KEYS do
        local IDX = KEYS[i]
        if redis.call('TYPE', IDX)['ok'] == 'set' then
          for _, m in ipairs(redis.call('SMEMBERS', IDX)) do drop(m); n = n + 1 end
        end
        redis.call('DEL', IDX)
      end
      save()
      return n
      """;
}
