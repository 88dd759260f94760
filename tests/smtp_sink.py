"""A real SMTP server on the loopback interface (aiosmtpd) that keeps every message it accepts.

``kill_on_data``: the pid of a process to kill with SIGKILL once a message's data has arrived and
before the server answers, the moment where a sender cannot know the mail went out.
"""

import email
import email.policy
import os
import signal
import threading

from aiosmtpd.controller import Controller

from harness.served import free_port


class Sink:
    """The handler: messages as :class:`email.message.EmailMessage`."""

    def __init__(self):
        self.messages = []
        self.kill_on_data: int | None = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
            victim, self.kill_on_data = self.kill_on_data, None
        if victim:
            os.kill(victim, signal.SIGKILL)
        return "250 Message accepted for delivery"


class SMTPSink:
    """``with SMTPSink() as sink:`` a server on 127.0.0.1:``sink.port``; ``sink.messages``."""

    def __init__(self):
        self.handler = Sink()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def messages(self):
        with self.handler.lock:
            return list(self.handler.messages)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def parts(message) -> tuple[str, str]:
    """Return ``(plain text, HTML)`` of a digest."""
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html
