"""A `reskg ingest` killed (SIGKILL) at any point leaves the store as it was before the write, or
with the write whole: never in between.

Each run ingests into its own copy of the bundled store, in a subprocess; `RESKG_INGEST_PAUSE`
makes it stop just before or just after the one write transaction, and a larger text is killed
at several moments inside the write. The store is then reopened and its quads (every named graph)
compared with the state before and after.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from app.settings import PROJECT_ROOT
from tests.ingest.conftest import quads, wtdc_99


def long_text(paragraphs: int) -> bytes:
    """A text whose graph takes about a second to write: many operative paragraphs."""
    operative = "\n".join(
        f"{i} to take into account Resolution 140 (Rev. Busan, 2014) and Resolution 71 "
        f"(Rev. Busan, 2014) of the Plenipotentiary Conference and Action Line C{1 + i % 11};"
        for i in range(1, paragraphs + 1)
    )
    return (
        "RESOLUTION 98 (Buenos Aires, 2017)\n\nA long text\n\n"
        "The World Telecommunication Development Conference (Buenos Aires, 2017),\n\n"
        "recalling\n\na) Resolution 140 (Rev. Busan, 2014) of the Plenipotentiary Conference;\n\n"
        f"resolves\n\n{operative}\n"
    ).encode()


class Run:
    """`reskg ingest FILE --store DIR` in a subprocess, paused at `pause` if given."""

    def __init__(self, template: Path, work: Path, name: str, data: bytes, pause: str) -> None:
        self.store = work / "store"
        shutil.copytree(template, self.store)
        source = work / name
        source.write_bytes(data)
        env = {**os.environ, "RESKG_INGEST_PAUSE": pause, "PYTHONPATH": str(PROJECT_ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "ingest", str(source), "--store", str(self.store)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
        )

    def wait_for(self, point: str) -> None:
        assert self.process.stderr is not None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = self.process.stderr.readline().decode()
            assert line, f"the ingest ended before {point}"
            if line == f"reskg ingest: {point}\n":
                return
        raise AssertionError(f"no {point} within 120 s")

    def kill(self) -> set[str]:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)
        assert self.process.returncode == -signal.SIGKILL
        return quads(self.store)

    def finish(self) -> set[str]:
        assert self.process.wait(120) == 0
        return quads(self.store)


def test_a_kill_before_inside_or_after_the_write_leaves_old_or_new_never_half(
    template_dir: Path, template_quads: set[str], tmp_path: Path
) -> None:
    def run(label: str, name: str, data: bytes, pause: str) -> Run:
        (tmp_path / label).mkdir()
        return Run(template_dir, tmp_path / label, name, data, pause)

    long = long_text(400)
    before = run("before", "wtdc-99.txt", wtdc_99(), "validated:60")
    after = run("after", "wtdc-99.txt", wtdc_99(), "written:60")
    reference = run("reference", "long.txt", long, "")
    inside = [run(f"inside-{i}", "long.txt", long, "validated:0") for i in range(3)]

    before.wait_for("validated")
    assert before.kill() == template_quads
    after.wait_for("written")
    landed = after.kill()
    assert landed > template_quads
    assert any("source/wtdc-99>" in q for q in landed - template_quads)
    states: dict[float, set[str]] = {}

    def kill_inside(killed: Run, delay: float) -> None:
        killed.wait_for("validated")
        time.sleep(delay)
        states[delay] = killed.kill()

    threads = [
        threading.Thread(target=kill_inside, args=(killed, delay))
        for killed, delay in zip(inside, (0.1, 0.6, 1.5), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    complete = reference.finish()
    assert complete > template_quads
    outcomes = {}
    for delay, state in sorted(states.items()):
        assert state in (template_quads, complete), f"half-written after a kill at +{delay} s"
        outcomes[delay] = "old" if state == template_quads else "new"
    assert len(outcomes) == 3
    print(f"kills inside the write left: {outcomes}")
