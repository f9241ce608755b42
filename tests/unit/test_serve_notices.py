"""A server's notice of an edit (the plugin's ``_notice_at_once``): the system's notice of a file written asks
MkDocs' server for a rebuild at once, and the server waits only briefly for quiet before it starts it."""

from __future__ import annotations

import threading
from pathlib import Path

from khartoum_site.adapters.plugin import QUIET_SECONDS, KhartoumPlugin


class Server:
    """What the plugin reads and sets of MkDocs' LiveReloadServer (mkdocs/livereload)."""

    def __init__(self) -> None:
        self.build_delay = 0.1  # MkDocs 1.6's
        self._want_rebuild = False
        self._rebuild_cond = threading.Condition()


def test_a_file_written_asks_for_a_rebuild_after_a_short_quiet(tmp_path: Path) -> None:
    server = Server()
    plugin = KhartoumPlugin()
    plugin._notice_at_once(server, [str(tmp_path)])
    try:
        assert plugin.notifier is not None
        assert server.build_delay == QUIET_SECONDS < 0.1
        (tmp_path / "states.yml").write_text("- id: x\n", encoding="utf-8")
        with server._rebuild_cond:
            assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=30)
    finally:
        plugin.on_shutdown()
    assert plugin.notifier is None
