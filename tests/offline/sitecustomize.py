"""Loaded by every Python process the tests start (via PYTHONPATH, see conftest.py).

It makes the promise "works with the network and NLTK data absent" testable: any connection
to a non-loopback address raises, and NLTK is pointed at an empty data folder. Loopback stays
open because Jupyter kernels talk to their client over it.
"""

import os
import socket
import tempfile

_LOOPBACK = ("127.", "::1", "localhost")
_original_connect = socket.socket.connect
_original_connect_ex = socket.socket.connect_ex


def _check(sock, address):
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        host = str(address[0])
        if not host.startswith(_LOOPBACK):
            raise OSError(f"network access is blocked in newslib's tests (tried {address!r})")


def _connect(self, address):
    _check(self, address)
    return _original_connect(self, address)


def _connect_ex(self, address):
    _check(self, address)
    return _original_connect_ex(self, address)


socket.socket.connect = _connect
socket.socket.connect_ex = _connect_ex

if not os.environ.get("NEWSLIB_TEST_NLTK_DATA"):
    os.environ["NEWSLIB_TEST_NLTK_DATA"] = tempfile.mkdtemp(prefix="no-nltk-data-")
os.environ["NLTK_DATA"] = os.environ["NEWSLIB_TEST_NLTK_DATA"]
