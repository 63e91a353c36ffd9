"""The sign-in page that trades an API key for a browser session."""

from __future__ import annotations

from service.render.jinja import environment


def login_html(next_path: str, hours: int, message: str = "") -> str:
    return environment().get_template("login.html").render(next=next_path, hours=hours, message=message)
