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
