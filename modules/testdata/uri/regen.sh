#!/bin/sh
# Regenerates uri/*.json: serves the routes below (the same as
# uri_test.go's server) on 127.0.0.1, runs real ansible-core's uri on each
# case of cases.json (@URL@ is the server) and records the result without
# the fields that differ between runs and servers (date, server, elapsed).
set -eu
cd "$(dirname "$0")"
python3 - <<'PY'
import http.server, json, os, subprocess, threading

class H(http.server.BaseHTTPRequestHandler):
    def reply(self, code, ctype, body, extra=()):
        body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        for k, v in extra:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def route(self):
        n = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(n).decode() if n else ""
        p = self.path
        if p == "/json":
            self.reply(200, "application/json", json.dumps({"a": 1, "b": [True, None, "x"], "c": 1.5}, sort_keys=True))
        elif p == "/text":
            self.reply(200, "text/plain; charset=utf-8", "hello\n", [("Set-Cookie", "a=1; Path=/"), ("Set-Cookie", "b=2"), ("X-Custom-Header", "yes")])
        elif p == "/redirect":
            self.reply(302, "text/plain", "moved\n", [("Location", "/json")])
        elif p == "/echo":
            self.reply(200, "application/json", json.dumps({"body": data, "content_type": self.headers.get("Content-Type"), "method": self.command}, sort_keys=True))
        elif p == "/problem":
            self.reply(500, "application/problem+json", json.dumps({"error": "boom"}))
        else:
            self.reply(404, "text/plain", "nope\n")
    do_GET = do_POST = do_PUT = route
    def log_message(self, *a):
        pass

srv = http.server.HTTPServer(("127.0.0.1", 0), H)
threading.Thread(target=srv.serve_forever, daemon=True).start()
base = "http://127.0.0.1:%d" % srv.server_address[1]
env = dict(os.environ, ANSIBLE_LOCALHOST_WARNING="false", ANSIBLE_INVENTORY_UNPARSED_WARNING="false",
           ANSIBLE_NOCOLOR="1", ANSIBLE_LOAD_CALLBACK_PLUGINS="1", ANSIBLE_STDOUT_CALLBACK="json")
DROP = ("date", "server", "elapsed", "invocation", "_ansible_no_log", "connection")
for case in json.load(open("cases.json")):
    args = json.loads(json.dumps(case["args"]).replace("@URL@", base))
    out = subprocess.run(["ansible", "localhost", "-c", "local", "-m", "uri", "-a", json.dumps(args)],
                         env=env, capture_output=True, text=True).stdout
    res = json.loads(out)["plays"][0]["tasks"][0]["hosts"]["localhost"]
    res = {k: v for k, v in res.items() if k not in DROP}
    res.setdefault("failed", False)
    res = json.loads(json.dumps(res).replace(base, "@URL@"))
    with open(case["name"] + ".json", "w") as fh:
        json.dump(res, fh, indent=2, sort_keys=True)
        fh.write("\n")
    print(case["name"], res.get("status"), res.get("msg"))
srv.shutdown()
PY
