"""Start and stop the SPARQL servers the backend tests run against, on 127.0.0.1 only."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
NumberOfBuffers = 100000
MaxDirtyBuffers = 75000
DirsAllowed = {dir}
ThreadCleanupInterval = 0
{parameters}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 5
ServerThreads = 5
EnabledDavVSP = 0

[SPARQL]
{sparql}
"""
"""A Virtuoso configuration confined to one directory and to the loopback interface. Its buffer
pool (100,000 pages of 8 KB, taken as they are used) holds the database of a 10,000-document
build: with 10,000 (80 MB) the server thrashed ("Read wait on column page", "Low query memory
limit") and once crashed (SIGSEGV) in the middle of such a build."""

VIRTUOSO_SPARQL_DEFAULTS = """\
ResultSetMaxRows = 10000
MaxConstructTriples = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""
"""The [SPARQL] limits of the virtuoso.ini Debian and OpenLink ship: tests meet them too."""


def free_port() -> int:
    """A TCP port nobody listens on right now, on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout_s: float) -> float:
    """Seconds until `url` answers 200; raise if the process dies or time runs out."""
    start = time.monotonic()
    while time.monotonic() - start < timeout_s:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return time.monotonic() - start
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout_s} s")


@dataclass
class Server:
    """A running server process and the endpoints it offers."""

    process: subprocess.Popen[bytes]
    query_url: str
    update_url: str
    gsp_url: str | None
    user: str | None = None
    password: str | None = None
    auth: str | None = None
    started_in_s: float = 0.0
    log: Path | None = field(default=None)

    def stop(self) -> None:
        """Terminate the process (this one only) and wait for it."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def start_virtuoso(
    directory: Path, password: str, sparql: str = VIRTUOSO_SPARQL_DEFAULTS, parameters: str = ""
) -> Server:
    """A fresh Virtuoso database in `directory`; `dba`'s password is set before it listens.
    `sparql` is the [SPARQL] section; `parameters`, lines added to [Parameters]."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        raise FileNotFoundError("virtuoso-t")
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(
            dir=directory,
            sql_port=sql_port,
            http_port=http_port,
            sparql=sparql,
            parameters=parameters,
        )
    )
    log = directory / "server.log"
    with log.open("ab") as out:
        # First run: create the database, change dba's password, exit (it never listens).
        subprocess.run(
            [binary, "-f", "-c", str(ini), "+pwdold", "dba", "+pwddba", password],
            cwd=directory,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=True,
            timeout=120,
        )
        process = subprocess.Popen(
            [binary, "-f", "-c", str(ini)], cwd=directory, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{http_port}"
    server = Server(
        process=process,
        query_url=f"{base}/sparql",
        update_url=f"{base}/sparql-auth",
        gsp_url=f"{base}/sparql-graph-crud-auth",
        user="dba",
        password=password,
        auth="digest",
        log=log,
    )
    try:
        server.started_in_s = wait_until_up(f"{base}/sparql?query=ASK%7B%7D", process, 90)
    except BaseException:
        server.stop()
        raise
    return server


def start_oxigraph(directory: Path) -> Server:
    """`oxigraph serve` on a fresh directory."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    log = directory / "server.log"
    with log.open("ab") as out:
        process = subprocess.Popen(
            [binary, "serve", "--location", str(directory / "data"), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    server = Server(
        process=process,
        query_url=f"{base}/query",
        update_url=f"{base}/update",
        gsp_url=f"{base}/store",
        log=log,
    )
    try:
        server.started_in_s = wait_until_up(f"{base}/query?query=ASK%7B%7D", process, 30)
    except BaseException:
        server.stop()
        raise
    return server
