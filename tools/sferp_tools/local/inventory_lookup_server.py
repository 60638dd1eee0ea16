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

_MAX_BODY = 1024 * 1024  # bytes; API Gateway's limit is 10 MB, 200 items fit in a few KB


def make_server(local: LocalInventory, port: int = 8080) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._dispatch("GET")

        def do_POST(self) -> None:
            self._dispatch("POST")

        def _dispatch(self, method: str) -> None:
            url = urlsplit(self.path)
            length = min(int(self.headers.get("Content-Length") or 0), _MAX_BODY)
            body = self.rfile.read(length).decode("utf-8", "replace") if length else None
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
            payload = json.dumps(answer.body, indent=2).encode() if answer.body is not None else b""
            self.send_response(answer.status)
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
