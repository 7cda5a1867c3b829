"""A small pool of logged-in SIP2 sessions.

SIP2 is strictly request/response per connection, so checking out a
stack of ten items in parallel needs several sessions.  Connections are
opened lazily (at most `size`), reused while healthy, and thrown away
after a connection or protocol error, because such a session's stream
position is no longer trustworthy.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from .client import Sip2Client, Sip2Config
from .errors import Sip2ConnectionError, Sip2Error, Sip2PoolError, Sip2ProtocolError

_BROKEN = (Sip2ConnectionError, Sip2ProtocolError)


class Sip2Pool:
    """`with pool.connection() as client:` hands out one session at a time."""

    def __init__(
        self,
        config: Sip2Config | None = None,
        size: int = 4,
        *,
        factory: Callable[[], Sip2Client] | None = None,
        acquire_timeout: float | None = 30.0,
    ) -> None:
        if (config is None) == (factory is None):
            raise ValueError("give either a config or a factory")
        if size < 1:
            raise ValueError("size must be >= 1")
        self._factory = factory or (lambda: Sip2Client(config))
        self.size = size
        self.acquire_timeout = acquire_timeout
        self._slots = threading.BoundedSemaphore(size)
        self._idle: deque[Sip2Client] = deque()
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def connection(self, timeout: float | None = None) -> Iterator[Sip2Client]:
        client = self._acquire(self.acquire_timeout if timeout is None else timeout)
        healthy = True
        try:
            yield client
        except _BROKEN:
            healthy = False
            raise
        finally:
            self._release(client, healthy and client.connected)

    def _acquire(self, timeout: float | None) -> Sip2Client:
        if self._closed:
            raise Sip2PoolError("pool is closed")
        if not self._slots.acquire(timeout=timeout):
            raise Sip2PoolError(f"no SIP2 connection free within {timeout}s")
        try:
            with self._lock:
                client = self._idle.popleft() if self._idle else None
            if client is None:
                client = self._factory()
                client.connect()
            return client
        except BaseException:
            self._slots.release()
            raise

    def _release(self, client: Sip2Client, healthy: bool) -> None:
        try:
            with self._lock:
                if healthy and not self._closed:
                    self._idle.append(client)
                    return
            client.close()
        finally:
            self._slots.release()

    def probe_idle(self, probe: Callable[[Sip2Client], object]) -> int:
        """Run `probe` (a 99 heartbeat) on each idle session once and drop
        the ones that fail, so no request starts on a connection the ACS
        closed while it sat idle.  Busy sessions are left alone: they are
        talking already.  Returns how many sessions stay idle."""
        for _ in range(self.idle_count):
            if not self._slots.acquire(blocking=False):
                break
            with self._lock:
                client = self._idle.popleft() if self._idle else None
            if client is None:
                self._slots.release()
                break
            healthy = True
            try:
                probe(client)
            except Sip2Error:
                healthy = False
            self._release(client, healthy and client.connected)
        return self.idle_count

    @property
    def idle_count(self) -> int:
        with self._lock:
            return len(self._idle)

    def close(self) -> None:
        """Close idle sessions; sessions in use are closed on release."""
        with self._lock:
            self._closed = True
            idle, self._idle = list(self._idle), deque()
        for client in idle:
            client.close()

    def __enter__(self) -> Sip2Pool:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
