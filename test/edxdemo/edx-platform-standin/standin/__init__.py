"""A stand-in for edx-platform: a WSGI app that reads the rendered
configuration (lms.yml or studio.yml, as edx-platform does) and serves a
page showing its PLATFORM_NAME. Python standard library and PyYAML only."""
import html
import os

import yaml


def load_config(env_name, default_path):
    """Reads the YAML configuration named by the environment variable."""
    path = os.environ.get(env_name, default_path)
    with open(path, encoding="utf-8") as f:
        return path, yaml.safe_load(f) or {}


def make_app(variant, env_name, default_path):
    """Returns the WSGI application of one service variant (lms or cms).

    The configuration is read once, at start-up, like Django settings: a
    changed file shows only after the service restarts."""
    path, config = load_config(env_name, default_path)
    name = str(config.get("PLATFORM_NAME") or "")
    if not name:
        # As Django refuses to start with a broken setting, the worker
        # fails to boot (a deliberately broken configuration in tests).
        raise RuntimeError("ImproperlyConfigured: PLATFORM_NAME is empty in " + path)
    page = (
        "<!doctype html>\n<html><head><title>{name}</title></head>\n"
        "<body><h1>{name}</h1>\n"
        "<p>PLATFORM_NAME: {name}</p>\n"
        "<p>edx-platform stand-in, {variant}, configured by {path}</p>\n"
        "</body></html>\n"
    ).format(name=html.escape(name), variant=variant, path=html.escape(path))
    body = page.encode("utf-8")

    def application(environ, start_response):
        if environ.get("PATH_INFO", "/") == "/heartbeat":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"OK\n"]
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                  ("Content-Length", str(len(body)))])
        return [body]

    return application
