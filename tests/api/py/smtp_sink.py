"""A real SMTP server for the mail fault tests (aiosmtpd).

    python3 smtp_sink.py PORT DIR

Behaviour per message comes from DIR/mode: `ok` (store it as DIR/<n>.eml),
`busy` (451, try later), `reject` (550 at RCPT), `hang` (never answer DATA),
`slowack` (store it, then never answer: the sender cannot know it arrived).
Prints `ready` once it listens; runs until killed.
"""
import asyncio
import pathlib
import sys
import time

from aiosmtpd.controller import Controller

port, folder = int(sys.argv[1]), pathlib.Path(sys.argv[2])


def mode():
    try:
        return (folder / "mode").read_text().strip()
    except FileNotFoundError:
        return "ok"


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if mode() == "reject":
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        m = mode()
        if m == "busy":
            return "451 4.3.0 busy, try again later"
        if m == "hang":
            await asyncio.sleep(3600)
        n = len(list(folder.glob("*.eml")))
        (folder / f"{n:04}.eml").write_bytes(envelope.original_content or envelope.content)
        if m == "slowack":
            await asyncio.sleep(3600)
        return "250 OK"


controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
try:
    while True:
        time.sleep(3600)
finally:
    controller.stop()
