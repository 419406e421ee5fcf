"""A local stand-in for the Telegram Bot API: speaks sendMessage and sendPhoto, records what
it was sent, and answers 429, 401 or not at all when a test tells it to."""

import json
import threading
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class FakeBotAPI(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.calls: list[dict] = []
        self.replies: list[str] = []  # "ok" (default), "429:<seconds>", "401", "hang"
        self.release = threading.Event()
        self.next_id = 100
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self):
        self.release.set()
        self.shutdown()
        self.server_close()


def _fields(content_type: str, body: bytes) -> tuple[dict, bytes | None]:
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode() + body
        )
        fields, photo = {}, None
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if part.get_filename():
                photo = part.get_payload(decode=True)
            else:
                fields[name] = part.get_payload(decode=True).decode("utf-8")
        return fields, photo
    return {key: values[0] for key, values in parse_qs(body.decode()).items()}, None


class Handler(BaseHTTPRequestHandler):
    server: FakeBotAPI

    def log_message(self, format, *args):
        pass

    def do_POST(self):
        _empty, bot, method = self.path.split("/", 2)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        fields, photo = _fields(self.headers.get("Content-Type", ""), body)
        with self.server.lock:
            reply = self.server.replies.pop(0) if self.server.replies else "ok"
            self.server.calls.append(
                {
                    "method": method,
                    "token": bot.removeprefix("bot"),
                    "photo": photo,
                    "accepted": reply in ("ok", "hang"),
                    **fields,
                }
            )
            self.server.next_id += 1
            message_id = self.server.next_id
        if reply == "hang":
            self.server.release.wait(30)
        if reply.startswith("429"):
            seconds = int(reply.split(":")[1])
            status, answer = (
                429,
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {seconds}",
                    "parameters": {"retry_after": seconds},
                },
            )
        elif reply == "401":
            status, answer = 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        else:
            status, answer = 200, {"ok": True, "result": {"message_id": message_id}}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
