"""A local HTTP server for the inventory API: stdlib ``ThreadingHTTPServer`` on 127.0.0.1 that
turns each request into an API Gateway REST proxy event for the real handler.

No authentication: it binds to loopback only and exists so a person, a browser or curl can try
the API (``sferp local inventory_lookup serve --port 8080``).
"""

from __future__ import annotations

import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from sferp.inventory_lookup import names as inventory_names
from sferp_tools.local.harness import rest_event
from sferp_tools.local.inventory_lookup import LocalInventory

_MAX_BODY = inventory_names.INVENTORY_MAX_BODY_BYTES
CLIENT_TIMEOUT_S = 10  # seconds a client may take to send its request; then the connection is closed


def make_server(local: LocalInventory, port: int = 8080) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        # A socket timeout for every read: a client that announces more than it sends (or sends
        # nothing) gets 408 and its thread back, instead of holding the thread for ever.
        timeout = CLIENT_TIMEOUT_S

        def do_GET(self) -> None:
            self._dispatch("GET")

        def do_POST(self) -> None:
            self._dispatch("POST")

        def _dispatch(self, method: str) -> None:
            url = urlsplit(self.path)
            declared = (self.headers.get("Content-Length") or "0").strip()
            if not declared.isdigit():
                self._answer(
                    400, {"message": f"Content-Length {declared!r} is not a byte count", "errors": []}
                )
                return
            length = int(declared)
            if length > _MAX_BODY:
                # Not read at all: the connection closes after the answer.
                self.close_connection = True
                self._answer(
                    413,
                    {
                        "message": f"request body of {length} bytes is over the {_MAX_BODY} byte limit",
                        "errors": [],
                    },
                )
                return
            try:
                raw = self.rfile.read(length) if length else b""
            except TimeoutError:
                self.close_connection = True
                self._answer(
                    408,
                    {"message": f"the request body did not arrive within {CLIENT_TIMEOUT_S} s", "errors": []},
                )
                return
            if len(raw) < length:
                self.close_connection = True
                self._answer(
                    400, {"message": f"the body ended after {len(raw)} of {length} bytes", "errors": []}
                )
                return
            body = raw.decode("utf-8", "replace") if raw else None
            query = dict(parse_qsl(url.query))
            path = url.path.rstrip("/") or "/"
            resource, params = path, None
            prefix = inventory_names.INVENTORY_PATH + "/"
            if path.startswith(prefix) and "/" not in path[len(prefix) :]:
                resource, params = (
                    f"{inventory_names.INVENTORY_PATH}/{{sku}}",
                    {"sku": unquote(path[len(prefix) :])},
                )
            event = rest_event(
                method, path, raw_body=body, query=query or None, resource=resource, path_parameters=params
            )
            answer = local.invoke(event)
            self._answer(answer.status, answer.body)

        def _answer(self, status: int, body: Any) -> None:
            payload = json.dumps(body, indent=2).encode() if body is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            print(f"{self.command} {self.path} -> {args[1] if len(args) > 1 else ''}", file=sys.stderr)

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def serve(local: LocalInventory, *, port: int) -> int:
    server = make_server(local, port)
    host, bound = "127.0.0.1", server.server_address[1]
    print(f"inventory API on http://{host}:{bound} (local only, no auth). Try:", file=sys.stderr)
    print(
        f"  curl -s -X POST http://{host}:{bound}/availability -H 'Content-Type: application/json' "
        '-d \'{"plant": "1000", "items": [{"sku": "MAT-100", "quantity": 5}]}\'',
        file=sys.stderr,
    )
    print(f"  curl -s 'http://{host}:{bound}/availability/MAT-200?plant=1000&quantity=3'", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
