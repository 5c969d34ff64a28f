import pytest

from amends.core.cache import RedisCache


def test_the_redis_cache_keeps_one_client_and_still_works():
    cache = RedisCache("redis://127.0.0.1:6379/13", {"KEY_PREFIX": "amends-test-cache"})
    try:
        assert cache._cache.get_client() is cache._cache.get_client(write=True)
        assert cache.add("k", 1, timeout=5)
        assert not cache.add("k", 2, timeout=5)
        assert cache.incr("k") == 2
        assert cache.get("k") == 2
        cache.delete("k")
        assert cache.get("k") is None
    finally:
        cache.delete("k")


def test_incr_is_one_round_trip_and_refuses_a_missing_key():
    cache = RedisCache("redis://127.0.0.1:6379/13", {"KEY_PREFIX": "amends-test-cache"})
    client = cache._cache.get_client(write=True)
    sent = []
    real = client.execute_command

    def counting(*args, **kwargs):
        sent.append(args[0])
        return real(*args, **kwargs)

    try:
        cache.add("n", 5, timeout=5)
        client.execute_command = counting
        assert cache.incr("n", 3) == 8
        assert sent == ["EVALSHA"] or sent == ["EVALSHA", "EVAL"]  # EVAL once, if not loaded yet
        assert 0 < client.ttl(cache.make_key("n")) <= 5  # the window's timeout is kept
        cache.delete("n")
        with pytest.raises(ValueError, match="not found"):
            cache.incr("n")
        assert cache.get("n") is None
    finally:
        client.execute_command = real
        cache.delete("n")
