"""Every malformed request gets a 4xx with a reason, never a 500 (which would count toward the 5xx
alarm): through the handler as API Gateway calls it, and through the local server."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sferp_tools.local import inventory_lookup_server
from sferp_tools.local.harness import rest_event
from sferp_tools.local.inventory_lookup import LocalInventory

from sferp.inventory_lookup import names as inventory_names


@pytest.mark.parametrize(
    ("raw", "status", "said"),
    [
        ("[" * 5_000 + "]" * 5_000, 400, "nests deeper"),
        ('{"plant": "1000", "items": ' + "[" * 3_000 + "]" * 3_000 + "}", 400, "nests deeper"),
        ('{"plant": "1000", "items": [{"sku": "MAT-100", "quantity": 1e999}]}', 422, "items.0.quantity"),
        (
            '{"plant": "1000", "items": [{"sku": "M", "quantity": 1}], "x": "' + "y" * 300_000 + '"}',
            413,
            "byte limit",
        ),
    ],
    ids=["nested-array", "nested-items", "infinite-quantity", "oversized"],
)
def test_the_function_answers_malformed_bodies_with_a_4xx(raw: str, status: int, said: str) -> None:
    with LocalInventory() as inventory:
        answer = inventory.invoke(rest_event("POST", inventory_names.INVENTORY_PATH, raw_body=raw))
    assert answer.status == status
    assert said in json.dumps(answer.body)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, int]]:
    monkeypatch.setattr(inventory_lookup_server, "CLIENT_TIMEOUT_S", 1)
    with LocalInventory() as inventory:
        httpd = inventory_lookup_server.make_server(inventory, port=0)
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield "127.0.0.1", httpd.server_address[1]
        finally:
            httpd.shutdown()
            httpd.server_close()


def _raw(address: tuple[str, int], request: bytes, *, wait_s: float = 5) -> tuple[int, dict[str, Any]]:
    with socket.create_connection(address, timeout=wait_s) as conn:
        conn.sendall(request)
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), json.loads(body or b"null")


def test_a_bad_content_length_is_400(server: tuple[str, int]) -> None:
    status, body = _raw(
        server,
        b"POST /availability HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\nConnection: close\r\n\r\n{}",
    )
    assert status == 400 and "not a byte count" in body["message"]


def test_a_body_over_the_limit_is_413_without_reading_it(server: tuple[str, int]) -> None:
    size = inventory_names.INVENTORY_MAX_BODY_BYTES + 1
    status, body = _raw(
        server, f"POST /availability HTTP/1.1\r\nHost: x\r\nContent-Length: {size}\r\n\r\n".encode() + b"{"
    )
    assert status == 413 and "byte limit" in body["message"]


def test_a_slow_client_is_timed_out_and_its_thread_freed(server: tuple[str, int]) -> None:
    # Given a client that announces 100 bytes and sends 2
    started = time.monotonic()
    status, body = _raw(server, b"POST /availability HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{}")
    assert "did not arrive" in body["message"]
    # Then it is answered 408 within the timeout, and the server still answers the next request
    assert status == 408 and time.monotonic() - started < 4
    status, _ = _raw(
        server, b"GET /availability/MAT-100?plant=1000 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    assert status == 200
