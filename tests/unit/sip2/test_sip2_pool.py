"""Pool: a stack of ten items checked out in parallel equals one by one."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from kiosk.sip2 import Sip2ConnectionError, Sip2Pool, Sip2PoolError
from tests.fakes.sip2_server import FakeSip2Server

from .conftest import PASSWORD, make_ils

STACK = [f"S{n}" for n in range(10)]


def outcome(answer):
    return (answer.get("AB"), answer.ok, answer.get("AJ"), answer.get("AH"))


def run_stack(config_for, parallel: bool):
    ils = make_ils()
    with FakeSip2Server(ils, password=PASSWORD) as srv, Sip2Pool(config_for(srv), size=4) as pool:

        def checkout(item):
            with pool.connection() as client:
                return outcome(client.checkout("P2", item))

        if parallel:
            with ThreadPoolExecutor(max_workers=6) as workers:
                results = list(workers.map(checkout, STACK))
        else:
            results = [checkout(item) for item in STACK]
        accepted = srv.connections_accepted
    return results, ils, accepted


def test_parallel_checkout_equals_sequential(config_for):
    sequential, ils_seq, _ = run_stack(config_for, parallel=False)
    parallel, ils_par, accepted = run_stack(config_for, parallel=True)
    assert parallel == sequential
    assert all(ok for _, ok, _, _ in parallel)
    assert ils_par.loans() == ils_seq.loans() == dict.fromkeys(STACK, "P2")
    assert sorted(t.item for t in ils_par.transactions if t.kind == "checkout") == STACK
    assert accepted <= 4


def test_pool_drops_a_broken_session_and_opens_a_new_one(config_for):
    ils = make_ils()
    with FakeSip2Server(ils, password=PASSWORD) as srv, Sip2Pool(config_for(srv), size=2) as pool:
        with pool.connection() as client:
            client.item_information("I1")
        assert pool.idle_count == 1
        srv.inject("drop_before", code="11")
        with pytest.raises(Sip2ConnectionError), pool.connection() as client:
            client.checkout("P2", "I2")
        assert pool.idle_count == 0
        with pool.connection() as client:
            assert client.checkout("P2", "I2").ok
        assert srv.connections_accepted == 2


def test_pool_limits_and_close(config_for):
    ils = make_ils()
    with FakeSip2Server(ils, password=PASSWORD) as srv:
        pool = Sip2Pool(config_for(srv), size=1)
        with pool.connection(), pytest.raises(Sip2PoolError), pool.connection(timeout=0.05):
            pass
        pool.close()
        with pytest.raises(Sip2PoolError), pool.connection():
            pass
